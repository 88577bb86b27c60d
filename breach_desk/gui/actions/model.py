"""Recommendations as a table ("My actions", "Monitoring"), and the filter Monitoring puts on it.

Overdue is written ("OVERDUE 3 d"), not only coloured; the sort role sorts dates and ages as
dates and numbers, not as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from breach_desk.domain.enums import RecommendationStatus
from breach_desk.gui.read_only import Index, ReadOnlyTableModel
from breach_desk.gui.register.model import BadgeRole

if TYPE_CHECKING:
    from breach_desk.domain.workflow import ActionItem

ItemRole = Qt.ItemDataRole.UserRole + 10
"""The ``ActionItem`` behind a row."""
SortRole = Qt.ItemDataRole.UserRole + 11

S = RecommendationStatus
STATUS_WORDS = {
    S.OPEN: "Open",
    S.IN_PROGRESS: "In progress",
    S.DONE: "Done — to verify",
    S.VERIFIED: "Verified",
    S.REJECTED: "Rejected",
}
OWNER_WORDS = {"ig": "IG team", "service": "Service manager", "it": "IT"}


class Column:
    BREACH, CODE, ACTION, SERVICE, OWNER, DUE, STATUS, OVERDUE, AGE = range(9)
    TITLES = ("Breach", "Code", "Action", "Service", "Owner", "Due", "Status", "Overdue", "Age")
    NUMERIC = (OVERDUE, AGE)


def owner_words(item: ActionItem) -> str:
    r = item.recommendation
    return str(r.owner or OWNER_WORDS.get(r.owner_role.value, r.owner_role.value))


class ActionsModel(ReadOnlyTableModel["ActionItem"]):
    """Recommendations with their breach, as read at ``at``."""

    HEAD = Column.TITLES

    def row_of(self, action_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.recommendation.id == action_id:
                return row
        return -1

    def _late(self, item: ActionItem) -> int:
        return int(item.overdue_days(self._at)) if self._at is not None else 0

    def _text(self, item: ActionItem, col: int) -> str:
        r = item.recommendation
        if col == Column.BREACH:
            return str(r.breach_reference)
        if col == Column.CODE:
            return str(r.code)
        if col == Column.ACTION:
            return str(r.text)
        if col == Column.SERVICE:
            return str(item.service or "—")
        if col == Column.OWNER:
            return owner_words(item)
        if col == Column.DUE:
            return f"{r.due_date.day} {r.due_date.strftime('%b %Y')}"
        if col == Column.STATUS:
            return STATUS_WORDS[r.status]
        if col == Column.OVERDUE:
            late = self._late(item)
            return f"{late} d late" if late else ""
        if col == Column.AGE and self._at is not None:
            return f"{item.age_days(self._at)} d"
        return ""

    def _sort_key(self, item: ActionItem, col: int) -> str | int:
        r = item.recommendation
        if col == Column.DUE:
            return r.due_date.isoformat()
        if col == Column.STATUS:
            return list(S).index(r.status)
        if col == Column.OVERDUE:
            return self._late(item)
        if col == Column.AGE:
            return item.age_days(self._at) if self._at is not None else 0
        return self._text(item, col).casefold()

    def cell(self, item: ActionItem, col: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, col)
        if role == ItemRole:
            return item
        if role == SortRole:
            return self._sort_key(item, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Column.ACTION:
                r = item.recommendation
                return f"{r.text}\n\n{r.why}" if r.why else r.text
            if col == Column.BREACH:
                return str(item.title)
            return None
        if role == BadgeRole:
            if col == Column.OVERDUE and self._late(item):
                return "late"
            if col == Column.STATUS and item.recommendation.status is S.DONE:
                return "warn"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in Column.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ActionsFilter(QSortFilterProxyModel):
    """Monitoring's filters: words, service, status, overdue only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words = ""
        self._service: str | None = None
        self._status: RecommendationStatus | None = None
        self._overdue_only = False

    def set_filters(
        self,
        words: str = "",
        service: str | None = None,
        status: RecommendationStatus | None = None,
        overdue_only: bool = False,
    ) -> None:
        self.beginFilterChange()
        self._words = " ".join(words.casefold().split())
        self._service, self._status, self._overdue_only = service, status, overdue_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ActionsModel):
            return True
        item = model.row_at(source_row)
        if item is None:
            return False
        r = item.recommendation
        if self._service is not None and (item.service or "") != self._service:
            return False
        if self._status is not None and r.status is not self._status:
            return False
        if self._overdue_only and (model.at is None or not r.overdue(model.at)):
            return False
        if self._words:
            hay = " ".join(
                str(x) for x in (r.breach_reference, r.code, r.text, item.title, item.service)
            ).casefold()
            return all(word in hay for word in self._words.split())
        return True
