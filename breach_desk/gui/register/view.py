"""The register view: filters, the table, the selected breach's detail, and the first-run page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary as words
from breach_desk.gui.backend import Backend, Services
from breach_desk.gui.register import scope
from breach_desk.gui.register.model import COL, COLUMNS, RegisterModel, RegisterQuery
from breach_desk.gui.register.proxy import RegisterProxy
from breach_desk.gui.widgets.badges import BadgeDelegate

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from breach_desk.domain.register import Breach, BreachSummary
    from breach_desk.gui.register.detail import BreachDetail


class BackendRows:
    """RowSource over the services, on the worker; a service manager's rows limited to their
    services where the database does not do it (``scope``)."""

    def __init__(self, backend: Backend, owner: QObject) -> None:
        self._backend = backend
        self._owner = owner

    def count(
        self,
        query: RegisterQuery,
        first: int,
        reply: Callable[[int, list[BreachSummary]], None],
    ) -> None:
        self._backend.call(
            partial(_count_and_first, query=query, first=first),
            on_done=partial(_reply_pair, reply),
            owner=self._owner,
        )

    def rows(
        self,
        query: RegisterQuery,
        offset: int,
        limit: int,
        reply: Callable[[list[BreachSummary]], None],
    ) -> None:
        self._backend.call(
            partial(_rows, query=query, offset=offset, limit=limit),
            on_done=reply,
            owner=self._owner,
        )


def _rows(services: Services, query: RegisterQuery, offset: int, limit: int) -> list[BreachSummary]:
    return scope.rows(
        services.register,
        query.filters(),
        services.info.scope,
        sort=query.sort,
        descending=query.descending,
        offset=offset,
        limit=limit,
    )


def _count_and_first(
    services: Services, query: RegisterQuery, first: int
) -> tuple[int, list[BreachSummary]]:
    total = scope.count(services.register, query.filters(), services.info.scope)
    return total, _rows(services, query, 0, first)


def _reply_pair(
    reply: Callable[[int, list[BreachSummary]], None], result: tuple[int, list[BreachSummary]]
) -> None:
    reply(*result)


def _listed(services: Services, reference: str, query: RegisterQuery) -> bool:
    """Do the list's filters (and the user's scope) keep ``reference``?"""
    chosen = scope.narrowed(query.filters(), services.info.scope)
    if chosen is None:
        return False
    wanted = dict(chosen)
    if "services" in wanted:
        wanted["services"] = tuple(chosen["services"])
    return services.tracking.breach_listed(reference, **wanted)


def _complaints_waiting(services: Services) -> bool:
    """Whether any complaint about a breach waits for its acknowledgement (DPA 2018 s.164A)."""
    from breach_desk.services.remind import unacknowledged

    return bool(unacknowledged(services.register))


def _services(services: Services) -> list[str]:
    found = list(services.register.services())
    limit = services.info.scope
    return found if limit is None else [s for s in found if s in limit]


class EmptyRegister(QWidget):
    """First run: what this is, and two ways to start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Your breach register is empty")
        title.setObjectName("emptyTitle")
        text = QLabel(
            "Breach Desk helps you decide, quickly and defensibly, what a personal-data breach "
            "means: how severe it is (ENISA 2013), whether the ICO must be told within 72 hours "
            "of becoming aware, and whether the people affected must be told. Every breach goes "
            "in this register, reported or not (UK GDPR Art. 33(5)), and every recommendation "
            "is tracked until it is verified.\n\n"
            "Start with a new assessment, or open the demo register to look around first: it "
            "holds the founding case (Ombudsman 21 007 914, an email address given more than "
            "once to people who had assaulted its owner) and a few others. The demo is a "
            "separate file; your own register stays empty until you save a breach."
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton("&New assessment…")
        self.demo_button = QPushButton("Open the &demo register")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(text)
        box.addLayout(buttons)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMaximumWidth(inner.fontMetrics().averageCharWidth() * 90)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(inner, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)


class RegisterView(QWidget):
    selection_changed = Signal(object)
    """The Breach now shown in the detail pane (or None)."""
    said = Signal(str)
    """Something the officer should know about what the list now shows (for the status bar)."""
    count_changed = Signal(int)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.model = RegisterModel(BackendRows(backend, self), self)
        self.proxy = RegisterProxy(self.model, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search title, reference, people, recipients…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the register")
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.status = self._combo(
            "Status", [("", "Any status"), *[(c.value, c.label) for c in words.BREACH_STATUS]]
        )
        self.risk = self._combo(
            "Risk", [("", "Any risk"), *[(r.value, t) for r, t in words.RISK_SHORT.items()]]
        )
        self.service = self._combo("Service", [("", "Any service")])
        for combo in (self.status, self.risk, self.service):
            combo.currentIndexChanged.connect(self._apply_filters)

        bar = QHBoxLayout()
        for text, widget in (
            ("S&tatus", self.status),
            ("Ris&k", self.risk),
            ("Serv&ice", self.service),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addStretch(1)
        self.count_label = QLabel("Opening the register…")
        self.count_label.setAccessibleName("Number of breaches shown")
        bar.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setAccessibleName("Breach register")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSortIndicator(COL["aware_at"], Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL["title"], QHeaderView.ResizeMode.Stretch)
        header.setSectionsMovable(True)
        self._default_widths()
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(self._on_activated)

        # The detail pane is built the first time a breach is selected: the window paints sooner.
        self._detail: BreachDetail | None = None
        self._breach_actions: list[QAction] = []
        self._detail_placeholder = QLabel(
            "Select a breach to see its facts, assessment, "
            "decision note, recommendations and history."
        )
        self._detail_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail_placeholder.setWordWrap(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("registerSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._detail_placeholder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        listing = QWidget()
        lay = QVBoxLayout(listing)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.splitter, 1)

        self.empty = EmptyRegister()
        self.stack = QStackedWidget()
        self.stack.addWidget(listing)
        self.stack.addWidget(self.empty)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.model.total_changed.connect(self._on_total)
        self.model.modelReset.connect(self._reselect)
        self.model.dataChanged.connect(self._on_rows_arrived)
        self._selected: str | None = None
        self._select_when_loaded: str | None = None
        self._waiting_row: int | None = None
        """A selected row whose page is still being read: its detail shows once it arrives."""

    @property
    def detail(self) -> BreachDetail:
        if self._detail is None:
            from breach_desk.gui.register.detail import BreachDetail

            self._detail = BreachDetail(self.backend)
            self._detail.set_actions(self._breach_actions)
            self._detail.loaded.connect(self.selection_changed)
            self.splitter.replaceWidget(1, self._detail)
            self._detail_placeholder.deleteLater()
        return self._detail

    def set_breach_actions(self, actions: list[QAction]) -> None:
        """The Breach menu's commands, also offered as buttons above the detail (given before
        the detail is first shown)."""
        self._breach_actions = list(actions)

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Filter by {name.lower()}")
        for value, text in items:
            combo.addItem(text, value)
        return combo

    def _default_widths(self) -> None:
        """Wide enough for what each column says, badges included; the title takes the rest."""
        fm = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        fb = QFontMetrics(bold)
        pad = fm.averageCharWidth() * 3
        samples = {
            "reference": (fm, "IG-2024-00000"),
            "service": (fm, "Children's Services"),
            "status": (fm, "Assessed"),
            "band": (fb, "VERY HIGH  "),
            "risk": (fb, "High risk  "),
            "aware_at": (fm, "28 Mar 2026 10:00"),
            "ico": (fb, "reported 28 Sep 2026 18:00    "),
            "overdue": (fm, "Overdue"),
            "repeat": (fb, "repeat  "),
        }
        for key, (metrics, text) in samples.items():
            self.table.setColumnWidth(COL[key], metrics.horizontalAdvance(text) + pad)
        self.table.setColumnWidth(COL["title"], fm.averageCharWidth() * 44)

    def wanted_width(self) -> int:
        """The width that shows every column whole, with room for a title of 30 characters."""
        em = self.table.fontMetrics().averageCharWidth()
        columns = sum(self.table.columnWidth(c) for c in range(len(COLUMNS)) if c != COL["title"])
        return columns + em * 30 + self.table.frameWidth() * 2 + em * 3

    def _on_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        """A column the store cannot sort by keeps the arrow where the order really is."""
        if 0 <= column < len(COLUMNS) and COLUMNS[column].sort is not None:
            return
        query = self.model.query
        current = next((i for i, c in enumerate(COLUMNS) if c.sort == query.sort), COL["aware_at"])
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(current, order)
        header.blockSignals(False)
        header.viewport().update()

    # filters ----------------------------------------------------------------------------------

    def _apply_search(self) -> None:
        self.proxy.set_search(self.search.text())

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            status=self.status.currentData(),
            risk=self.risk.currentData(),
            service=self.service.currentData(),
        )

    def set_services(self, services: list[str]) -> None:
        current = self.service.currentData()
        self.service.blockSignals(True)
        self.service.clear()
        self.service.addItem("Any service", "")
        for name in services:
            self.service.addItem(name, name)
        index = self.service.findData(current)
        self.service.setCurrentIndex(max(0, index))
        self.service.blockSignals(False)

    def refresh(self) -> None:
        if not self.backend.is_open:
            return
        self.model.start()
        self.backend.call(_services, on_done=self.set_services, owner=self)
        self.backend.call(_complaints_waiting, on_done=self._show_complaints, owner=self)
        if self._detail is not None:
            self._detail.reload()

    def _show_complaints(self, waiting: bool) -> None:
        """The Complaint column takes room only while a complaint waits to be acknowledged, so
        the title keeps its share of a narrow window the rest of the time."""
        self.table.setColumnHidden(COL["complaint"], not waiting)

    # selection --------------------------------------------------------------------------------

    def _on_total(self, total: int) -> None:
        info = self.backend.info
        limit = info.scope if info is not None else None
        first_run = total == 0 and not self.proxy.filtered() and limit is None
        self.stack.setCurrentIndex(1 if first_run else 0)
        noun = "breach" if total == 1 else "breaches"
        text = f"{total:,} {noun}"
        if limit is not None:
            text += " of your services" if limit else " (no services are yours yet)"
            self.count_label.setToolTip(
                "As a service manager you see the breaches of: " + (", ".join(limit) or "none")
            )
        else:
            self.count_label.setToolTip("")
        self.count_label.setText(text + (" (filtered)" if self.proxy.filtered() else ""))
        self.count_changed.emit(total)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        number = self.proxy.mapToSource(rows[0]).row()
        row = self.model.row_object(number)
        if row is None:  # its page is on its way: nothing is shown, nothing can be acted on
            self._waiting_row = number
            self._selected = None
            self.detail.show_reference(None)
            return
        self._waiting_row = None
        self._select_when_loaded = None
        self._selected = row.reference
        self.detail.show_reference(self._selected)

    def _on_rows_arrived(self, first: QModelIndex, last: QModelIndex, *_roles: object) -> None:
        waiting = self._waiting_row
        if waiting is None or not first.row() <= waiting <= last.row():
            return
        rows = self.table.selectionModel().selectedRows()
        if rows and self.proxy.mapToSource(rows[0]).row() == waiting:
            self._on_selection(QItemSelection(), QItemSelection())

    def _on_activated(self, index: QModelIndex) -> None:
        self.detail.tabs.setFocus()

    def _reselect(self) -> None:
        """The list was read again (a new filter, a save): keep the selected breach if the
        list still holds it; if the filters leave it out, show nothing and offer nothing."""
        self._waiting_row = None
        wanted = self._select_when_loaded or self._selected
        if not wanted:
            return
        if self.model.row_of(wanted) is not None:
            self.select(wanted)
            return
        if self.model.total == 0:
            self._clear_selection()
            return
        self.backend.call(
            partial(_listed, reference=wanted, query=self.model.query),
            on_done=partial(self._still_listed, wanted),
            owner=self,
        )

    def _still_listed(self, reference: str, listed: bool) -> None:
        if reference != (self._select_when_loaded or self._selected):
            return
        if listed:  # further down the list than its first page: its detail stays
            self._select_when_loaded = reference
        else:
            self._clear_selection()

    def _clear_selection(self) -> None:
        self._selected = self._select_when_loaded = None
        self._waiting_row = None
        self.table.selectionModel().clearSelection()
        if self._detail is not None:
            self._detail.show_reference(None)

    def open_reference(self, reference: str) -> None:
        """Show this breach selected in the list ("Open breach" from another view): if the
        filters leave it out they are cleared, and ``said`` says so."""
        self._select_when_loaded = self._selected = reference
        if self.select(reference):
            return
        if not self.proxy.filtered():
            return  # listed further down: selected when its page arrives
        self.backend.call(
            partial(_listed, reference=reference, query=self.model.query),
            on_done=partial(self._open_listed, reference),
            owner=self,
        )

    def _open_listed(self, reference: str, listed: bool) -> None:
        if listed or reference != self._select_when_loaded:
            return
        self.clear_filters()
        self.said.emit(f"Filters cleared to show {reference}: they left it out of the list.")

    def clear_filters(self) -> None:
        """Search, status, risk and service back to 'any': the list is read once again."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for combo in (self.status, self.risk, self.service):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._search_timer.stop()
        self.proxy.set_search("")
        self._apply_filters()

    def select(self, reference: str) -> bool:
        """Select a breach if it is loaded; otherwise show its detail anyway."""
        row = self.model.row_of(reference)
        if row is None:
            self._select_when_loaded = reference
            self._selected = reference
            self.detail.show_reference(reference)
            return False
        self._select_when_loaded = None
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))
        return True

    def current_breach(self) -> Breach | None:
        return self._detail.breach if self._detail is not None else None
