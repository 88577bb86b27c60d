"""The Breach menu's other papers and its end: the ICO report draft, the letter to the person
(edited by the officer first), the evidence pack, and closing the breach.

Every PDF is built on the worker (``Backend.call``); the answer comes back here, on the GUI
thread, and opens in the preview (QtPdf), which saves and prints it. Closing goes through
recommendation tracking (``services/tracking``): it is refused, in the rules' words, while a
recommendation is still open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Qt

from breach_desk.gui.backend import Services, describe_error
from breach_desk.gui.dialogs import LetterDialog, Notice, ReasonDialog

if TYPE_CHECKING:
    from breach_desk.domain.register import Breach
    from breach_desk.gui.desk import Desk
    from breach_desk.gui.printing import PreviewDialog

P = ParamSpec("P")
T = TypeVar("T")

ICO_DELAY_PROMPT = (
    "The 72 hours to report this breach to the ICO have passed. A late report must give the "
    "reasons for the delay (UK GDPR Art. 33(1)): what are they? They are printed in the draft."
)


def _close_on_worker(services: Services, reference: str, row_version: int) -> Breach:
    return services.tracking.close(reference, expected_row_version=row_version)


def _approve_on_worker(services: Services, reference: str, reason: str) -> Breach:
    return services.tracking.approve_close(reference, reason)


APPROVE_PROMPT = (
    "Someone else rejected one of this breach's recommendations, so they may close it only with "
    "a second IG officer's approval. Why do you approve closing it? The reason is kept in the "
    "breach's history; the approval is void if a recommendation is rejected after it."
)


def _worker(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Callable[[Services], T]:
    """``fn(*args, **kwargs)`` as a ``Backend.call`` (which passes the services first)."""

    def call(_services: Services) -> T:
        return fn(*args, **kwargs)

    return call


class BreachCommands(QObject):
    def __init__(self, desk: Desk, ask: dict[str, Callable[[], None]]) -> None:
        super().__init__(desk.parent_widget())
        self.desk = desk
        self.backend = desk.backend
        self._ask = ask
        """How to ask for a setting a letter needs ('organisation', 'contact')."""
        self.preview_dialog: PreviewDialog | None = None

    def _breach(self) -> Breach | None:
        return self.desk.breach_in_view()

    @property
    def _organisation(self) -> str:
        return str(self.desk.settings.text("organisation"))

    @property
    def _contact(self) -> str:
        return str(self.desk.settings.text("contact"))

    def _say(self, text: str) -> None:
        self.desk.say(text)

    # the ICO report draft ---------------------------------------------------------------------

    def ico_report(self) -> None:
        breach = self._breach()
        if breach is None:
            return
        from breach_desk.domain.clock import now
        from breach_desk.gui.printing import ico_report_late, render_ico_pdf, stored_delay_reason

        delay: str | None = None
        if ico_report_late(breach, now()):
            delay = ReasonDialog.ask(
                self.desk.parent_widget(),
                f"ICO report draft: {breach.reference}",
                ICO_DELAY_PROMPT,
                stored_delay_reason(breach) or "",
            )
            if delay is None:
                return
        self._say("Preparing the ICO report draft…")
        self.backend.call(
            _worker(render_ico_pdf, breach, self._organisation, self._contact, delay),
            on_done=partial(self._preview, breach.reference, "ICO report draft"),
            on_error=self._failed,
            owner=self,
        )

    # the letter to the person -----------------------------------------------------------------

    def letter(self) -> None:
        breach = self._breach()
        if breach is None or not self._letter_settings():
            return
        from breach_desk.gui.printing import default_letter

        self._say("Writing the first draft of the letter…")
        self.backend.call(
            _worker(default_letter, breach, self._organisation, self._contact),
            on_done=partial(self._edit_letter, breach),
            on_error=self._failed,
            owner=self,
        )

    def _letter_settings(self) -> bool:
        """A letter says who it is from and whom to contact: ask for what is not set yet."""
        for name, ask in self._ask.items():
            if not self.desk.settings.text(name).strip():
                ask()
            if not self.desk.settings.text(name).strip():
                self._say(
                    "A letter needs the organisation's name and a contact for the person: "
                    "set them to write one."
                )
                return False
        return True

    def _edit_letter(self, breach: Breach, draft: str) -> None:
        from breach_desk.gui.printing import render_letter_pdf

        self.desk.say("")
        text = LetterDialog.ask(self.desk.parent_widget(), breach.reference, draft)
        if text is None:
            return
        self._say("Preparing the letter…")
        self.backend.call(
            _worker(render_letter_pdf, breach, self._organisation, self._contact, text),
            on_done=partial(self._preview, breach.reference, "letter"),
            on_error=self._failed,
            owner=self,
        )

    # showing a report -------------------------------------------------------------------------

    def _preview(self, reference: str, what: str, data: bytes) -> None:
        from breach_desk.gui.printing import PreviewDialog, on_worker

        self.desk.say("")
        parent = self.desk.parent_widget()
        dialog = PreviewDialog(
            parent,
            data,
            f"{reference} {what}",
            f"{reference} {what}.pdf",
            on_worker(self.backend, parent),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        self.preview_dialog = dialog

    def _failed(self, exc: BaseException) -> None:
        self.desk.say("")
        Notice.tell(self.desk.parent_widget(), "Breach Desk", describe_error(exc))

    # the evidence pack and closing ------------------------------------------------------------

    def evidence_pack(self, with_files: bool = False) -> None:
        breach = self._breach()
        if breach is None:
            return
        from breach_desk.gui.actions.panel import save_evidence_pack

        save_evidence_pack(
            self.desk.parent_widget(),
            self.backend,
            self._organisation,
            breach.reference,
            with_files,
        )

    def evidence_pack_with_files(self) -> None:
        """The evidence pack, and every evidence file of the breach in a folder beside it."""
        self.evidence_pack(with_files=True)

    def close_breach(self) -> None:
        breach, info = self._breach(), self.backend.info
        if breach is None or info is None:
            return
        from breach_desk.domain.workflow import Actor, close_refusal

        actor = Actor(info.user, info.role, frozenset(info.services))
        statuses = [r.status for r in breach.recommendations]
        refusal = close_refusal(actor, statuses, str(breach.status) == "closed")
        if refusal is not None:
            Notice.tell(
                self.desk.parent_widget(),
                "Not closed",
                f"{breach.reference} cannot be closed. {refusal}",
            )
            return
        if not Notice.confirm(
            self.desk.parent_widget(),
            "Close the breach",
            f"Close {breach.reference}? Every recommendation is verified or rejected. Who closed "
            "it and when are recorded; its recommendations can no longer change.",
        ):
            return
        self.backend.call(
            partial(_close_on_worker, reference=breach.reference, row_version=breach.row_version),
            on_done=self._closed,
            on_error=self._not_closed,
            owner=self,
        )

    def approve_close(self) -> None:
        """Four eyes (METHOD section 5): as a second IG officer, approve closing a breach on
        which someone else rejected a recommendation, so that they may close it."""
        breach = self._breach()
        if breach is None:
            return
        reason = ReasonDialog.ask(
            self.desk.parent_widget(), f"Approve closing {breach.reference}", APPROVE_PROMPT
        )
        if not reason:
            return
        self.backend.call(
            partial(_approve_on_worker, reference=breach.reference, reason=reason),
            on_done=self._approved,
            on_error=self._not_approved,
            owner=self,
        )

    def _approved(self, breach: Breach) -> None:
        self.desk.say(f"Closing {breach.reference} is approved.", 8000)
        self.backend.notify_changed()

    def _not_approved(self, exc: BaseException) -> None:
        Notice.tell(self.desk.parent_widget(), "Not approved", describe_error(exc))

    def _closed(self, breach: Breach) -> None:
        self.desk.say(f"{breach.reference} is closed.", 8000)
        self.backend.notify_changed()

    def _not_closed(self, exc: BaseException) -> None:
        Notice.tell(self.desk.parent_widget(), "Not closed", describe_error(exc))
