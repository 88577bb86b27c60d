"""Recommendations as a table ("My actions", "Monitoring"), read from the database a page at a
time.

Like the register's model, it never holds the whole list: the database filters, sorts and pages
it (``store/action_list``), the first page comes with the query, the next ones as the view
scrolls (``canFetchMore``/``fetchMore``), and how many there are comes from a count of its own,
after the rows. Overdue is written ("3 d late"), not only coloured.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import day_month_year
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.gui.read_only import Index
from breach_desk.gui.register.model import BadgeRole

if TYPE_CHECKING:
    from breach_desk.domain.workflow import ActionItem

ItemRole = Qt.ItemDataRole.UserRole + 10
"""The ``ActionItem`` behind a row."""
PAGE = 200

S = RecommendationStatus
STATUS_WORDS = {
    S.OPEN: vocabulary.label(S.OPEN),
    S.IN_PROGRESS: vocabulary.label(S.IN_PROGRESS),
    S.DONE: vocabulary.STATUS_DONE_TO_VERIFY,
    S.VERIFIED: vocabulary.label(S.VERIFIED),
    S.REJECTED: vocabulary.label(S.REJECTED),
}


class Column:
    BREACH, CODE, ACTION, SERVICE, OWNER, DUE, STATUS, OVERDUE, AGE = range(9)
    TITLES = (
        "Breach",
        "Recommendation",
        "Action",
        "Service",
        "Owner",
        "Due",
        "Status",
        "Overdue",
        "Age",
    )
    """The recommendation by its name, never its internal code (NOTIFY_ICO)."""
    TIPS: ClassVar[dict[int, str]] = {
        DUE: "The day it is due: it is overdue when not done by the end of that day (UK time)",
        STATUS: f"“{vocabulary.STATUS_DONE_TO_VERIFY}”: marked done by its owner with evidence, "
        "waiting for the IG team to verify it",
        OVERDUE: "Days past the due date, while it is not done: due 3 Dec, on 6 Dec it is "
        "3 d late (UK dates)",
        AGE: "Days since the recommendation was made (when the breach was assessed), whatever "
        "its status",
    }
    """What a column counts, said where its heading is."""
    NUMERIC = (OVERDUE, AGE)
    SORTS = ("reference", "code", "text", "service", "owner", "due", "status", "overdue", "age")
    """The database's order for each column (``store/action_list.SORTS``)."""
    FIRST_DESCENDING = (OVERDUE, AGE)
    """The first click on these: the most overdue, the oldest, first."""


def owner_words(item: ActionItem) -> str:
    r = item.recommendation
    return vocabulary.owner_words(r.owner_role, r.owner)


def due_words(item: ActionItem) -> str:
    d = item.recommendation.due_date
    return day_month_year(d)


@dataclass(frozen=True, slots=True)
class ActionsQuery:
    """What a list shows: its filters and its order."""

    mine: bool = False
    words: str = ""
    service: str | None = None
    status: str | None = None
    """One status; None: every one not finished."""
    overdue_only: bool = False
    sort: str = "overdue"
    descending: bool = True

    def filters(self) -> dict[str, Any]:
        """The filters as ``Tracking.action_page`` and ``action_tally`` take them."""
        return {
            "mine": self.mine,
            "words": " ".join(self.words.split()),
            "service": self.service,
            "status": RecommendationStatus(self.status) if self.status else None,
            "overdue_only": self.overdue_only,
        }


@dataclass(frozen=True, slots=True)
class Page:
    at: datetime
    items: list[ActionItem]


class PageSource(Protocol):
    """Where pages come from (the worker, or at once in tests)."""

    def page(
        self, query: ActionsQuery, offset: int, limit: int, reply: Callable[[Page], None]
    ) -> None: ...


class ActionsModel(QAbstractTableModel):
    """The rows of one list as far as they have been read; ``refresh`` reads them again."""

    loaded = Signal()
    """The first page of a (new) query is in."""

    def __init__(self, source: PageSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._query = ActionsQuery()
        self._rows: list[ActionItem] = []
        self._at: datetime | None = None
        self._more = False
        self._asking = False
        self._generation = 0
        self._loaded = False
        self._started = False

    # the query --------------------------------------------------------------------------------

    @property
    def query(self) -> ActionsQuery:
        return self._query

    @property
    def at(self) -> datetime | None:
        """When the rows were read (what is overdue, how old)."""
        return self._at

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    def set_query(self, query: ActionsQuery) -> None:
        if query != self._query:
            self._query = query
            if self._started:
                self.refresh()

    def update_query(self, **changes: Any) -> None:
        self.set_query(replace(self._query, **changes))

    def refresh(self) -> None:
        """Read the list again from its top, as many rows as were read before (so that what is
        selected is found again)."""
        self._started = True
        self._generation += 1
        generation = self._generation
        self._asking = True
        wanted = max(PAGE, len(self._rows))
        self._source.page(
            self._query, 0, wanted, lambda page: self._first(generation, wanted, page)
        )

    def _first(self, generation: int, wanted: int, page: Page) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows, self._at = list(page.items), page.at
        self._more = len(page.items) >= wanted
        self._asking = False
        self._loaded = True
        self.endResetModel()
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._asking

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._asking = True
        generation, offset = self._generation, len(self._rows)
        self._source.page(
            self._query, offset, PAGE, lambda page: self._next(generation, offset, page)
        )

    def _next(self, generation: int, offset: int, page: Page) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._asking = False
        self._more = len(page.items) >= PAGE
        if page.items:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page.items) - 1)
            self._rows.extend(page.items)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(Column.SORTS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.update_query(sort=Column.SORTS[column], descending=descending)

    # rows -------------------------------------------------------------------------------------

    def rows(self) -> list[ActionItem]:
        return list(self._rows)

    def row_at(self, row: int) -> ActionItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
            return vocabulary.recommendation_title(r.code, r.text)
        if col == Column.ACTION:
            return str(r.text)
        if col == Column.SERVICE:
            return str(item.service or "—")
        if col == Column.OWNER:
            return owner_words(item)
        if col == Column.DUE:
            return due_words(item)
        if col == Column.STATUS:
            return STATUS_WORDS[r.status]
        if col == Column.OVERDUE:
            late = self._late(item)
            return vocabulary.days_late(late) if late else ""
        if col == Column.AGE and self._at is not None:
            return vocabulary.days(item.age_days(self._at))
        return ""

    # Qt model API -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column.TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column.TITLES):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return Column.TITLES[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return Column.TIPS.get(section)
        if role == Qt.ItemDataRole.InitialSortOrderRole and section in Column.FIRST_DESCENDING:
            return Qt.SortOrder.DescendingOrder.value
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, col)
        if role == ItemRole:
            return item
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
