"""Benchmark the report to the committee: a year of the benchmark register to PDF.

    .venv/bin/python bench/bench_committee.py                          # 100,000 breaches, SQLite
    .venv/bin/python bench/bench_committee.py --engine both            # and PostgreSQL
    .venv/bin/python bench/bench_committee.py --engine both --n 2000   # a quick check: printed only

The register is ``bench_tracking``'s (made once by ``bench_register``'s generator and the real
import, then kept in ``--cache``). Its breaches span 2020 to 2024, so the report covers the
financial year April 2023 to March 2024 against the year before (about 40,000 breaches counted),
and the last quarter of it against the same quarter a year earlier. Each engine runs in its own
process, so its memory is its own. Budgets: the PDF in 5 s (counting, hiding small numbers
across the tables, laying out), 500 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import over_cached_registers

BUDGETS = {"year to PDF": 5.0, "quarter to PDF": 5.0, "peak memory": 500.0}
UNITS = {"peak memory": "MB"}
YEAR = (date(2023, 4, 1), date(2024, 3, 31))
QUARTER = (date(2024, 1, 1), date(2024, 3, 31))
AT = datetime(2025, 1, 15, 10, 0, tzinfo=UTC)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args: argparse.Namespace, pg: str | None) -> int:
    from bench_tracking import ensure_register

    from breach_desk.domain.committee import Compare, Period
    from breach_desk.reports import ReportSettings
    from breach_desk.reports.committee import committee_xlsx, render_committee, shown_for
    from breach_desk.services.committee import CommitteeRequest, committee_figures
    from breach_desk.services.register import Register

    url = ensure_register(args.engine, args.n, args.cache, pg)
    settings = ReportSettings(organisation="Benchmark Borough Council", generated_at=AT)
    results: dict[str, float] = {}
    with Register.open(url) as reg:
        for name, (start, end), compare in (
            ("year", YEAR, Compare.PREVIOUS),
            ("quarter", QUARTER, Compare.YEAR),
        ):
            began = time.perf_counter()
            figures = committee_figures(reg, CommitteeRequest(Period(start, end), compare), AT)
            counted = time.perf_counter()
            shown_for(figures)  # the small numbers hidden, kept for the PDF and spreadsheet
            hidden = time.perf_counter()
            pdf = render_committee(figures, settings)
            done = time.perf_counter()
            committee_xlsx(figures, settings)
            results[f"{name} to PDF"] = done - began
            results[f"{name}: counting"] = counted - began
            results[f"{name}: small numbers"] = hidden - counted
            results[f"{name}: laying out"] = done - hidden
            results[f"{name}: spreadsheet"] = time.perf_counter() - done
            results[f"{name}: breaches"] = figures.current.breaches
            results[f"{name}: pages"] = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
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
        unit = UNITS.get(name, "s")
        figure(f"{engine}: {name}", value, unit, budget, baseline="sqlite")  # type: ignore[arg-type]
        verdict = "ok" if value <= budget else ("OVER BUDGET" if enforced else "over")
        ok &= value <= budget
        print(f"  {name:<24} {value:>9.2f} {unit:<3} (budget {budget:g} {unit})  {verdict}")
    for name, value in results.items():
        if name not in BUDGETS:
            shown = (
                f"{value:>9,.0f}" if name.endswith(("breaches", "pages")) else f"{value:>9.2f} s"
            )
            print(f"  {name:<24} {shown}")
    return ok or not enforced


def main() -> int:
    return over_cached_registers(__file__, __doc__.split("\n")[0], child, report)


if __name__ == "__main__":
    sys.exit(main())
