"""Reminders in the window (issue 23): the start-up banner, "Add to calendar…", the people
directory, the mail settings, and recording complaints and their acknowledgement.

- The banner: on opening the register, one quiet line for the person signed in ("3 of your
  actions are overdue · 1 ICO clock due or late"); clicking it opens My actions.
- Reminders menu: "Add my actions to calendar…" (an .ics file), "People and addresses…" (IG
  officers), "Mail settings…" (with a test message).
- Breach menu: "Record complaint…" and "Record complaint acknowledged…" (IG officers); the
  breach detail shows each complaint's acknowledgement clock beside the ICO clock.

Every read and write runs on the worker through ``services/remind``; nothing here touches SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import english, now, today
from breach_desk.domain.remind import COMPLAINT_WAYS, DUE_SOON_DAYS, complaint_clock
from breach_desk.gui.widgets.date_field import DateField

if TYPE_CHECKING:
    from breach_desk.gui.backend import Backend, RegisterInfo, Services
    from breach_desk.gui.commands import Commands
    from breach_desk.gui.desk import Desk
    from breach_desk.gui.register.detail import BreachDetail
    from breach_desk.services.remind import SmtpSettings

WAY_WORDS = vocabulary.COMPLAINT_HOW


def _tell(window: QWidget, title: str, text: str) -> None:
    from breach_desk.gui.dialogs import Notice

    Notice.tell(window, title, text)


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, ValueError):
        return str(exc)
    from breach_desk.gui.backend import describe_error

    return describe_error(exc)


# ---- the banner -------------------------------------------------------------------------------


def banner_text(overdue: int, clocks: int, complaints: int) -> str:
    parts = []
    if overdue:
        parts.append(f"{overdue:,} of your actions {'is' if overdue == 1 else 'are'} overdue")
    if clocks:
        parts.append(f"{clocks:,} ICO clock{'s' if clocks != 1 else ''} due within 24 h or late")
    if complaints:
        # Counted as "due within 7 days or late" (services.remind.banner_counts): a complaint
        # whose acknowledgement is already late is not "soon".
        parts.append(
            f"{complaints:,} complaint acknowledgement{'s' if complaints != 1 else ''} due "
            f"within {DUE_SOON_DAYS} days or late"
        )
    return " · ".join(parts)


def _counts(services: Services) -> tuple[int, int, int]:
    from breach_desk.services.remind import banner_counts

    return banner_counts(services.tracking, now())


class Banner(QToolBar):
    """One line under the menus, shown only when something of the person's is pressing."""

    def __init__(self, desk: Desk) -> None:
        super().__init__("Reminders", desk.parent_widget())
        self.setObjectName("remindBanner")
        self.setMovable(False)
        self.desk = desk
        self.button = QPushButton("")
        self.button.setObjectName("remindBannerText")
        self.button.setFlat(True)
        self.button.setAccessibleName("Reminders for you")
        self.button.setToolTip("Open My actions")
        self.button.clicked.connect(lambda: desk.show_view("actions"))
        self.addWidget(self.button)
        self.setVisible(False)
        self.toggleViewAction().setVisible(False)

    def refresh(self, *_args: object) -> None:
        self.desk.backend.call(_counts, on_done=self._show, on_error=self._hide, owner=self)

    def _show(self, counts: tuple[int, int, int]) -> None:
        text = banner_text(*counts)
        self.button.setText(text)
        self.setVisible(bool(text))

    def _hide(self, _exc: BaseException) -> None:
        self.setVisible(False)


# ---- dialogs ----------------------------------------------------------------------------------


class _Form(QDialog):
    def __init__(self, parent: QWidget, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel("")
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _day_field(self) -> DateField:
        """A date typed as written (today to start with): OK stays disabled, with the reason
        beside the field, while it cannot be read, is empty or is in the future."""
        field = DateField(self)
        field.set_date(today())
        field.changed.connect(self._check_day)
        self._days = [*getattr(self, "_days", []), field]
        return field

    def _check_day(self) -> None:
        ok = True
        for field in getattr(self, "_days", []):
            day = field.date()
            if day is None or day > today():
                ok = False
        self.problem.setText("" if ok else "A date that has come (today or earlier) is needed.")
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ok)


class ComplaintDialog(_Form):
    """Record a complaint received about the breach."""

    def __init__(self, parent: QWidget, reference: str) -> None:
        super().__init__(parent, f"Record complaint about {reference}")
        self.received = self._day_field()
        self.from_whom = QLineEdit()
        self.how = QComboBox()
        for key in COMPLAINT_WAYS:
            self.how.addItem(WAY_WORDS[key], key)
        self.summary = QPlainTextEdit()
        self.due = QLabel("")
        self.form.addRow("&Received", self.received)
        self.form.addRow("&From", self.from_whom)
        self.form.addRow("&How", self.how)
        self.form.addRow("&Summary", self.summary)
        self.form.addRow("Acknowledge by", self.due)
        self.received.changed.connect(self._due)
        self._due()

    def _due(self, *_args: object) -> None:
        day = self.received.date()
        if day is None or day > today():
            self.due.setText("")
            return
        self.due.setText(complaint_clock(day, None, today()).text)

    def values(self) -> dict[str, Any]:
        return {
            "received": self.received.date() or today(),
            "from_whom": self.from_whom.text(),
            "how": str(self.how.currentData()),
            "summary": self.summary.toPlainText(),
        }


class AcknowledgeDialog(_Form):
    def __init__(self, parent: QWidget, reference: str, open_ones: list[Any]) -> None:
        super().__init__(parent, f"Complaint acknowledged · {reference}")
        self.which = QComboBox()
        for c in open_ones:
            clock = complaint_clock(c.received_on, None, today())
            self.which.addItem(
                f"Received {english(c.received_on, '%d %b %Y')} · {clock.text}", c.id
            )
        self.on = self._day_field()
        self.form.addRow("&Complaint", self.which)
        self.form.addRow("&Acknowledged on", self.on)


class OutcomeDialog(_Form):
    def __init__(self, parent: QWidget, reference: str, found: list[Any]) -> None:
        super().__init__(parent, f"Complaint outcome · {reference}")
        self.which = QComboBox()
        for c in found:
            self.which.addItem(
                f"Received {english(c.received_on, '%d %b %Y')} ({WAY_WORDS[c.how]})", c.id
            )
        self.on = self._day_field()
        self.text = QPlainTextEdit()
        self.form.addRow("&Complaint", self.which)
        self.form.addRow("&Decided on", self.on)
        self.form.addRow("&Outcome", self.text)


class PeopleDialog(QDialog):
    """The directory: everyone's address for reminders; add or change one person."""

    def __init__(self, desk: Desk, info: RegisterInfo) -> None:
        super().__init__(desk.parent_widget())
        self.desk = desk
        self.team = info.enforced
        self.setWindowTitle("People and addresses")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Login", "Name", "Email", "Role and services"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._pick)
        self.login = QLineEdit()
        self.name = QLineEdit()
        self.email = QLineEdit()
        self.role = QComboBox()
        for key, words in (
            ("", "—"),
            ("ig_officer", "IG officer"),
            ("service_manager", "Service manager"),
            ("auditor", "Auditor"),
        ):
            self.role.addItem(words, key)
        self.services = QLineEdit()
        self.services.setPlaceholderText("Services, separated by ;")
        form = QFormLayout()
        form.addRow("&Login", self.login)
        form.addRow("&Name", self.name)
        form.addRow("&Email", self.email)
        if not self.team:  # on a team register the database gives roles ('db roles')
            form.addRow("&Role", self.role)
            form.addRow("&Services", self.services)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        save = QPushButton("&Save person")
        save.clicked.connect(self._save)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.problem, 1)
        row.addWidget(save)
        layout.addLayout(row)
        # Who is copied when a service's actions are long overdue (the IG team unless named).
        self.esc_service = QComboBox()
        self.esc_service.setEditable(True)
        self.esc_service.setAccessibleName("Service")
        self.esc_to = QComboBox()
        self.esc_to.setAccessibleName("Copied to")
        self.escalations = QLabel("")
        self.escalations.setWordWrap(True)
        esc_form = QFormLayout()
        esc_form.addRow("Service for escalation (&f)", self.esc_service)
        esc_form.addRow("C&opied to", self.esc_to)
        esc_save = QPushButton("Save esc&alation")
        esc_save.clicked.connect(self._save_escalation)
        layout.addWidget(QLabel("<b>Escalation</b>: copied when a service's actions are overdue"))
        layout.addWidget(self.escalations)
        layout.addLayout(esc_form)
        esc_row = QHBoxLayout()
        esc_row.addStretch(1)
        esc_row.addWidget(esc_save)
        layout.addLayout(esc_row)
        layout.addWidget(close)
        self.resize(720, 600)
        self.people: list[Any] = []
        self.reload()

    def reload(self) -> None:
        self.desk.backend.call(_directory_view, on_done=self._fill_all, owner=self)

    def _fill_all(self, view: tuple[list[Any], dict[str, str], list[str]]) -> None:
        found, contacts, services = view
        self._fill(found)
        shown = self.esc_service.currentText()
        self.esc_service.clear()
        self.esc_service.addItems(services)
        self.esc_service.setEditText(shown)
        self.esc_to.clear()
        self.esc_to.addItem("The IG team", None)
        for person in found:
            self.esc_to.addItem(
                f"{person.display_name or person.login} ({person.login})", person.login
            )
        self.escalations.setText(
            "; ".join(f"{service}: {login}" for service, login in sorted(contacts.items()))
            or "Every service: the IG team."
        )

    def _save_escalation(self) -> None:
        from breach_desk.services.remind import set_escalation

        service = self.esc_service.currentText().strip()
        if not service:
            self.problem.setText("Service for escalation: name the service")
            return
        login = self.esc_to.currentData()
        work = partial(_on_register, set_escalation, service=service, login=login)
        self.desk.backend.call(
            work, on_done=self._escalation_saved, on_error=self._failed, owner=self
        )

    def _escalation_saved(self, _none: object) -> None:
        self.problem.setText("Escalation saved.")
        self.reload()

    def _fill(self, found: list[Any]) -> None:
        self.people = found
        self.table.setRowCount(len(found))
        for row, p in enumerate(found):
            role = {"ig_officer": "IG officer", "service_manager": "Service manager"}.get(
                p.role or "", (p.role or "").capitalize()
            )
            if p.services:
                role += ": " + ", ".join(p.services)
            for col, value in enumerate((p.login, p.display_name or "", p.email, role)):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _pick(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1:
            return
        p = self.people[rows.pop()]
        self.login.setText(p.login)
        self.name.setText(p.display_name or "")
        self.email.setText(p.email)
        self.role.setCurrentIndex(max(0, self.role.findData(p.role or "")))
        self.services.setText("; ".join(p.services))

    def _save(self) -> None:
        from breach_desk.services.remind import set_person

        role = None if self.team else (str(self.role.currentData()) or None)
        services = (
            None
            if self.team or role is None
            else [s.strip() for s in self.services.text().split(";") if s.strip()]
        )
        work = partial(
            _on_register,
            set_person,
            login=self.login.text(),
            email=self.email.text(),
            display_name=self.name.text(),
            role=role,
            services=services,
        )
        self.desk.backend.call(work, on_done=self._saved, on_error=self._failed, owner=self)

    def _saved(self, person: Any) -> None:
        self.problem.setText(f"{person.login} saved.")
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(_error_text(exc))


def _directory_view(services: Services) -> tuple[list[Any], dict[str, str], list[str]]:
    """On the worker: the people, each service's escalation contact, the register's services."""
    from breach_desk.services.remind import escalations, people

    register = services.register
    return people(register), escalations(register), list(register.services())


def _on_register(fn: Any, on: Services, /, **kwargs: Any) -> Any:
    return fn(on.register, **kwargs)


class MailSettingsDialog(_Form):
    """Where reminders are sent from. The password is never kept here: it comes from
    BREACH_DESK_SMTP_PASSWORD or the system keyring."""

    def __init__(self, parent: QWidget, backend: Backend) -> None:
        from breach_desk.services.remind import SECURITY, SettingsError, saved_settings

        super().__init__(parent, "Mail settings")
        self.backend = backend
        try:
            saved = saved_settings()
        except SettingsError:
            saved = {}
        self.host = QLineEdit(str(saved.get("host", "")))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(saved.get("port", 587)))
        self.security = QComboBox()
        for key, words in zip(
            SECURITY, ("STARTTLS", "TLS from the start", "None (not encrypted)"), strict=True
        ):
            self.security.addItem(words, key)
        self.security.setCurrentIndex(max(0, self.security.findData(saved.get("security"))))
        self.user = QLineEdit(str(saved.get("user", "")))
        self.sender_address = QLineEdit(str(saved.get("from", "")))
        self.test_to = QLineEdit()
        test = QPushButton("Send &test message")
        test.clicked.connect(self._test)
        self.form.addRow("&Server", self.host)
        self.form.addRow("&Port", self.port)
        self.form.addRow("S&ecurity", self.security)
        self.form.addRow("&Login", self.user)
        self.form.addRow(
            "", QLabel("The password comes from BREACH_DESK_SMTP_PASSWORD or the system keyring.")
        )
        self.form.addRow("Se&nder address", self.sender_address)
        row = QHBoxLayout()
        row.addWidget(self.test_to, 1)
        row.addWidget(test)
        self.form.addRow("Test to", row)

    def values(self) -> dict[str, Any]:
        return {
            "host": self.host.text().strip(),
            "port": self.port.value(),
            "security": self.security.currentData(),
            "user": self.user.text().strip(),
            "from": self.sender_address.text().strip(),
        }

    def settings(self) -> SmtpSettings:
        from breach_desk.services.remind import SmtpSettings

        v = self.values()
        if not v["host"]:
            raise ValueError("Server: it is needed")
        if "@" not in v["from"]:
            raise ValueError("Sender address: an email address is needed")
        return SmtpSettings(v["host"], v["port"], v["security"], v["from"], v["user"] or None)

    def _test(self) -> None:
        from breach_desk.services.remind import send_test

        try:
            settings = self.settings()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        to = self.test_to.text().strip()
        if "@" not in to:
            self.problem.setText("Test to: an email address is needed")
            return
        self.problem.setText("Sending…")
        self.backend.call(
            lambda _s: send_test(settings, to),
            on_done=lambda _r: self.problem.setText(f"A test message went to {to}."),
            on_error=lambda exc: self.problem.setText(_error_text(exc)),
            owner=self,
        )


# ---- the commands -----------------------------------------------------------------------------


class RemindCommands(QObject):
    """Owned by the window (a child QObject), so it lives as long as the window does."""

    def __init__(self, window: QMainWindow, desk: Desk) -> None:
        super().__init__(window)
        self.window = window
        self.desk = desk
        self.backend = desk.backend
        self.banner = Banner(desk)
        self.actions: dict[str, QAction] = {}

    def _action(self, key: str, text: str, tip: str, slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setProperty("key", key)
        action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def update_enabled(self, *_args: object) -> None:
        info = self.backend.info
        ig = info is not None and info.role == "ig_officer"
        breach = self.desk.breach_in_view()
        for key in ("people", "complaint", "acknowledge", "outcome"):
            if key in self.actions:
                self.actions[key].setEnabled(ig and (key == "people" or breach is not None))
        if "calendar" in self.actions:
            self.actions["calendar"].setEnabled(info is not None)

    # calendar

    def add_to_calendar(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Add my actions to calendar", "breach-desk-actions.ics",
            "Calendar files (*.ics)",
        )  # fmt: skip
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        self.backend.call(
            partial(_write_calendar, path=path),
            on_done=lambda n: self.desk.say(
                f"{n} action{'s' if n != 1 else ''} written to {Path(path).name}: open it "
                "with your calendar to add them",
                15000,
            ),
            on_error=lambda exc: _tell(self.window, "Not written", _error_text(exc)),
            owner=self.window,
        )

    # people and mail

    def edit_people(self) -> None:
        if self.backend.info is not None:
            PeopleDialog(self.desk, self.backend.info).exec()

    def mail_settings(self) -> None:
        from breach_desk.services.remind import save_settings

        dialog = MailSettingsDialog(self.window, self.backend)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            path = save_settings(dialog.values())
            self.desk.say(f"Mail settings saved in {path}", 10000)

    # complaints

    def record_complaint(self) -> None:
        from breach_desk.services.remind import record_complaint

        self._complaint_command(
            lambda reference, _found: ComplaintDialog(self.window, reference),
            lambda reference, d: {"reference": reference, **d.values()},
            record_complaint,
            "the complaint is recorded",
        )

    def acknowledge(self) -> None:
        from breach_desk.services.remind import acknowledge

        self._complaint_command(
            lambda reference, found: AcknowledgeDialog(self.window, reference, found),
            lambda _reference, d: {
                "complaint_id": int(d.which.currentData()),
                "on": d.on.date() or today(),
            },
            acknowledge,
            "the acknowledgement is recorded",
            among=lambda found: [c for c in found if c.acknowledged_on is None],
            none=("Nothing to acknowledge", "{} has no complaint waiting."),
        )

    def outcome(self) -> None:
        from breach_desk.services.remind import record_outcome

        self._complaint_command(
            lambda reference, found: OutcomeDialog(self.window, reference, found),
            lambda _reference, d: {
                "complaint_id": int(d.which.currentData()),
                "text": d.text.toPlainText(),
                "on": d.on.date() or today(),
            },
            record_outcome,
            "the complaint's outcome is recorded",
            among=lambda found: found,
            none=("No complaint", "{} has no complaint recorded."),
        )

    def _complaint_command(
        self,
        dialog: Callable[[str, list[Any]], Any],
        values: Callable[[str, Any], dict[str, Any]],
        record: Callable[..., Any],
        said: str,
        *,
        among: Callable[[list[Any]], list[Any]] | None = None,
        none: tuple[str, str] = ("", ""),
    ) -> None:
        """One complaint command on the breach in view: look up its complaints off the window's
        thread (``among``: which of them the command is for; None: it needs none), tell the
        officer when there is none (``none``: title, and text with the reference), ask with
        ``dialog``, and record its ``values`` with ``record``, saying ``said`` when done."""
        from breach_desk.services.remind import complaints

        breach = self.desk.breach_in_view()
        if breach is None:
            return
        reference = breach.reference

        def ask(found: list[Any]) -> None:
            if among is not None:
                found = among(found)
                if not found:
                    _tell(self.window, none[0], none[1].format(reference))
                    return
            shown = dialog(reference, found)
            if shown.exec() != QDialog.DialogCode.Accepted:
                return
            self.backend.call(
                partial(_on_register, record, **values(reference, shown)),
                on_done=lambda _r: self._done(f"{reference}: {said}"),
                on_error=lambda exc: _tell(self.window, "Not recorded", _error_text(exc)),
                owner=self.window,
            )

        if among is None:
            ask([])
            return
        self.backend.call(
            lambda s: complaints(s.register, reference), on_done=ask, owner=self.window
        )

    def _done(self, said: str) -> None:
        self.desk.say(said, 10000)
        self.backend.notify_changed()


def _write_calendar(services: Services, path: str) -> int:
    from breach_desk.files import open_private
    from breach_desk.services.calendar import calendar

    at = now()
    items = services.tracking.my_actions(at)
    with open_private(path, "wb") as fh:
        fh.write(calendar(items, at))
    return len(items)


def install(
    window: QMainWindow, desk: Desk, c: Commands, breach_menu: QMenu, before: QAction
) -> RemindCommands:
    """The Reminders menu (before ``before``, the Help menu), two complaint commands on the
    Breach menu, and the banner; kept enabled as the role and selection allow."""
    commands = RemindCommands(window, desk)
    window.addToolBarBreak()
    window.addToolBar(commands.banner)
    menu = QMenu("Remin&ders", window)
    menu.addAction(
        commands._action(
            "calendar",
            "Add my actions to &calendar…",
            "Write your open actions' due dates as a calendar file (.ics)",
            commands.add_to_calendar,
        )
    )
    menu.addSeparator()
    menu.addAction(
        commands._action(
            "people",
            "&People and addresses…",
            "Who gets reminders, at which address",
            commands.edit_people,
        )
    )
    menu.addAction(
        commands._action(
            "mail", "&Mail settings…", "The mail server reminders go through",
            commands.mail_settings,
        )
    )  # fmt: skip
    window.menuBar().insertMenu(before, menu)
    # After who was told, before Close breach… (closing stays the menu's last command).
    close = c.actions.get("close")
    complaints: list[QAction] = []
    complaints.append(
        commands._action(
            "complaint",
            "Record &complaint…",
            "A complaint received about this breach: acknowledge it within 30 days",
            commands.record_complaint,
        )
    )
    complaints.append(
        commands._action(
            "acknowledge",
            "Record complaint ac&knowledged…",
            "When a complaint about this breach was acknowledged",
            commands.acknowledge,
        )
    )
    complaints.append(
        commands._action(
            "outcome",
            "Record complaint &outcome…",
            "How a complaint about this breach ended",
            commands.outcome,
        )
    )
    for action in complaints:
        if close is not None:
            breach_menu.insertAction(close, action)
        else:
            breach_menu.addAction(action)
    if close is not None:
        breach_menu.insertSeparator(close)
    for action in commands.actions.values():
        c.actions[f"remind_{action.property('key')}"] = action
    c.also_update(commands.update_enabled)  # the breach in view changed
    desk.backend.opened.connect(commands.update_enabled)
    desk.backend.opened.connect(commands.banner.refresh)
    desk.backend.changed.connect(commands.banner.refresh)
    commands.update_enabled()
    return commands


# ---- the breach detail ------------------------------------------------------------------------


def add_complaint_clock(detail: BreachDetail) -> None:
    """A badge beside the ICO clock: the first complaint still waiting for acknowledgement."""
    from breach_desk.gui.widgets.badges import Badge

    badge = Badge()
    badge.setObjectName("complaintClock")
    badge.hide()
    detail.clock_row.insertWidget(1, badge)
    detail.complaint_clock = badge  # type: ignore[attr-defined]


def show_complaint_clock(detail: BreachDetail, reference: str | None) -> None:
    from breach_desk.services.remind import complaints

    badge = getattr(detail, "complaint_clock", None)
    if badge is None:
        return
    badge.hide()
    if reference is None:
        return

    def shown(found: list[Any]) -> None:
        waiting = [c for c in found if c.acknowledged_on is None]
        if not waiting or detail.breach is None or detail.breach.reference != reference:
            return
        clock = complaint_clock(waiting[0].received_on, None, today())
        badge.set_badge(clock.accent, f"Complaint: {clock.text}")
        badge.show()

    detail._backend.call(lambda s: complaints(s.register, reference), on_done=shown, owner=detail)
