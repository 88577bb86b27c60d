"""The breach register as a lazily loaded table model.

Like Anki's browser model, it knows the number of rows at once and fetches the rows themselves a
page at a time, only when a view asks for them, so a register of 100,000 breaches scrolls as
smoothly as one of ten. Sorting and filtering are the store's job (``list_breaches``): a proxy
that sorted or filtered here would have to load every row first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, Unpack

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from breach_desk.domain import vocabulary as words
from breach_desk.domain.clock import LONDON, english, format_local, local_date, now
from breach_desk.domain.oldlog import FROM_OLD_LOG
from breach_desk.domain.remind import complaint_clock
from breach_desk.gui.register.scope import RegisterFilters

if TYPE_CHECKING:
    from breach_desk.domain.register import BreachSummary

PAGE_SIZE = 200
MAX_PAGES = 60
"""Pages kept in memory (12,000 rows); older ones are dropped and fetched again if needed."""

ObjectRole = Qt.ItemDataRole.UserRole
"""The row's BreachSummary (None while it is loading)."""
BadgeRole = Qt.ItemDataRole.UserRole + 1
"""An accent name for the badge delegate (style.accent), or None for plain text."""

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    sort: str | None
    """The store's sort key; None: not sortable."""
    tip: str = ""


COMPLAINT_COLUMN = Column(
    "complaint",
    "Complaint",
    "complaint",
    "A complaint about the breach waiting for acknowledgement: due within 30 days of receipt, "
    "the day of receipt counting as the first (DPA 2018 s.164A; sorted by the clock: late, "
    "then due soonest; breaches with none waiting last)",
)

COLUMNS = (
    Column("reference", "Ref", "reference", "The register reference"),
    Column("title", "Title", "title"),
    Column("service", "Service", "service"),
    Column("status", "Status", "status"),
    Column("band", "Severity", "band", "Severity band (ENISA 2013)"),
    Column("risk", "Risk", "risk", "Risk to people's rights and freedoms"),
    Column("aware_at", "Aware", "aware_at", "When the organisation became aware"),
    Column(
        "ico",
        "ICO",
        "ico_clock",
        "Report to the ICO: due, late, or when it was reported (sorted by the clock: late, "
        "then due by the deadline, then reported; breaches needing no report last)",
    ),
    Column("overdue", "Overdue", "overdue", "Recommendations past their due date"),
    Column("repeat", "Repeat", None, "Earlier breaches involved the same person or recipient"),
    COMPLAINT_COLUMN,
)
COL = {c.key: i for i, c in enumerate(COLUMNS)}
FIRST_ORDER = {
    "ico": Qt.SortOrder.AscendingOrder,
    "overdue": Qt.SortOrder.DescendingOrder,
    "band": Qt.SortOrder.DescendingOrder,
    "complaint": Qt.SortOrder.AscendingOrder,
}
"""The first click on these headers: the soonest ICO deadline, the most overdue, the most
severe, the most pressing complaint, first."""


@dataclass(frozen=True, slots=True)
class RegisterQuery:
    search: str | None = None
    risk: str | None = None
    status: str | None = None
    service: str | None = None
    sort: str = "aware_at"
    descending: bool = True

    def filters(self) -> RegisterFilters:
        return {
            "search": self.search or None,
            "risk": self.risk or None,
            "status": self.status or None,
            "service": self.service or None,
        }


class QueryChange(TypedDict, total=False):
    """What ``RegisterModel.update_query`` may change."""

    search: str | None
    risk: str | None
    status: str | None
    service: str | None
    sort: str
    descending: bool


class RowSource(Protocol):
    """Where rows come from. Replies may arrive later (the worker) or at once (tests)."""

    def count(
        self,
        query: RegisterQuery,
        first: int,
        reply: Callable[[int, list[BreachSummary]], None],
    ) -> None: ...

    def rows(
        self,
        query: RegisterQuery,
        offset: int,
        limit: int,
        reply: Callable[[list[BreachSummary]], None],
    ) -> None: ...


def ico_text(row: BreachSummary, at: datetime) -> tuple[str, str | None]:
    """The ICO column: the one ICO clock (``domain/notification``), and its accent."""
    if row.band is None and not row.ico_report:
        return "—", None
    clock = row.clock(at)
    return clock.text, clock.accent


def short_clock(row: BreachSummary, at: datetime) -> str:
    """The ICO column's short form (``Clock.short``: 'reported 14 Jun 2024 16:40', 'reported
    1 d 18 h late'); the whole sentence is the cell's tooltip."""
    if row.band is None and not row.ico_report:
        return "—"
    return row.clock(at).short


def complaint_text(row: BreachSummary, at: datetime) -> tuple[str, str | None]:
    """The Complaint column: the acknowledgement clock of the earliest complaint waiting."""
    if row.complaint_received is None:
        return "", None
    clock = complaint_clock(row.complaint_received, None, local_date(at))
    return clock.text.removeprefix("Acknowledgement "), clock.accent


class RegisterModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)

    def __init__(self, source: RowSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._query = RegisterQuery()
        self._total = 0
        self._pages: OrderedDict[int, list[BreachSummary]] = OrderedDict()
        self._asked: set[int] = set()
        self._generation = 0
        self._in_data = False
        self._loaded = False
        self._active = False
        self.clock: Callable[[], datetime] = now

    # queries ----------------------------------------------------------------------------------

    @property
    def query(self) -> RegisterQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded(self) -> bool:
        """The first answer from the store has arrived."""
        return self._loaded

    def set_query(self, query: RegisterQuery) -> None:
        if query != self._query:
            self._query = query
            self.refresh()

    def update_query(self, **changes: Unpack[QueryChange]) -> None:
        self.set_query(replace(self._query, **changes))

    def start(self) -> None:
        """The store is ready: ask it for the first time."""
        self._active = True
        self.refresh()

    def refresh(self) -> None:
        """Ask the store again (after a save, an import, a new filter)."""
        if not self._active:
            return
        self._generation += 1
        generation, query = self._generation, self._query
        self.loading_changed.emit(True)
        self._source.count(
            query, PAGE_SIZE, lambda total, first: self._on_count(generation, total, first)
        )

    def _on_count(self, generation: int, total: int, first: list[BreachSummary]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total = total
        self._pages.clear()
        self._asked.clear()
        self._pages[0] = list(first)
        self._loaded = True
        self.endResetModel()
        self.loading_changed.emit(False)
        self.total_changed.emit(total)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.update_query(sort=key, descending=order == Qt.SortOrder.DescendingOrder)

    # rows -------------------------------------------------------------------------------------

    def row_object(self, row: int) -> BreachSummary | None:
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._ask(page)
            rows = self._pages.get(page)  # a source may answer at once
            if rows is None:
                return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    def row_of(self, reference: str) -> int | None:
        """The row of a loaded breach, or None."""
        for page, rows in self._pages.items():
            for i, row in enumerate(rows):
                if row.reference == reference:
                    return page * PAGE_SIZE + i
        return None

    def _ask(self, page: int) -> None:
        if page in self._asked or page * PAGE_SIZE >= self._total:
            return
        self._asked.add(page)
        generation = self._generation
        self._source.rows(
            self._query,
            page * PAGE_SIZE,
            PAGE_SIZE,
            lambda rows: self._on_rows(generation, page, rows),
        )

    def _on_rows(self, generation: int, page: int, rows: list[BreachSummary]) -> None:
        if generation != self._generation:
            return
        self._asked.discard(page)
        self._pages[page] = list(rows)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        if self._in_data:
            return  # answered at once, inside data(): the caller gets the row directly
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1), [])

    # Qt model API -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip or None
        if role == Qt.ItemDataRole.InitialSortOrderRole and COLUMNS[section].key in FIRST_ORDER:
            return FIRST_ORDER[COLUMNS[section].key].value
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        self._in_data = True
        try:
            row = self.row_object(index.row())
        finally:
            self._in_data = False
        key = COLUMNS[index.column()].key
        if role == ObjectRole:
            return row
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return "…" if index.column() == 0 else ""
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, key)
        if role == BadgeRole:
            return self._badge(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("overdue", "repeat"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: BreachSummary, key: str) -> str:
        if key == "reference":
            return str(row.reference)
        if key == "title":
            return str(row.title)
        if key == "service":
            return row.service or ""
        if key == "status":
            return FROM_OLD_LOG if row.from_old_log else words.label(row.status)
        if key == "band":
            return words.band_caps(row.band) if row.band else "—"
        if key == "risk":
            return words.RISK_SHORT[row.risk] if row.risk else "—"
        if key == "aware_at":
            logged = row.aware_words()  # from the old log: at the precision it gave
            return logged or english(row.aware_at.astimezone(LONDON), "%d %b %Y %H:%M")
        if key == "ico":
            return short_clock(row, self.clock())
        if key == "overdue":
            return f"{row.overdue_recommendations:,}" if row.overdue_recommendations else ""
        if key == "repeat":
            return "repeat" if row.is_repeat else ""
        if key == "complaint":
            return complaint_text(row, self.clock())[0]
        return ""

    def _badge(self, row: BreachSummary, key: str) -> str | None:
        if key == "band" and row.band:
            return str(row.band)
        if key == "status" and not row.from_old_log:
            return {"draft": "warn", "closed": "ok"}.get(str(row.status))
        if key == "risk" and row.risk:
            return {"unlikely": "unlikely", "risk": "risk", "high": "high_risk"}[str(row.risk)]
        if key == "ico":
            return ico_text(row, self.clock())[1]
        if key == "overdue" and row.overdue_recommendations:
            return "late"
        if key == "repeat" and row.is_repeat:
            return "warn"
        if key == "complaint":
            return complaint_text(row, self.clock())[1]
        return None

    def _tip(self, row: BreachSummary, key: str) -> str | None:
        if key == "ico" and row.ico_report and row.ico_deadline is not None:
            deadline = f"deadline {format_local(row.ico_deadline)}"  # with GMT or BST
            return f"{ico_text(row, self.clock())[0]} ({deadline})"
        if key == "ico":
            return ico_text(row, self.clock())[0]  # the whole sentence, as everywhere else
        if key == "overdue" and row.overdue_recommendations:
            n, of = row.overdue_recommendations, row.open_recommendations
            return f"{n:,} of {of:,} open recommendations {'is' if n == 1 else 'are'} overdue"
        if key == "complaint" and row.complaint_received is not None:
            # The whole sentence the cell shortens: 'Acknowledgement late by 1,689 days (was due
            # 30 Oct 2026)'.
            return complaint_clock(row.complaint_received, None, local_date(self.clock())).text
        if key == "status" and row.from_old_log:
            return FROM_OLD_LOG
        if key == "title":
            return str(row.title)
        if key == "risk" and row.risk:
            return words.label(row.risk) if row.risk else None
        if key == "band" and row.band:
            return "Severity band (ENISA 2013): " + words.band_caps(row.band).lower()
        return None
