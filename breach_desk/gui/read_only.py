"""The one base of the window's read-only tables: rows as read (at a moment), a header, cells
that can be selected but never edited.

"My actions" and "Monitoring" (``actions/model.py``), the dashboard's lists
(``dashboard/models.py``) and a breach's tracked recommendations
(``register/recommendations.py``) are such tables. Each says what its cells show (``cell``);
the rest is here. The register itself loads lazily (``register/model.py``) and the wizard's
tables are edited, so they are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class ReadOnlyTableModel(QAbstractTableModel, Generic[RowT]):
    HEAD: ClassVar[tuple[str, ...]] = ()
    """The column titles."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._at: datetime | None = None

    @property
    def at(self) -> datetime | None:
        """When the rows were read (what is overdue, how old), if it matters to them."""
        return self._at

    def set_rows(self, rows: Sequence[RowT], at: datetime | None = None) -> None:
        self.beginResetModel()
        self._rows, self._at = list(rows), at
        self.endResetModel()

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cell(self, row: RowT, col: int, role: int) -> object:
        """What a cell of ``row`` shows in ``role`` (None: nothing)."""
        return None

    # Qt model API -----------------------------------------------------------------------------

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)
