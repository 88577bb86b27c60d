"""How a benchmark hands its figures to ``run_all.py``.

Every benchmark prints its figures for people as it always has, and also one machine-readable
line per budgeted figure through :func:`report`. ``run_all.py`` reads those lines, puts each
figure beside its budget, and divides it by a baseline measured in the same run on the same
machine (a bare PySide6 window, a plain Python loop, a plain SQLite query), so that a slower or
busier machine moves the figure and its baseline together and only a real regression moves the
ratio.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

Baseline = Literal["qt", "python", "sqlite"]
"""What a figure is divided by: the start of a bare PySide6 window (start-up and window
figures), a plain Python loop (the method, documents, parsing), a plain SQLite query (register
queries, imports and tracking views on either engine)."""

PREFIX = "FIGURE "


def report(
    name: str,
    value: float,
    unit: Literal["s", "ms", "MB", "per s"],
    budget: float | None,
    *,
    baseline: Baseline,
    higher_is_better: bool = False,
) -> None:
    """One figure: ``value`` in ``unit`` against ``budget`` (the same unit; None when the
    figure is reported, not budgeted). Memory figures (MB) are divided by no baseline: memory
    does not scale with the machine's speed, so the megabytes are compared as they are."""
    print(
        PREFIX
        + json.dumps(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "budget": budget,
                "baseline": baseline,
                "higher_is_better": higher_is_better,
            }
        ),
        flush=True,
    )


RESULTS = "RESULTS "
FAILED = "FAILED "


def failed(part: str, exit_code: int, stderr: str = "") -> None:
    """A part of a benchmark (an engine, a kind of file) that did not run to its end: said to
    people with the end of what it wrote on stderr, and to ``run_all.py``, which counts the
    benchmark as failed whatever the figures of its other parts (a figure that is missing is
    not a figure within budget)."""
    print(f"{part}: the run failed (exit {exit_code})")
    for line in stderr.strip().splitlines()[-5:]:
        print(f"  ! {line}")
    print(FAILED + json.dumps({"part": part, "exit": exit_code}), flush=True)


def each_engine(
    script: str,
    engines: Sequence[str],
    args: Sequence[str],
    judge: Callable[[str, dict[str, Any]], bool],
    env: Mapping[str, str] | None = None,
) -> int:
    """Run ``script --child --engine E ARGS`` for each engine in its own process (so its memory
    is its own, and ``BREACH_DESK_NOW`` never moves a figure), pass on what it prints, and
    ``judge`` the results it hands back on its ``RESULTS`` line. 0 when every engine's are good."""
    ok = True
    for engine in engines:
        cmd = [sys.executable, script, "--child", "--engine", engine, *args]
        run_env = dict(os.environ if env is None else env)
        run_env.pop("BREACH_DESK_NOW", None)
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=run_env)
        lines = proc.stdout.splitlines()
        for line in lines:
            if not line.startswith(RESULTS):
                print(line)
        found = [json.loads(line[len(RESULTS) :]) for line in lines if line.startswith(RESULTS)]
        if proc.returncode != 0 or not found:
            failed(engine, proc.returncode, proc.stderr)
            ok = False
            continue
        sys.stderr.write(proc.stderr)
        ok &= judge(engine, found[0])
    return 0 if ok else 1


def over_cached_registers(
    script: str,
    description: str,
    child: Callable[[Any, str | None], int],
    judge: Callable[[str, int, dict[str, Any], bool], bool],
) -> int:
    """The command line of a benchmark run over the cached benchmark registers
    (``bench_tracking.ensure_register``): ``--n``, ``--engine``, ``--pg``, ``--cache``; each
    engine in its own process (``child``), its results judged by ``judge(engine, n, results,
    enforced)``, budgets enforced at full size only."""
    import argparse
    from pathlib import Path

    from bench_tracking import DEFAULT_CACHE

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--n", type=int, default=100_000, help="breaches (default 100,000)")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL (default BREACH_DESK_TEST_PG)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    pg = args.pg or os.environ.get("BREACH_DESK_TEST_PG")
    if args.child:
        return child(args, pg)
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    enforced = args.n >= 100_000
    return each_engine(
        script,
        engines,
        ["--n", str(args.n), "--cache", str(args.cache), *(["--pg", pg] if pg else [])],
        lambda engine, found: judge(engine, args.n, found, enforced),
    )
