"""``breach-desk report --kind period --from DATE --to DATE [--compare previous|year|none]
[--service S ...] --pdf OUT.pdf [--xlsx OUT.xlsx]``: the report to the committee.

The figures are counted by the register's database; the PDF and the spreadsheet are made from
the same figures, both in memory first, then written (readable by their owner only), so a
problem leaves neither half-written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from breach_desk.cli.common import EXIT_FAILED, EXIT_OK, CliError, text_fault


def add_options(p: argparse.ArgumentParser) -> None:
    """The period report's options, on ``report``."""
    g = p.add_argument_group("the report to the committee (--kind period)")
    g.add_argument("--from", dest="period_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    g.add_argument("--to", dest="period_to", metavar="DATE", help="last day (YYYY-MM-DD)")
    g.add_argument(
        "--compare",
        choices=("previous", "year", "none"),
        default="previous",
        help="beside the period before (default), the same dates a year earlier, or none",
    )
    g.add_argument(
        "--service",
        dest="period_services",
        action="append",
        metavar="S",
        help="only the breaches of this service (repeat for several)",
    )
    g.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the figures as a spreadsheet")
    g.add_argument(
        "--exact-small-numbers",
        action="store_true",
        help="show counts from 1 to 4 exactly (by default 'fewer than 5', as published "
        "statistics do)",
    )


def _day(option: str, text: str | None) -> date:
    if not text:
        raise CliError(f"{option}: give the date (YYYY-MM-DD) for the period report")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        shown = text[:30]
        raise CliError(f"{option}: {shown!r} is not a date (YYYY-MM-DD)") from None


def _dates(args: argparse.Namespace) -> tuple[date, date]:
    start, end = _day("--from", args.period_from), _day("--to", args.period_to)
    if end < start:
        raise CliError(f"--to: {end.isoformat()} is before --from {start.isoformat()}")
    return start, end


def request_from(args: argparse.Namespace, known_services: list[str]) -> Any:
    from breach_desk.domain.committee import Compare, Period
    from breach_desk.services.committee import CommitteeRequest

    start, end = _dates(args)
    services = None
    if args.period_services:
        for s in args.period_services:
            fault = text_fault(s)
            if fault is not None:
                raise CliError(f"--service: the service {fault}")
        known = {k.casefold(): k for k in known_services}
        missing = [s for s in args.period_services if s.casefold() not in known]
        if missing:
            raise CliError(f"--service: no breach in the register names the service {missing[0]!r}")
        services = tuple(dict.fromkeys(known[s.casefold()] for s in args.period_services))
    compare = None if args.compare == "none" else Compare(args.compare)
    return CommitteeRequest(
        Period(start, end),
        compare=compare,
        services=services,
        suppress_small=not args.exact_small_numbers,
    )


def run_period(args: argparse.Namespace, settings: Any, at: Any) -> int:
    """Count, lay out, then write."""
    from breach_desk.cli.reports import _open_register, _write
    from breach_desk.reports.committee import committee_xlsx, render_committee
    from breach_desk.services.committee import committee_figures
    from breach_desk.services.register import with_audit_position

    if args.source:
        raise CliError("the period report reads the register: give no reference or file")
    if args.xlsx == "-" or (args.xlsx and args.xlsx == args.pdf):
        raise CliError("--xlsx: give a file of its own for the spreadsheet")
    _dates(args)  # before the register is opened (or made)
    register = _open_register(args)
    try:
        request = request_from(args, register.services())
        settings = with_audit_position(settings, [register])
        figures = committee_figures(register, request, at)
    finally:
        register.close()
    pdf = render_committee(figures, settings)
    sheet = committee_xlsx(figures, settings) if args.xlsx else None
    _write(pdf, args.pdf)
    if sheet is not None:
        _write(sheet, args.xlsx)
    if args.pdf != "-":
        what = f"{figures.current.breaches:,} breaches, {request.period.words()}"
        print(f"Wrote {args.pdf} (report to the committee: {what})", file=sys.stderr)
    if args.xlsx:
        print(f"Wrote {args.xlsx} (the figures behind it)", file=sys.stderr)
    return EXIT_OK


__all__ = ["EXIT_FAILED", "add_options", "request_from", "run_period"]
