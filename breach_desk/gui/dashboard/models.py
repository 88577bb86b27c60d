"""The dashboard's lists as table models: ICO clocks still running, and breaches (repeats).

The clock is the register's one ICO clock (``domain/notification``: "due in 18 h", "late by
2 d"), coloured as UI.md says: neutral above 24 hours, amber at 24 or under, red once late.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import Qt

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import LONDON, day_month_year, format_local, now
from breach_desk.domain.enums import BreachStatus
from breach_desk.domain.notification import ico_clock
from breach_desk.gui.read_only import ReadOnlyTableModel
from breach_desk.gui.register.model import BadgeRole

if TYPE_CHECKING:
    from breach_desk.domain.lists import BreachLine, ClockRow

ReferenceRole = Qt.ItemDataRole.UserRole + 20


class _Named(Protocol):
    @property
    def reference(self) -> str: ...


Line = TypeVar("Line", bound=_Named)


class _Table(ReadOnlyTableModel[Line]):
    """A list of breaches: each row names one (``ReferenceRole``: double-click opens it)."""

    def text(self, row: Line, col: int) -> str:
        raise NotImplementedError

    def badge(self, row: Line, col: int) -> str | None:
        return None

    def cell(self, row: Line, col: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, col)
        if role == ReferenceRole:
            return str(row.reference)
        if role == BadgeRole:
            return self.badge(row, col)
        return None


class ClocksModel(_Table["ClockRow"]):
    """Breaches to report to the ICO whose report is not yet done, soonest deadline first."""

    HEAD = ("Breach", "Title", "Service", "Report by", "Clock")

    def text(self, row: ClockRow, col: int) -> str:
        if col == 4:
            return ico_clock(True, row.aware_at, None, self._at or now()).text
        return str((row.reference, row.title, row.service or "—", format_local(row.deadline))[col])

    def badge(self, row: ClockRow, col: int) -> str | None:
        if col != 4 or self._at is None:
            return None
        return ico_clock(True, row.aware_at, None, self._at).accent


OPEN_BREACH = "Open"
"""A breach not yet closed (a draft or assessed), as the headline's 'open breaches' counts it."""


class BreachLinesModel(_Table["BreachLine"]):
    HEAD = ("Breach", "Title", "Service", "Aware", "Status")

    def text(self, row: BreachLine, col: int) -> str:
        aware = row.aware_at.astimezone(LONDON)
        values = (
            row.reference,
            row.title,
            row.service or "—",
            day_month_year(aware),
            vocabulary.label(BreachStatus.CLOSED) if row.closed else OPEN_BREACH,
        )
        return str(values[col])
