"""Benchmark the tracking views (My actions, Monitoring, Dashboard) in the real window, offscreen.

    .venv/bin/python bench/bench_tracking.py                        # 100,000 breaches, SQLite
    .venv/bin/python bench/bench_tracking.py --engine both          # and PostgreSQL
    .venv/bin/python bench/bench_tracking.py --engine both --n 10000  # the CI size: printed only

The register is made once by ``bench_register``'s generator and the real import, then kept
(``--cache``, default ~/.cache/breach-desk-bench: a SQLite file, and a PostgreSQL schema named
after the size), so later runs start at once. Each engine runs in its own process, so its
memory is its own.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, Literal, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import each_engine

DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / (
    "breach-desk-bench"
)


def pg_schema(n: int) -> str:
    return f"bench_tracking_{n}"


def _pg_url(base: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    return (
        make_url(base)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


def _mark_progress(url: str) -> None:
    """Not everything is open: some done and waiting to be verified, some verified, some in
    progress, so each view and each filter has something to show."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE recommendations SET status = 'done', done_by = 'sm.bench', "
                "done_at = created_at, evidence = 'Done as asked.' WHERE id % 10 = 3"
            )
        )
        conn.execute(
            text(
                "UPDATE recommendations SET status = 'verified', done_by = 'sm.bench', "
                "done_at = created_at, verified_by = 'ig.bench', verified_at = created_at, "
                "evidence = 'Done as asked.' WHERE id % 10 IN (5, 6)"
            )
        )
        conn.execute(text("UPDATE recommendations SET status = 'in_progress' WHERE id % 10 = 8"))
        _backdate(conn)
    engine.dispose()


def _backdate(conn: Any) -> None:
    """A third of the recommendations were due weeks ago (an import makes them due from
    today): the overdue ones the views put first."""
    from sqlalchemy import text

    shift = "date(due_date, '-45 days')" if conn.dialect.name == "sqlite" else "due_date - 45"
    conn.execute(text(f"UPDATE recommendations SET due_date = {shift} WHERE id % 3 = 0"))


def _current(url: str) -> str:
    """A cached register opened once before it is timed: a newer Breach Desk upgrades its schema
    on the first open (and the first close then gathers its statistics), which is not what the
    views or quitting cost."""
    from breach_desk.services.register import Register

    Register.open(url).close()
    return url


def forget_witnesses(*urls: str) -> None:
    """A register built anew where an earlier one was (its cache removed, its schema dropped)
    starts its audit log again: the witness Breach Desk keeps of the earlier one's log would
    rightly call that entries deleted and refuse every change. The benchmark's registers are
    its own to throw away, so it throws their witnesses away with them."""
    from sqlalchemy.engine import make_url

    from breach_desk.store.witness import register_key, witness_paths

    for url in urls:
        key = register_key(make_url(url))
        if key is not None:
            for path in witness_paths(key):
                path.unlink(missing_ok=True)


def _build_elsewhere(engine: str, n: int, cache: Path, pg: str | None) -> str:
    """Build the register in a process of its own (``--build-only``), then give its URL: the
    building is no part of any figure, and a benchmark's peak memory is then its own work's
    whether the register was kept from an earlier run or not."""
    import subprocess

    sys.stdout.flush()
    where = ["--cache", str(cache), *(["--pg", pg] if pg else [])]
    subprocess.run(
        [sys.executable, __file__, "--build-only", "--n", str(n), "--engine", engine, *where],
        check=True,
    )
    return ensure_register(engine, n, cache, pg, here=True)


def ensure_register(engine: str, n: int, cache: Path, pg: str | None, *, here: bool = False) -> str:
    """The URL of the benchmark register of ``n`` breaches on ``engine``, built if need be (in
    this process with ``here``, else in a process of its own)."""
    from bench_register import generate

    from breach_desk.services.register import Register

    cache.mkdir(parents=True, exist_ok=True)
    data = cache / f"breaches-{n}.jsonl"
    if engine == "sqlite":
        path = cache / f"register-{n}.sqlite3"
        url = f"sqlite:///{path}"
        if path.exists():
            return _current(url)
        if not here:
            return _build_elsewhere(engine, n, cache, pg)
        building = cache / f"register-{n}.building.sqlite3"
        building.unlink(missing_ok=True)
        build_url = f"sqlite:///{building}"
    else:
        from sqlalchemy import create_engine, text

        if not pg:
            raise SystemExit("set BREACH_DESK_TEST_PG or give --pg URL")
        schema = pg_schema(n)
        admin = create_engine(pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            done = conn.execute(
                text(
                    "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace "
                    "WHERE nspname = :s"
                ),
                {"s": schema},
            ).scalar()
            if done == "complete":
                admin.dispose()
                return _current(_pg_url(pg, schema))
            if not here:
                admin.dispose()
                return _build_elsewhere(engine, n, cache, pg)
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = build_url = _pg_url(pg, schema)
    if not data.exists():
        start = time.perf_counter()
        generate(data.with_suffix(".tmp"), n)
        data.with_suffix(".tmp").rename(data)
        print(f"  generated {n:,} breaches in {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    forget_witnesses(build_url, url)
    with Register.open(build_url) as reg:
        reg.import_file(data)
    _mark_progress(build_url)
    print(
        f"  built the {engine} register of {n:,} breaches in {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    if engine == "sqlite":
        building.rename(path)
    else:
        with admin.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.execute(text(f"COMMENT ON SCHEMA {schema} IS 'complete'"))
        admin.dispose()
    return url


BUDGETS = {
    "first rows: My actions": 1.0,
    "first rows: Monitoring": 1.0,
    "first figures: Dashboard": 1.0,
    "filter keystroke to rows": 0.300,
    "longest GUI stall": 0.100,
    "RSS after every view": 600.0,
    "quit": 1.0,
}
UNITS: dict[str, Literal["s", "ms", "MB"]] = {"RSS after every view": "MB"}
WORDS = ("payslip", "IG-2026-01", "housing")
"""Typed into Monitoring's filter, a key at a time (a quick typist: 60 ms between keys)."""
RARE = "zzqx"
"""A word found nowhere: the whole register is read to say so (reported, not a budget)."""


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class StallMeter:
    """The longest gap between ticks of a 5 ms timer on the GUI thread: how long the window
    could not answer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.where = ""
        self.phase = ""
        self._last = time.perf_counter()
        self.gaps: list[tuple[float, str, str]] = []
        self.collecting = ""
        self._gc_start = 0.0
        import gc

        gc.callbacks.append(self._gc)
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        at = time.perf_counter()
        gap = at - self._last
        self._last = at
        if gap > self.longest:
            self.longest, self.where = gap, self.phase
        if gap > 0.05:
            self.gaps.append((gap, self.phase, self.collecting))

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        """Whether Python's collector was running when a gap came (it stops every thread)."""
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            took = time.perf_counter() - self._gc_start
            if took > 0.02:
                self.collecting = f"gen {info.get('generation')} collection {took * 1000:.0f} ms"

    def reset_gap(self) -> None:
        self._last = time.perf_counter()

    def stop(self) -> None:
        self._timer.stop()


def wait_for(cond: Any, timeout: float = 120.0) -> float:
    """Run the event loop until ``cond()``; the seconds it took."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    app = QApplication.instance()
    assert app is not None
    while not cond():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
        if time.perf_counter() - start > timeout:
            raise TimeoutError("timed out")
    return time.perf_counter() - start


def pause(seconds: float) -> None:
    end = time.perf_counter() + seconds
    wait_for(lambda: time.perf_counter() >= end)


def drive(url: str, workdir: Path) -> dict[str, float]:
    """The real window over ``url``, offscreen: open each tracking view, filter, measure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from breach_desk.gui.actions.monitoring import MonitoringView
    from breach_desk.gui.app import make_app
    from breach_desk.gui.backend import Backend
    from breach_desk.gui.main_window import MainWindow
    from breach_desk.gui.settings import UiSettings
    from breach_desk.gui.tasks import TaskRunner

    make_app()
    runner = TaskRunner()
    backend = Backend(runner)
    window = MainWindow(backend, UiSettings(str(workdir / "ui.ini")))
    window.show()
    meter = StallMeter()
    results: dict[str, float] = {}
    meter.phase = "opening the register"
    backend.open(url)
    wait_for(lambda: window.register_view.model.loaded)
    wait_for(lambda: not runner.busy)
    print(f"  register open: {window.register_view.model.total:,} breaches", flush=True)

    def first_rows(key: str) -> bool:
        view: Any = window.views.get(key)  # a view of its own class, each with its panel
        if view is None:
            return False
        if key == "dashboard":
            return getattr(view, "board", None) is not None
        model = view.panel.model
        return bool(model.is_loaded)

    for key, name in (
        ("actions", "first rows: My actions"),
        ("monitoring", "first rows: Monitoring"),
        ("dashboard", "first figures: Dashboard"),
    ):
        meter.phase = f"opening {key}"
        start = time.perf_counter()
        window.show_view(key)
        wait_for(lambda key=key: first_rows(key))
        results[name] = time.perf_counter() - start
        shown: Any = window.views[key]
        rows = "" if key == "dashboard" else f", {shown.panel.model.rowCount():,} rows"
        print(f"  {name}: {results[name] * 1000:.0f} ms{rows}", flush=True)
        meter.phase = f"counting in {key}"
        counted = time.perf_counter()
        wait_for(lambda: not runner.busy)
        print(
            f"    …and its counts {(time.perf_counter() - counted) * 1000:.0f} ms later", flush=True
        )

    # Typing in Monitoring's filter.
    window.show_view("monitoring")
    monitoring = cast(MonitoringView, window.views["monitoring"])
    model = monitoring.panel.model
    keystrokes = []
    for word in (*WORDS, RARE):
        meter.phase = f"filtering by {word!r}"
        monitoring.search.clear()
        wait_for(lambda: not runner.busy)
        monitoring.search.setFocus()
        for ch in word[:-1]:
            QTest.keyClicks(monitoring.search, ch)
            pause(0.06)
        seen: list[float] = []
        model.loaded.connect(lambda seen=seen: seen.append(time.perf_counter()))
        start = time.perf_counter()
        QTest.keyClicks(monitoring.search, word[-1])
        wait_for(lambda seen=seen, word=word: bool(seen) and model.query.words == word)
        took = seen[-1] - start
        wait_for(lambda: not runner.busy)
        print(
            f"  filter {word!r}: rows in {took * 1000:.0f} ms ({model.rowCount():,} shown; "
            f"{monitoring.summary.text()[:60]}…)",
            flush=True,
        )
        if word == RARE:
            results["rare word (not a budget)"] = took
        else:
            keystrokes.append(took)
    results["filter keystroke to rows"] = max(keystrokes)
    monitoring.search.clear()
    wait_for(lambda: not runner.busy)

    # Switching back keeps the rows: no reading again.
    meter.phase = "switching views"
    window.show_view("register")
    start = time.perf_counter()
    window.show_view("monitoring")
    wait_for(lambda: not runner.busy)
    results["switch back to Monitoring (not a budget)"] = time.perf_counter() - start
    for key in ("actions", "dashboard", "register"):
        window.show_view(key)
        wait_for(lambda: not runner.busy)
    results["RSS after every view"] = rss_mb()
    results["longest GUI stall"] = meter.longest
    print(f"  longest GUI stall while {meter.where}", flush=True)
    for gap, phase, collecting in sorted(meter.gaps, reverse=True)[:5]:
        print(f"    gap {gap * 1000:.0f} ms while {phase} {collecting}", flush=True)
    meter.stop()

    start = time.perf_counter()
    window.close()
    runner.shutdown()
    results["quit"] = time.perf_counter() - start
    del Qt
    return results


def report(engine: str, n: int, results: dict[str, float], enforced: bool) -> bool:
    from figures import report as figure

    ok = True
    note = "" if enforced else " (CI size: printed, not enforced)"
    print(f"{engine}, {n:,} breaches{note}:")
    for name, budget in BUDGETS.items():
        value = results[name]
        unit = UNITS.get(name, "ms")
        shown, limit = (value * 1000, budget * 1000) if unit == "ms" else (value, budget)
        figure(
            f"{engine}: {name}",
            shown,
            unit,
            limit,
            baseline="qt" if name in ("quit", "longest GUI stall") else "sqlite",
        )
        verdict = "ok" if value <= budget else ("OVER BUDGET" if enforced else "over")
        ok &= value <= budget
        print(f"  {name:<28} {shown:>9.1f} {unit:<3} (budget {limit:g} {unit})  {verdict}")
    for name, value in results.items():
        if name not in BUDGETS:
            print(f"  {name:<28} {value * 1000:>9.1f} ms")
    return ok or not enforced


def child(args: argparse.Namespace, pg: str | None) -> int:
    import json
    import tempfile

    url = ensure_register(args.engine, args.n, args.cache, pg)
    with tempfile.TemporaryDirectory(prefix="bench-tracking-") as tmp:
        print(f"{args.engine}: {args.n:,} breaches", flush=True)
        results = drive(url, Path(tmp))
    print("RESULTS " + json.dumps(results), flush=True)
    return 0


def main() -> int:

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="breaches (default 100,000)")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL (default BREACH_DESK_TEST_PG)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--build-only", action="store_true", help="make the registers, no more")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    pg = args.pg or os.environ.get("BREACH_DESK_TEST_PG")
    if args.child:
        return child(args, pg)
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    if args.build_only:
        for engine in engines:
            print(ensure_register(engine, args.n, args.cache, pg, here=True), flush=True)
        return 0
    enforced = args.n >= 100_000
    return each_engine(
        __file__,
        engines,
        ["--n", str(args.n), "--cache", str(args.cache), *(["--pg", pg] if pg else [])],
        lambda engine, found: report(engine, args.n, found, enforced),
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


if __name__ == "__main__":
    sys.exit(main())
