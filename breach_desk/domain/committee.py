"""The report to the committee: a period of the register in figures (issue 24).

The register's figures for one period (``PeriodFigures``) are counted by the database
(``store/committee``); the report (``reports/committee``) prints this period beside a comparison
period. Here: the periods themselves (the presets a committee asks for: the last quarter, the
last financial year April to March) and the values the store fills. No personal data is held
here: references, services, categories and counts only.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from breach_desk.domain.clock import LONDON, day_month_year

SMALL = 5
"""Counts from 1 to SMALL - 1 are shown as 'fewer than 5' in a breakdown (a setting, on by
default), as published statistics do, so that a breakdown cannot point at a person."""


LESSON_ROWS = 500
"""At most this many lessons, the most recent, are read to be listed."""


class Compare(StrEnum):
    PREVIOUS = "previous"
    """The period of the same length just before (the previous quarter, the previous year)."""
    YEAR = "year"
    """The same dates a year earlier."""


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(d.day, _last_day(year, month + 1)))


@dataclass(frozen=True, slots=True)
class Period:
    """From ``start`` to ``end``, both days included, London dates."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def whole_months(self) -> int | None:
        """How many calendar months the period spans, when it is whole months exactly."""
        if self.start.day != 1 or self.end.day != _last_day(self.end.year, self.end.month):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def words(self) -> str:
        """'1 Apr 2025 to 31 Mar 2026'."""
        return f"{_day(self.start)} to {_day(self.end)}"

    def bounds(self) -> tuple[datetime, datetime]:
        """The first moment of the period and the first moment after it, in UTC: London
        midnights, so a breach the organisation became aware of at 00:30 BST on 1 April is in
        April."""
        return _midnight(self.start), _midnight(self.end + timedelta(days=1))

    def previous(self) -> Period:
        months = self.whole_months
        if months is not None:
            start = _add_months(self.start, -months)
            return Period(start, self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def year_before(self) -> Period:
        start = _add_months(self.start, -12)
        months = self.whole_months
        if months is not None:
            end = _add_months(self.end.replace(day=1), -12)
            return Period(start, end.replace(day=_last_day(end.year, end.month)))
        return Period(start, _add_months(self.end, -12))

    def compared(self, compare: Compare) -> Period:
        return self.previous() if compare is Compare.PREVIOUS else self.year_before()

    def months(self) -> list[tuple[date, date]]:
        """Each calendar month the period touches, clipped to the period: (first, last) day."""
        out: list[tuple[date, date]] = []
        first = self.start
        while first <= self.end:
            last = first.replace(day=_last_day(first.year, first.month))
            out.append((first, min(last, self.end)))
            first = last + timedelta(days=1)
        return out


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(), LONDON).astimezone(UTC)


def _day(d: date) -> str:
    return day_month_year(d)


def last_quarter(today: date) -> Period:
    """The last whole calendar quarter before ``today`` (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec:
    the financial year's quarters too)."""
    first_this = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    start = _add_months(first_this, -3)
    return Period(start, first_this - timedelta(days=1))


def last_financial_year(today: date) -> Period:
    """The last whole financial year, 1 April to 31 March, before ``today``."""
    year = today.year if today.month >= 4 else today.year - 1
    return Period(date(year - 1, 4, 1), date(year, 3, 31))


# ---- what the database counts --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionCounts:
    """Recommendations of the period's breaches, by where they stand when the report is made."""

    made: int = 0
    open: int = 0
    """Open or in progress, not yet past their due date."""
    overdue: int = 0
    """Open or in progress, past the end of their due day."""
    done: int = 0
    """Marked done by their owner, waiting for the IG team to check."""
    verified: int = 0
    rejected: int = 0


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """One period of the register, counted."""

    period: Period
    breaches: int = 0
    historic: int = 0
    """Of these, rows imported from an earlier log: counted only where their recorded values
    allow (a value they lack is counted as not recorded)."""
    months: tuple[int, ...] = ()
    """Breaches per calendar month of the period (``Period.months``), in order."""
    causes: dict[str, int] = field(default_factory=dict)
    services: dict[str, int] = field(default_factory=dict)
    """By service ('' for a breach with no service recorded)."""
    bands: dict[str, int] = field(default_factory=dict)
    """By severity band ('' for not assessed)."""
    risks: dict[str, int] = field(default_factory=dict)
    matrix: dict[tuple[str, str], int] = field(default_factory=dict)
    """(likelihood, band) to count."""
    ico_needed: int = 0
    ico_reported: int = 0
    """Of those needed, reported (a report recorded)."""
    ico_on_time: int = 0
    ico_late: int = 0
    ico_not_reported: int = 0
    ico_voluntary: int = 0
    """Reported though the assessment said no report was needed."""
    ico_median_hours: float | None = None
    """From awareness to the report, the reports of breaches that needed one."""
    ico_outcomes: dict[str, int] = field(default_factory=dict)
    """The ICO's latest response to each breach reported, by outcome."""
    ico_awaiting: int = 0
    """Reported, no response recorded yet."""
    people_needed: int = 0
    people_told: int = 0
    """Breaches whose people were told (a record of telling them)."""
    people_told_count: int = 0
    """How many people those records say were told."""
    found: dict[str, int] = field(default_factory=dict)
    """How the organisation found out, by kind ('' for not recorded)."""
    still_open: int = 0
    repeat_person: int = 0
    repeat_recipient: int = 0
    repeat_cause: int = 0
    """Breaches with an earlier one of the same cause in the same service within the period."""
    cause_groups: dict[tuple[str, str], int] = field(default_factory=dict)
    """(service, cause) to breaches, where a known cause came more than once in a service."""
    actions_by_service: dict[str, ActionCounts] = field(default_factory=dict)
    actions_by_role: dict[str, ActionCounts] = field(default_factory=dict)
    lessons: int = 0
    """Breaches with lessons recorded."""

    @property
    def actions(self) -> ActionCounts:
        return total_actions(self.actions_by_role.values())


def total_actions(counts: Iterable[ActionCounts]) -> ActionCounts:
    rows = list(counts)
    return ActionCounts(
        *(sum(int(getattr(c, f)) for c in rows) for f in ActionCounts.__dataclass_fields__)
    )


@dataclass(frozen=True, slots=True)
class RepeatLine:
    """A breach of the period that repeats an earlier one: references only."""

    reference: str
    service: str
    kinds: tuple[str, ...]
    """'person', 'recipient', 'cause'."""
    earlier: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LessonLine:
    reference: str
    cause: str
    text: str


@dataclass(frozen=True, slots=True)
class OverdueLine:
    reference: str
    service: str
    code: str
    owner_role: str
    due: date
    days: int


@dataclass(frozen=True, slots=True)
class Lists:
    """What the report lists for the period itself (not the comparison)."""

    repeats: tuple[RepeatLine, ...] = ()
    repeats_total: int = 0
    lessons: tuple[LessonLine, ...] = ()
    lessons_withheld: int = 0
    """Lessons left out because they name someone the register records for that breach."""
    oldest_overdue: tuple[OverdueLine, ...] = ()
    overdue_in_register: int = 0
    """Overdue now across the register (whatever period their breach is in)."""


@dataclass(frozen=True, slots=True)
class CommitteeFigures:
    """Everything the report prints."""

    current: PeriodFigures
    comparison: PeriodFigures | None
    compare: Compare | None
    lists: Lists
    services: tuple[str, ...] | None
    """Only these services (None: the whole organisation)."""
    at: datetime
    suppress_small: bool = True
