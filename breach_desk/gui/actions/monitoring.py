"""Monitoring, for the IG team: every recommendation not yet verified or rejected, by service and
age, with filters and an export to CSV or XLSX; and the breaches ready to close."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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

from breach_desk.domain.enums import RecommendationStatus
from breach_desk.gui.actions import bridge
from breach_desk.gui.actions.dialogs import SaveFile
from breach_desk.gui.actions.model import STATUS_WORDS, ActionsFilter, Column
from breach_desk.gui.actions.panel import ActionsPanel
from breach_desk.gui.dialogs import Notice
from breach_desk.gui.views import ViewContext

if TYPE_CHECKING:
    from breach_desk.domain.workflow import ActionItem

ALL_SERVICES = "All services"
UNFINISHED = "Not yet verified"


def summary_text(items: list[ActionItem], at: datetime) -> str:
    late = Counter(i.service or "No service" for i in items if i.recommendation.overdue(at))
    waiting = sum(1 for i in items if i.recommendation.status is RecommendationStatus.DONE)
    text = (
        f"{len(items)} recommendation{'s' if len(items) != 1 else ''} not yet verified: "
        f"{sum(late.values())} overdue, {waiting} done and waiting to be verified."
    )
    if late:
        text += (
            " Overdue by service: "
            + ", ".join(
                f"{name} {n}" for name, n in sorted(late.items(), key=lambda kv: (-kv[1], kv[0]))
            )
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
        self.snapshot: bridge.Snapshot | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter: breach, code, words…")
        self.search.setAccessibleName("Filter recommendations")
        self.service = QComboBox()
        self.service.setAccessibleName("Service")
        self.service.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
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
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.filter = ActionsFilter(self)
        self.panel = ActionsPanel(context, self.filter)
        self.ready = QListWidget()
        self.ready.setAccessibleName("Breaches ready to close")
        self.ready.setMaximumHeight(self.fontMetrics().height() * 6)
        self.close_button = QPushButton("&Close breach…")
        self.close_button.setToolTip("Every recommendation is verified or rejected: close it")
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

        self.search.textChanged.connect(self._filter)
        self.service.currentIndexChanged.connect(self._filter)
        self.status.currentIndexChanged.connect(self._filter)
        self.overdue_only.toggled.connect(self._filter)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.close_selected)
        self.ready.itemDoubleClicked.connect(self._open_ready)
        self.panel.table.setSortingEnabled(True)
        self.panel.table.sortByColumn(Column.OVERDUE, Qt.SortOrder.DescendingOrder)

    def refresh(self) -> None:
        if self.backend.is_open:
            self.backend.call(bridge.load_monitoring, on_done=self._loaded, owner=self)

    def _loaded(self, snapshot: bridge.Snapshot) -> None:
        self.snapshot = snapshot
        chosen = self.service.currentText()
        self.service.blockSignals(True)
        self.service.clear()
        self.service.addItem(ALL_SERVICES, None)
        for name in snapshot.services:
            self.service.addItem(name, name)
        self.service.setCurrentIndex(max(0, self.service.findText(chosen)))
        self.service.blockSignals(False)
        self.panel.set_snapshot(snapshot.user, snapshot.items, snapshot.at)
        self._filter()
        self.ready.clear()
        for b in snapshot.ready:
            item = QListWidgetItem(f"{b.reference} — {b.title} ({b.service or 'no service'})")
            item.setData(Qt.ItemDataRole.UserRole, b.reference)
            self.ready.addItem(item)
        self.ready_label.setText(
            f"Ready to close ({len(snapshot.ready)}): every recommendation verified or rejected."
        )
        self.close_button.setEnabled(bool(snapshot.ready) and snapshot.user.role == "ig_officer")
        self.count_changed.emit(len(snapshot.items))

    def _filter(self) -> None:
        status = self.status.currentData()
        self.filter.set_filters(
            self.search.text(),
            self.service.currentData(),
            RecommendationStatus(status) if status else None,
            self.overdue_only.isChecked(),
        )
        listed = self.listed()
        if self.snapshot is not None:
            self.summary.setText(summary_text(listed, self.snapshot.at))
        self.export_button.setEnabled(bool(listed))

    def listed(self) -> list[ActionItem]:
        """The recommendations the filters let through, in the order shown."""
        model = self.panel.model
        rows = (
            model.row_at(self.filter.mapToSource(self.filter.index(row, 0)).row())
            for row in range(self.filter.rowCount())
        )
        return [item for item in rows if item is not None]

    def export(self) -> None:
        if self.snapshot is None:
            return
        path = SaveFile.ask(
            self,
            "Export recommendations",
            "recommendations.xlsx",
            "Excel workbook (*.xlsx);;CSV (*.csv)",
        )
        if not path:
            return
        items, at = self.listed(), self.snapshot.at
        self.backend.call(
            lambda _s: bridge.export(items, at, path),
            on_done=partial(self.panel._tell, ""),
            on_error=self.panel._failed,
            owner=self,
        )

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
            on_done=self.panel._saved,
            on_error=self.panel._failed,
            owner=self,
        )

    def _open_ready(self, item: QListWidgetItem) -> None:
        self.context.open_breach(str(item.data(Qt.ItemDataRole.UserRole)))
