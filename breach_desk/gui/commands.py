"""What the menus and toolbar do: assess, reassess, drafts, reports, registers, recent breaches."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from breach_desk.domain import vocabulary as words
from breach_desk.gui.backend import RegisterInfo, describe_error
from breach_desk.gui.breach_commands import BreachCommands
from breach_desk.gui.dialogs import DraftChooser, Notice, ReasonDialog

if TYPE_CHECKING:
    from breach_desk.domain.register import Breach, DraftInfo
    from breach_desk.gui.desk import Desk
    from breach_desk.gui.printing import PreviewDialog
    from breach_desk.gui.wizard.wizard import AssessmentWizard

ABOUT = (
    "Breach Desk assesses personal-data breaches the way METHOD.md sets out: severity by ENISA "
    "2013 (SE = DPC × EI + CB), likelihood, the risk matrix, the ICO decision (UK GDPR Art. 33) "
    "and telling the people (Art. 34), with every rule recorded in the decision note. It keeps "
    "the register of every breach and tracks each recommendation until it is verified."
)
HELP = (
    "Ctrl+N new assessment · Ctrl+R reassess the selected breach · Ctrl+F search · "
    "Ctrl+E export the assessment as PDF · Ctrl+Shift+P preview · Ctrl+P print · "
    "Ctrl+1… switch views · F5 refresh · F1 this help.\n\nThe Breach menu (and the buttons "
    "above a breach's detail) also makes the ICO report draft, the letter to the person (you "
    "edit it first), and the evidence pack, and closes a breach once every recommendation is "
    "verified or rejected.\n\nIn the wizard: Alt+N next, "
    "Alt+B back, Ctrl+S save the draft, F1 help for the page, Esc to close (keep or discard)."
)


TARGETED: dict[str, tuple[str, str, str]] = {
    "reassess": ("&Reassess…", "&Reassess {ref}…", "Reassess {ref} (a new version, with a reason)"),
    "export": (
        "&Export assessment as PDF…",
        "&Export {ref} as PDF…",
        "Export the assessment report of {ref} as PDF",
    ),
    "preview": (
        "Pre&view assessment report",
        "Pre&view {ref}'s assessment report",
        "Preview the assessment report of {ref}",
    ),
    "print": ("&Print assessment…", "&Print {ref}'s assessment…", "Print the assessment of {ref}"),
    "ico": ("&ICO report draft…", "&ICO report draft for {ref}…", "The ICO report draft for {ref}"),
    "letter": (
        "&Letter to the person…",
        "&Letter to the person ({ref})…",
        "A letter to the person affected by {ref}",
    ),
    "pack": ("Evidence pac&k…", "Evidence pac&k of {ref}…", "The evidence pack of {ref}"),
    "pack_files": (
        "Evidence pack &with files…",
        "Evidence pack of {ref} &with files…",
        "The evidence pack of {ref}, and its evidence files in a folder beside it",
    ),
    "approve_close": (
        "&Approve closing…",
        "&Approve closing {ref}…",
        "Approve, as a second IG officer, closing {ref} for whoever rejected a recommendation",
    ),
    "close": ("&Close breach…", "&Close {ref}…", "Close {ref} once every recommendation is done"),
}
"""The commands that act on the selected breach: their text with no breach, their text and tip
naming it ("Export IG-2026-0002 as PDF…"), so menus, toolbar tips and the status bar say which."""


def _name_target(action: QAction, name: str, reference: str | None) -> None:
    plain, named, tip = TARGETED[name]
    keys = action.shortcut().toString()
    if reference is None:
        action.setText(plain)
        text = str(action.property("tip") or "")
    else:
        action.setText(named.format(ref=reference))
        text = tip.format(ref=reference) + (f" ({keys})" if keys else "")
    action.setToolTip(text)
    action.setStatusTip(text)


class Commands(QObject):
    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.parent_widget())
        self.desk = desk
        self.backend = desk.backend
        self.wizard: AssessmentWizard | None = None
        self.actions: dict[str, QAction] = {}
        self.recent_menu: QMenu | None = None
        self.view_menu: QMenu | None = None
        self.actions_menu: QMenu | None = None
        """The views other than the register (My actions, Monitoring, the dashboard)."""
        self.preview_dialog: PreviewDialog | None = None
        self._own_url: str | None = None
        self._also: list[Callable[[], None]] = []
        self.breach = BreachCommands(
            desk, {"organisation": self.set_organisation, "contact": self.set_contact}
        )
        """The ICO report draft, the letter, the evidence pack, closing."""

    # wizard -----------------------------------------------------------------------------------

    def new_assessment(self) -> None:
        if self._raise_wizard():
            return
        from breach_desk.gui.wizard.wizard import AssessmentWizard

        self._open_wizard(
            AssessmentWizard(
                self.backend, settings=self.desk.settings, parent=self.desk.parent_widget()
            )
        )

    def reassess(self) -> None:
        breach = self.desk.breach_in_view()
        if breach is None or self._raise_wizard():
            return
        reason = ReasonDialog.ask(
            self.desk.parent_widget(),
            f"Reassess {breach.reference}",
            "Why is this breach being reassessed? (New facts, a dispute, a review.) The reason "
            "is kept with the new version.",
        )
        if not reason:
            return
        from breach_desk.gui.oldlog_dialog import wizard_facts
        from breach_desk.gui.wizard.state import FormState
        from breach_desk.gui.wizard.wizard import AssessmentWizard

        state = (
            wizard_facts(breach)  # from the old log: only what the log said
            if breach.old_log is not None and not breach.versions
            else FormState.from_facts(breach.facts)
        )
        state.reassess_reason = reason
        latest = breach.latest
        state.ico_delay_reason = (latest.ico_delay_reason if latest is not None else None) or ""
        self._open_wizard(
            AssessmentWizard(
                self.backend,
                state=state,
                reassessing=breach.reference,
                row_version=breach.row_version,
                ico_report=breach.notifications.ico,  # its clock says when it was reported
                settings=self.desk.settings,
                parent=self.desk.parent_widget(),
            )
        )

    def _raise_wizard(self) -> bool:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return True
        return False

    def _open_wizard(self, wizard: AssessmentWizard) -> None:
        self.wizard = wizard
        wizard.finalised.connect(self._on_finalised)
        wizard.open_breach_requested.connect(self.desk.open_breach)
        wizard.finished.connect(self._on_wizard_finished)
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()

    def _on_finalised(self, breach: Breach) -> None:
        self.desk.open_breach(breach.reference)
        self.desk.say(f"{breach.reference} saved as version {len(breach.versions)}.", 8000)

    def _on_wizard_finished(self, _result: int) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.deleteLater()

    # drafts -----------------------------------------------------------------------------------

    def open_drafts(self) -> None:
        self.backend.call(
            lambda s: s.drafts.list(),
            on_done=partial(self.offer_drafts, recovering=False),
            owner=self,
        )

    def offer_drafts(self, drafts: list[DraftInfo], recovering: bool = True) -> None:
        if not drafts:
            if not recovering:
                Notice.inform(
                    self.desk.parent_widget(),
                    "Drafts",
                    "No drafts: every assessment was finalised or discarded.",
                )
            return
        if self._raise_wizard():
            return
        chosen = DraftChooser.ask(self.desk.parent_widget(), drafts, recovering)
        if chosen is not None:
            self.backend.call(
                lambda s: s.drafts.load(chosen),
                on_done=partial(self.resume_draft, chosen),
                on_error=self._on_error,
                owner=self,
            )

    def resume_draft(self, draft_id: int, payload: dict[str, Any]) -> None:
        from breach_desk.gui.wizard.wizard import AssessmentWizard

        self._open_wizard(
            AssessmentWizard.from_snapshot(
                self.backend,
                payload,
                draft_id,
                settings=self.desk.settings,
                parent=self.desk.parent_widget(),
            )
        )

    # reports ----------------------------------------------------------------------------------

    def _report(self, then: Callable[[Breach, bytes], None]) -> None:
        breach = self.desk.breach_in_view()
        if breach is None:
            return
        from breach_desk.gui.printing import render_assessment_pdf

        organisation = self.desk.settings.text("organisation")
        self.desk.say("Preparing the report…")
        self.backend.call(
            lambda s: render_assessment_pdf(breach, organisation, register=s.register),
            on_done=partial(then, breach),
            on_error=self._on_error,
            owner=self,
        )

    def back_up(self) -> None:
        from breach_desk.gui.backup_dialog import back_up

        back_up(self)

    def export_pdf(self) -> None:
        self._report(self._save_pdf)

    def _save_pdf(self, breach: Breach, data: bytes) -> None:
        from breach_desk.gui.printing import SaveAs, write_file

        self.desk.say("")
        path = SaveAs.ask(self.desk.parent_widget(), f"{breach.reference} assessment.pdf")
        if path:
            self.backend.call(
                lambda s: write_file(path, data),
                on_done=self._saved,
                on_error=self._on_error,
                owner=self,
            )

    def _saved(self, path: str) -> None:
        from breach_desk.gui.actions.saved import SavedNotice

        self.desk.say(f"Saved {path}", 8000)
        SavedNotice.show_saved(self.desk.parent_widget(), "Exported", path)

    def preview(self) -> None:
        self._report(self._show_preview)

    def _show_preview(self, breach: Breach, data: bytes) -> None:
        from breach_desk.gui.printing import PreviewDialog

        self.desk.say("")
        dialog = PreviewDialog(
            self.desk.parent_widget(),
            data,
            breach.reference,
            f"{breach.reference} assessment.pdf",
            self.print_runner,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        self.preview_dialog = dialog

    def print_report(self) -> None:
        self._report(self._print)

    def _print(self, breach: Breach, data: bytes) -> None:
        from breach_desk.gui.printing import print_pdf

        self.desk.say("")
        print_pdf(self.desk.parent_widget(), data, breach.reference, self.print_runner)

    def print_runner(self, work: Callable[[], str]) -> object:
        """Printing runs on the worker: the window never waits for a printer."""
        self.desk.say("Printing…")
        return self.backend.call(
            lambda _s: work(), on_done=self._printed, on_error=self._on_error, owner=self
        )

    def _printed(self, where: str) -> None:
        self.desk.say(f"Sent to {where}", 8000)

    def set_organisation(self) -> None:
        name = ReasonDialog.ask(
            self.desk.parent_widget(),
            "Organisation",
            "The organisation's name, printed at the top of every report.",
            self.desk.settings.text("organisation"),
        )
        if name:
            self.desk.settings.set_text("organisation", name)

    # registers --------------------------------------------------------------------------------

    def open_demo(self) -> None:
        if self._raise_wizard():  # finish or close the assessment first: it saves to this register
            return
        from breach_desk.gui.demo import demo_url

        if self.backend.info is not None and not self.backend.info.demo:
            self._own_url = self.backend.info.url
        self.backend.open(demo_url(), demo=True)

    def open_own(self) -> None:
        if not self._raise_wizard():
            self.backend.open(self._own_url)

    def on_register_opened(self, info: RegisterInfo) -> None:
        if not info.demo and self._own_url is None:
            self._own_url = info.url
        self.actions["own"].setVisible(info.demo)
        self.actions["demo"].setVisible(not info.demo)
        self.rebuild_recent()
        self.update_enabled()

    def rebuild_recent(self) -> None:
        menu = self.recent_menu
        info = self.backend.info
        if menu is None:
            return
        menu.clear()
        refs = self.desk.settings.recent(info.url) if info is not None else []
        for ref in refs:
            action = menu.addAction(ref)
            action.triggered.connect(partial(self.desk.open_breach, ref))
        menu.setEnabled(bool(refs))

    def set_menus(self, recent: QMenu, views: QMenu, actions: QMenu) -> None:
        """The menus these commands fill: recent breaches, View, and Actions."""
        self.recent_menu, self.view_menu, self.actions_menu = recent, views, actions
        self.rebuild_view_menus()

    def rebuild_view_menus(self) -> None:
        """View: one entry per view (Ctrl+1...); Actions: the views other than the register."""
        desk, menu, others = self.desk, self.view_menu, self.actions_menu
        if menu is None or others is None:
            return
        menu.clear()
        others.clear()
        for row, spec in enumerate(desk.specs):
            action = QAction(spec.title, self)
            if row < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(partial(desk.show_view, spec.key))
            menu.addAction(action)
            if spec.key != "register":
                others.addAction(action)
        others.menuAction().setVisible(len(desk.specs) > 1)
        menu.addSeparator()
        menu.addAction(self.actions["refresh"])

    def set_contact(self) -> None:
        contact = ReasonDialog.ask(
            self.desk.parent_widget(),
            "Contact for people and the ICO",
            "Who the affected person and the ICO should contact (the DPO or the IG team: name, "
            "telephone, email). It is printed in letters and in the ICO report draft.",
            self.desk.settings.text("contact"),
        )
        if contact:
            self.desk.settings.set_text("contact", contact)

    def also_update(self, update: Callable[[], None]) -> None:
        """Another set of commands on the breach in view, updated with these."""
        self._also.append(update)

    def update_enabled(self) -> None:
        """What the breach in view and the user's role allow; a disabled command says why."""
        info = self.backend.info
        may_assess = info is None or info.may_assess
        has_breach = self.desk.breach_in_view() is not None
        why_not = ""
        if not may_assess and info is not None:
            role = info.role_label.lower()
            you = (
                f"you are {'an' if role[:1] in 'aeiou' else 'a'} {role}"
                if role
                else "you have no role"
            )
            why_not = f"Only an IG officer assesses, reassesses and closes breaches; {you}."
            if info.identity_problem:
                why_not += f" ({info.identity_problem})"
        self.desk.offer_new(may_assess, why_not)
        breach = self.desk.breach_in_view()
        target = breach.reference if breach is not None else None
        for name, action in self.actions.items():
            if name in TARGETED:
                _name_target(action, name, target)
        # A breach from the old log not yet reassessed has no assessment to print or close.
        historic = breach is not None and breach.latest is None and breach.old_log is not None
        for name in ("new", "reassess", "close", "approve_close"):
            if name not in self.actions:
                continue
            action = self.actions[name]
            ending = name in ("close", "approve_close")
            action.setEnabled(
                may_assess and (name == "new" or (has_breach and not (historic and ending)))
            )
            if why_not:
                action.setToolTip(why_not)
                action.setStatusTip(why_not)
        for name in ("export", "preview", "print", "ico", "letter", "pack", "pack_files"):
            self.actions[name].setEnabled(has_breach and not historic)
        if historic and breach is not None:  # a disabled command says why
            why_historic = words.old_log_why_not(breach.reference)
            for name in ("export", "preview", "print", "ico", "letter", "pack", "pack_files"):
                self.actions[name].setToolTip(why_historic)
                self.actions[name].setStatusTip(why_historic)
            if may_assess:
                self.actions["close"].setToolTip(why_historic)
                self.actions["close"].setStatusTip(why_historic)
        if "import_log" in self.actions:
            self.actions["import_log"].setEnabled(may_assess)
        if not has_breach:
            why_none = self.desk.why_no_breach()
            for name in TARGETED:
                for_ig = ("reassess", "close", "approve_close")
                if name in self.actions and not (why_not and name in for_ig):
                    self.actions[name].setToolTip(why_none)
                    self.actions[name].setStatusTip(why_none)
        for update in self._also:
            update()

    # help -------------------------------------------------------------------------------------

    def help(self) -> None:
        Notice.inform(self.desk.parent_widget(), "Breach Desk: keys", HELP)

    def about(self) -> None:
        from breach_desk import __version__

        Notice.inform(
            self.desk.parent_widget(), "About Breach Desk", f"Breach Desk {__version__}\n\n{ABOUT}"
        )

    def _on_error(self, exc: BaseException) -> None:
        self.desk.say("")
        Notice.tell(self.desk.parent_widget(), "Breach Desk", describe_error(exc))
