"""The report to the committee, from the register: the figures counted in one read-only
transaction, then the PDF and the spreadsheet made from them (``reports/committee``)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from breach_desk.domain.committee import CommitteeFigures, Compare, Period, PeriodFigures
from breach_desk.services.register import Register
from breach_desk.store import committee


@dataclass(frozen=True, slots=True)
class CommitteeRequest:
    """What the committee report covers."""

    period: Period
    compare: Compare | None = Compare.PREVIOUS
    services: tuple[str, ...] | None = None
    """Only the breaches of these services (None: every service)."""
    suppress_small: bool = True
    """Show 1 to 4 as 'fewer than 5' in breakdowns of breaches (published statistics' rule)."""


def committee_figures(
    register: Register, request: CommitteeRequest, at: datetime
) -> CommitteeFigures:
    """Everything the committee report prints, counted by the database as at ``at``. The
    comparison period is counted at the same time, on a connection of its own: the database
    does the counting, so the two run side by side."""
    services: Sequence[str] | None = request.services

    def comparison() -> PeriodFigures | None:
        if request.compare is None:
            return None
        other = request.period.compared(request.compare)
        with register.store.unit() as uow:
            return committee.figures(uow.session, other, services, at)

    with ThreadPoolExecutor(max_workers=1) as pool:
        before = pool.submit(comparison)
        with register.store.unit() as uow:
            kinds = committee.repeat_kinds(uow.session, request.period, services)
            current = committee.figures(uow.session, request.period, services, at, kinds)
            lists = committee.lists(uow.session, request.period, services, at, kinds)
        compared = before.result()
    return CommitteeFigures(
        current=current,
        comparison=compared,
        compare=request.compare,
        lists=lists,
        services=request.services,
        at=at,
        suppress_small=request.suppress_small,
    )
