"""The recommendations the officer settles on: the method's proposal, with their edits on top.

The proposal changes as the facts change, so the officer's edits are kept by code (owner, due
date, added, removed with a reason) and laid over whatever the method proposes now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import english, local_date
from breach_desk.domain.enums import OwnerRole
from breach_desk.method.recommendations import CATALOGUE

if TYPE_CHECKING:
    from breach_desk.domain.assessment import Assessment

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class PlanItem:
    code: str
    text: str
    owner_role: OwnerRole
    due_date: date
    owner: str
    why: str
    added: bool = False


@dataclass
class Plan:
    owners: dict[str, str] = field(default_factory=dict)
    due: dict[str, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    removed: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "owners": dict(self.owners),
            "due": dict(self.due),
            "added": list(self.added),
            "removed": dict(self.removed),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Plan:
        data = data or {}
        return cls(
            dict(data.get("owners", {})),
            dict(data.get("due", {})),
            list(data.get("added", [])),
            dict(data.get("removed", {})),
        )

    def items(self, assessment: Assessment | None) -> list[PlanItem]:
        out: list[PlanItem] = []
        proposed = list(assessment.recommendations) if assessment is not None else []
        codes = {p.code for p in proposed}
        decided = local_date(assessment.decided_at) if assessment is not None else date.today()
        for p in proposed:
            if p.code in self.removed:
                continue
            out.append(self._item(p.code, p.text, p.owner_role, p.due_date, p.why))
        for code in self.added:
            if code in codes or code in self.removed or code not in CATALOGUE:
                continue
            entry = CATALOGUE[code]
            due = decided + timedelta(days=entry.due_days)
            out.append(
                self._item(
                    code, entry.text, entry.owner_role, due, "Added by the officer.", added=True
                )
            )
        return out

    def _item(
        self, code: str, text: str, role: OwnerRole, due: date, why: str, added: bool = False
    ) -> PlanItem:
        if code in self.due:
            due = date.fromisoformat(self.due[code])
        return PlanItem(code, text, role, due, self.owners.get(code, ""), why, added)

    def removed_pairs(self, assessment: Assessment | None) -> list[tuple[str, str]]:
        """(code, reason) for proposed recommendations the officer removed."""
        proposed = {p.code for p in assessment.recommendations} if assessment is not None else set()
        return [(c, r) for c, r in self.removed.items() if c in proposed]

    def add(self, code: str) -> None:
        self.removed.pop(code, None)
        if code not in self.added:
            self.added.append(code)

    def remove(self, code: str, reason: str, proposed: bool) -> None:
        if code in self.added:
            self.added.remove(code)
        if proposed:
            self.removed[code] = reason


_HEAD = ("Code", "What", "Owner", "Due", "Why")
OWNER_COL, DUE_COL = 2, 3


class PlanModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._items: list[PlanItem] = []

    def set_items(self, items: list[PlanItem]) -> None:
        """Show ``items`` by changing only the rows that changed: never a reset, so the view
        keeps its current row, its focus and any open editor."""
        if items == self._items:
            return
        wanted = [i.code for i in items]
        for row in reversed(range(len(self._items))):
            if self._items[row].code not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()
        kept = [i.code for i in self._items]
        if kept != [c for c in wanted if c in kept]:  # the order changed: start again
            self.beginResetModel()
            self._items = list(items)
            self.endResetModel()
            return
        for row, item in enumerate(items):
            if row >= len(self._items) or self._items[row].code != item.code:
                self.beginInsertRows(QModelIndex(), row, row)
                self._items.insert(row, item)
                self.endInsertRows()
            elif self._items[row] != item:
                self._items[row] = item
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEAD) - 1))

    def items(self) -> list[PlanItem]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

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
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (OWNER_COL, DUE_COL):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == OWNER_COL:
                return item.owner or vocabulary.label(item.owner_role)
            return (item.code, item.text, None, english(item.due_date, "%d %b %Y"), item.why)[col]
        if role == Qt.ItemDataRole.EditRole:
            if col == OWNER_COL:
                return item.owner
            if col == DUE_COL:
                return QDate(item.due_date.year, item.due_date.month, item.due_date.day)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == OWNER_COL:
                return (
                    f"Owner role: {vocabulary.label(item.owner_role)}. Type a name to make "
                    "someone responsible."
                )
            return f"{item.text}\n{item.why}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item = self._items[index.row()]
        if index.column() == OWNER_COL:
            self.plan.owners[item.code] = str(value or "").strip()
        elif index.column() == DUE_COL:
            day = value.toPython() if isinstance(value, QDate) else value
            if not isinstance(day, date):
                return False
            self.plan.due[item.code] = day.isoformat()
        else:
            return False
        self.edited.emit()
        return True
