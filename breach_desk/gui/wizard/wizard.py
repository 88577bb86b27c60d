"""The assessment wizard: nine pages, a live assessment beside each, nothing ever lost.

Every change is checked and assessed at once (the method is arithmetic), shown beside the page,
and autosaved as a draft within about a second. Matching against the register and saving run on
the worker. Finalise stores version 1, or version n+1 when reassessing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from breach_desk.domain.clock import LONDON, now
from breach_desk.domain.enums import Risk
from breach_desk.facts_io import FactsError
from breach_desk.gui.backend import Backend, Services, describe_error
from breach_desk.gui.dialogs import KeepOrDiscard, Notice
from breach_desk.gui.wizard.base import BasePage, Form
from breach_desk.gui.wizard.checks import Outcome, evaluate, reference_taken
from breach_desk.gui.wizard.help import PAGE_HELP
from breach_desk.gui.wizard.keys import KeyGuard
from breach_desk.gui.wizard.pages_facts import (
    BasicsPage,
    DataPage,
    HappenedPage,
    PeoplePage,
    RecipientsPage,
)
from breach_desk.gui.wizard.pages_outcome import (
    AssessmentPage,
    DecisionsPage,
    RecommendationsPage,
    SummaryPage,
)
from breach_desk.gui.wizard.panel import LivePanel, StepsList
from breach_desk.gui.wizard.plan import Plan
from breach_desk.gui.wizard.preview import render_draft
from breach_desk.gui.wizard.state import PAGE_TITLES, FormState, Page

if TYPE_CHECKING:
    from breach_desk.domain.assessment import RepeatMatch
    from breach_desk.domain.notification import IcoReport
    from breach_desk.domain.register import Breach
    from breach_desk.gui.settings import UiSettings

_NOBODY_RECEIVED = ("none", "exposed_no_evidence_of_access")
_OUTCOME_PAGES = (Page.ASSESSMENT, Page.DECISIONS, Page.RECOMMENDATIONS)

AUTOSAVE_MS = 1000
MATCH_MS = 400
DRAFT_FORMAT = 1


class AssessmentWizard(QWizard):
    finalised = Signal(object)
    """The Breach as stored."""
    open_breach_requested = Signal(str)
    draft_saved = Signal(int)
    outcome_changed = Signal(object)

    def __init__(
        self,
        backend: Backend,
        *,
        state: FormState | None = None,
        plan: Plan | None = None,
        draft_id: int | None = None,
        reassessing: str | None = None,
        row_version: int | None = None,
        ico_report: IcoReport | None = None,
        start_page: int = 0,
        wanted: Iterable[int] = (),
        settings: UiSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.settings = settings
        """The window's settings (the organisation printed on the report preview)."""
        self.reassessing = reassessing
        self.row_version = row_version
        self.ico_report = ico_report
        """The breach's recorded report to the ICO, when reassessing one: its clock then says
        when it was reported, as the register does (``domain/notification``)."""
        self._base = state or FormState()
        self.plan = plan or Plan()
        self.outcome = Outcome()
        self.matches: list[RepeatMatch] = []
        self.preview_dialog: QWidget | None = None
        self._box: dict[str, int | None] = {"id": draft_id}
        """The draft's id, read and written on the worker so saves and a discard stay in order."""
        self._dirty = False
        self._finalising = False
        self._finished = False
        self._visited: set[int] = {0}
        self._wanted: set[int] = {int(p) for p in wanted if 0 <= int(p) < len(Page)}
        """Pages the officer opened on demand: never skipped again."""
        self.restoring = False
        """True while a resumed draft is walked to its page (nothing is marked as touched)."""
        self._sized = False
        self._state = self._base
        self.setObjectName("assessmentWizard")
        self.setWindowTitle(f"Reassess {reassessing}" if reassessing else "New assessment")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "&Save and close")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Finalise")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Back")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Next >")
        self.setButtonLayout(
            [
                QWizard.WizardButton.HelpButton,
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.customButtonClicked.connect(self._on_custom_button)
        self.helpRequested.connect(self.show_help)

        self.pages: list[BasePage[Form]] = [
            BasicsPage(self),
            PeoplePage(self),
            DataPage(self),
            HappenedPage(self),
            RecipientsPage(self),
            AssessmentPage(self),
            DecisionsPage(self),
            RecommendationsPage(self, self.plan),
            SummaryPage(self, self.plan),
        ]
        for page in self.pages:
            self.setPage(int(page.page_id), page)
        for page in self.pages:
            page.write(self._base)
            page.forget_touches()
            page.changed.connect(self._on_changed)

        self.steps = StepsList()
        self.steps.step_chosen.connect(self._on_step_chosen)
        self.setSideWidget(self.steps)
        self.panel = LivePanel()
        self.panel.host = self
        self.currentIdChanged.connect(self._on_page)

        self._save_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save_draft)
        self._match_timer = QTimer(self, singleShot=True, interval=MATCH_MS)
        self._match_timer.timeout.connect(self._find_matches)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_draft)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self).activated.connect(self.show_help)
        self._keys = KeyGuard(self)

        self.setStartId(int(Page.BASICS))
        self._recompute()
        self._resume(start_page)
        self._find_matches()
        backend.call(lambda s: list(s.register.services()), on_done=self._on_services, owner=self)
        if reassessing and ico_report is None:  # a resumed draft: what the register recorded
            backend.call(
                partial(_recorded_ico_report, reference=reassessing),
                on_done=self._on_ico_report,
                on_error=lambda _exc: None,
                owner=self,
            )

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().averageCharWidth()
        wanted = QSize(em * 195, self.fontMetrics().height() * 46)
        screen = self.screen().availableGeometry().size() if self.screen() else wanted
        return wanted.boundedTo(QSize(int(screen.width() * 0.95), int(screen.height() * 0.92)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_sides()

    def _fit_sides(self) -> None:
        """The form keeps its share of a narrow window (200 % scaling on a laptop): the steps
        list goes (the title says '3 of 9: Data'; Alt+N / Alt+B and the Summary's links still
        move between pages) and the live panel narrows."""
        em = self.fontMetrics().averageCharWidth()
        # Narrow: beside the steps and the full panel, the form would have under 55 %.
        form = self.width() - self.steps.minimumWidth() - em * 32 * 1.4
        narrow = form < self.width() * 0.55
        self.steps.setVisible(not narrow)
        self.panel.narrow(narrow)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:
            self._sized = True
            self.resize(self.sizeHint())
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_sides)  # the size it opened at, once laid out
        QTimer.singleShot(0, self._focus_page)

    def _focus_page(self) -> None:
        """A page just opened has its first field ready for typing."""
        page = self.currentPage()
        focused = QApplication.focusWidget()
        if isinstance(page, BasePage) and (
            focused is None or not page.content.isAncestorOf(focused)
        ):
            page.focus_first()

    def _resume(self, target: int) -> None:
        """Open at ``target`` (a draft's page) with the pages before it in the history, as if
        the officer had pressed Next through them: Back, the steps and Edit links all work."""
        self.restart()
        target = min(max(0, target), len(self.pages) - 1)
        if target and self.skipped(Page(target)):
            self._wanted.add(target)
        self.restoring = True
        try:
            for _ in range(len(self.pages)):
                before = self.currentId()
                if before >= target:
                    break
                self.next()
                if self.currentId() == before:
                    break  # a page before it has a problem: open there, showing it
        finally:
            self.restoring = False

    # the state --------------------------------------------------------------------------------

    def state(self) -> FormState:
        state = FormState.from_json(self._base.to_json())
        for page in self.pages:
            page.read(state)
        return state

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to reopen the wizard as it is now (the draft's payload)."""
        return {
            "format": DRAFT_FORMAT,
            "state": self.state().to_json(),
            "plan": self.plan.to_json(),
            "page": max(0, self.currentId()),
            "wanted": sorted(self._wanted),
            "reassessing": self.reassessing,
            "row_version": self.row_version,
        }

    @classmethod
    def from_snapshot(
        cls,
        backend: Backend,
        payload: dict[str, Any],
        draft_id: int | None,
        settings: UiSettings | None = None,
        parent: QWidget | None = None,
    ) -> AssessmentWizard:
        return cls(
            backend,
            state=FormState.from_json(payload.get("state", {})),
            plan=Plan.from_json(payload.get("plan")),
            draft_id=draft_id,
            reassessing=payload.get("reassessing"),
            row_version=payload.get("row_version"),
            start_page=int(payload.get("page", 0)),
            wanted=[int(p) for p in payload.get("wanted", []) if isinstance(p, int)],
            settings=settings,
            parent=parent,
        )

    @property
    def draft_id(self) -> int | None:
        return self._box["id"]

    # changes ----------------------------------------------------------------------------------

    def _on_changed(self) -> None:
        self._dirty = True
        self._recompute()
        if not self._save_timer.isActive():
            self._save_timer.start()
        sender = self.sender()
        if sender in (self.pages[Page.PEOPLE], self.pages[Page.RECIPIENTS]):
            self._match_timer.start()

    def _recompute(self) -> None:
        self._state = self.state()
        self.outcome = evaluate(self._state, self.matches, reassessing=bool(self.reassessing))
        for page in self.pages:
            page.show_problems(self.outcome)
        current = self.currentPage()
        if isinstance(current, BasePage):
            current.refresh(self.outcome)
        self.panel.show_outcome(self.outcome)
        self._show_steps()
        self.outcome_changed.emit(self.outcome)

    def _on_ico_report(self, report: IcoReport | None) -> None:
        if report is not None:
            self.ico_report = report
            self._recompute()

    def _on_page(self, page_id: int) -> None:
        if page_id < 0:
            return
        self._visited.add(page_id)
        page = self.pages[page_id]
        # The draft remembers the page the officer is on, not only the page of the last edit:
        # a draft left on Recipients is offered back "at Recipients".
        if not self.restoring and (self._dirty or self.draft_id is not None):
            self._save_timer.start()
        QTimer.singleShot(0, self._focus_page)
        page.set_panel(self.panel)
        self.panel.show()
        page.refresh(self.outcome)
        self._show_steps()
        self.setWindowTitle(
            f"{'Reassess ' + self.reassessing if self.reassessing else 'New assessment'} — "
            f"{page_id + 1} of {len(self.pages)}: {PAGE_TITLES[Page(page_id)]}"
        )

    def _show_steps(self) -> None:
        current = self.currentId()
        done = {
            p
            for p in self._visited
            if p != current and self.outcome.ok_until(Page(p)) and p < max(self._visited)
        }
        skipped = {int(p) for p in Page if p != current and self.skipped(p)}
        self.steps.show_steps(current, done, self._visited | {current} | skipped, skipped)

    def _on_step_chosen(self, page: int) -> None:
        self.go_to(Page(page))

    # which pages matter ------------------------------------------------------------------------

    def skipped(self, page: Page) -> bool:
        """A page that cannot change the outcome for the facts given so far, and that the
        officer has not asked to see: Next passes it by (it stays reachable from the steps)."""
        if int(page) in self._wanted or self.outcome.for_page(page):
            return False
        state = self._state
        if page is Page.RECIPIENTS:
            return state.confidentiality in _NOBODY_RECEIVED and not state.recipients
        a = self.outcome.assessment
        if page not in _OUTCOME_PAGES or a is None or self.outcome.provisional:
            return False
        unlikely = a.risk is Risk.UNLIKELY
        if page is Page.ASSESSMENT:
            return unlikely and not state.dpc_adjustment and not state.override
        if page is Page.DECISIONS:
            return (
                not a.ico.report
                and not a.data_subjects.notify
                and not state.art34
                and not state.ico_delay_reason.strip()
            )
        return unlikely and self.plan.to_json() == Plan().to_json()

    def nextId(self) -> int:
        for page in range(self.currentId() + 1, len(self.pages)):
            if not self.skipped(Page(page)):
                return page
        return -1

    def go_to(self, page: Page) -> None:
        """Back to an earlier page (answers kept), or on to a later or skipped one while the
        pages allow it. A skipped page opened this way is not skipped again."""
        target = int(page)
        guard = len(self.pages) * 2
        if target not in self.visitedIds() and self.skipped(page):
            self._wanted.add(target)
        while self.currentId() > target and guard:
            self.back()
            guard -= 1
        while self.currentId() < target and guard and self.currentPage().isComplete():
            before = self.currentId()
            self.next()
            guard -= 1
            if self.currentId() == before:
                break

    def open_breach(self, reference: str) -> None:
        self.open_breach_requested.emit(reference)

    def preview_report(self) -> None:
        """The assessment report as it would print now: preview, save or print before Finalise."""
        facts = self.outcome.facts
        if facts is None or self.outcome.problems:
            return
        settings = self.settings
        organisation = settings.text("organisation") if settings is not None else ""
        work = partial(
            render_draft, facts=facts, matches=list(self.matches), organisation=organisation
        )
        self.backend.call(
            work, on_done=self._show_preview, on_error=self._on_preview_failed, owner=self
        )

    def _show_preview(self, data: bytes) -> None:
        from breach_desk.gui.printing import PreviewDialog, on_worker

        title = "Assessment report (not yet saved)"
        dialog = PreviewDialog(
            self,
            data,
            title,
            "assessment report (not yet saved).pdf",
            on_worker(self.backend, self),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        self.preview_dialog = dialog

    def _on_preview_failed(self, exc: BaseException) -> None:
        Notice.tell(self, "Breach Desk", describe_error(exc))

    def _on_services(self, services: list[str]) -> None:
        page = self.pages[Page.BASICS]
        assert isinstance(page, BasicsPage)
        page.set_services(services)

    # matching ---------------------------------------------------------------------------------

    def _find_matches(self) -> None:
        state = self.state()
        if not any(any(p.values()) for p in state.people) and not state.recipients:
            if self.matches:
                self.matches = []
                self._recompute()
            return
        try:
            facts = state.to_facts(stand_ins=True)
        except FactsError:
            return
        self.backend.call(
            lambda s: s.register.find_matches(facts), on_done=self._on_matches, owner=self
        )

    def _on_matches(self, matches: list[RepeatMatch]) -> None:
        if list(matches) != self.matches:
            self.matches = list(matches)
            self._recompute()

    # drafts -----------------------------------------------------------------------------------

    def save_draft(self) -> None:
        """Autosave (or Ctrl+S): queue a save on the worker; the id is kept on the worker too."""
        self._save_timer.stop()
        if self._finished:
            return
        payload = self.snapshot()
        title = payload["state"]["title"].strip() or "(untitled)"
        box, reference = self._box, self.reassessing

        def work(s: Services) -> int:
            draft_id = s.drafts.save(box["id"], payload, title, reference=reference)
            box["id"] = draft_id
            return draft_id

        self.backend.call(work, on_done=self._on_saved, on_error=self._on_save_failed, owner=self)

    def _on_saved(self, draft_id: int) -> None:
        # London time, as every time the product shows (not the machine's own zone)
        self.steps.saved.setText(f"Draft saved {now().astimezone(LONDON):%H:%M:%S}")
        self.draft_saved.emit(draft_id)
        self.backend.refresh_drafts()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.steps.saved.setText(f"⚠ Draft not saved: {describe_error(exc)}")

    def _discard_draft(self) -> None:
        box = self._box

        def work(s: Services) -> None:
            if box["id"] is not None:
                s.drafts.discard(box["id"])
                box["id"] = None

        self.backend.call(work, on_done=self._after_discard)

    def _after_discard(self, _result: object) -> None:
        self.backend.refresh_drafts()

    # closing ----------------------------------------------------------------------------------

    def _on_custom_button(self, which: int | QWizard.WizardButton) -> None:
        if (
            which == QWizard.WizardButton.CustomButton1.value
            or which == QWizard.WizardButton.CustomButton1
        ):
            self.save_draft()
            self._close(keep=True)

    def _close(self, keep: bool) -> None:
        self._finished = True
        self._save_timer.stop()
        self._match_timer.stop()
        if not keep:
            self._discard_draft()
        super().reject()

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: keep the draft or discard it."""
        if self._finished:
            super().reject()
            return
        if not self._dirty and self.draft_id is None:
            self._close(keep=False)
            return
        answer = KeepOrDiscard.ask(self)
        if answer == KeepOrDiscard.KEEP:
            self.save_draft()
            self._close(keep=True)
        elif answer == KeepOrDiscard.DISCARD:
            self._close(keep=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            event.accept()
            return
        event.ignore()
        self.reject()

    # finalising -------------------------------------------------------------------------------

    def accept(self) -> None:
        if self._finished:
            super().accept()
            return
        assessment = self.outcome.assessment
        if self._finalising or not self.outcome.ok_until(Page.SUMMARY) or assessment is None:
            return
        state = self.state()
        try:
            facts = state.to_facts()
        except FactsError as exc:
            Notice.tell(self, "Cannot finalise", str(exc))
            return
        from breach_desk.domain.register import PlannedRecommendation

        planned = [
            PlannedRecommendation(i.code, i.text, i.owner_role, i.due_date, i.owner or None, i.why)
            for i in self.plan.items(assessment)
        ]
        removed = self.plan.removed_pairs(assessment)
        reference, reason, row_version = self.reassessing, state.reassess_reason, self.row_version
        # Past the 72 hours the reasons for the delay are required (checks.py); they are kept
        # with the version, for the ICO report draft and the assessment report.
        delay = (state.ico_delay_reason.strip() if assessment.ico.report else "") or None

        def work(s: Services) -> Breach:
            if reference:
                return s.register.reassess(
                    reference,
                    facts,
                    reason,
                    row_version,
                    recommendations=planned,
                    removed=removed,
                    ico_delay_reason=delay,
                )
            if facts.reference and reference_taken(s, facts.reference):
                # A new breach never takes over another's record: its reference is its own.
                raise ValueError(
                    f"The reference {facts.reference} is already in the register: "
                    "give this breach another one (Basics page), or leave it empty for one "
                    "to be assigned"
                )
            return s.register.finalise(
                facts, recommendations=planned, removed=removed, ico_delay_reason=delay
            )

        self._finalising = True
        self._save_timer.stop()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.steps.saved.setText("Saving to the register…")
        self.backend.call(
            work, on_done=self._on_finalised, on_error=self._on_finalise_failed, owner=self
        )

    def _on_finalised(self, breach: Breach) -> None:
        self._finalising = False
        self._discard_draft()
        self._finished = True
        self.finalised.emit(breach)
        self.backend.notify_changed()
        super().accept()

    def _on_finalise_failed(self, exc: BaseException) -> None:
        self._finalising = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        message = describe_error(exc)
        self.steps.saved.setText("⚠ Not saved")
        summary = self.pages[Page.SUMMARY]
        summary.problems_line.setText(f"⚠ Not saved: {message}")
        summary.problems_line.show()
        Notice.tell(self, "Not saved", message)

    # help -------------------------------------------------------------------------------------

    def show_help(self) -> None:
        page = Page(max(0, self.currentId()))
        Notice.inform(self, f"Help: {PAGE_TITLES[page]}", PAGE_HELP[page])


def _recorded_ico_report(services: Services, reference: str) -> IcoReport | None:
    """On the worker: the breach's recorded report to the ICO (its clock in the wizard)."""
    return services.register.get(reference).notifications.ico
