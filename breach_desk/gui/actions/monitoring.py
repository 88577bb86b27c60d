"""Monitoring, for the IG team: every recommendation not yet verified or rejected, by service and
age, with filters and an export to CSV or XLSX; and the breaches ready to close.

The database filters, sorts, pages and counts (``store/action_list``): typing in the filter
waits for a pause, then asks the worker for the first page; the summary's counts follow in a
query of their own, given up if the filter changes again first.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.gui.actions import bridge
from breach_desk.gui.actions.dialogs import SaveFile
from breach_desk.gui.actions.model import STATUS_WORDS, ActionsModel, Column
from breach_desk.gui.actions.panel import ActionsPanel
from breach_desk.gui.dialogs import Notice
from breach_desk.gui.views import ViewContext

if TYPE_CHECKING:
    from breach_desk.domain.lists import Tally
    from breach_desk.domain.workflow import ActionItem

ALL_SERVICES = "All services"
UNFINISHED = "Not yet verified"
NO_SERVICE = "No service"
FILTER_PAUSE_MS = 80
"""How long the filter waits after a keystroke before it asks the database."""


def summary_text(tally: Tally) -> str:
    text = (
        f"{vocabulary.count_of(tally.total, 'recommendation')} not yet verified: "
        f"{tally.overdue:,} overdue, {tally.waiting:,} done and waiting to be verified."
    )
    if tally.overdue_by_service:
        text += (
            " Overdue by service: "
            + ", ".join(f"{name or NO_SERVICE} {n:,}" for name, n in tally.overdue_by_service)
            + "."
        )
    return text


class MonitoringView(QWidget):
    count_changed = Signal(int)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitoringView")
        self.context = context
        self.backend = context.backend
        self.tally: Tally | None = None
        self.latest = bridge.Latest()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter: breach, code, words…")
        self.search.setAccessibleName("Filter recommendations")
        self.search.setClearButtonEnabled(True)
        self.service = QComboBox()
        self.service.setAccessibleName("Service")
        self.service.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.service.addItem(ALL_SERVICES, None)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItem(UNFINISHED, None)
        for s in (
            RecommendationStatus.OPEN,
            RecommendationStatus.IN_PROGRESS,
            RecommendationStatus.DONE,
        ):
            self.status.addItem(STATUS_WORDS[s], s.value)
        self.overdue_only = QCheckBox("&Overdue only")
        self.export_button = QPushButton("E&xport…")
        self.export_button.setToolTip("Save what is listed as CSV or XLSX")
        bar = QHBoxLayout()
        for w in (self.search, self.service, self.status, self.overdue_only, self.export_button):
            bar.addWidget(w)
        self.summary = QLabel("Reading the register…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.panel = ActionsPanel(context)
        self.ready = QListWidget()
        self.ready.setAccessibleName("Breaches ready to close")
        self.ready.setMaximumHeight(self.fontMetrics().height() * 6)
        self.close_button = QPushButton("&Close breach…")
        self.close_button.setToolTip("Every recommendation is verified or rejected: close it")
        self.close_button.setEnabled(False)
        ready_row = QHBoxLayout()
        ready_row.addWidget(self.ready, 1)
        ready_row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.ready_label = QLabel("Ready to close:")
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.summary)
        lay.addWidget(self.panel, 1)
        lay.addWidget(self.ready_label)
        lay.addLayout(ready_row)

        self._pause = QTimer(self, singleShot=True, interval=FILTER_PAUSE_MS)
        self._pause.timeout.connect(self._filter)
        self.search.textChanged.connect(self._pause.start)
        self.service.currentIndexChanged.connect(self._filter)
        self.status.currentIndexChanged.connect(self._filter)
        self.overdue_only.toggled.connect(self._filter)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.close_selected)
        self.ready.itemDoubleClicked.connect(self._open_ready)
        self.panel.model.loaded.connect(self._count)
        self.panel.model.modelReset.connect(self._listed_changed)
        table = self.panel.table
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(Column.OVERDUE, Qt.SortOrder.DescendingOrder)
        self._started = False

    @property
    def model(self) -> ActionsModel:
        return self.panel.model

    @property
    def filter(self) -> ActionsModel:
        """What is listed (the database does the filtering)."""
        return self.panel.model

    def refresh(self) -> None:
        """Read the list, its counts and the breaches ready to close again."""
        if not self.backend.is_open:
            return
        self._started = True
        self.panel.model.refresh()  # the rows first; what is beside them after
        self.backend.call(bridge.load_extras, on_done=self._extras, owner=self)

    def _extras(self, extras: bridge.Extras) -> None:
        self.panel.set_user(extras.user)
        chosen = self.service.currentData()
        self.service.blockSignals(True)
        self.service.clear()
        self.service.addItem(ALL_SERVICES, None)
        for name in extras.services:
            self.service.addItem(name, name)
        self.service.setCurrentIndex(max(0, self.service.findData(chosen)))
        self.service.blockSignals(False)
        self.ready.clear()
        for b in extras.ready:
            item = QListWidgetItem(f"{b.reference} — {b.title} ({b.service or 'no service'})")
            item.setData(Qt.ItemDataRole.UserRole, b.reference)
            self.ready.addItem(item)
        shown = (
            ""
            if extras.ready_total <= len(extras.ready)
            else f", the oldest {len(extras.ready):,} listed"
        )
        self.ready_label.setText(
            f"Ready to close ({extras.ready_total:,}{shown}): every recommendation verified or "
            "rejected."
        )
        self.close_button.setEnabled(bool(extras.ready) and extras.user.role == "ig_officer")

    def _filter(self) -> None:
        self._pause.stop()
        status = self.status.currentData()
        self.panel.model.update_query(
            words=self.search.text(),
            service=self.service.currentData(),
            status=status or None,
            overdue_only=self.overdue_only.isChecked(),
        )

    def _listed_changed(self) -> None:
        self.export_button.setEnabled(self.panel.model.rowCount() > 0)

    def _count(self) -> None:
        """The summary's counts, after the rows (given up if the filter changes first)."""
        generation = self.latest.next()
        self.summary.setText(self.summary.text() if self.tally is not None else "Counting…")
        self.backend.call(
            partial(
                bridge.load_tally,
                query=self.panel.model.query,
                stale=self.latest.stale(generation),
            ),
            on_done=partial(self._counted, generation),
            owner=self,
        )

    def _counted(self, generation: int, tally: Tally | None) -> None:
        if tally is None or generation != self.latest.current:
            return
        self.tally = tally
        self.summary.setText(summary_text(tally))
        if self.panel.model.query.filters() == self._unfiltered():
            self.count_changed.emit(tally.total)

    def _unfiltered(self) -> dict[str, object]:
        return type(self.panel.model.query)().filters()

    def listed(self) -> list[ActionItem]:
        """The recommendations read so far, in the order shown."""
        return self.panel.model.rows()

    def export(self) -> None:
        path = SaveFile.ask(
            self,
            "Export recommendations",
            "recommendations.xlsx",
            "Excel workbook (*.xlsx);;CSV (*.csv)",
        )
        if not path:
            return
        self.backend.call(
            partial(bridge.export, query=self.panel.model.query, path=path),
            on_done=partial(self._exported, path),
            on_error=self.panel._failed,
            owner=self,
        )

    def _exported(self, path: str, text: str) -> None:
        from breach_desk.gui.actions.saved import SavedNotice

        self.panel._tell("", text)
        SavedNotice.show_saved(self, "Exported", path)

    def close_selected(self) -> None:
        current = self.ready.currentItem() or self.ready.item(0)
        if current is None:
            return
        reference = str(current.data(Qt.ItemDataRole.UserRole))
        if not Notice.confirm(
            self,
            "Close the breach",
            f"Close {reference}? Every recommendation is verified or rejected. Who closed it and "
            "when are recorded; its recommendations can no longer change.",
        ):
            return
        self.backend.call(
            lambda s: s.tracking.close(reference),
            on_done=self._closed,
            on_error=self.panel._failed,
            owner=self,
        )

    def _closed(self, _breach: object) -> None:
        self.panel.changed.emit()
        self.backend.notify_changed()

    def _open_ready(self, item: QListWidgetItem) -> None:
        self.context.open_breach(str(item.data(Qt.ItemDataRole.UserRole)))
