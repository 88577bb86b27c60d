"""Beside every page: the live assessment; on the left: the steps and when the draft was saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary as words
from breach_desk.domain.clock import format_local, now
from breach_desk.domain.notification import report_clock
from breach_desk.gui.html import esc
from breach_desk.gui.widgets.badges import Badge
from breach_desk.gui.wizard.checks import Outcome, where_to_fix
from breach_desk.gui.wizard.state import PAGE_TITLES, Page

if TYPE_CHECKING:
    from breach_desk.gui.wizard.base import Host


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LivePanel(QFrame):
    """What the method makes of the answers so far, updated as they change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("livePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        heading = QLabel("Live assessment")
        heading.setObjectName("panelHeading")
        self.band = Badge()
        self.band.setWordWrap(True)  # "NOT ASSESSED YET" whole in a narrow panel
        self.band.setAccessibleName("Severity")
        self.score = _label("Severity score")
        self.provisional = _label("Answers still to give")
        self.likelihood = _label("Likelihood and risk")
        self.ico = _label("Report to the ICO")
        self.clock = Badge()
        self.clock.setWordWrap(True)  # "if it must be reported, due in 71 h" in a narrow panel
        self.host: Host | None = None
        """The wizard, for the breach's recorded report when reassessing."""
        self.people = _label("Tell the people")
        self.repeat = _label("Repeat")
        self.why_button = QToolButton()
        self.why_button.setText("Why ▸")
        self.why_button.setCheckable(True)
        self.why_button.setAccessibleName("Show why")
        self.why_button.setToolTip("Every rule that applied, in words")
        self.why_button.toggled.connect(self._toggle_why)
        self.why = QTextBrowser()
        self.why.setAccessibleName("Why: the factors")
        self.why.setVisible(False)
        lay = QVBoxLayout(self)
        for w in (
            heading,
            self.band,
            self.score,
            self.provisional,
            self.likelihood,
            self.ico,
            self.clock,
            self.people,
            self.repeat,
            self.why_button,
        ):
            # The clock takes the panel's width, so its wrapped lines get the height they need
            # (aligned left it kept one line's height and was cut).
            if w in (self.band, self.why_button):
                lay.addWidget(w, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                lay.addWidget(w)
        lay.addWidget(self.why, 1)
        lay.addStretch(0)
        self.narrow(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_clock_whole()

    def _keep_clock_whole(self) -> None:
        """The clock's wrapped lines always get their height, however short the window: a
        squeezed panel cuts the other lines' spare room, never the clock."""
        width = self.clock.width() or self.clock.sizeHint().width()
        self.clock.setMinimumHeight(max(0, self.clock.heightForWidth(width)))

    def narrow(self, narrow: bool) -> None:
        """Narrower in a narrow window, so that the form keeps its share."""
        width = self.fontMetrics().averageCharWidth() * (26 if narrow else 32)
        self.setMinimumWidth(width)
        self.setMaximumWidth(int(width * (1.15 if narrow else 1.4)))

    def _toggle_why(self, on: bool) -> None:
        self.why.setVisible(on)
        self.why_button.setText("Why ▾" if on else "Why ▸")

    def _show_clock(self, outcome: Outcome) -> None:
        """The register's one ICO clock (``domain.notification``): the 72 hours run from
        'aware' until the facts given need no report, and then there is no clock at all."""
        if outcome.facts is None:
            self.clock.hide()
            return
        a = outcome.assessment
        required = a is None or bool(outcome.provisional) or a.ico.report
        report = self.host.ico_report if self.host is not None else None
        clock = report_clock(required, outcome.facts.aware_at, report, now())
        if not clock.shown:
            self.clock.hide()
            return
        # Until the answers say whether a report is needed, the clock is a condition.
        provisional = a is None or bool(outcome.provisional)
        text = f"if it must be reported, {clock.text}" if provisional else clock.text
        self.clock.set_badge(clock.accent or "neutral", f"{words.ICO_CLOCK}: {text}")
        self.clock.show()
        self._keep_clock_whole()

    def show_outcome(self, outcome: Outcome) -> None:
        a = outcome.assessment
        if outcome.provisional:
            names = ", ".join(
                f"{what} ({PAGE_TITLES[page].lower()})" for page, what in outcome.provisional
            )
            self.provisional.setText(f"Provisional: not answered yet — {names}.")
            self.provisional.show()
        else:
            self.provisional.hide()
        waiting_for_data = any(page == Page.DATA for page, _ in outcome.provisional)
        if a is None or waiting_for_data:
            self.band.set_badge("neutral", "NOT ASSESSED YET")
            if a is None:
                problems = where_to_fix(outcome.problems, 2)
                self.score.setText(f"Fix first: {esc(problems)}" if problems else "")
            else:
                self.score.setText("Severity starts from the kinds of data (page 3).")
            for w in (self.likelihood, self.ico, self.people, self.repeat):
                w.setText("")
            self._show_clock(outcome)
            self.why.clear()
            return
        sev = a.severity
        self.band.set_badge(sev.band.value, f"{words.band_caps(sev.band)} severity")
        over = " · officer override" if sev.overridden else ""
        self.score.setText(
            f"<b>SE {sev.score:g}</b> = DPC {sev.dpc} × EI {sev.ei:g} + CB {sev.cb:g}{over}"
        )
        self.likelihood.setText(
            f"Likelihood: {words.label(a.likelihood).lower()} → <b>{esc(words.label(a.risk))}</b>"
        )
        if a.ico.report:
            self.ico.setText(
                f"<b>Report to the ICO: yes</b>, by {esc(format_local(a.ico.deadline))}"
            )
            self._show_clock(outcome)
        else:
            self.ico.setText("Report to the ICO: <b>no</b> (record it in the register)")
            self.clock.hide()
        if a.data_subjects.notify:
            self.people.setText("<b>Tell the people: yes</b>")
        elif a.data_subjects.exception is not None:
            self.people.setText(
                f"Tell the people: no — Art. 34(3) "
                f"{esc(a.data_subjects.exception.value.replace('_', ' '))}"
            )
        else:
            self.people.setText("Tell the people: no")
        if a.is_repeat:
            refs = ", ".join(m.reference for m in a.repeat)
            self.repeat.setText(
                "Repeat breach" + (f": {esc(refs)}" if refs else " (more than one occurrence)")
            )
            self.repeat.show()
        else:
            self.repeat.hide()
        self.why.setHtml(
            "<ul>"
            + "".join(f"<li><b>{esc(f.effect)}</b> {esc(f.reason)}</li>" for f in a.factors)
            + "</ul>"
        )


class StepsList(QWidget):
    """The nine steps, ticked as they are done; a visited step can be opened from here."""

    step_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("steps")
        self.list.setAccessibleName("Steps")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for page in Page:
            item = QListWidgetItem(f"   {PAGE_TITLES[page]}")
            item.setData(Qt.ItemDataRole.UserRole, int(page))
            self.list.addItem(item)
        self.list.itemClicked.connect(self._on_clicked)
        self.saved = QLabel("")
        self.saved.setWordWrap(True)
        self.saved.setAccessibleName("Draft status")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.saved)
        bold = QFont(self.font())
        bold.setBold(True)
        widest = max(
            QFontMetrics(bold).horizontalAdvance(f"–  {t} ({words.STEP_SKIPPED})")
            for t in PAGE_TITLES.values()
        )
        self.setMinimumWidth(widest + self.fontMetrics().averageCharWidth() * 4)
        self._reachable: set[int] = {0}

    def show_steps(
        self, current: int, done: set[int], reachable: set[int], skipped: set[int] | None = None
    ) -> None:
        """``skipped``: pages Next passes by for these facts (shown so, reachable on demand)."""
        self._reachable = reachable
        skipped = skipped or set()
        for i in range(self.list.count()):
            item = self.list.item(i)
            page = Page(i)
            if i in skipped:
                item.setText(f"–  {PAGE_TITLES[page]} ({words.STEP_SKIPPED})")
                item.setToolTip(words.STEP_SKIPPED_TIP)
            else:
                mark = "●" if i == current else ("✓" if i in done else " ")
                item.setText(f"{mark}  {PAGE_TITLES[page]}")
                item.setToolTip("")
            font = item.font()
            font.setBold(i == current)
            font.setItalic(i in skipped)
            item.setFont(font)
            flags = Qt.ItemFlag.ItemIsEnabled if i in reachable else Qt.ItemFlag.NoItemFlags
            item.setFlags(flags)

    def _on_clicked(self, item: QListWidgetItem) -> None:
        page = int(item.data(Qt.ItemDataRole.UserRole))
        if page in self._reachable:
            self.step_chosen.emit(page)
