"""Pages 6-9: the assessment, the decisions, the recommendations and the summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QSizePolicy

from breach_desk.domain import vocabulary as words
from breach_desk.domain.clock import format_local, now
from breach_desk.domain.notification import report_clock
from breach_desk.gui import style
from breach_desk.gui.dialogs import ReasonDialog
from breach_desk.gui.generated.ui_assessment_page import Ui_AssessmentPage
from breach_desk.gui.generated.ui_decisions_page import Ui_DecisionsPage
from breach_desk.gui.generated.ui_recommendations_page import Ui_RecommendationsPage
from breach_desk.gui.generated.ui_summary_page import Ui_SummaryPage
from breach_desk.gui.html import esc
from breach_desk.gui.widgets.date_field import DateDelegate
from breach_desk.gui.wizard import fields as F
from breach_desk.gui.wizard.base import BasePage, Host
from breach_desk.gui.wizard.checks import Outcome, where_to_fix
from breach_desk.gui.wizard.pages_facts import fill
from breach_desk.gui.wizard.plan import Plan, PlanModel
from breach_desk.gui.wizard.state import FormState, Page
from breach_desk.gui.wizard.summary import summary_html
from breach_desk.gui.wizard.tables import keyboard_table
from breach_desk.method.recommendations import CATALOGUE

_SEVERITY_PARTS = ("dpc", "ei", "cb", "se", "final")


def _step(factor_id: str) -> str | None:
    """The step of a severity factor, in the vocabulary's words (None: not about severity)."""
    if factor_id.partition(".")[0] in _SEVERITY_PARTS:
        return words.factor_step(factor_id)
    return None


class AssessmentPage(BasePage[Ui_AssessmentPage]):
    page_id = Page.ASSESSMENT
    growers = ("factorsText",)

    def __init__(self, host: Host) -> None:
        super().__init__(Ui_AssessmentPage, host)
        ui = self.ui
        fill(ui.overrideCombo, words.OVERRIDE)
        self.registerField(F.DPC_ADJUSTMENT, ui.dpcAdjustSpin)
        self.registerField(F.DPC_REASON, ui.dpcReasonEdit)
        self.registerField(
            F.OVERRIDE, ui.overrideCombo, "currentText", ui.overrideCombo.currentTextChanged
        )
        self.registerField(F.OVERRIDE_REASON, ui.overrideReasonEdit)
        self.watch(ui.dpcAdjustSpin.valueChanged, "assessor.dpc_adjustment")
        self.watch(ui.dpcReasonEdit.textChanged, "assessor.dpc_adjustment")
        self.watch(ui.overrideCombo.currentTextChanged, "assessor.severity_override")
        self.watch(ui.overrideReasonEdit.textChanged, "assessor.severity_override")
        self.errors_at("assessor.dpc_adjustment", ui.dpcError)
        self.errors_at("assessor.severity_override", ui.overrideError)
        self.errors_at("*", ui.dpcError)
        ui.dpcAdjustSpin.valueChanged.connect(self._enable_reasons)
        ui.overrideCombo.currentIndexChanged.connect(self._enable_reasons)
        self._enable_reasons()
        ui.severityText.setMinimumHeight(ui.severityText.fontMetrics().height() * 12)

    def _enable_reasons(self, *_args: object) -> None:
        self.ui.dpcReasonEdit.setEnabled(self.ui.dpcAdjustSpin.value() != 0)
        self.ui.overrideReasonEdit.setEnabled(self.ui.overrideCombo.currentIndex() > 0)

    def read(self, state: FormState) -> None:
        state.dpc_adjustment = int(self.field(F.DPC_ADJUSTMENT))
        state.dpc_reason = str(self.field(F.DPC_REASON) or "")
        state.override = words.choice_value(words.OVERRIDE, str(self.field(F.OVERRIDE)))
        state.override_reason = str(self.field(F.OVERRIDE_REASON) or "")

    def write(self, state: FormState) -> None:
        self.setField(F.DPC_ADJUSTMENT, state.dpc_adjustment)
        self.setField(F.DPC_REASON, state.dpc_reason)
        self.setField(F.OVERRIDE, words.choice_label(words.OVERRIDE, state.override))
        self.setField(F.OVERRIDE_REASON, state.override_reason)

    def refresh(self, outcome: Outcome) -> None:
        ui = self.ui
        a = outcome.assessment
        if a is None:
            ui.bandLabel.setText(f"{words.NOT_ASSESSED_YET} {where_to_fix(outcome.problems)}")
            ui.bandLabel.setStyleSheet("")
            ui.severityText.clear()
            ui.factorsText.clear()
            ui.likelihoodLabel.setText("")
            ui.matrix.set_cell(None, None)
            return
        sev = a.severity
        override = (
            f" — officer override (computed: {words.band_caps(sev.computed_band)})"
            if sev.overridden
            else ""
        )
        ui.bandLabel.setText(f"{words.band_caps(sev.band)} severity · SE {sev.score:g}{override}")
        ui.bandLabel.setStyleSheet(style.badge_css(sev.band.value, self.palette()))
        rows = []
        for f in a.factors:
            step = _step(f.id)
            if step is None:
                continue
            rows.append(
                f"<p style='margin:0 0 4px 0'><b>{esc(step)}: {esc(f.effect)}</b><br/>"
                f"{esc(f.reason)}</p>"
            )
        total = (
            f"<p><b>SE = DPC {sev.dpc} × EI {sev.ei:g} + CB {sev.cb:g} = {sev.score:g}</b> "
            f"→ {esc(words.band_caps(sev.computed_band))}</p>"
        )
        ui.severityText.setHtml(total + "".join(rows))
        ui.likelihoodLabel.setText(
            f"Likelihood: <b>{esc(words.label(a.likelihood))}</b> · risk: "
            f"<b>{esc(words.label(a.risk))}</b>"
        )
        ui.matrix.set_cell(sev.band.value, a.likelihood.value)
        ui.factorsText.setHtml(
            "<ul>"
            + "".join(
                f"<li><b>{esc(f.effect)}</b>: {esc(f.reason)} <i>[{esc(f.source)}]</i></li>"
                for f in a.factors
            )
            + "</ul>"
        )


class DecisionsPage(BasePage[Ui_DecisionsPage]):
    page_id = Page.DECISIONS

    def __init__(self, host: Host) -> None:
        super().__init__(Ui_DecisionsPage, host)
        ui = self.ui
        fill(ui.art34Combo, words.ART34)
        self.registerField(F.ICO_DELAY_REASON, ui.delayEdit, "plainText", ui.delayEdit.textChanged)
        self.registerField(F.ART34, ui.art34Combo, "currentText", ui.art34Combo.currentTextChanged)
        self.registerField(
            F.ART34_REASON, ui.art34ReasonEdit, "plainText", ui.art34ReasonEdit.textChanged
        )
        self.watch(ui.delayEdit.textChanged, "ico_delay_reason")
        self.watch(ui.art34Combo.currentTextChanged, "assessor.art34_exception")
        self.watch(ui.art34ReasonEdit.textChanged, "assessor.art34_exception")
        self.errors_at("ico_delay_reason", ui.delayError)
        self.errors_at("assessor.art34_exception", ui.art34Error)
        self.errors_at("*", ui.art34Error)
        lines = ui.delayEdit.fontMetrics().lineSpacing()
        ui.delayEdit.setMaximumHeight(lines * 6)
        ui.art34ReasonEdit.setMaximumHeight(lines * 5)

    def read(self, state: FormState) -> None:
        state.ico_delay_reason = str(self.field(F.ICO_DELAY_REASON) or "")
        state.art34 = words.choice_value(words.ART34, str(self.field(F.ART34)))
        state.art34_reason = str(self.field(F.ART34_REASON) or "")

    def write(self, state: FormState) -> None:
        self.setField(F.ICO_DELAY_REASON, state.ico_delay_reason)
        self.setField(F.ART34, words.choice_label(words.ART34, state.art34))
        self.setField(F.ART34_REASON, state.art34_reason)

    def refresh(self, outcome: Outcome) -> None:
        ui = self.ui
        a = outcome.assessment
        late = outcome.late
        for w in (ui.delayLabel, ui.delayEdit):
            w.setVisible(late or bool(ui.delayEdit.toPlainText()))
        if a is None:
            ui.icoDecisionLabel.setText(f"{words.NOT_DECIDED_YET} {where_to_fix(outcome.problems)}")
            ui.subjectsDecisionLabel.setText("")
            ui.icoReasonLabel.setText("")
            ui.subjectsReasonLabel.setText("")
            return
        if a.ico.report:
            hours = (a.ico.deadline - now()).total_seconds() / 3600
            aware = outcome.facts.aware_at if outcome.facts else None
            clock = report_clock(True, aware, self.host.ico_report, now()).text if aware else ""
            ui.icoDecisionLabel.setText(
                f"Report to the ICO: YES — by {format_local(a.ico.deadline)} ({clock})"
            )
            ui.icoDecisionLabel.setStyleSheet(
                style.badge_css(style.clock_kind(hours), self.palette())
            )
        else:
            ui.icoDecisionLabel.setText("Report to the ICO: NO — record it in the register")
            ui.icoDecisionLabel.setStyleSheet(style.badge_css("neutral", self.palette()))
        ui.icoReasonLabel.setText(a.ico.reason)
        high = a.risk.value == "high"
        if a.data_subjects.notify:
            text, kind = "Tell the people: YES, without undue delay", "high_risk"
        elif a.data_subjects.exception is not None:
            text, kind = "Tell the people: NO — an Art. 34(3) exception applies", "warn"
        else:
            text, kind = "Tell the people: NO — the risk is not high", "neutral"
        ui.subjectsDecisionLabel.setText(text)
        ui.subjectsDecisionLabel.setStyleSheet(style.badge_css(kind, self.palette()))
        ui.subjectsReasonLabel.setText(a.data_subjects.reason)
        unintelligible = (
            a.data_subjects.exception is not None
            and a.data_subjects.exception.value == "unintelligible"
        )
        usable = (high and not unintelligible) or ui.art34Combo.currentIndex() > 0
        ui.art34Combo.setEnabled(usable)
        ui.art34ReasonEdit.setEnabled(ui.art34Combo.currentIndex() > 0)
        ui.art34Combo.setToolTip(
            ""
            if usable
            else "Only when the risk is high; (a), unintelligible data, applies by itself."
        )


class RecommendationsPage(BasePage[Ui_RecommendationsPage]):
    page_id = Page.RECOMMENDATIONS
    growers = ("recommendationsTable",)

    def __init__(self, host: Host, plan: Plan) -> None:
        super().__init__(Ui_RecommendationsPage, host)
        ui = self.ui
        self.plan = plan
        self.model = PlanModel(plan, self)
        view = ui.recommendationsTable
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        em = view.fontMetrics().averageCharWidth()
        fm = view.fontMetrics()
        view.setColumnWidth(2, fm.horizontalAdvance("Information governance") + em * 2)
        view.setColumnWidth(3, fm.horizontalAdvance("30 Sep 2026") + em * 3)
        # The code and why are in each row's tooltip and on the summary; the words take the room.
        view.setColumnHidden(0, True)
        view.setColumnHidden(4, True)
        view.setWordWrap(True)
        self.model.modelReset.connect(view.resizeRowsToContents)
        self.model.rowsInserted.connect(view.resizeRowsToContents)
        keyboard_table(view)
        # A due date is typed as written (30/09/2026), never stepped through a date editor.
        self.due_dates = DateDelegate(view)
        view.setItemDelegateForColumn(3, self.due_dates)
        self.due_dates.refused.connect(self._due_refused)
        ui.catalogueCombo.setMinimumContentsLength(30)
        ui.catalogueCombo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        ui.catalogueCombo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        ui.catalogueCombo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.watch(self.model.edited, "recommendations")
        self.errors_at("*", ui.recommendationsError)
        ui.addRecommendationButton.clicked.connect(self._add)
        ui.removeRecommendationButton.clicked.connect(self._remove)

    def _due_refused(self, problem: str) -> None:
        label = self.ui.recommendationsError
        label.setText(f"⚠ {problem}" if problem else "")
        label.setStyleSheet(style.error_css(self.palette()))
        label.setVisible(bool(problem))

    def refresh(self, outcome: Outcome) -> None:
        self.model.set_items(self.plan.items(outcome.assessment))
        present = {i.code for i in self.model.items()}
        current = self.ui.catalogueCombo.currentData()
        self.ui.catalogueCombo.clear()
        for code, entry in CATALOGUE.items():
            if code not in present:
                title = words.recommendation_title(code, entry.text)
                shown = entry.text if title == entry.text else f"{title}: {entry.text}"
                self.ui.catalogueCombo.addItem(shown, code)
                self.ui.catalogueCombo.setItemData(
                    self.ui.catalogueCombo.count() - 1,
                    f"{shown}\nWhen: {entry.when}",
                    Qt.ItemDataRole.ToolTipRole,
                )
        self.ui.catalogueCombo.setCurrentIndex(max(0, self.ui.catalogueCombo.findData(current)))
        combo = self.ui.catalogueCombo
        widest = max(
            (
                combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                for i in range(combo.count())
            ),
            default=0,
        )
        combo.view().setMinimumWidth(widest + combo.fontMetrics().averageCharWidth() * 6)
        self.ui.addRecommendationButton.setEnabled(combo.count() > 0)
        removed = self.plan.removed_pairs(outcome.assessment)
        self.ui.removedLabel.setText(
            "Removed: " + "; ".join(f"{esc(c)} ({esc(r)})" for c, r in removed) if removed else ""
        )
        self.ui.removedLabel.setVisible(bool(removed))

    def _add(self) -> None:
        code = self.ui.catalogueCombo.currentData()
        if code:
            self.plan.add(str(code))
            self.model.edited.emit()
            self._select(str(code))

    def _select(self, code: str | None, row: int = 0) -> None:
        """Make the recommendation ``code`` (or the row at ``row``) the current one."""
        view = self.ui.recommendationsTable
        codes = [i.code for i in self.model.items()]
        if code in codes:
            row = codes.index(code)
        if not codes:
            return
        row = min(max(0, row), len(codes) - 1)
        view.setCurrentIndex(self.model.index(row, 1))

    def _remove(self) -> None:
        index = self.ui.recommendationsTable.currentIndex()
        if not index.isValid():
            return
        item = self.model.items()[index.row()]
        if item.added:
            self.plan.remove(item.code, "", proposed=False)
        else:
            name = words.recommendation_title(item.code, item.text)
            said = f"“{name}” ({item.text})" if name != item.text else f"“{name}”"
            reason = ReasonDialog.ask(
                self,
                "Remove a recommendation",
                f"Why remove {said}? The reason is kept in the record.",
            )
            if not reason:
                return
            self.plan.remove(item.code, reason, proposed=True)
        self.model.edited.emit()
        self._select(None, index.row())
        self.ui.recommendationsTable.setFocus()


class SummaryPage(BasePage[Ui_SummaryPage]):
    page_id = Page.SUMMARY
    growers = ("summaryText",)

    def __init__(self, host: Host, plan: Plan) -> None:
        super().__init__(Ui_SummaryPage, host)
        self.plan = plan
        ui = self.ui
        self.registerField(F.REASSESS_REASON, ui.reasonEdit)
        self.watch(ui.reasonEdit.textChanged, "reassess_reason")
        self.errors_at("reassess_reason", ui.reasonError)
        self.errors_at("*", ui.reasonError)
        ui.summaryText.anchorClicked.connect(self._on_link)
        ui.previewButton.clicked.connect(host.preview_report)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        reassessing = bool(self.host.reassessing)
        for w in (self.ui.reasonLabel, self.ui.reasonEdit):
            w.setVisible(reassessing)

    def read(self, state: FormState) -> None:
        state.reassess_reason = str(self.field(F.REASSESS_REASON) or "")

    def write(self, state: FormState) -> None:
        self.setField(F.REASSESS_REASON, state.reassess_reason)

    def refresh(self, outcome: Outcome) -> None:
        state = self.host.state()
        items = self.plan.items(outcome.assessment)
        removed = self.plan.removed_pairs(outcome.assessment)
        bar = self.ui.summaryText.verticalScrollBar().value()
        self.ui.summaryText.setHtml(summary_html(state, outcome, items, removed))
        self.ui.summaryText.verticalScrollBar().setValue(bar)

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("edit:"):
            self.host.go_to(Page(int(text.split(":", 1)[1])))
        else:
            self.host.open_breach(text)
