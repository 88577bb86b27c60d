"""The dashboard's lists as table models: ICO clocks still running, and breaches (repeats).

The clock is written ("18 h left", "late by 2 d") and coloured as UI.md says: neutral above
24 hours, amber under 24, red once late.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from breach_desk.domain.clock import LONDON, format_local, ico_clock_text
from breach_desk.gui import style
from breach_desk.gui.register.model import BadgeRole

Index = QModelIndex | QPersistentModelIndex
ReferenceRole = Qt.ItemDataRole.UserRole + 20


class _Table(QAbstractTableModel):
    HEAD: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._at: datetime | None = None

    def set_rows(self, rows: Sequence[Any], at: datetime) -> None:
        self.beginResetModel()
        self._rows, self._at = list(rows), at
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEAD)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEAD)
        ):
            return self.HEAD[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def text(self, row: Any, col: int) -> str:
        raise NotImplementedError

    def badge(self, row: Any, col: int) -> str | None:
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, col)
        if role == ReferenceRole:
            return str(row.reference)
        if role == BadgeRole:
            return self.badge(row, col)
        return None


class ClocksModel(_Table):
    """Breaches to report to the ICO whose report is not yet done, soonest deadline first."""

    HEAD = ("Breach", "Title", "Service", "Report by", "Clock")

    def text(self, row: Any, col: int) -> str:
        if col == 4:
            return ico_clock_text(row.aware_at, self._at)
        return str((row.reference, row.title, row.service or "—", format_local(row.deadline))[col])

    def badge(self, row: Any, col: int) -> str | None:
        if col != 4 or self._at is None:
            return None
        return style.clock_kind((row.deadline - self._at).total_seconds() / 3600)


class BreachLinesModel(_Table):
    HEAD = ("Breach", "Title", "Service", "Aware", "Status")

    def text(self, row: Any, col: int) -> str:
        aware = row.aware_at.astimezone(LONDON)
        values = (
            row.reference,
            row.title,
            row.service or "—",
            f"{aware.day} {aware.strftime('%b %Y')}",
            "closed" if row.closed else "open",
        )
        return str(values[col])
