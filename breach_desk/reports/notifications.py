"""The notification records as the printed documents show them (issue 11): the ICO clock of the
version printed, and the whole history of who was told, oldest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from breach_desk.domain import vocabulary as v
from breach_desk.domain.notification import Clock, breach_clock, history_lines
from breach_desk.domain.register import AssessmentVersion, Breach
from breach_desk.reports.parts import FULL_WIDTH, bold_cell, cell, section, table


def clock_of(breach: Breach, version: AssessmentVersion, at: datetime) -> Clock:
    """The ICO clock as ``version`` decided it (``domain/notification``, the one place)."""
    return breach_clock(
        version.assessment.ico.report, version.facts.aware_at, breach.notifications, at
    )


def history_table(breach: Breach, scrub: Callable[[str], str] | None = None) -> list[Flowable]:
    """The notifications, oldest first: when, and what (nothing when there are none);
    ``scrub`` rewrites the words (the ICO draft keeps people's names out)."""
    lines = history_lines(breach.notifications)
    if not lines:
        return []
    rows: list[list[Flowable]] = [[bold_cell("When"), bold_cell("What")]]
    rows += [[cell(when), cell(scrub(words) if scrub else words)] for when, words in lines]
    return [table(rows, [34 * mm, FULL_WIDTH - 34 * mm])]


def history_section(breach: Breach) -> list[Flowable]:
    found = history_table(breach)
    return section(v.NOTIFICATIONS_HEADING, *found) if found else []
