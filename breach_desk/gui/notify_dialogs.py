"""Recording who was told, in the window (issue 11): "Record ICO report…", "Add follow-up…",
"Record ICO response…" and "Record that people were told…" on the Breach menu, for IG officers.

Each is a small dialog whose problems are shown beside the field they are about, checked by the
same rules as the command line (``domain/notification``) before anything is sent; the record
is then written on the worker (``services/notifications``), which checks again. The detail
shows the one ICO clock as a badge and the records under the facts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary as v
from breach_desk.domain.clock import LONDON, as_aware, now, recorded_now, today
from breach_desk.gui import style

if TYPE_CHECKING:
    from breach_desk.domain import notification as n
    from breach_desk.domain.register import Breach
    from breach_desk.gui.backend import Services
    from breach_desk.gui.commands import Commands
    from breach_desk.gui.desk import Desk
    from breach_desk.gui.widgets.badges import Badge
    from breach_desk.gui.widgets.date_field import DateField

FIELDS = v.NOTIFY_FIELDS
W = TypeVar("W", bound=QWidget)


# ---- the detail: the clock and the records ------------------------------------------------------


def show_clock(badge: Badge, breach: Breach | None) -> None:
    """The one ICO clock as a badge; hidden when the breach needs no report (no clock)."""
    clock = breach.clock(now()) if breach is not None else None
    if clock is None or (not clock.shown and clock.reported_at is None):
        badge.set_badge(None, "")
        badge.hide()
        return
    badge.set_badge(clock.accent or "neutral", f"{v.ICO_CLOCK}: {clock.text}")
    badge.show()


def notifications_html(breach: Breach) -> str:
    """The records under the facts, oldest first; '' when there are none."""
    from breach_desk.domain import notification as n
    from breach_desk.gui.html import esc, when

    lines = n.history_lines(breach.notifications)
    if not lines:
        return ""
    body = "".join(
        f"<tr><td style='padding:1px 10px 1px 0'>{esc(at)}</td><td>{esc(words)}</td></tr>"
        for at, words in lines
    )
    letters = "".join(
        f"<h4>{esc(FIELDS['letter_text'])} ({esc(when(t.at))})</h4>"
        f"<pre style='white-space:pre-wrap'>{esc(t.letter_text)}</pre>"
        for t in breach.notifications.people
        if t.letter_text
    )
    return f"<h3>{esc(v.NOTIFICATIONS_HEADING)}</h3><table>{body}</table>{letters}"


# ---- the dialogs --------------------------------------------------------------------------------


class RecordDialog(QDialog):
    """A small form: each field with its problem in words beside it (below, in red)."""

    def __init__(self, parent: QWidget | None, title: str, intro: str) -> None:
        from breach_desk.gui.wizard.keys import KeyGuard

        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.rows: dict[str, QWidget] = {}
        lead = QLabel(intro)
        lead.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(lead)
        lay.addLayout(self.form)
        self.general = QLabel()
        self.general.setWordWrap(True)
        self.general.setStyleSheet(style.error_css(self.palette()))
        self.general.hide()
        lay.addWidget(self.general)
        lay.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())
        # Return on a closed drop-down opens it (never records a half-set form); Alt with a
        # letter never types into a field.
        self._keys = KeyGuard(self)

    def add(self, key: str, label: str, widget: W) -> W:
        """A labelled field, with the place its problem is shown."""
        widget.setAccessibleName(label.replace("&", ""))
        problem = QLabel()
        problem.setWordWrap(True)
        problem.setStyleSheet(style.error_css(self.palette()))
        problem.setAccessibleName(f"{label.replace('&', '')}: problem")
        problem.hide()
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(widget)
        inner.addWidget(problem)
        self.form.addRow(label, box)
        self.rows[key] = box
        found = self.form.labelForField(box)
        if isinstance(found, QLabel):
            found.setBuddy(widget)
        self.errors[key] = problem
        return widget

    def problems(self) -> list[n.Problem]:
        """What is wrong with the form as filled (the domain's rules)."""
        raise NotImplementedError

    def show_problems(self, problems: list[n.Problem]) -> None:
        for shown in self.errors.values():
            shown.hide()
        self.general.hide()
        for p in problems:
            error = self.errors.get(p.field)
            if error is None:
                self.general.setText(p.message[:1].upper() + p.message[1:])
                self.general.show()
            else:
                error.setText(p.message[:1].upper() + p.message[1:])
                error.show()
        self.adjustSize()

    def _try_accept(self) -> None:
        problems = self.date_problems() or self.problems()
        self.show_problems(problems)
        if not problems:
            self.accept()

    @staticmethod
    def moment(edit: DateField) -> datetime | None:
        """The London moment typed, or None while the field cannot be read."""
        return edit.moment()

    @staticmethod
    def moment_edit(initial: datetime) -> DateField:
        """A date and time typed as written (15/03/2021 10:00), said in words beside it."""
        from breach_desk.gui.widgets.date_field import DateField

        edit = DateField(with_time=True)
        edit.set_moment(as_aware(initial).astimezone(LONDON))
        return edit

    @staticmethod
    def date_edit(initial: date) -> DateField:
        from breach_desk.gui.widgets.date_field import DateField

        edit = DateField()
        edit.set_date(initial)
        return edit

    def date_problems(self) -> list[n.Problem]:
        """A date that cannot be read is refused beside its field, before any other rule."""
        from breach_desk.domain import notification as n
        from breach_desk.gui.widgets.date_field import DateField

        out = []
        for key, box in self.rows.items():
            for field in box.findChildren(DateField):
                if field.problem():
                    out.append(n.Problem(key, field.problem()))
                elif field.understood() is None:
                    out.append(n.Problem(key, "Type the date, e.g. 15/03/2021"))
        return out


def _combo(choices: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for value, label in choices.items():
        combo.addItem(label, value)
    return combo


def _stored_delay(breach: Breach) -> str | None:
    for version in reversed(breach.versions):
        if version.ico_delay_reason:
            return version.ico_delay_reason
    return None


class IcoReportDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, breach: Breach) -> None:
        latest = breach.latest
        self.required = latest is not None and latest.assessment.ico.report
        intro = (
            f"When {breach.reference} was reported to the ICO, and how. More than 72 hours after "
            "becoming aware, the reasons for the delay are required (UK GDPR Art. 33(1))."
        )
        if not self.required:
            intro = (
                f"The assessment says {breach.reference} needs no report to the ICO: record a "
                "report made all the same as voluntary."
            )
        super().__init__(parent, f"{v.RECORD_ICO_REPORT.rstrip('…')}: {breach.reference}", intro)
        self.breach = breach
        self.at = self.add("at", f"{FIELDS['reported_at']} (London)", self.moment_edit(now()))
        self.how = self.add("how", FIELDS["how"], _combo(v.ICO_HOW))
        self.reference = self.add("ico_reference", FIELDS["ico_reference"], QLineEdit())
        self.delay = self.add("delay_reason", FIELDS["delay_reason"], QPlainTextEdit())
        self.delay.setTabChangesFocus(True)
        self.delay.setPlainText(_stored_delay(breach) or "")
        self.delay.setMaximumHeight(self.fontMetrics().height() * 5)
        self.voluntary = self.add("voluntary", FIELDS["voluntary"], QCheckBox())
        # Reasons for a delay only where a report is required; "voluntary" only where it is not.
        self.form.setRowVisible(self.rows["delay_reason"], self.required)
        self.form.setRowVisible(self.rows["voluntary"], not self.required)

    def values(self) -> dict[str, Any]:
        return {
            "at": self.moment(self.at),
            "how": str(self.how.currentData()),
            "ico_reference": self.reference.text(),
            "delay_reason": self.delay.toPlainText(),
            "voluntary": self.voluntary.isChecked(),
        }

    def problems(self) -> list[n.Problem]:
        from breach_desk.domain import notification as n

        values = self.values()
        b = self.breach
        return n.ico_report_problems(
            required=self.required,
            aware_at=b.facts.aware_at,
            reported_at=values["at"],
            delay_reason=values["delay_reason"],
            stored_delay_reason=None,
            ico_reference=values["ico_reference"],
            voluntary=values["voluntary"],
            already=b.notifications.ico,
            real_now=recorded_now(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, breach: Breach) -> dict[str, Any] | None:
        dialog = cls(parent, breach)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class FollowUpDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, breach: Breach) -> None:
        super().__init__(
            parent,
            f"{v.ADD_FOLLOW_UP.rstrip('…')}: {breach.reference}",
            "Information given to the ICO after the report (UK GDPR Art. 33(4)), e.g. "
            "'number of people confirmed: 212'.",
        )
        self.breach = breach
        self.at = self.add("at", "When (London)", self.moment_edit(now()))
        self.text = self.add("text", FIELDS["follow_up_text"], QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().height() * 5)

    def values(self) -> dict[str, Any]:
        return {"at": self.moment(self.at), "text": self.text.toPlainText()}

    def problems(self) -> list[n.Problem]:
        from breach_desk.domain import notification as n

        values = self.values()
        return n.follow_up_problems(
            report=self.breach.notifications.ico,
            at=values["at"],
            text=values["text"],
            real_now=recorded_now(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, breach: Breach) -> dict[str, Any] | None:
        dialog = cls(parent, breach)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class IcoResponseDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, breach: Breach) -> None:
        super().__init__(
            parent,
            f"{v.RECORD_ICO_RESPONSE.rstrip('…')}: {breach.reference}",
            "What the ICO decided, on which day, with its reference.",
        )
        self.breach = breach
        self.on = self.add("at", FIELDS["response_on"], self.date_edit(today()))
        self.outcome = self.add("outcome", FIELDS["outcome"], _combo(v.ICO_OUTCOMES))
        self.reference = self.add("reference", FIELDS["response_reference"], QLineEdit())
        self.text = self.add("text", FIELDS["response_text"], QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().height() * 5)

    def values(self) -> dict[str, Any]:
        return {
            "on": self.on.date(),
            "outcome": str(self.outcome.currentData()),
            "reference": self.reference.text(),
            "text": self.text.toPlainText(),
        }

    def problems(self) -> list[n.Problem]:
        from breach_desk.domain import notification as n

        values = self.values()
        return n.response_problems(
            report=self.breach.notifications.ico,
            on=values["on"],
            outcome=values["outcome"],
            reference=values["reference"],
            text=values["text"],
            today=recorded_now().astimezone(LONDON).date(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, breach: Breach) -> dict[str, Any] | None:
        dialog = cls(parent, breach)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PeopleToldDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, breach: Breach) -> None:
        from breach_desk.domain import notification as n

        super().__init__(
            parent,
            f"{v.RECORD_PEOPLE_TOLD.rstrip('…')}: {breach.reference}",
            "When and how the people affected were told (UK GDPR Art. 34), how many, and the "
            "text they were sent: it is kept in the register.",
        )
        self.breach = breach
        self.at = self.add("at", f"{FIELDS['told_at']} (London)", self.moment_edit(now()))
        self.how = self.add("how", FIELDS["told_how"], _combo(v.PEOPLE_HOW))
        count = QSpinBox()
        count.setRange(0, n.MAX_PEOPLE)
        count.setSpecialValueText("not recorded")
        # How many were told is typed, never copied from the assessment's count of people.
        count.setValue(0)
        assessed = breach.facts.subjects.count
        if assessed:
            count.setToolTip(f"The assessment of {breach.reference} counted {assessed:,} people.")
        self.count = self.add("count", FIELDS["told_count"], count)
        self.letter = self.add("letter_text", FIELDS["letter_text"], QPlainTextEdit())
        self.letter.setTabChangesFocus(True)

    def values(self) -> dict[str, Any]:
        return {
            "at": self.moment(self.at),
            "how": str(self.how.currentData()),
            "count": self.count.value() or None,
            "letter_text": self.letter.toPlainText(),
        }

    def problems(self) -> list[n.Problem]:
        from breach_desk.domain import notification as n

        values = self.values()
        return n.people_problems(
            aware_at=self.breach.facts.aware_at,
            at=values["at"],
            how=values["how"],
            count=values["count"],
            letter_text=values["letter_text"],
            real_now=recorded_now(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, breach: Breach) -> dict[str, Any] | None:
        dialog = cls(parent, breach)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


# ---- the commands -------------------------------------------------------------------------------


def _record_on_worker(
    services: Services, method: str, reference: str, values: dict[str, Any]
) -> Breach:
    from breach_desk.services.notifications import Notify

    found: Breach = getattr(Notify(services.register), method)(reference, **values)
    return found


_PLAIN = {
    "notify_ico": v.RECORD_ICO_REPORT,
    "notify_follow_up": v.ADD_FOLLOW_UP,
    "notify_response": v.RECORD_ICO_RESPONSE,
    "notify_people": v.RECORD_PEOPLE_TOLD,
}


class NotifyCommands(QObject):
    """The four commands, enabled for an IG officer with a breach selected."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.parent_widget())
        self.desk = desk
        self.backend = desk.backend
        self.actions: dict[str, QAction] = {}

    def _breach(self) -> Breach | None:
        return self.desk.breach_in_view()

    def _action(self, key: str, text: str, tip: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setProperty("key", key)
        action.setProperty("tip", tip)
        action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def build(self) -> list[QAction]:
        return [
            self._action(
                "notify_ico",
                v.RECORD_ICO_REPORT,
                "When the breach was reported to the ICO, how, and the ICO's case reference",
                self.record_ico,
            ),
            self._action(
                "notify_follow_up",
                v.ADD_FOLLOW_UP,
                "Information given to the ICO after the report (Art. 33(4))",
                self.add_follow_up,
            ),
            self._action(
                "notify_response",
                v.RECORD_ICO_RESPONSE,
                "What the ICO decided, with its date and reference",
                self.record_response,
            ),
            self._action(
                "notify_people",
                v.RECORD_PEOPLE_TOLD,
                "When and how the people affected were told, and the text sent",
                self.record_people,
            ),
        ]

    def update_enabled(self, *_args: object) -> None:
        info = self.backend.info
        breach = self._breach()
        ig = info is not None and info.may_assess
        reported = breach is not None and breach.notifications.ico is not None
        allowed = {
            "notify_ico": not reported,
            "notify_follow_up": reported,
            "notify_response": reported,
            "notify_people": True,
        }
        for key, action in self.actions.items():
            action.setEnabled(ig and breach is not None and allowed[key])
            plain = _PLAIN[key]
            # The menu names the breach it acts on ("Record ICO report for IG-2026-0003…").
            if breach is not None:
                action.setText(plain.removesuffix("…") + f" for {breach.reference}…")
                why = str(action.property("tip")) + f" ({breach.reference})"
            else:
                action.setText(plain)
                why = self.desk.why_no_breach()
            if not ig and info is not None:
                why = "Only an IG officer records the report to the ICO and telling the people."
            action.setToolTip(why)
            action.setStatusTip(why)

    # the four commands --------------------------------------------------------------------------

    def record_ico(self) -> None:
        breach = self._breach()
        if breach is None:
            return
        values = IcoReportDialog.ask(self.desk.parent_widget(), breach)
        if values is not None:
            self._send("record_ico", breach, values, "the report to the ICO is recorded")

    def add_follow_up(self) -> None:
        breach = self._breach()
        if breach is None:
            return
        values = FollowUpDialog.ask(self.desk.parent_widget(), breach)
        if values is not None:
            self._send("add_follow_up", breach, values, "the follow-up is recorded")

    def record_response(self) -> None:
        breach = self._breach()
        if breach is None:
            return
        values = IcoResponseDialog.ask(self.desk.parent_widget(), breach)
        if values is not None:
            values["response_reference"] = values.pop("reference")
            self._send("record_response", breach, values, "the ICO's response is recorded")

    def record_people(self) -> None:
        breach = self._breach()
        if breach is None:
            return
        values = PeopleToldDialog.ask(self.desk.parent_widget(), breach)
        if values is not None:
            self._send("record_people", breach, values, "telling the people is recorded")

    def _send(self, method: str, breach: Breach, values: dict[str, Any], done: str) -> None:
        self.backend.call(
            partial(_record_on_worker, method=method, reference=breach.reference, values=values),
            on_done=partial(self._recorded, done),
            on_error=self._failed,
            owner=self,
        )

    def _recorded(self, done: str, breach: Breach) -> None:
        clock = breach.clock(now())
        said = f"{breach.reference}: {done}"
        if clock.shown:
            said += f". {v.ICO_CLOCK}: {clock.text}"
        self.desk.say(said, 10000)
        self.backend.notify_changed()

    def _failed(self, exc: BaseException) -> None:
        from breach_desk.gui.backend import describe_error
        from breach_desk.gui.dialogs import Notice

        Notice.tell(self.desk.parent_widget(), "Not recorded", describe_error(exc))


def install(desk: Desk, c: Commands, menu: QMenu) -> NotifyCommands:
    """Add the four commands to the Breach menu (and ``c.actions``), kept enabled as the
    breach in view and the user's role allow (``Commands.update_enabled`` updates them)."""
    commands = NotifyCommands(desk)
    menu.addSeparator()
    for action in commands.build():
        menu.addAction(action)
        c.actions[str(action.property("key"))] = action
    c.also_update(commands.update_enabled)
    desk.backend.opened.connect(commands.update_enabled)
    commands.update_enabled()
    return commands


__all__ = [
    "FollowUpDialog",
    "IcoReportDialog",
    "IcoResponseDialog",
    "NotifyCommands",
    "PeopleToldDialog",
    "install",
    "notifications_html",
    "show_clock",
]
