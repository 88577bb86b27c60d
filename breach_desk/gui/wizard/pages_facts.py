"""Pages 1-5: the facts (basics, people, data, what happened, recipients)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView

from breach_desk.domain import vocabulary as words
from breach_desk.domain.clock import LONDON, format_local, now
from breach_desk.domain.dates import Precision
from breach_desk.domain.enums import ART9_CATEGORIES
from breach_desk.domain.notification import report_clock
from breach_desk.gui import style
from breach_desk.gui.dialogs import ReasonDialog
from breach_desk.gui.generated.ui_basics_page import Ui_BasicsPage
from breach_desk.gui.generated.ui_data_page import Ui_DataPage
from breach_desk.gui.generated.ui_happened_page import Ui_HappenedPage
from breach_desk.gui.generated.ui_people_page import Ui_PeoplePage
from breach_desk.gui.generated.ui_recipients_page import Ui_RecipientsPage
from breach_desk.gui.html import esc
from breach_desk.gui.widgets.date_field import DateField
from breach_desk.gui.wizard import fields as F
from breach_desk.gui.wizard.base import BasePage, Host
from breach_desk.gui.wizard.binding import Bound, declared_widget
from breach_desk.gui.wizard.binding import fill as fill  # the outcome pages fill theirs too
from breach_desk.gui.wizard.checks import Outcome, likely_reference, reference_taken
from breach_desk.gui.wizard.state import FormState, Page, london_minutes
from breach_desk.gui.wizard.tables import (
    ChoiceDelegate,
    PeopleModel,
    RecipientsWithRecordModel,
    RowsModel,
    keyboard_table,
)


def _setup_table(view: QTableView, model: RowsModel, stretch: int) -> None:
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    view.setMinimumHeight(view.fontMetrics().height() * 7)
    keyboard_table(view)


def _add_row(view: QTableView, model: RowsModel) -> None:
    """A new row, its first cell open for typing: the table editor's Add button."""
    index = model.index(model.add_row(), 0)
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)


def _remove_row(view: QTableView, model: RowsModel) -> None:
    index = view.currentIndex()
    if index.isValid():
        model.remove_row(index.row())


def matches_html(host: Host, kind: str) -> str:
    """'Seen before' lines for people or recipients, each reference a link to that breach;
    for recipients, what an earlier breach recorded about them as posing a risk."""
    matches = [m for m in host.matches if kind in m.matched_on]
    if not matches:
        return ""
    lines = []
    for m in matches:
        line = (
            f"⚠ Seen before: <a href='{esc(m.reference)}'>{esc(m.reference)}</a>"
            + (f" ({esc(m.title)})" if m.title else "")
            + f" — {esc(m.matched_on)}"
        )
        if kind == "recipient":
            for risk in m.risks:
                said = words.recorded_risk(risk.people, m.reference, risk.note)
                if m.same_person:
                    line += f"<br/>&nbsp;&nbsp;<b>{esc(said)}</b>"
                else:
                    line += f"<br/>&nbsp;&nbsp;{esc(words.RECIPIENT_ONLY_MATCH)}: {esc(said)}"
        lines.append(line)
    return "<br/>".join(lines) + "<br/><i>A repeat makes harm more likely: one step up.</i>"


class BasicsPage(Bound, BasePage[Ui_BasicsPage]):
    page_id = Page.BASICS

    def __init__(self, host: Host) -> None:
        super().__init__(Ui_BasicsPage, host)
        ui = self.ui
        # The dates are found as their facts declare them (``domain/facts.py``).
        self.occurred_field = declared_widget(self, "occurred_at", DateField)
        self.aware_field = declared_widget(self, "aware_at", DateField)
        ui.serviceCombo.setMinimumContentsLength(28)
        ui.serviceCombo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        lines = ui.descriptionEdit.fontMetrics().lineSpacing()
        ui.descriptionEdit.setMaximumHeight(lines * 9)
        ui.clockLabel.setWordWrap(False)
        self.aware_field.configure(with_time=True)
        self.occurred_field.configure(time_allowed=True, partial=True, optional=True)
        # A new assessment starts at this minute; the officer types the moment they were aware.
        self.aware_field.set_moment(now().astimezone(LONDON))
        self.bind_facts()
        self.registerField(F.OCCURRED, self.occurred_field, "iso", self.occurred_field.isoChanged)
        self.registerField(F.AWARE, self.aware_field, "iso", self.aware_field.isoChanged)
        self.watch(self.occurred_field.changed, "occurred_at")
        self.watch(self.aware_field.changed, "aware_at")
        # A breach's own reference (IG-2021-014) is kept; one already in the register is not.
        self._reference_problem = ""
        self._reference_timer = QTimer(self, singleShot=True, interval=300)
        self._reference_timer.timeout.connect(self._check_reference)
        ui.referenceEdit.textChanged.connect(self._reference_timer.start)
        ui.referenceEdit.setPlaceholderText(
            f"Given when saved (IG-{now().astimezone(LONDON).year}-…), or type the one it has"
        )
        if not self.host.reassessing:  # proposed: the number a save now would most likely get
            self.host.backend.call(likely_reference, on_done=self._propose, owner=self)
        self.errors_at("title", ui.titleError)
        self.errors_at("occurred_at", ui.occurredError)
        self.errors_at("aware_at", ui.awareError)
        self.dates_at("aware_at", self.aware_field)
        self.dates_at("occurred_at", self.occurred_field)
        self.errors_at("*", ui.titleError)
        self._tick = QTimer(self, interval=30_000)
        self._tick.timeout.connect(self._show_clock)
        self._tick.start()
        self.aware_field.isoChanged.connect(self._show_clock)
        self._show_clock()

    def _propose(self, reference: str) -> None:
        self.ui.referenceEdit.setPlaceholderText(
            f"Given when saved: {reference} (unless another is saved first), or type the one it has"
        )

    def own_problem(self) -> str:
        return str(getattr(self, "_reference_problem", ""))  # asked while the page is made

    def _check_reference(self) -> None:
        reference = self.ui.referenceEdit.text().strip()
        if not reference or self.host.reassessing:
            self._reference_checked(reference, False)
            return
        self.host.backend.call(
            partial(reference_taken, reference=reference),
            on_done=partial(self._reference_checked, reference),
            owner=self,
        )

    def _reference_checked(self, reference: str, taken: bool) -> None:
        if reference != self.ui.referenceEdit.text().strip():
            return  # typed on since: its own check follows
        self._reference_problem = (
            f"{reference} is already in the register: give this breach its own reference, "
            "or leave it empty for one to be given"
            if taken
            else ""
        )
        label = self.ui.referenceError
        label.setText(f"⚠ {self._reference_problem}" if taken else "")
        label.setStyleSheet(style.error_css(self.palette()))
        label.setVisible(taken)
        self.completeChanged.emit()

    def set_services(self, services: list[str]) -> None:
        text = self.ui.serviceCombo.currentText()
        self.ui.serviceCombo.blockSignals(True)
        self.ui.serviceCombo.clear()
        self.ui.serviceCombo.addItems(services)
        self.ui.serviceCombo.setEditText(text)
        self.ui.serviceCombo.blockSignals(False)

    def refresh(self, outcome: Outcome) -> None:
        self._show_clock()

    def _show_clock(self) -> None:
        """The live 72-hour clock, as the register shows it (``domain.notification``): due in,
        amber under 24 h, late by; and no clock at all once the facts given need no report
        (never a red 'late by' for a breach that needs no report)."""
        aware = self.aware_field.moment()
        outcome = self.host.outcome
        a = outcome.assessment
        required = a is None or bool(outcome.provisional) or a.ico.report
        if aware is None:
            self.ui.clockLabel.setText("Runs from the moment you became aware")
            self.ui.clockLabel.setStyleSheet(style.badge_css("neutral", self.palette()))
            return
        clock = report_clock(required, aware, self.host.ico_report, now())
        self.ui.clockLabel.setToolTip(
            "If the breach must be reported, the ICO must have the report within 72 hours of "
            "becoming aware (UK GDPR Art. 33(1))."
        )
        if not clock.shown or clock.deadline is None:
            self.ui.clockLabel.setText(words.CLOCK_STATES[clock.state.value])
            self.ui.clockLabel.setStyleSheet(style.badge_css("neutral", self.palette()))
            return
        # Until the answers say whether a report is needed, the clock runs, and says it is a
        # condition, not a decision.
        provisional = a is None or bool(outcome.provisional)
        lead = "If it must be reported: by" if provisional else "Report by"
        self.ui.clockLabel.setText(f"{lead} {format_local(clock.deadline)} · {clock.text}")
        self.ui.clockLabel.setStyleSheet(style.badge_css(clock.accent or "neutral", self.palette()))

    def read(self, state: FormState) -> None:
        self.read_facts(state)
        occurred = self.occurred_field.understood()
        state.occurred_known = occurred is not None
        state.occurred_precision = occurred.precision.value if occurred is not None else ""
        state.occurred = ""
        if occurred is not None:  # a time of day as typed, London wall clock
            timed = occurred.precision is Precision.MINUTE
            state.occurred = london_minutes(occurred.moment) if timed else occurred.date.isoformat()
        aware = self.aware_field.understood()
        state.aware = london_minutes(aware.moment) if aware is not None else ""

    def write(self, state: FormState) -> None:
        self.write_facts(state)
        self.setField(F.OCCURRED, state.occurred_at() if state.occurred_known else "")
        if state.aware:
            self.setField(F.AWARE, state.aware)
        # A breach in the register keeps its reference: reassessing cannot change it.
        self.ui.referenceEdit.setReadOnly(bool(self.host.reassessing))


class PeoplePage(Bound, BasePage[Ui_PeoplePage]):
    page_id = Page.PEOPLE
    growers = ("groupsList", "peopleTable")

    def __init__(self, host: Host) -> None:
        super().__init__(Ui_PeoplePage, host)
        ui = self.ui
        self.table = declared_widget(self, "subjects.people", QTableView)
        self.people = PeopleModel(self)
        _setup_table(self.table, self.people, 1)
        self.table.setColumnWidth(0, self.table.fontMetrics().averageCharWidth() * 24)
        self.bind_facts()
        self.watch(self.people.edited, "subjects.people")
        self.errors_at("subjects.count", ui.countError)
        self.errors_at("subjects.people", ui.peopleError)
        self.errors_at("*", ui.countError)
        ui.addPersonButton.clicked.connect(self._add)
        ui.removePersonButton.clicked.connect(self._remove)
        ui.peopleMatches.linkActivated.connect(host.open_breach)

    def _add(self) -> None:
        _add_row(self.table, self.people)

    def _remove(self) -> None:
        _remove_row(self.table, self.people)

    def read(self, state: FormState) -> None:
        self.read_facts(state)
        state.people = self.people.rows()

    def write(self, state: FormState) -> None:
        self.write_facts(state)
        self.people.set_rows(state.people)

    def refresh(self, outcome: Outcome) -> None:
        self.ui.peopleMatches.setText(matches_html(self.host, "person"))


class DataPage(Bound, BasePage[Ui_DataPage]):
    page_id = Page.DATA
    growers = ("categoriesList",)

    def __init__(self, host: Host) -> None:
        super().__init__(Ui_DataPage, host)
        ui = self.ui
        # The app proposes how identifiable the people are until the officer chooses.
        fill(ui.identifiabilityCombo, words.IDENTIFIABILITY)
        self.bind_facts()
        self.errors_at("data.categories", ui.categoriesError)
        self.errors_at("*", ui.dataError)
        ui.categoriesList.valuesChanged.connect(self._presence_asked)
        ui.extentCombo.currentTextChanged.connect(self._presence_asked)
        ui.presenceCheck.toggled.connect(self._presence_asked)
        self._presence_asked()

    def _presence_asked(self, *_args: object) -> None:
        """Whenever a special category is chosen with minimal extent, ask whether being in the
        data at all reveals it (METHOD 1.2); an answer already given stays in sight."""
        ui = self.ui
        minimal = words.choice_value(words.EXTENT, ui.extentCombo.currentText()) == "minimal"
        special = any(c in ART9_CATEGORIES for c in ui.categoriesList.get_values())
        ui.presenceCheck.setVisible((minimal and special) or ui.presenceCheck.isChecked())

    def read(self, state: FormState) -> None:
        self.read_facts(state)

    def write(self, state: FormState) -> None:
        self.write_facts(state)


class HappenedPage(Bound, BasePage[Ui_HappenedPage]):
    page_id = Page.HAPPENED

    def __init__(self, host: Host) -> None:
        super().__init__(Ui_HappenedPage, host)
        ui = self.ui
        fill(ui.discoveredCombo, (words.DISCOVERED_NOT_GIVEN, *words.DISCOVERED_HOW))
        self._harm_at_given = ""
        self.bind_facts()
        self.registerField(F.HARM_NOTE, ui.harmNoteEdit)
        self.registerField(F.HARM_AT, ui.harmAtEdit, "date", ui.harmAtEdit.dateChanged)
        self.registerField(
            F.DISCOVERED, ui.discoveredCombo, "currentText", ui.discoveredCombo.currentTextChanged
        )
        self.registerField(F.DISCOVERED_NOTE, ui.discoveredNoteEdit)
        self.watch(ui.harmCheck.toggled, "harm_reported")
        self.watch(ui.harmNoteEdit.textChanged, "harm_reported.note")
        self.watch(ui.harmAtEdit.dateChanged, "harm_reported.at")
        self.watch(ui.discoveredCombo.currentTextChanged, "discovered_how")
        self.watch(ui.discoveredNoteEdit.textChanged, "discovered_how.note")
        self.errors_at("loss.confidentiality", ui.confidentialityError)
        self.errors_at("*", ui.happenedError)
        ui.containmentEdit.setMaximumHeight(ui.containmentEdit.fontMetrics().lineSpacing() * 8)
        ui.availabilityCombo.currentTextChanged.connect(self._outage_enabled)
        self._outage_enabled()
        ui.harmCheck.toggled.connect(self._harm_enabled)
        ui.discoveredCombo.currentIndexChanged.connect(self._harm_enabled)
        self._harm_enabled()

    def _outage_enabled(self, *_args: object) -> None:
        self.ui.outageSpin.setEnabled(self.ui.availabilityCombo.currentIndex() > 0)

    def _harm_enabled(self, *_args: object) -> None:
        """What harm and when only once harm is said to have happened; the details of how we
        found out only once how is chosen."""
        ui = self.ui
        ui.harmNoteEdit.setEnabled(ui.harmCheck.isChecked())
        ui.harmAtEdit.setEnabled(ui.harmCheck.isChecked())
        ui.discoveredNoteEdit.setEnabled(ui.discoveredCombo.currentIndex() > 0)

    def _harm_at(self) -> str:
        """The date shown, as an ISO date; the text the facts gave when the date is unchanged
        (a date-time, a month), so that a reassessment does not lose what was known."""
        edit = self.ui.harmAtEdit
        if edit.date() == edit.minimumDate():
            return ""
        shown = edit.date().toString(Qt.DateFormat.ISODate)
        given = self._harm_at_given
        return given if given and _harm_day(given) == shown else shown

    def read(self, state: FormState) -> None:
        self.read_facts(state)
        state.harm_reported = self.ui.harmCheck.isChecked()
        state.harm_note = str(self.field(F.HARM_NOTE) or "")
        state.harm_at = self._harm_at()
        state.discovered_how = words.choice_value(
            words.DISCOVERED_HOW, str(self.field(F.DISCOVERED))
        )
        state.discovered_note = str(self.field(F.DISCOVERED_NOTE) or "")

    def write(self, state: FormState) -> None:
        self.write_facts(state)
        self.ui.harmCheck.setChecked(state.harm_reported)
        self.setField(F.HARM_NOTE, state.harm_note)
        self._harm_at_given = state.harm_at
        day = QDate.fromString(_harm_day(state.harm_at), Qt.DateFormat.ISODate)
        self.setField(F.HARM_AT, day if day.isValid() else self.ui.harmAtEdit.minimumDate())
        self.ui.discoveredCombo.setCurrentIndex(
            max(0, self.ui.discoveredCombo.findData(state.discovered_how))
        )
        self.setField(F.DISCOVERED_NOTE, state.discovered_note)


def _harm_day(text: str) -> str:
    """The day a harm date names, for the date field: '2025-10' -> '2025-10-01'."""
    if len(text) == 4:
        return f"{text}-01-01"
    if len(text) == 7:
        return f"{text}-01"
    return text[:10]


class RecipientsPage(BasePage[Ui_RecipientsPage]):
    page_id = Page.RECIPIENTS
    growers = ("recipientsTable",)

    def __init__(self, host: Host) -> None:
        super().__init__(Ui_RecipientsPage, host)
        ui = self.ui
        self.table = declared_widget(self, "recipients", QTableView)
        self.recipients = RecipientsWithRecordModel(self)
        _setup_table(self.table, self.recipients, 3)
        self.recipients.set_aside_requested.connect(
            self._ask_set_aside, Qt.ConnectionType.QueuedConnection
        )
        self._kind_delegate = ChoiceDelegate(words.RECIPIENT_KIND, self.table)
        self.table.setItemDelegateForColumn(1, self._kind_delegate)
        fm = self.table.fontMetrics()
        em = fm.averageCharWidth()
        for col, sample in (
            (1, "Trusted professional"),
            (2, "Poses a risk"),
            (4, "confirmed"),  # its title on two lines: "Deletion" over "confirmed"
            (5, "a.name@example"),
        ):
            self.table.setColumnWidth(col, fm.horizontalAdvance(sample) + em * 4)
        # Who and what is known take the room, shared; the email column only what it needs.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.watch(self.recipients.edited, "recipients")
        self.errors_at("recipients", ui.recipientsError)
        self.errors_at("*", ui.recipientsError)
        ui.addRecipientButton.clicked.connect(self._add)
        ui.removeRecipientButton.clicked.connect(self._remove)
        ui.recipientsMatches.linkActivated.connect(host.open_breach)

    def _add(self) -> None:
        _add_row(self.table, self.recipients)

    def _remove(self) -> None:
        _remove_row(self.table, self.recipients)

    def initializePage(self) -> None:
        # What this page refuses (an empty row, known recipients with nobody listed) shows
        # beside the table from the start: Next is held, so it could never be tried.
        self._touched.add("recipients")
        self.show_problems(self.host.outcome)

    def _ask_set_aside(self, row: int) -> None:
        """Unticking a risk the register records about the same person needs a reason."""
        recorded = self.recipients.recorded(row)
        if not recorded:
            return
        values = self.recipients.rows()[row]
        who = str(values.get("label") or values.get("email") or "").strip() or "this recipient"
        reason = ReasonDialog.ask(
            self, words.SET_ASIDE_TITLE, words.set_aside_prompt(who, recorded)
        )
        if reason:
            self.recipients.set_aside(row, reason)

    def read(self, state: FormState) -> None:
        state.recipients = self.recipients.rows()

    def write(self, state: FormState) -> None:
        self.recipients.set_rows(state.recipients)

    def refresh(self, outcome: Outcome) -> None:
        self.show_recorded()
        self.ui.recipientsMatches.setText(matches_html(self.host, "recipient"))

    def show_recorded(self) -> None:
        """Each row the register records as posing a risk to the same person says so."""
        recorded: dict[int, str] = {}
        for row, values in enumerate(self.recipients.rows()):
            label = str(values.get("label") or "").strip() or None
            email = str(values.get("email") or "").strip() or None
            said = [
                words.recorded_risk(risk.people, m.reference, risk.note)
                for m in self.host.matches
                if m.same_person
                for risk in m.risks
                if (risk.label, risk.email) == (label, email)
            ]
            if said:
                recorded[row] = "; ".join(dict.fromkeys(said))
        self.recipients.set_recorded(recorded)
