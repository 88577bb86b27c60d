"""Run every benchmark, print each figure against its budget and as a ratio to a baseline.

    .venv/bin/python bench/run_all.py            # full size: every budget enforced (exit 1 if over)
    .venv/bin/python bench/run_all.py --quick    # CI size: fails only on a twofold regression
    .venv/bin/python bench/run_all.py --quick --record    # write the ratios as the new reference
    .venv/bin/python bench/run_all.py --readme   # also rewrite the README's table of figures

Budgets are written for the full sizes (100,000 breaches, 20,000 log rows …); at CI size the
figures are smaller and the budgets are printed for orientation only. What CI enforces is the
ratio of each figure to a baseline measured in the same run on the same machine — a bare PySide6
window, a plain Python loop, a plain SQLite query — against the ratio recorded in
``bench/baselines.json``: a figure whose ratio is more than twice its recorded ratio, on a run
of its benchmark and again on a second run made to confirm it, is a regression, whatever the
machine's speed or load. A memory figure does not move with the machine's speed: it is its own
ratio, in megabytes, so twice the memory recorded is a regression too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RECORD = HERE / "baselines.json"
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
REGRESSION = 2.0
sys.path.insert(0, str(HERE))

from figures import FAILED, PREFIX  # noqa: E402


@dataclass(frozen=True)
class Bench:
    script: str
    quick: tuple[str, ...]
    full: tuple[str, ...]
    needs_pg: bool = False
    timeout_s: int = 1800


BENCHES = (
    Bench("bench_method.py", ("--seconds", "1", "--runs", "5"), ()),
    Bench("bench_reports.py", ("--runs", "5"), ()),
    Bench("bench_startup.py", ("--runs", "3", "--breaches", "2000"), ()),
    Bench("bench_register.py", ("--n", "10000"), (), needs_pg=True, timeout_s=3600),
    Bench("bench_tracking.py", ("--n", "10000"), (), needs_pg=True, timeout_s=3600),
    Bench("bench_oldlog.py", ("--n", "2000"), ()),
    Bench("bench_remind.py", ("--n", "10000"), (), needs_pg=True),
    Bench("bench_committee.py", ("--n", "10000"), (), needs_pg=True),
    Bench("bench_recheck.py", ("--n", "10000"), (), needs_pg=True, timeout_s=3600),
)


@dataclass
class Figure:
    bench: str
    name: str
    value: float
    unit: str
    budget: float | None
    baseline: str
    higher_is_better: bool
    ratio: float | None = None

    @property
    def seconds(self) -> float | None:
        """The figure as a cost in seconds (what a slower machine makes bigger)."""
        if self.unit == "s":
            return self.value
        if self.unit == "ms":
            return self.value / 1000
        if self.unit == "per s":
            return 1 / self.value if self.value else None
        return None

    @property
    def key(self) -> str:
        return f"{self.bench}: {self.name}"

    @property
    def within(self) -> bool | None:
        if self.budget is None:
            return None
        return self.value >= self.budget if self.higher_is_better else self.value <= self.budget

    def shown(self, value: float | None) -> str:
        if value is None:
            return "—"
        if self.unit == "per s":
            return f"{value:,.0f} per s"
        if self.unit == "s" and value < 1:  # 0.15 s would round to a misleading 0.1 s
            return f"{value * 1000:,.0f} ms"
        return f"{value:,.1f} {self.unit}" if value < 100 else f"{value:,.0f} {self.unit}"


# --- the baselines, measured in the same run --------------------------------------------------

BARE_QT = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 700)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _median(f: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def baseline_qt() -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    return _median(lambda: subprocess.run([sys.executable, "-c", BARE_QT], env=env, check=True), 5)


def baseline_python() -> float:
    def loop() -> None:
        table: dict[str, int] = {}
        for i in range(200_000):
            table[f"IG-{i:06d}"] = i * i
        words = " ".join(k for k, v in table.items() if v % 7 == 2)
        assert words.count("IG-") > 0

    return _median(loop, 7)


def baseline_sqlite() -> float:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, service TEXT, due TEXT, title TEXT)")
    conn.executemany(
        "INSERT INTO t (service, due, title) VALUES (?, ?, ?)",
        (
            (f"service {i % 37}", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", f"breach {i}")
            for i in range(100_000)
        ),
    )
    conn.execute("CREATE INDEX t_due ON t (due)")

    def query() -> None:
        conn.execute(
            "SELECT service, count(*), min(due) FROM t WHERE title LIKE '%7%' GROUP BY service "
            "ORDER BY 2 DESC"
        ).fetchall()
        conn.execute("SELECT * FROM t ORDER BY due, id LIMIT 200 OFFSET 5000").fetchall()

    result = _median(query, 9)
    conn.close()
    return result


# --- running the benchmarks -------------------------------------------------------------------


def run_bench(bench: Bench, quick: bool, pg: str | None) -> tuple[list[Figure], str | None]:
    path = HERE / bench.script
    if not path.exists():
        return [], "not in this checkout"
    args = list(bench.quick if quick else bench.full)
    if bench.needs_pg:
        args += ["--engine", "both" if pg else "sqlite"]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    print(f"$ {Path(sys.executable).name} bench/{bench.script} {' '.join(args)}", flush=True)
    try:
        proc = subprocess.run(
            [sys.executable, str(path), *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=bench.timeout_s,
        )
    except subprocess.TimeoutExpired:
        return [], f"did not finish within {bench.timeout_s} s"
    figures = []
    failed_parts = []
    for line in proc.stdout.splitlines():
        if line.startswith(FAILED):
            failed_parts.append(json.loads(line[len(FAILED) :])["part"])
        elif line.startswith(PREFIX):
            data = json.loads(line[len(PREFIX) :])
            figures.append(Figure(bench=bench.script, **data))
        elif line.strip():
            print(f"    {line}", flush=True)
    problem = None
    if not figures:
        problem = f"printed no figures (exit {proc.returncode})"
        tail = proc.stderr.strip().splitlines()[-5:]
        for line in tail:
            print(f"    ! {line}", flush=True)
    elif failed_parts:
        problem = f"did not run to its end for {', '.join(failed_parts)} (exit {proc.returncode})"
    return figures, problem


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI sizes; fail only on regressions")
    parser.add_argument("--record", action="store_true", help="write the ratios as the reference")
    parser.add_argument("--readme", action="store_true", help="rewrite the README's figures")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (script names)")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    pg = os.environ.get("BREACH_DESK_TEST_PG")

    print("Baselines (median, measured now):", flush=True)
    baselines = {"qt": baseline_qt(), "python": baseline_python(), "sqlite": baseline_sqlite()}
    words = {"qt": "bare PySide6 window", "python": "plain Python loop", "sqlite": "SQLite query"}
    for kind, seconds in baselines.items():
        print(f"  {words[kind]:<20} {seconds * 1000:8.1f} ms", flush=True)

    figures: list[Figure] = []
    problems: list[str] = []
    for bench in BENCHES:
        if args.only and bench.script not in args.only:
            continue
        found, problem = run_bench(bench, args.quick, pg)
        figures += found
        if problem:
            (print if problem == "not in this checkout" else problems.append)(
                f"{bench.script}: {problem}"
            )
    _ratios(figures, baselines)

    recorded = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}
    reference: dict[str, float] = recorded.get(mode, {})
    ran = {b.script for b in BENCHES if not args.only or b.script in args.only}
    problems += unmeasured(reference, figures, ran, pg is not None)
    verdicts = judge(figures, reference, args.quick)
    # A regression is one that repeats: a benchmark with a figure over twice its recorded ratio
    # runs once more, and each of its figures keeps the better of its two runs (a millisecond
    # figure can double on one run of a busy machine; a real regression doubles on both).
    again = {f.bench for f, v in zip(figures, verdicts, strict=True) if v.startswith("REGRESS")}
    for bench in (b for b in BENCHES if b.script in again):
        print(f"confirming {bench.script}: a figure is over twice its recorded ratio", flush=True)
        second, _problem = run_bench(bench, args.quick, pg)
        _ratios(second, baselines)
        better = {f.key: f for f in second}
        figures = [_better(f, better.get(f.key)) for f in figures]
    verdicts = judge(figures, reference, args.quick)
    regressions = sum(v.startswith("REGRESSION") for v in verdicts)
    over = sum(v == "over budget" for v in verdicts)
    print(f"\n{'figure':<58} {'value':>14} {'budget':>14}  {'ratio':>8} {'recorded':>8}")
    for f, verdict in zip(figures, verdicts, strict=True):
        was = reference.get(f.key)
        ratio = f"{f.ratio:8.3g}" if f.ratio is not None else f"{'—':>8}"
        ref = f"{was:8.3g}" if was is not None else f"{'new':>8}"
        print(
            f"{f.key:<58} {f.shown(f.value):>14} {f.shown(f.budget):>14}  {ratio} {ref}  {verdict}"
        )
    for problem in problems:
        print(f"PROBLEM {problem}")

    if args.record:
        recorded[mode] = {f.key: float(f"{f.ratio:.4g}") for f in figures if f.ratio is not None}
        RECORD.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(recorded[mode])} ratios in {RECORD.relative_to(ROOT)} ({mode})")
    if args.readme:
        rewrite_readme(figures, mode)

    print(
        f"\n{len(figures)} figures; {regressions} regressions (ratio > {REGRESSION:g} x recorded)"
        + ("" if args.quick else f"; {over} over budget")
        + (f"; {len(problems)} benchmarks failed" if problems else "")
    )
    return 1 if regressions or problems or over else 0


def unmeasured(
    reference: dict[str, float], figures: list[Figure], ran: set[str], with_pg: bool
) -> list[str]:
    """The recorded figures of the benchmarks that ran which this run did not measure: each a
    failure, not a pass, since the guard cannot catch a regression in a figure it never sees
    (PostgreSQL's only when a server was given)."""
    have = {f.key for f in figures}
    return [
        f"{key}: recorded in {RECORD.name}, not measured by this run"
        for key in sorted(reference)
        if key.partition(":")[0] in ran
        and key not in have
        and (with_pg or ": postgresql:" not in key)
    ]


def _ratios(figures: list[Figure], baselines: dict[str, float]) -> None:
    for figure in figures:
        if figure.unit == "MB":  # the same on a fast machine and a slow one
            figure.ratio = figure.value
            continue
        cost = figure.seconds
        if cost is not None:
            figure.ratio = cost / baselines[figure.baseline]


def _better(first: Figure, second: Figure | None) -> Figure:
    """Of one figure's two runs, the one that cost less (the first when the second has none)."""
    if second is None or second.ratio is None or first.ratio is None:
        return first
    return second if second.ratio < first.ratio else first


def judge(figures: list[Figure], reference: dict[str, float], quick: bool) -> list[str]:
    """A verdict per figure: '' (fine), 'over budget' (full size only: the budgets are written
    for it), 'over (full-size budget)' (CI size, said but not failed), or 'REGRESSION (…)' when
    its ratio to the baseline is more than twice the recorded one."""
    verdicts = []
    for f in figures:
        verdict = ""
        if f.within is False:
            verdict = "over (full-size budget)" if quick else "over budget"
        was = reference.get(f.key)
        if f.ratio is not None and was is not None and f.ratio > REGRESSION * was:
            verdict = f"REGRESSION ({f.ratio / was:.1f} x recorded)"
        verdicts.append(verdict)
    return verdicts


def rewrite_readme(figures: list[Figure], mode: str) -> None:
    size = "CI size (10,000 breaches)" if mode == "quick" else "full size (100,000 breaches)"
    lines = [
        START,
        f"Measured by `bench/run_all.py` at {size} on a 2-core machine; budgets are for the full",
        "size.",
        "",
        "| benchmark | figure | measured | budget |",
        "|---|---|---|---|",
    ]
    for f in figures:
        name = f.bench.removeprefix("bench_").removesuffix(".py")
        lines.append(f"| {name} | {f.name} | {f.shown(f.value)} | {f.shown(f.budget)} |")
    lines.append(END)
    text = README.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if START in text and END in text:
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
    print(f"README.md: {len(figures)} figures written")


if __name__ == "__main__":
    sys.exit(main())
