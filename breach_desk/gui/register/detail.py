"""The selected breach: facts, assessment versions with what changed, the decision note,
recommendations and history. Loaded on the worker; shown when it arrives."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary as words
from breach_desk.domain.clock import LONDON, english
from breach_desk.domain.facts import Recipient
from breach_desk.domain.register import Breach
from breach_desk.gui import remind_gui
from breach_desk.gui.backend import Backend, Services, describe_error
from breach_desk.gui.notify_dialogs import notifications_html, show_clock
from breach_desk.gui.oldlog_dialog import old_log_html
from breach_desk.gui.register.recommendations import TrackedRecommendationsModel
from breach_desk.gui.register.render import assessment_html, facts_html, history_html
from breach_desk.gui.widgets.badges import Badge, BadgeDelegate
from breach_desk.gui.widgets.matrix import RiskMatrix
from breach_desk.method.harm import recipients_as_read
from breach_desk.method.note import decision_note

if TYPE_CHECKING:
    from breach_desk.domain.register import AuditEntry, Breach
    from breach_desk.services.register import Register


def _browser(name: str) -> QTextBrowser:
    b = QTextBrowser()
    b.setOpenLinks(False)
    b.setAccessibleName(name)
    return b


class BreachDetail(QWidget):
    loaded = Signal(object)
    """The Breach now shown (None when cleared)."""

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.breach: Breach | None = None
        self._wanted: str | None = None

        self.title = QLabel("Select a breach to see its detail.")
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.band = Badge()
        self.risk = Badge()
        self.clock = Badge()
        """The one ICO clock (``notify_dialogs.show_clock``); hidden when no report is needed."""
        self.clock.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.band)
        head.addWidget(self.risk)
        self.clock_row = QHBoxLayout()
        """The ICO clock on a line of its own, under the title: its sentence can be long."""
        self.clock_row.addWidget(self.clock)
        self.clock_row.addStretch(1)
        self.papers = QHBoxLayout()
        """Buttons for the Breach menu's papers and closing (``set_actions``)."""
        self.papers.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.facts = _browser("Facts")
        self.tabs.addTab(self.facts, "Fa&cts")

        assessment = QWidget()
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName("Assessment version")
        self.version_combo.currentIndexChanged.connect(self._show_version)
        version_label = QLabel("V&ersion")
        version_label.setBuddy(self.version_combo)
        self.assessment = _browser("Assessment")
        self.matrix = RiskMatrix()
        top = QHBoxLayout()
        top.addWidget(version_label)
        top.addWidget(self.version_combo, 1)
        body = QHBoxLayout()
        body.addWidget(self.assessment, 3)
        side = QVBoxLayout()
        side.addWidget(self.matrix)
        side.addStretch(1)
        body.addLayout(side, 2)
        lay = QVBoxLayout(assessment)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(top)
        lay.addLayout(body)
        self.tabs.addTab(assessment, "Assess&ment")

        self.note = _browser("Decision note")
        self.tabs.addTab(self.note, "Decision &note")

        self.recommendations = TrackedRecommendationsModel(self)
        self.rec_view = QTableView()
        self.rec_view.setModel(self.recommendations)
        self.rec_view.setAccessibleName("Recommendations")
        self.rec_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rec_view.setItemDelegate(BadgeDelegate(self.rec_view))
        self.rec_view.verticalHeader().hide()
        self.rec_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rec_view.setWordWrap(False)
        self.tabs.addTab(self.rec_view, "&Recommendations")

        self.history = _browser("History")
        self.tabs.addTab(self.history, "Hi&story")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(head)
        layout.addLayout(self.clock_row)
        remind_gui.add_complaint_clock(self)  # complaints' clocks beside the ICO's (issue 23)
        layout.addLayout(self.papers)
        layout.addWidget(self.tabs, 1)
        self.tabs.setEnabled(False)

    def set_actions(self, actions: list[QAction]) -> None:
        """Offer these commands as buttons (text beside icon) above the tabs."""
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            self.buttons[str(action.property("key") or action.text())] = button
            self.papers.addWidget(button)
        self.papers.addStretch(1)

    # loading ----------------------------------------------------------------------------------

    def show_reference(self, reference: str | None) -> None:
        self._wanted = reference
        if not reference:
            self.clear()
            return
        self._backend.call(
            partial(_load, reference=reference),
            on_done=self._on_loaded,
            on_error=self._on_failed,
            owner=self,
        )

    def reload(self) -> None:
        if self._wanted:
            self.show_reference(self._wanted)

    def clear(self) -> None:
        self.breach = None
        self.title.setText("Select a breach to see its detail.")
        self.band.set_badge(None, "")
        self.risk.set_badge(None, "")
        show_clock(self.clock, None)
        for b in (self.facts, self.assessment, self.note, self.history):
            b.clear()
        self.version_combo.clear()
        self.recommendations.set_rows([])
        self.matrix.set_cell(None, None)
        self.tabs.setEnabled(False)
        self.loaded.emit(None)

    def _on_failed(self, exc: BaseException) -> None:
        self.clear()
        self.title.setText(describe_error(exc))

    def _on_loaded(self, result: tuple[Breach, list[AuditEntry]]) -> None:
        breach, history = result
        if breach.reference != self._wanted:
            return
        self.breach = breach
        self.tabs.setEnabled(True)
        self.title.setText(f"{breach.reference} · {breach.facts.title}")
        self.facts.setHtml(
            old_log_html(breach)
            if breach.old_log is not None and not breach.versions
            else facts_html(breach.facts, breach.reference, breach.status, _read_as(breach))
            + notifications_html(breach)
            + old_log_html(breach)
        )
        show_clock(self.clock, breach)
        remind_gui.show_complaint_clock(self, breach.reference)  # complaints (issue 23)
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for v in reversed(breach.versions):
            made = english(v.created_at.astimezone(LONDON), "%d %b %Y")
            text = f"Version {v.number} · {made} · {v.created_by}"
            if v.reason:
                text += f" · {v.reason}"
            self.version_combo.addItem(text, v.number)
        self.version_combo.blockSignals(False)
        if breach.versions:
            self._show_version(0)
            self.tabs.setTabText(1, f"Assess&ment v{len(breach.versions)}")
        else:  # history from the old log: no assessment, so nothing of another breach's stays
            self.tabs.setTabText(1, "Assess&ment")
            self.assessment.setHtml(f"<p>{words.OLD_LOG_NOT_ASSESSED}</p>")
            self.note.setPlainText(words.OLD_LOG_NOT_ASSESSED)
            self.matrix.set_cell(None, None)
            self.band.set_badge(None, "")
            self.risk.set_badge(None, "")
            self.risk.setToolTip("")
        self.recommendations.set_rows(breach.recommendations)
        pad = self.rec_view.fontMetrics().averageCharWidth() * 3  # room for a badge's box
        for column in (0, 2, 3, 4, 5):  # "What" takes the rest
            self.rec_view.resizeColumnToContents(column)
            self.rec_view.setColumnWidth(column, self.rec_view.columnWidth(column) + pad)
        self.history.setHtml(history_html(history, breach))
        self.loaded.emit(breach)

    def _show_version(self, combo_index: int) -> None:
        breach = self.breach
        if breach is None or not breach.versions or combo_index < 0:
            return
        number = self.version_combo.itemData(combo_index) or breach.versions[-1].number
        by_number = {v.number: v for v in breach.versions}
        version = by_number[number]
        previous = by_number.get(number - 1)
        a = version.assessment
        self.assessment.setHtml(assessment_html(version, previous))
        self.note.setPlainText(decision_note(a))
        self.matrix.set_cell(a.severity.band.value, a.likelihood.value)
        self.band.set_badge(a.severity.band.value, words.band_caps(a.severity.band))
        kind = {"unlikely": "unlikely", "risk": "risk", "high": "high_risk"}[a.risk.value]
        self.risk.set_badge(kind, words.RISK_SHORT[a.risk])
        self.risk.setToolTip(words.label(a.risk))


def _load(services: Services, reference: str) -> tuple[Breach, list[AuditEntry]]:
    """On the worker: the breach (if this user may see it) and its history."""
    from breach_desk.gui.register.scope import get_breach

    return get_breach(services, reference), _history(services.register, reference)


def _history(register: Register, reference: str) -> list[AuditEntry]:
    try:
        return register.history(reference)
    except Exception:
        return []


def _read_as(breach: Breach) -> tuple[Recipient, ...] | None:
    """The recipients as the latest assessment read them (a carried-forward risk shown)."""
    latest = breach.latest
    if latest is None:
        return None
    return recipients_as_read(breach.facts, latest.assessment.repeat)
