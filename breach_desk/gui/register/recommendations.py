"""A breach's tracked recommendations, read-only, for the detail pane. Overdue is written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from breach_desk.gui.register.model import BadgeRole

_HEAD = ("Code", "What", "Owner", "Due", "Status", "Overdue")
Index = QModelIndex | QPersistentModelIndex


class TrackedRecommendationsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEAD)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(_HEAD)
        ):
            return _HEAD[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        overdue = bool(r.overdue())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                r.code,
                r.text,
                r.owner or r.owner_role.label,
                r.due_date.strftime("%d %b %Y"),
                r.status.label,
                "OVERDUE" if overdue else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return f"{r.text}\n{r.why}" if r.why else r.text
        if role == BadgeRole and col == 5 and overdue:
            return "late"
        return None
