"""Benchmark of the reports (issue 5): the founding case's assessment report, and the
monitoring report over a register of 1,000 breaches.

Prints the figures and compares them with the budgets; exits 1 when one is over budget.
    .venv/bin/python bench/bench_reports.py [--runs 15] [--breaches 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reports"))  # the synthetic register of the tests

sys.path.insert(0, str(ROOT / "bench"))
from figures import report  # noqa: E402
from register_factory import synthetic_register  # noqa: E402

from breach_desk.facts_io import facts_from_dict  # noqa: E402
from breach_desk.reports import (  # noqa: E402
    ReportSettings,
    breach_from_facts,
    render_assessment,
    render_monitoring,
)

SEED = ROOT.parent / "shared" / "cases" / "seed-ombudsman-21007914.json"
if not SEED.exists():
    SEED = ROOT / "tests" / "data" / "cases" / SEED.name

BUDGET_ASSESSMENT = 0.150
BUDGET_MONITORING = 3.0
DECIDED = datetime.fromisoformat("2021-03-16T09:00:00+00:00")
AT = datetime.fromisoformat("2024-06-01T12:00:00+01:00")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--breaches", type=int, default=1000)
    args = parser.parse_args()
    settings = ReportSettings(organisation="Anytown Borough Council", generated_at=AT)

    facts = facts_from_dict(json.loads(SEED.read_text(encoding="utf-8"))["facts"], at=DECIDED)
    seed = breach_from_facts(facts, DECIDED)
    start = time.perf_counter()
    first = render_assessment(seed, settings)
    cold = time.perf_counter() - start
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        again = render_assessment(seed, settings)
        times.append(time.perf_counter() - start)
        assert again == first, "the assessment report is not deterministic"
    assessment = statistics.median(times)

    register = list(synthetic_register(args.breaches, AT))
    actions = sum(1 for b in register for r in b.recommendations if not r.status.finished)
    start = time.perf_counter()
    pdf = render_monitoring(iter(register), settings, total=len(register))
    monitoring = time.perf_counter() - start

    ok = True
    for label, value, budget in (
        ("assessment report, founding case (median)", assessment, BUDGET_ASSESSMENT),
        (f"monitoring report, {len(register):,} breaches", monitoring, BUDGET_MONITORING),
    ):
        report(label, value, "s", budget, baseline="python")
        verdict = "ok" if value <= budget else "OVER BUDGET"
        ok &= value <= budget
        print(f"{label}: {value * 1000:,.0f} ms (budget {budget * 1000:,.0f} ms) {verdict}")
    print(
        f"  assessment: first in the process {cold * 1000:,.0f} ms (fonts loaded), "
        f"{len(first):,} bytes, best {min(times) * 1000:,.0f} ms over {args.runs} runs"
    )
    print(f"  monitoring: {actions:,} unfinished recommendations, {len(pdf):,} bytes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
