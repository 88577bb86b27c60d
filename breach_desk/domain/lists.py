"""What the register's lists and the dashboard show: plain rows and counts the store fills from
its queries and the services hand to the window and the command line (no ORM types cross).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Tally:
    """What a filtered list holds, counted in the database."""

    total: int
    overdue: int
    waiting: int
    """Done and waiting to be verified."""
    overdue_by_service: tuple[tuple[str | None, int], ...]
    """Most first."""


@dataclass(frozen=True, slots=True)
class DueCounts:
    """Recommendations due so far (rejected ones aside), as the dashboard counts them."""

    on_time: int
    late: int
    awaiting: int
    not_done: int
    overdue_by_service: tuple[tuple[str | None, int], ...]


@dataclass(frozen=True, slots=True)
class ClockRow:
    """A breach to report to the ICO whose clock is running, with its deadline."""

    reference: str
    title: str
    service: str | None
    aware_at: datetime
    deadline: datetime


@dataclass(frozen=True, slots=True)
class BreachLine:
    """A breach as a line of a dashboard list (repeat breaches, ready to close)."""

    reference: str
    title: str
    service: str | None
    aware_at: datetime
    closed: bool


@dataclass(frozen=True, slots=True)
class BreachList:
    """The first lines of a dashboard list, and how many there are in all."""

    lines: list[Any]
    total: int
