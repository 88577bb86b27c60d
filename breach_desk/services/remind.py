"""``breach-desk remind``: one email a day per person with what concerns them.

Who hears about what (``domain/remind`` has the thresholds):

- an action's owner: the login named on it; else, for a service's action, every service manager
  of that service; else the IG officers;
- an action done and waiting: every IG officer but the one who marked it done;
- ICO clocks and complaints: every IG officer;
- after ``escalate_after`` days overdue, the service's escalation contact (the IG officers when
  the service has none) is copied on the owner's message.

Sending is idempotent: messages a previous run reserved but did not record as sent go first,
as the same bytes under the same Message-ID; then each new message is reserved (with every
item and threshold it covers) in one transaction, sent, and marked sent in another. A refusal
by the server releases the reservation, so the next run tries again; the others still go.
"""

from __future__ import annotations

import contextlib
import heapq
import html
import json
import os
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from breach_desk.domain.clock import LONDON, day_month_year, english, local_date
from breach_desk.domain.register import Role
from breach_desk.domain.remind import (
    DUE_SOON_DAYS,
    ESCALATE_AFTER_DAYS,
    HOW_TO_OPEN,
    ICO_WARNING,
    SECTIONS,
    Digest,
    Item,
    Kind,
    acknowledgement_due,
    action_words,
    due_threshold,
    ico_threshold,
    item_line,
    subject,
    verify_threshold,
)
from breach_desk.services.register import Register
from breach_desk.services.tracking import Tracking
from breach_desk.store import remind as store
from breach_desk.store.remind import Person

SECURITY = ("starttls", "tls", "none")
SETTINGS_FILE = "smtp.json"


class SettingsError(ValueError):
    """An SMTP setting that cannot be used, in words naming it."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    sender: str
    user: str | None = None
    cafile: str | None = None
    """A private certificate authority to trust (a council's own), besides the system's."""
    given_password: str | None = field(default=None, repr=False, compare=False)
    """BREACH_DESK_SMTP_PASSWORD as the settings were read (kept in memory only)."""

    def password(self) -> str | None:
        """From BREACH_DESK_SMTP_PASSWORD, else the system keyring; never stored or printed."""
        if not self.user:
            return None
        found = self.given_password or os.environ.get("BREACH_DESK_SMTP_PASSWORD")
        if found:
            return found
        try:
            import keyring
        except ImportError:
            return None
        try:
            value = keyring.get_password("breach-desk-smtp", self.user)
        except Exception:  # a keyring with no backend: as if no password were stored
            return None
        return str(value) if value else None


NO_PASSWORD = (
    "BREACH_DESK_SMTP_PASSWORD: the mail login {user!r} has no password: set it in the "
    "environment, or keep it in the system keyring (service 'breach-desk-smtp', user {user!r})"
)


def settings_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("breach-desk", appauthor=False)) / SETTINGS_FILE


def saved_settings(path: Path | None = None) -> dict[str, Any]:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise SettingsError(f"the mail settings in {path} cannot be read ({exc})") from None
    return data if isinstance(data, dict) else {}


def save_settings(values: dict[str, Any], path: Path | None = None) -> Path:
    """The window's mail settings (never a password)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = {k: values[k] for k in ("host", "port", "security", "user", "from") if values.get(k)}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(keep, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return path


def load_settings(env: dict[str, str] | None = None, path: Path | None = None) -> SmtpSettings:
    """The environment (BREACH_DESK_SMTP_*) over the window's saved settings."""
    env = dict(os.environ) if env is None else env
    saved = saved_settings(path)

    def get(name: str) -> str | None:
        value = env.get(f"BREACH_DESK_SMTP_{name.upper()}") or saved.get(name)
        return str(value).strip() if value not in (None, "") else None

    host = get("host")
    if not host:
        raise SettingsError(
            "BREACH_DESK_SMTP_HOST: no mail server is set (set it, or fill in the mail "
            "settings in the window)"
        )
    security = (get("security") or "starttls").lower()
    if security not in SECURITY:
        raise SettingsError(
            f"BREACH_DESK_SMTP_SECURITY: {security!r} is not one of starttls, tls, none"
        )
    port_text = get("port") or {"starttls": "587", "tls": "465", "none": "25"}[security]
    try:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise SettingsError(f"BREACH_DESK_SMTP_PORT: {port_text!r} is not a port number") from None
    sender = get("from")
    if not sender or "@" not in sender:
        raise SettingsError("BREACH_DESK_SMTP_FROM: the sender's email address is needed")
    user = get("user")
    if user and security == "none":
        raise SettingsError(
            "BREACH_DESK_SMTP_SECURITY: a login needs starttls or tls, or its password would "
            "cross the network unencrypted"
        )
    settings = SmtpSettings(
        host, port, security, sender, user, get("cafile"), env.get("BREACH_DESK_SMTP_PASSWORD")
    )
    return settings


class Mailer:
    """One connection to the mail server for a run; reconnects after a dropped connection."""

    def __init__(self, settings: SmtpSettings, timeout: float = 30) -> None:
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.settings.cafile:
            context.load_verify_locations(cafile=self.settings.cafile)
        return context

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp: smtplib.SMTP
        if s.security == "tls":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=self._context())
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                smtp.starttls(context=self._context())
        password = s.password()
        if s.user:
            if not password:
                smtp.close()
                raise SettingsError(NO_PASSWORD.format(user=s.user))
            smtp.login(s.user, password)
        return smtp

    def send(self, content: bytes, sender: str, recipients: Sequence[str]) -> list[str]:
        """Send; the addresses the server refused while taking it for the others."""
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            refused = self._smtp.sendmail(sender, list(recipients), content)
        except smtplib.SMTPServerDisconnected:  # a connection the server had closed: once more
            self._smtp = self._connect()
            refused = self._smtp.sendmail(sender, list(recipients), content)
        return sorted(refused)

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._smtp = None


# --- who hears about what ----------------------------------------------------------------------


@dataclass(slots=True)
class Plan:
    at: datetime
    digests: list[Digest] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    """Logins something concerns who have no address in the directory."""


def _ig_officers(people: dict[str, Person]) -> list[Person]:
    return [p for p in people.values() if p.role == Role.IG_OFFICER]


def plan(
    register: Register,
    at: datetime,
    *,
    only: str | None = None,
    escalate_after: int = ESCALATE_AFTER_DAYS,
) -> Plan:
    """What each person hears about at ``at`` that they have not heard at this threshold."""
    today = local_date(at)
    found = Plan(at)
    with register.store.unit() as uow:
        session = uow.session
        people = store.directory(session)
        contacts = store.escalations(session)
        sent = store.already_sent(session)
        by_service: dict[str, list[Person]] = {}
        for p in people.values():
            if p.role == Role.SERVICE_MANAGER:
                for s in p.services:
                    by_service.setdefault(s, []).append(p)
        ig = _ig_officers(people)
        items: dict[str, list[Item]] = {}
        copies: dict[str, set[str]] = {}
        missing: set[str] = set()

        def give(logins: Sequence[str], item: Item, copy: Sequence[str] = ()) -> None:
            for login in logins:
                if (login, item.key, item.threshold) in sent:
                    continue
                if login not in people:
                    missing.add(login)
                    continue
                items.setdefault(login, []).append(item)
                for c in copy:
                    if c != login:
                        copies.setdefault(login, set()).add(c)

        for a in store.actions_to_remind(session, today, DUE_SOON_DAYS):
            if a.status == "done":
                if a.done_at is None:
                    continue
                done_on = local_date(a.done_at)
                item = Item(
                    Kind.VERIFY,
                    f"verify:{a.id}",
                    verify_threshold(done_on, today),
                    a.reference,
                    a.service,
                    a.text,
                    a.due_date,
                    f"marked done on {day_month_year(done_on)}, waiting to be verified",
                )
                give([p.login for p in ig if p.login != a.done_by], item)
                continue
            threshold = due_threshold(a.due_date, today)
            if threshold is None:
                continue
            late = max(0, (today - a.due_date).days)
            item = Item(
                Kind.ACTION,
                f"action:{a.id}",
                threshold,
                a.reference,
                a.service,
                a.text,
                a.due_date,
                "",  # action_words(due, today), made only for the items a message names
                late,
                section="overdue" if late else "due",
                judged_on=today,
            )
            if a.owner:
                owners = [a.owner]
            elif a.owner_role == "service" and a.service in by_service:
                owners = [p.login for p in by_service[a.service]]
            else:
                owners = [p.login for p in ig]
            copy: list[str] = []
            if late >= escalate_after:
                contact = contacts.get(a.service or "")
                copy = [contact] if contact else [p.login for p in ig]
                copy = [c for c in copy if c not in owners]
            give(owners, item, copy)

        ig_logins = [p.login for p in ig]
        for c in store.ico_clocks_near(session, at + ICO_WARNING):
            threshold = ico_threshold(c.deadline, at)
            if threshold is None:
                continue
            item = Item(
                Kind.ICO,
                f"ico:{c.reference}",
                threshold,
                c.reference,
                c.service,
                "",  # words made only for the items a message names (item_line)
                local_date(c.deadline),
                "",
                deadline=c.deadline,
                judged_at=at,
            )
            give(ig_logins, item)
        for complaint in store.unacknowledged(session):
            due = acknowledgement_due(complaint.received_on)
            threshold = due_threshold(due, today)
            if threshold is None:
                continue
            left = (due - today).days
            words = (
                f"acknowledgement late by {-left:,} day{'s' if left != -1 else ''}"
                if left < 0
                else "acknowledgement " + action_words(due, today)
            )
            item = Item(
                Kind.COMPLAINT,
                f"complaint:{complaint.id}",
                threshold.replace("overdue", "late"),
                complaint.reference,
                complaint.service,
                f"a complaint received {complaint.received_on.day} "
                f"{english(complaint.received_on, '%b %Y')} must be acknowledged by "
                f"{day_month_year(due)}",
                due,
                words,
            )
            give(ig_logins, item)

    for login in sorted(items):
        if only is not None and login != only:
            continue
        person = people[login]
        digest = Digest(login, person.email, person.name, items[login])
        digest.copy_to = [
            (c, people[c].email) for c in sorted(copies.get(login, ())) if c in people
        ]
        found.digests.append(digest)
    found.unreachable = sorted(missing)
    return found


# --- the message -------------------------------------------------------------------------------


MAX_LISTED = 30
"""Items named per section of a message; the rest are counted (the register lists them all)."""
MORE = "…and {n:,} more: open Breach Desk's My actions to see them all"


Grouped = list[tuple[str, list[Item], int]]


def _grouped(items: Sequence[Item]) -> Grouped:
    """Each section's title, the items it names (soonest due first), and how many more."""
    by_section: dict[str, list[Item]] = {}
    for i in items:
        by_section.setdefault(i.section, []).append(i)
    out = []
    for key, title in SECTIONS:
        chosen = by_section.get(key)
        if chosen:
            first = heapq.nsmallest(MAX_LISTED, chosen, key=lambda i: (i.due, i.reference, i.key))
            out.append((title, first, len(chosen) - len(first)))
    return out


def plain_text(digest: Digest, at: datetime, grouped: Grouped | None = None) -> str:
    lines = [f"Hello {digest.name},", "", "Breach Desk reminds you of the following.", ""]
    for title, items, more in grouped if grouped is not None else _grouped(digest.items):
        lines.append(f"{title}:")
        lines += [f"  - {item_line(i)}" for i in items]
        if more:
            lines.append(f"  {MORE.format(n=more)}")
        lines.append("")
    if digest.copy_to:
        lines.append(
            "Some of these actions have been overdue for a while, so this message is copied to "
            + ", ".join(c for c, _ in digest.copy_to)
            + "."
        )
        lines.append("")
    first = digest.items[0].reference
    lines += [HOW_TO_OPEN.format(ref=first), "", _footer(at)]
    return "\n".join(lines) + "\n"


def _footer(at: datetime) -> str:
    local = at.astimezone(LONDON)
    return (
        f"Sent by Breach Desk on {day_month_year(local)}. You get one reminder for each date "
        "that is near or missed; the register has the details."
    )


def html_text(digest: Digest, at: datetime, grouped: Grouped | None = None) -> str:
    e = html.escape
    parts = [f"<p>Hello {e(digest.name)},</p><p>Breach Desk reminds you of the following.</p>"]
    for title, items, more in grouped if grouped is not None else _grouped(digest.items):
        parts.append(f"<h3>{e(title)}</h3><ul>")
        parts += [f"<li>{e(item_line(i))}</li>" for i in items]
        parts.append("</ul>")
        if more:
            parts.append(f"<p>{e(MORE.format(n=more))}</p>")
    if digest.copy_to:
        parts.append(
            "<p>Some of these actions have been overdue for a while, so this message is copied "
            f"to {e(', '.join(c for c, _ in digest.copy_to))}.</p>"
        )
    parts.append(f"<p>{e(HOW_TO_OPEN.format(ref=digest.items[0].reference))}</p>")
    parts.append(f"<p><small>{e(_footer(at))}</small></p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def compose(
    digest: Digest, sender: str, at: datetime, message_id: str | None = None
) -> EmailMessage:
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = sender
    msg["To"] = digest.email
    if digest.copy_to:
        msg["Cc"] = ", ".join(email for _, email in digest.copy_to)
    msg["Subject"] = subject(digest)
    msg["Date"] = format_datetime(datetime.now().astimezone())
    domain = sender.rpartition("@")[2] or None
    msg["Message-ID"] = message_id or make_msgid("breach-desk-remind", domain=domain)
    msg["Auto-Submitted"] = "auto-generated"
    grouped = _grouped(digest.items)
    msg.set_content(plain_text(digest, at, grouped))
    msg.add_alternative(html_text(digest, at, grouped), subtype="html")
    return msg


def readable(msg: EmailMessage) -> str:
    """A message as ``--dry-run`` prints it: its addresses and subject, then its plain text."""
    heads = [f"{name}: {msg[name]}" for name in ("From", "To", "Cc", "Subject") if msg[name]]
    body = msg.get_body(("plain",))
    text = str(body.get_content()) if body is not None else ""
    return "\n".join(heads) + "\n\n" + text


def test_message(sender: str, to: str) -> EmailMessage:
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = "Breach Desk: test message"
    msg["Date"] = format_datetime(datetime.now().astimezone())
    msg["Message-ID"] = make_msgid("breach-desk-test", domain=sender.rpartition("@")[2] or None)
    text = (
        "This is a test message from Breach Desk. If you can read it, reminders will reach "
        "this address.\n"
    )
    msg.set_content(text)
    msg.add_alternative(f"<html><body><p>{html.escape(text)}</p></body></html>", subtype="html")
    return msg


# --- a run -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    sent: list[str] = field(default_factory=list)
    """Logins a message went to (resent ones included)."""
    resent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(login, what the server said)."""
    unreachable: list[str] = field(default_factory=list)
    copies_refused: list[tuple[str, list[str]]] = field(default_factory=list)
    """(login, copied addresses the server refused while taking the message for them)."""


def run(
    register: Register,
    mailer: Mailer | None,
    sender: str,
    at: datetime,
    *,
    only: str | None = None,
    escalate_after: int = ESCALATE_AFTER_DAYS,
    say: Callable[[str], None] = print,
) -> Outcome:
    """Send today's reminders (``mailer`` None: a dry run, which prints them and records
    nothing)."""
    outcome = Outcome()
    if mailer is not None:
        for p in _pending(register):
            if only is not None and p.login != only:
                continue
            if _deliver(
                register, mailer, sender, p.message_id, p.login, p.recipients, p.content, outcome
            ):
                outcome.resent.append(p.login)
    found = plan(register, at, only=only, escalate_after=escalate_after)
    outcome.unreachable = found.unreachable
    day = local_date(at)
    for digest in found.digests:
        msg = compose(digest, sender, at)
        if mailer is None:
            say(readable(msg))
            outcome.sent.append(digest.login)
            continue
        content = msg.as_string()
        recipients = [digest.email, *(email for _, email in digest.copy_to)]
        message_id = str(msg["Message-ID"])
        with register.store.unit(write=True) as uow:
            store.reserve(
                uow,
                message_id,
                digest.login,
                recipients,
                content,
                [(i.key, i.threshold) for i in digest.items],
                day,
            )
        _deliver(register, mailer, sender, message_id, digest.login, recipients, content, outcome)
    return outcome


def _pending(register: Register) -> list[store.Pending]:
    with register.store.unit() as uow:
        return store.pending(uow.session)


def _deliver(
    register: Register,
    mailer: Mailer,
    sender: str,
    message_id: str,
    login: str,
    recipients: Sequence[str],
    content: str,
    outcome: Outcome,
) -> bool:
    try:
        refused = mailer.send(content.encode("utf-8"), sender, recipients)
    except (smtplib.SMTPException, OSError) as exc:
        outcome.failed.append((login, _reason(exc)))
        mailer.close()
        with register.store.unit(write=True) as uow:
            store.release(uow, message_id)
        return False
    with register.store.unit(write=True) as uow:
        store.mark_sent(uow, message_id)
    outcome.sent.append(login)
    if refused:  # a copy to an escalation contact the server would not take
        outcome.copies_refused.append((login, refused))
    return True


def _words(said: bytes | str) -> str:
    return said.decode("utf-8", "replace") if isinstance(said, bytes) else said


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {_words(msg)}" for code, msg in exc.recipients.values()]
        return "the server refused the address (" + "; ".join(codes) + ")"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the server said {exc.smtp_code} {_words(exc.smtp_error)}"
    return str(exc) or type(exc).__name__


def banner_counts(tracking: Tracking, at: datetime) -> tuple[int, int, int]:
    """(overdue actions on the person's list, ICO clocks due within 24 h or late, complaints
    to acknowledge within 7 days) for the window's banner: counted by the database (the same
    counts as My actions' badge), so opening a large register stays quick."""
    today = local_date(at)
    overdue = tracking.badge(at)[1]
    clocks = complaints = 0
    if tracking.user.role == Role.IG_OFFICER:
        with tracking.store.unit() as uow:
            clocks = store.count_ico_clocks_near(uow.session, at + ICO_WARNING)
            complaints = sum(
                1
                for c in store.unacknowledged(uow.session)
                if (acknowledgement_due(c.received_on) - today).days <= DUE_SOON_DAYS
            )
    return overdue, clocks, complaints


# --- for the window ----------------------------------------------------------------------------


def directory(register: Register) -> dict[str, Person]:
    """Everyone in the directory, by login."""
    with register.store.unit() as uow:
        return dict(store.directory(uow.session))


def escalations(register: Register) -> dict[str, str]:
    """Each service's escalation contact (a login), where one is set."""
    with register.store.unit() as uow:
        return dict(store.escalations(uow.session))


def set_escalation(register: Register, service: str, login: str | None) -> None:
    """Who is copied when a service's actions are long overdue (None: the IG team)."""
    with register.store.unit(write=True) as uow:
        store.set_escalation(uow, service, login)


def complaint(register: Register, complaint_id: int) -> store.Complaint:
    with register.store.unit() as uow:
        return store.complaint(uow.session, complaint_id)


def unacknowledged(register: Register) -> list[store.Complaint]:
    """Every complaint still waiting for its acknowledgement."""
    with register.store.unit() as uow:
        return store.unacknowledged(uow.session)


def save_person(
    register: Register,
    login: str,
    email: str,
    display_name: str | None,
    role: str | None,
    services: Sequence[str] | None,
) -> Person:
    """The directory entry as given (the caller has checked it)."""
    with register.store.unit(write=True) as uow:
        return store.set_person(uow, login, email, display_name, role, services)


def update_complaint(register: Register, complaint_id: int, **changes: Any) -> store.Complaint:
    with register.store.unit(write=True) as uow:
        return store.update_complaint(uow, complaint_id, **changes)


def add_complaint(
    register: Register, reference: str, received: date, from_whom: str, how: str, summary: str
) -> int:
    """Record a complaint as given (the caller has checked it)."""
    with register.store.unit(write=True) as uow:
        return store.record_complaint(uow, reference, received, from_whom, how, summary)


def people(register: Register) -> list[Person]:
    with register.store.unit() as uow:
        return list(store.directory(uow.session).values())


def set_person(
    register: Register,
    login: str,
    email: str,
    display_name: str | None,
    role: str | None,
    services: Sequence[str] | None,
) -> Person:
    """The directory entry, checked as ``user set`` checks it (ValueError naming the field)."""
    from breach_desk.domain.workflow import parse_role

    login, email = login.strip(), email.strip()
    if not login:
        raise ValueError("Login: it is needed")
    if email.count("@") != 1 or any(c.isspace() for c in email) or not all(email.split("@")):
        raise ValueError(f"Email: {email!r} is not an email address")
    if role is not None:
        role, cleaned = parse_role(role, services or ())
        services = list(cleaned)
    with register.store.unit(write=True) as uow:
        return store.set_person(uow, login, email, display_name, role, services)


def complaints(register: Register, reference: str) -> list[store.Complaint]:
    with register.store.unit() as uow:
        return store.complaints_of(uow.session, reference)


def record_complaint(
    register: Register, reference: str, received: date, from_whom: str, how: str, summary: str
) -> int:
    from breach_desk.domain.clock import today
    from breach_desk.domain.remind import COMPLAINT_WAYS, MAX_COMPLAINT_TEXT

    if how not in COMPLAINT_WAYS:
        raise ValueError(f"How: {how!r} is not a way a complaint arrives")
    if received > today():
        raise ValueError("Received: the date is in the future")
    for name, value in (("From", from_whom), ("Summary", summary)):
        if not value.strip():
            raise ValueError(f"{name}: it is needed")
        if len(value) > MAX_COMPLAINT_TEXT:
            raise ValueError(f"{name}: keep it under {MAX_COMPLAINT_TEXT:,} characters")
    with register.store.unit(write=True) as uow:
        return store.record_complaint(
            uow, reference, received, from_whom.strip(), how, summary.strip()
        )


def acknowledge(register: Register, complaint_id: int, on: date) -> store.Complaint:
    with register.store.unit() as uow:
        before = store.complaint(uow.session, complaint_id)
    if before.acknowledged_on is not None:
        raise ValueError("Acknowledged: it is already recorded")
    if on < before.received_on:
        raise ValueError("Acknowledged: the date is before the complaint was received")
    with register.store.unit(write=True) as uow:
        return store.update_complaint(uow, complaint_id, acknowledged_on=on)


def record_outcome(register: Register, complaint_id: int, text: str, on: date) -> store.Complaint:
    if not text.strip():
        raise ValueError("Outcome: it is needed")
    with register.store.unit(write=True) as uow:
        return store.update_complaint(uow, complaint_id, outcome=text.strip(), outcome_on=on)


def send_test(settings: SmtpSettings, to: str) -> None:
    mailer = Mailer(settings, timeout=15)
    try:
        mailer.send(test_message(settings.sender, to).as_bytes(), settings.sender, [to])
    except (smtplib.SMTPException, OSError) as exc:
        raise ValueError(f"The test message was not sent: {_reason(exc)}") from None
    finally:
        mailer.close()
