"""Benchmark ``breach-desk remind --dry-run`` over the benchmark register: the daily run's work
(reading every unfinished action, clock and complaint, and writing every person's message),
measured as the real command in its own process.

    .venv/bin/python bench/bench_remind.py                          # 100,000 breaches, SQLite
    .venv/bin/python bench/bench_remind.py --engine both            # and PostgreSQL
    .venv/bin/python bench/bench_remind.py --engine both --n 2000   # a quick check: not enforced

Budgets: 10 s and 500 MB (peak resident memory of the command) at 100,000 breaches.

The register is ``bench_tracking``'s (the import, then some actions done, verified, in progress
and a third of them due weeks ago), kept in its own cache folder (``--cache``, default
~/.cache/breach-desk-bench-remind) because this schema is newer than the other benchmarks'. A
directory is added: one IG officer, and one service manager for each service.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / (
    "breach-desk-bench-remind"
)
BUDGET_SECONDS = 10.0
BUDGET_MB = 500.0


def add_directory(url: str) -> int:
    """An IG officer and one service manager per service, as SQL run by the tables' owner."""
    from sqlalchemy import create_engine, text

    from breach_desk.services.register import Register

    Register.open(url).close()  # the schema brought up to date
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM directory"))
        services = [
            s
            for s in conn.execute(
                text("SELECT DISTINCT service FROM breaches WHERE service IS NOT NULL")
            ).scalars()
        ]
        rows = [
            {
                "l": "ig.bench",
                "e": "ig@council.example",
                "r": "ig_officer",
                "s": "[]",
            }
        ] + [
            {
                "l": f"sm.{i}",
                "e": f"sm{i}@council.example",
                "r": "service_manager",
                "s": json.dumps([s]),
            }
            for i, s in enumerate(services)
        ]
        conn.execute(
            text(
                "INSERT INTO directory (login, display_name, email, role, services, updated_at,"
                " updated_by) VALUES (:l, NULL, :e, :r, :s, CURRENT_TIMESTAMP, 'bench')"
            ),
            rows,
        )
    engine.dispose()
    return len(rows)


def run_once(url: str) -> tuple[float, float, int]:
    """(seconds, peak MB, bytes printed) of one dry run in a fresh process. The peak is that
    process's own (wait4), not the most of every child this benchmark ever waited for: a
    register built in a process of its own just before would otherwise be counted."""
    env = dict(os.environ)
    env.pop("BREACH_DESK_NOW", None)
    env["LOGNAME"] = "ig.bench"
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "breach_desk", "--db", url, "remind", "--dry-run"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        assert proc.stdout is not None
        printed = proc.stdout.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode("utf-8", "replace"))
            raise SystemExit(f"remind --dry-run failed (exit {proc.returncode})")
    return seconds, usage.ru_maxrss / 1024, len(printed)


def main() -> int:
    from bench_tracking import ensure_register

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="breaches (default 100,000)")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL (default BREACH_DESK_TEST_PG)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    pg = args.pg or os.environ.get("BREACH_DESK_TEST_PG")
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    from figures import report as figure

    enforced = args.n >= 100_000
    ok = True
    for engine in engines:
        url = ensure_register(engine, args.n, args.cache, pg)

        people = add_directory(url)
        seconds, peak, printed = run_once(url)
        note = "" if enforced else " (small size: printed, not enforced)"
        print(f"{engine}, {args.n:,} breaches, {people} people in the directory{note}:")
        for name, value, budget, unit in (
            ("remind --dry-run", seconds, BUDGET_SECONDS, "s"),
            ("peak memory", peak, BUDGET_MB, "MB"),
        ):
            figure(f"{engine}: {name}", value, unit, budget, baseline="sqlite")  # type: ignore[arg-type]
            verdict = "ok" if value <= budget else ("OVER BUDGET" if enforced else "over")
            ok &= value <= budget or not enforced
            print(f"  {name:<20} {value:>8.1f} {unit:<2} (budget {budget:g} {unit})  {verdict}")
        print(f"  {'messages printed':<20} {printed / 1024:>8.0f} KB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
