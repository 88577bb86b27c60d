"""Benchmark ``audit recheck`` at register scale: every stored version recomputed from its facts.

    .venv/bin/python bench/bench_recheck.py                          # 100,000 breaches, SQLite
    .venv/bin/python bench/bench_recheck.py --engine both            # and PostgreSQL
    .venv/bin/python bench/bench_recheck.py --engine both --n 10000  # a quick check: printed only

The register is ``bench_tracking``'s (made once by ``bench_register``'s generator and the real
import, then kept in ``--cache``; the recheck only reads it). Figures per engine: the recheck as it
runs for an auditor (in helper processes on a register this size), and on one core in this
process alone, which is what a small register gets, both by the clock and per second of CPU
time (what the recheck itself costs, however busy the machine is). Budget: at least 1,000
versions a second each (at about 5 ms a version it took 8 minutes for 100,000), and 500 MB.
Each engine runs in its own process, so its memory is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import over_cached_registers

BUDGETS = {
    "versions per s": 1000.0,
    "versions per s, one core": 1000.0,
    "versions per CPU s, one core": 1000.0,
    "peak memory": 500.0,
}
UNITS = {name: "per s" for name in BUDGETS} | {"peak memory": "MB"}
HIGHER_IS_BETTER = tuple(name for name in BUDGETS if name.startswith("versions"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args: argparse.Namespace, pg: str | None) -> int:
    from bench_tracking import ensure_register

    from breach_desk.services.recheck import recheck
    from breach_desk.services.register import Register

    url = ensure_register(args.engine, args.n, args.cache, pg)
    results: dict[str, float] = {}
    with Register.open(url) as reg:
        for name, workers in (("versions per s", None), ("versions per s, one core", 0)):
            with reg.store.unit(snapshot=True) as uow:
                began, cpu = time.perf_counter(), time.process_time()
                report = recheck(uow.session, workers=workers)
                took, used = time.perf_counter() - began, time.process_time() - cpu
            results[name] = report.checked / took
            results[f"{name}: seconds"] = took
            if workers == 0:  # what the recheck costs, whatever else the machine is doing
                results["one core: CPU seconds"] = used
                results["versions per CPU s, one core"] = report.checked / used
            results["versions"] = report.checked
            results["mismatches"] = len(report.mismatches)
    results["peak memory"] = peak_mb()
    print("RESULTS " + json.dumps(results), flush=True)
    return 0


def report(engine: str, n: int, results: dict[str, float], enforced: bool) -> bool:
    from figures import report as figure

    ok = True
    note = "" if enforced else " (a check at this size: printed, not enforced)"
    print(f"{engine}, {n:,} breaches{note}:")
    for name, budget in BUDGETS.items():
        value = results[name]
        unit = UNITS[name]
        higher = name in HIGHER_IS_BETTER
        figure(
            f"{engine}: recheck, {name}",
            value,
            unit,  # type: ignore[arg-type]
            budget,
            baseline="python",
            higher_is_better=higher,
        )
        within = value >= budget if higher else value <= budget
        verdict = "ok" if within else ("OVER BUDGET" if enforced else "over")
        ok &= within
        print(f"  {name:<36} {value:>9,.0f} {unit:<5} (budget {budget:,g} {unit})  {verdict}")
    for name, value in results.items():
        if name not in BUDGETS:
            shown = f"{value:>9.1f} s" if "seconds" in name else f"{value:>9,.0f}"
            print(f"  {name:<36} {shown}")
    return ok or not enforced


def main() -> int:
    return over_cached_registers(__file__, __doc__.split("\n")[0], child, report)


if __name__ == "__main__":
    sys.exit(main())
