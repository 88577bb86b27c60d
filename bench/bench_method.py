"""Benchmark of the method (issue 2): assessments per second, and the start-up cost of the command.

Prints the figures and compares them with the budgets; exits 1 when one is over budget.
    .venv/bin/python bench/bench_method.py [--seconds 2] [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from figures import report

from breach_desk.facts_io import facts_from_dict
from breach_desk.method import assess

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
SEED = ROOT.parent / "shared" / "cases" / "seed-ombudsman-21007914.json"
if not SEED.exists():
    SEED = ROOT / "tests" / "data" / "cases" / SEED.name

BUDGET_PER_SECOND = 20_000
BUDGET_EXTRA_SECONDS = 0.3


def assessments_per_second(seconds: float) -> float:
    facts = facts_from_dict(json.loads(SEED.read_text(encoding="utf-8"))["facts"])
    decided = datetime.fromisoformat("2021-03-15T12:00:00+00:00")
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(500):
            assess(facts, decided)
        count += 500
    return count / (time.perf_counter() - start)


def median_run(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    ok = True

    rate = assessments_per_second(args.seconds)
    report(
        "assessments per second, one core",
        rate,
        "per s",
        BUDGET_PER_SECOND,
        baseline="python",
        higher_is_better=True,
    )
    good = rate >= BUDGET_PER_SECOND
    ok &= good
    print(
        f"assess(founding case): {rate:,.0f} per second on one core "
        f"(budget >= {BUDGET_PER_SECOND:,}) {'OK' if good else 'OVER BUDGET'}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "seed.json"
        facts.write_text(json.dumps(json.loads(SEED.read_text())["facts"]), encoding="utf-8")
        exe = str(Path(sys.executable).with_name("breach-desk"))
        bare = median_run([sys.executable, "-c", "pass"], args.runs)
        full = median_run([exe, "assess", str(facts), "--json"], args.runs)
    extra = full - bare
    report(
        "assess FILE --json over python -c pass",
        extra,
        "s",
        BUDGET_EXTRA_SECONDS,
        baseline="python",
    )
    good = extra <= BUDGET_EXTRA_SECONDS
    ok &= good
    print(
        f"breach-desk assess FILE --json: {full * 1000:.0f} ms; python -c pass: "
        f"{bare * 1000:.0f} ms; extra {extra * 1000:.0f} ms "
        f"(budget <= {BUDGET_EXTRA_SECONDS * 1000:.0f} ms) {'OK' if good else 'OVER BUDGET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
