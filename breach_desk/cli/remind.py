"""Reminders, addresses, calendars and complaints from the command line: ``remind``,
``user set`` / ``user list`` / ``user escalation``, ``actions ics`` and ``complaint``.

``breach-desk remind`` is meant for cron or the Windows Task Scheduler, once a day. A bad option
exits 2 with one line naming it; a message the mail server refused exits 1 after the others
have gone, and is tried again on the next run.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from breach_desk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    add_db_option,
    echo,
    whole_number,
    write_failed,
)
from breach_desk.domain.clock import day_month_year

if TYPE_CHECKING:
    from breach_desk.domain.workflow import ActionItem
    from breach_desk.services.register import Register
    from breach_desk.services.remind import SmtpSettings
    from breach_desk.services.tracking import Tracking

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]

Handler = Callable[[argparse.Namespace], int]


def _command(p: argparse.ArgumentParser, handler: Handler) -> None:
    add_db_option(p)
    p.set_defaults(handler=handler)


def _subparsers(parser: argparse.ArgumentParser) -> Sub:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(parser.prog)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: Sub) -> None:
    """Add ``remind`` and ``complaint``; and ``set``, ``list``, ``escalation`` to ``user``,
    ``ics`` to ``actions`` (registered before this)."""
    p = sub.add_parser(
        "remind",
        help="email each person what is due, overdue or waiting for them (run it daily)",
        description="Send one email per person listing their actions due within 7 days or 1 "
        "day, overdue actions, actions waiting for them to verify, and for IG officers the ICO "
        "clocks due within 24 hours or late and the complaints waiting for acknowledgement. "
        "Each reminder goes once; running again the same day sends nothing new. Mail settings "
        "come from BREACH_DESK_SMTP_HOST, _PORT, _SECURITY (starttls, tls or none), _USER, "
        "_PASSWORD (or the system keyring) and _FROM, or the window's mail settings.",
    )
    p.add_argument("--dry-run", action="store_true", help="print the messages; send nothing")
    p.add_argument("--to", metavar="NAME", help="only this person's message")
    p.add_argument("--test-to", metavar="ADDRESS", help="send one test message and stop")
    p.add_argument(
        "--escalate-after",
        type=whole_number(),
        metavar="DAYS",
        default=int(os.environ.get("BREACH_DESK_REMIND_ESCALATE_DAYS", "14")),
        help="copy the escalation contact once an action is this many days overdue (14)",
    )
    _command(p, run_remind)

    user = _subparsers(sub.choices["user"])
    p = user.add_parser(
        "set",
        help="give a person an email address (and, on SQLite, a role) for reminders",
        description="Add or change a person in the register's directory: their email, the "
        "name shown, and on a SQLite register their role and services. On a team register "
        "(PostgreSQL) the database's roles apply: give them with 'db roles'.",
    )
    p.add_argument("name", metavar="NAME", help="their login")
    p.add_argument("--email", required=True, metavar="ADDRESS")
    p.add_argument("--display-name", metavar="TEXT")
    p.add_argument("--role", metavar="ROLE", help="ig_officer, service_manager or auditor")
    p.add_argument("--service", action="append", metavar="S", help="repeatable")
    _command(p, run_user_set)
    p = user.add_parser("list", help="everyone in the directory, with their address and role")
    _command(p, run_user_list)
    p = user.add_parser(
        "escalation",
        help="who is copied when a service's action is long overdue",
        description="Name the person copied when one of SERVICE's actions has been overdue "
        "for 14 days (--escalate-after). Without --to it is the IG team again.",
    )
    p.add_argument("service", metavar="SERVICE")
    p.add_argument("--to", metavar="NAME", help="their login (in the directory)")
    _command(p, run_user_escalation)

    actions = _subparsers(sub.choices["actions"])
    p = actions.add_parser(
        "ics",
        help="write open actions' due dates as a calendar file (.ics)",
        description="One calendar entry per open action on its due date. Import the file "
        "into Outlook, Google Calendar or another calendar; importing a newer file updates "
        "the entries rather than adding copies.",
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument("--mine", action="store_true", help="only yours to do")
    who.add_argument("--owner", metavar="NAME", help="only this person's")
    who.add_argument("--service", metavar="S", help="only this service's")
    p.add_argument("--todo", action="store_true", help="tasks (VTODO) instead of events")
    p.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    _command(p, run_ics)

    p = sub.add_parser(
        "complaint",
        help="complaints about a breach: record, acknowledge, outcome, list",
        description="A complaint received about a breach (Data Protection Act 2018 s.164A) "
        "must be acknowledged within 30 days of receipt, the day of receipt counting as the "
        "first: received 1 July, acknowledged by 30 July.",
    )
    complaint = p.add_subparsers(dest="complaint_command", metavar="ACTION", required=True)
    p = complaint.add_parser("add", help="record a complaint received about a breach")
    p.add_argument("reference", metavar="REF")
    p.add_argument("--received", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--from", dest="from_whom", required=True, metavar="TEXT", help="who")
    p.add_argument(
        "--how", required=True, metavar="WAY", help="letter, email, phone, online or in_person"
    )
    p.add_argument("--summary", required=True, metavar="TEXT")
    _command(p, run_complaint_add)
    p = complaint.add_parser("ack", help="record that a complaint was acknowledged")
    p.add_argument("id", type=whole_number(), metavar="ID")
    p.add_argument("--on", required=True, type=_day, metavar="YYYY-MM-DD")
    _command(p, run_complaint_ack)
    p = complaint.add_parser("outcome", help="record how a complaint ended")
    p.add_argument("id", type=whole_number(), metavar="ID")
    p.add_argument("--text", required=True, metavar="TEXT")
    p.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="default: today")
    _command(p, run_complaint_outcome)
    p = complaint.add_parser("list", help="complaints (of one breach, or all not acknowledged)")
    p.add_argument("reference", nargs="?", metavar="REF")
    _command(p, run_complaint_list)


@contextmanager
def opened() -> Iterator[Register]:
    from breach_desk.domain.errors import InvalidChange, NotFound, RegisterError
    from breach_desk.services.identity import IdentityError
    from breach_desk.services.register import Register

    try:
        reg = Register.open(None)
        try:
            yield reg
        finally:
            reg.close()
    except (NotFound, InvalidChange, IdentityError) as exc:
        raise CliError(str(exc), status=EXIT_BAD_INPUT) from None
    except RegisterError as exc:
        raise CliError(str(exc), status=EXIT_FAILED) from None


def _only_ig(reg: Register, what: str) -> None:
    from breach_desk.domain.register import Role

    if reg.identity.role != Role.IG_OFFICER:
        raise CliError(f"refused: only an IG officer {what}", status=EXIT_FAILED)


# --- remind ------------------------------------------------------------------------------------


def run_remind(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import now
    from breach_desk.services import remind

    if args.test_to:
        return _send_test(args.test_to)
    mailer = None
    sender = "breach-desk@localhost"
    if not args.dry_run:
        settings = _settings()
        mailer = remind.Mailer(settings)
        sender = settings.sender
    at = now()
    try:
        with opened() as reg:
            if args.to and args.to not in _directory(reg):
                raise CliError(f"--to: {args.to} is not in the directory (breach-desk user set)")
            if not args.dry_run:
                _only_ig(reg, "sends reminders (they cover everyone's actions)")
            outcome = remind.run(
                reg,
                mailer,
                sender,
                at,
                only=args.to,
                escalate_after=args.escalate_after,
                say=lambda text: echo(text + "\n" + "-" * 72),
            )
    finally:
        if mailer is not None:
            mailer.close()
    for login in outcome.unreachable:
        echo(
            f"breach-desk: {login} has something due but no email address: "
            f"breach-desk user set {login} --email ADDRESS",
            err=True,
        )
    verb = "would send" if args.dry_run else "sent"
    count = len(outcome.sent)
    echo(
        f"{verb} {count} reminder{'s' if count != 1 else ''}"
        + (f" ({len(outcome.resent)} left unsent by an earlier run)" if outcome.resent else ""),
        err=args.dry_run,
    )
    for login, reason in outcome.failed:
        echo(
            f"breach-desk: not sent to {login}: {reason}; it is tried again on the next run",
            err=True,
        )
    for login, addresses in outcome.copies_refused:
        echo(
            f"breach-desk: sent to {login}, but the server refused the copy to "
            f"{', '.join(addresses)}",
            err=True,
        )
    return EXIT_FAILED if outcome.failed or outcome.copies_refused else EXIT_OK


def _settings() -> SmtpSettings:
    from breach_desk.services.remind import NO_PASSWORD, SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        raise CliError(str(exc)) from None
    if settings.user and not settings.password():  # before anything is sent or recorded
        raise CliError(NO_PASSWORD.format(user=settings.user))
    return settings


def _send_test(address: str) -> int:
    import smtplib

    from breach_desk.services import remind

    if "@" not in address or any(c.isspace() for c in address.strip()):
        raise CliError(f"--test-to: {address!r} is not an email address")
    settings = _settings()
    mailer = remind.Mailer(settings)
    msg = remind.test_message(settings.sender, address.strip())
    try:
        mailer.send(msg.as_bytes(), settings.sender, [address.strip()])
    except remind.SettingsError as exc:
        raise CliError(str(exc)) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise CliError(
            f"the test message was not sent: {remind._reason(exc)}", status=EXIT_FAILED
        ) from None
    finally:
        mailer.close()
    print(f"sent a test message to {address.strip()} through {settings.host}:{settings.port}")
    return EXIT_OK


# --- the directory -----------------------------------------------------------------------------


def _directory(reg: Register) -> dict[str, object]:
    from breach_desk.services import remind

    return dict(remind.directory(reg))


def run_user_set(args: argparse.Namespace) -> int:
    from breach_desk.domain.workflow import parse_role
    from breach_desk.services import remind
    from breach_desk.services.identity import write_setting

    name = args.name.strip()
    if not name:
        raise CliError("NAME: a login is needed")
    email = args.email.strip()
    if (
        email.count("@") != 1
        or any(c.isspace() for c in email)
        or len(email) > 320
        or not all(email.split("@"))
    ):
        raise CliError(f"--email: {args.email!r} is not an email address")
    role, services = None, None
    if args.role is not None:
        try:
            role, cleaned = parse_role(args.role, args.service or [])
        except ValueError as exc:
            raise CliError(f"--role: {exc}") from None
        services = list(cleaned)
    elif args.service:
        raise CliError("--service: give --role service_manager with it")
    with opened() as reg:
        _only_ig(reg, "keeps the directory of people")
        person = remind.save_person(reg, name, email, args.display_name, role, services)
        me = reg.user
    if role is not None and name == me:
        write_setting(role, services or ())
    echo(
        f"{person.login}: {person.email}"
        + (f" ({person.display_name})" if person.display_name else "")
    )
    return EXIT_OK


def run_user_list(args: argparse.Namespace) -> int:
    from breach_desk.domain.register import Role
    from breach_desk.services import remind

    with opened() as reg:
        people = remind.directory(reg)
        contacts = remind.escalations(reg)
    for p in people.values():
        role = Role.LABELS.get(p.role or "", "no role")
        services = f": {', '.join(p.services)}" if p.services else ""
        echo(
            f"{p.login:<20} {p.email:<32} {role}{services}"
            + (f" — {p.display_name}" if p.display_name else "")
        )
    for service, login in contacts.items():
        echo(f"escalation for {service}: {login}")
    return EXIT_OK


def run_user_escalation(args: argparse.Namespace) -> int:
    from breach_desk.services import remind

    with opened() as reg:
        _only_ig(reg, "chooses who is copied when actions are long overdue")
        if args.to and args.to not in _directory(reg):
            raise CliError(f"--to: {args.to} is not in the directory (breach-desk user set)")
        remind.set_escalation(reg, args.service, args.to)
    who = args.to or "the IG team"
    echo(f"{args.service}: long-overdue actions are copied to {who}")
    return EXIT_OK


# --- calendar ----------------------------------------------------------------------------------


def run_ics(args: argparse.Namespace) -> int:
    from breach_desk.cli.actions import tracking
    from breach_desk.domain.clock import now
    from breach_desk.files import open_private
    from breach_desk.services.calendar import calendar

    if not args.output.lower().endswith(".ics"):
        raise CliError(f"-o: {args.output} should end in .ics")
    at = now()
    with tracking() as t:
        if args.owner:
            items = _owned_by(t, args.owner)
        else:
            items = t.actions(mine=args.mine, service=args.service, at=at)
    data = calendar(items, at, todo=args.todo)
    try:
        with open_private(args.output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise write_failed(args.output, exc) from None
    print(f"wrote {len(items)} action{'s' if len(items) != 1 else ''} to {args.output}")
    return EXIT_OK


def _owned_by(t: Tracking, login: str) -> list[ActionItem]:
    """Actions NAME answers for: named on them, or their services' when nobody is named."""
    from breach_desk.domain.enums import OwnerRole
    from breach_desk.domain.register import Role
    from breach_desk.services import remind

    person = remind.directory(t.register).get(login)
    services = set(person.services) if person and person.role == Role.SERVICE_MANAGER else set()
    found: list[ActionItem] = []
    for item in t.actions():
        r = item.recommendation
        if r.owner == login or (
            not r.owner and r.owner_role is OwnerRole.SERVICE and item.service in services
        ):
            found.append(item)
    return found


# --- complaints --------------------------------------------------------------------------------


def run_complaint_add(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import today
    from breach_desk.domain.remind import COMPLAINT_WAYS, MAX_COMPLAINT_TEXT, acknowledgement_due
    from breach_desk.services import remind

    how = args.how.strip().lower().replace(" ", "_").replace("-", "_")
    if how not in COMPLAINT_WAYS:
        raise CliError(f"--how: {args.how!r} is not one of {', '.join(COMPLAINT_WAYS)}")
    if args.received > today():
        raise CliError(f"--received: {args.received} is in the future")
    for option, value in (("--from", args.from_whom), ("--summary", args.summary)):
        if not value.strip():
            raise CliError(f"{option}: it is needed")
        if len(value) > MAX_COMPLAINT_TEXT:
            raise CliError(f"{option}: keep it under {MAX_COMPLAINT_TEXT:,} characters")
    with opened() as reg:
        _only_ig(reg, "records complaints")
        reg.get(args.reference)  # a clear 'not in the register' first
        new_id = remind.add_complaint(
            reg,
            args.reference,
            args.received,
            args.from_whom.strip(),
            how,
            args.summary.strip(),
        )
    due = acknowledgement_due(args.received)
    echo(
        f"complaint {new_id} recorded on {args.reference}: acknowledge it by {day_month_year(due)}"
    )
    return EXIT_OK


def run_complaint_ack(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import today
    from breach_desk.domain.errors import InvalidChange
    from breach_desk.services import remind

    if args.on > today():
        raise CliError(f"--on: {args.on} is in the future")
    with opened() as reg:
        _only_ig(reg, "records complaints")
        before = remind.complaint(reg, args.id)
        if before.acknowledged_on is not None:
            raise CliError(f"complaint {args.id}: its acknowledgement is already recorded")
        if args.on < before.received_on:
            raise CliError(f"--on: {args.on} is before the complaint was received")
        try:
            found = remind.update_complaint(reg, args.id, acknowledged_on=args.on)
        except InvalidChange as exc:
            raise CliError(str(exc)) from None
    echo(f"complaint {found.id} on {found.reference}: acknowledged {args.on}")
    return EXIT_OK


def run_complaint_outcome(args: argparse.Namespace) -> int:
    from breach_desk.services import remind

    if not args.text.strip():
        raise CliError("--text: the outcome is needed")
    with opened() as reg:
        _only_ig(reg, "records complaints")
        found = remind.update_complaint(reg, args.id, outcome=args.text.strip(), outcome_on=args.on)
    echo(f"complaint {found.id} on {found.reference}: outcome recorded")
    return EXIT_OK


def run_complaint_list(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import today
    from breach_desk.domain.remind import complaint_clock
    from breach_desk.services import remind

    with opened() as reg:
        found = (
            remind.complaints(reg, args.reference) if args.reference else remind.unacknowledged(reg)
        )
    from breach_desk.domain import vocabulary
    from breach_desk.domain.description import day

    on = today()
    for c in found:
        clock = complaint_clock(c.received_on, c.acknowledged_on, on)
        how = vocabulary.COMPLAINT_HOW.get(c.how, c.how)
        echo(f"{c.id:>4} {c.reference:<13} received {day(c.received_on)} ({how}) · {clock.text}")
        echo(f"     from {c.from_whom}: {c.summary}")
        if c.outcome:
            when = f" ({day(c.outcome_on)})" if c.outcome_on else ""
            echo(f"     outcome{when}: {c.outcome}")
    if not found:
        echo("no complaints" + (f" on {args.reference}" if args.reference else " waiting"))
    return EXIT_OK


def complaint_lines(reg: Register, reference: str) -> list[str]:
    """For ``show``: each complaint's clock (the summary stays in ``complaint list``)."""
    from breach_desk.domain.clock import today
    from breach_desk.domain.remind import complaint_clock
    from breach_desk.services import remind

    found = remind.complaints(reg, reference)
    day = today()
    return [
        f"Complaint {c.id} received {day_month_year(c.received_on)}: "
        + complaint_clock(c.received_on, c.acknowledged_on, day).text
        + (" · outcome recorded" if c.outcome else "")
        for c in found
    ]
