"""Recommendation tracking from the command line: ``actions``, ``close``, ``evidence``,
``user role`` and ``db roles``.

A refused change (wrong role, wrong status, no evidence) exits 1 with the reason; a bad number
or option exits 2. Handlers import the store only when they run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breach_desk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    add_db_option,
    echo,
    print_json,
    whole_number,
    write_failed,
)
from breach_desk.domain import vocabulary
from breach_desk.files import make_private_folder, write_private
from breach_desk.printable import printable

if TYPE_CHECKING:
    from breach_desk.services.tracking import Tracking

Handler = Callable[[argparse.Namespace], int]


def _command(p: argparse.ArgumentParser, handler: Handler) -> None:
    add_db_option(p)
    p.set_defaults(handler=handler)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``actions``, ``close``, ``evidence``, ``user`` and ``db roles``."""
    p = sub.add_parser("actions", help="recommendations: list, start, done, verify, reject, reopen")
    actions = p.add_subparsers(dest="actions_command", metavar="ACTION", required=True)

    p = actions.add_parser(
        "list",
        help="recommendations not yet finished, overdue first",
        description="Recommendations not yet verified or rejected, overdue first. Overdue means "
        "not done by the end of the due day (Europe/London).",
    )
    p.add_argument("--mine", action="store_true", help="only yours to do (or to verify)")
    p.add_argument("--overdue", action="store_true", help="only overdue ones")
    p.add_argument("--service", metavar="S", help="only this service's")
    p.add_argument("--breach", metavar="REF", help="every recommendation of one breach")
    p.add_argument("--json", action="store_true", help="print JSON, with each one's history")
    p.add_argument("-o", "--output", metavar="FILE", help="write a .csv or .xlsx file instead")
    _command(p, run_list)

    p = actions.add_parser("show", help="one recommendation with every change and its evidence")
    p.add_argument("id", type=whole_number(), metavar="ID")
    p.add_argument("--json", action="store_true")
    _command(p, run_show)

    for name, helptext in (
        ("start", "mark it in progress (its owner)"),
        ("done", "mark it done, with evidence (its owner)"),
        ("verify", "verify it (an IG officer who did not mark it done)"),
        ("reject", "reject it, with a reason (an IG officer)"),
        ("reopen", "reopen it, with a reason"),
    ):
        p = actions.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:])
        p.add_argument(
            "id", type=whole_number(), metavar="ID", help="its number (see actions list)"
        )
        if name == "done":
            p.add_argument("--evidence", required=True, metavar="TEXT", help="what was done")
            p.add_argument(
                "--file",
                action="append",
                default=[],
                metavar="PATH",
                help="a file of evidence, kept in the register (repeatable)",
            )
        elif name in ("reject", "reopen"):
            p.add_argument("--reason", required=True, metavar="TEXT")
        else:
            p.add_argument("--note", metavar="TEXT", help="kept with the change")
        _command(p, run_move)

    p = actions.add_parser("attach", help="add files of evidence to a recommendation")
    p.add_argument("id", type=whole_number(), metavar="ID")
    p.add_argument("files", nargs="+", metavar="PATH")
    _command(p, run_attach)

    p = actions.add_parser("file", help="write a stored evidence file out")
    p.add_argument("file_id", type=whole_number(), metavar="FILE_ID", help="see actions show")
    p.add_argument("-o", "--output", required=True, metavar="PATH")
    _command(p, run_file)

    p = sub.add_parser(
        "close",
        help="close a breach whose recommendations are all verified or rejected",
        description="Close a breach (an IG officer). Refused while any recommendation is open, "
        "in progress or done but not verified. Who closed it and when are recorded.",
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("--note", metavar="TEXT", help="kept with the closure")
    _command(p, run_close)

    p = sub.add_parser(
        "approve-close",
        help="approve, as a second IG officer, closing a breach whose recommendation was rejected",
        description="Four eyes: whoever rejected a recommendation that stands rejected may close "
        "the breach only if another IG officer, who rejected none of them, records their "
        "approval first. The approval and its reason are kept in the breach's history; it is "
        "void once any of its recommendations is rejected afterwards.",
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("--reason", required=True, metavar="TEXT", help="kept with the approval")
    _command(p, run_approve_close)

    p = sub.add_parser(
        "evidence",
        help="the evidence pack: one PDF chronology of a breach",
        description="Write the evidence pack of a breach: the facts, every assessment version, "
        "both decisions with reasons, every recommendation with every status change and its "
        "evidence. What an Ombudsman or the ICO asks for.",
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf")
    p.add_argument("--files", metavar="DIR", help="also write every evidence file into DIR")
    p.add_argument("--organisation", default=os.environ.get("BREACH_DESK_ORGANISATION"))
    p.add_argument("--marking", default=os.environ.get("BREACH_DESK_MARKING"))
    _command(p, run_evidence)

    p = sub.add_parser("user", help="who you are to Breach Desk")
    user = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    p = user.add_parser("show", help="your login, role and services")
    _command(p, run_user_show)
    p = user.add_parser(
        "role",
        help="set your role on a SQLite register (on PostgreSQL the database decides)",
        description="Set your own role: ig_officer, service_manager (with --service) or "
        "auditor. On SQLite this is a setting of yours, not a control: it decides what Breach "
        "Desk offers you. On PostgreSQL, 'db roles' gives roles and the database enforces them.",
    )
    p.add_argument("role", metavar="ROLE", help="ig_officer, service_manager or auditor")
    p.add_argument("--service", action="append", default=[], metavar="S", help="repeatable")
    p.set_defaults(handler=run_user_role)

    from breach_desk.cli.register import db_commands

    p = db_commands(sub).add_parser(
        "roles",
        help="PostgreSQL: create the roles, grants and row-level security; give users roles",
        description="On a PostgreSQL register: create the group roles breach_ig_officer, "
        "breach_service_manager and breach_auditor, their grants and row-level security "
        "policies (again after every upgrade: it is safe to repeat), then give or take users' "
        "roles. Run as the owner of the tables (or a superuser).",
    )
    p.add_argument("--user", metavar="LOGIN", help="give LOGIN a role (created if missing)")
    p.add_argument("--role", metavar="ROLE", help="ig_officer, service_manager or auditor")
    p.add_argument("--service", action="append", default=[], metavar="S", help="repeatable")
    p.add_argument("--remove", metavar="LOGIN", help="take every Breach Desk role from LOGIN")
    _command(p, run_db_roles)


@contextmanager
def tracking() -> Iterator[Tracking]:
    """Tracking on the register of --db / BREACH_DESK_DB; errors become command-line errors."""
    from breach_desk.domain.errors import InvalidChange, NoSuchAction, NotFound, RegisterError
    from breach_desk.domain.workflow import Refused
    from breach_desk.services.identity import IdentityError
    from breach_desk.services.tracking import Tracking

    try:
        t = Tracking.open()
        try:
            yield t
        finally:
            t.close_register()
    except Refused as exc:
        raise CliError(f"refused: {exc}", status=EXIT_FAILED) from None
    except (NoSuchAction, NotFound, InvalidChange, IdentityError) as exc:
        raise CliError(str(exc), status=EXIT_BAD_INPUT) from None
    except RegisterError as exc:
        raise CliError(str(exc), status=EXIT_FAILED) from None


def _read(path: str) -> tuple[str, bytes]:
    """A file of evidence: a regular file only (never a pipe or a device), read no further than
    the register's limit for one file."""
    from breach_desk.domain.workflow import MAX_EVIDENCE_FILE_BYTES, check_evidence_file
    from breach_desk.files import InputFileError, open_input

    # A name the file system holds as bytes that are not UTF-8 is kept with U+FFFD for them.
    name = Path(path).name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    try:
        with open_input(path) as fh:
            content = fh.read(MAX_EVIDENCE_FILE_BYTES + 1)
            if len(content) > MAX_EVIDENCE_FILE_BYTES:
                size = max(os.fstat(fh.fileno()).st_size, len(content))
                raise CliError(f"refused: {check_evidence_file(name, size, 0)}", status=EXIT_FAILED)
    except InputFileError as exc:
        raise CliError(f"{path}: {exc}") from None
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read it ({exc.strerror})") from None
    return name, content


def _line(item: Any, at: Any) -> str:
    """A recommendation as a line of ``actions list``: its number, its name (never its code),
    the words and figures My actions shows."""
    from breach_desk.domain.description import day

    r = item.recommendation
    late = vocabulary.days_late(item.overdue_days(at)) if r.overdue(at) else ""
    name = vocabulary.recommendation_title(r.code, r.text)
    return (
        f"{r.id:>5} {r.breach_reference:<13} {_cut(name, 30):<30} "
        f"{vocabulary.label(r.status):<11} {day(r.due_date):<11} {late:<12} "
        f"{_cut(item.service or '-', 20):<20} {_cut(r.text, 50)}"
    )


def _cut(text: str, width: int) -> str:
    """Text in a column of the given width, ending in '…' when it is longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def run_list(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import now
    from breach_desk.services import tracking_export

    at = now()
    with tracking() as t:
        items = t.actions(
            mine=args.mine,
            overdue=args.overdue,
            service=args.service,
            reference=args.breach,
            statuses=_every_status() if args.breach else None,
            at=at,
        )
        if args.mine and not args.json and not args.output:
            print(f"Actions for {t.user.describe()}", file=sys.stderr)
    if args.output:
        count = _write_list(items, at, args.output)
        print(f"wrote {count} recommendation{'s' if count != 1 else ''} to {args.output}")
    elif args.json:
        print_json([tracking_export.to_dict(i, at) for i in items])
    else:
        print(
            f"{'NO.':>5} {'BREACH':<13} {'RECOMMENDATION':<30} {'STATUS':<11} {'DUE':<11} "
            f"{'OVERDUE':<12} {'SERVICE':<20} ACTION"
        )
        for item in items:
            echo(printable(_line(item, at)))
    return EXIT_OK


def _write_list(items: Any, at: Any, output: str) -> int:
    """The list as CSV or XLSX (by the suffix), readable by its owner only."""
    from breach_desk.files import open_private
    from breach_desk.services import tracking_export

    try:
        if output.lower().endswith(".xlsx"):
            with open_private(output, "wb") as binary:
                return tracking_export.write_xlsx(items, at, binary)
        with open_private(output, "w") as text:
            return tracking_export.write_csv(items, at, text)
    except OSError as exc:
        raise write_failed(output, exc) from None


def _every_status() -> Any:
    from breach_desk.domain.enums import RecommendationStatus

    return list(RecommendationStatus)


def run_show(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import format_local, local_date, now
    from breach_desk.domain.description import day, overdue_words
    from breach_desk.services import tracking_export

    at = now()
    with tracking() as t:
        item = t.action(args.id)
    if args.json:
        print_json(tracking_export.to_dict(item, at))
        return EXIT_OK
    r = item.recommendation
    name = vocabulary.recommendation_title(r.code, r.text)
    echo(f"Recommendation {r.id}: {name}, of {r.breach_reference} ({item.title})")
    echo(f"  {r.text}")
    echo(f"  owner: {tracking_export.owner_text(item)}    service: {item.service or '-'}")
    late = overdue_words(r.due_date, local_date(at)) if r.overdue(at) else ""
    echo(
        f"  due {day(r.due_date)}    status: {vocabulary.label(r.status)}"
        + (f"    {late}" if late else "")
    )
    for h in r.history:
        change = (
            f"{vocabulary.label(h.from_status)} -> {vocabulary.label(h.to_status)}"
            if h.from_status
            else f"recorded as {vocabulary.label(h.to_status)}"
        )
        echo(f"  {format_local(h.at)}  {h.by}: {change}")
        for label, value in (("evidence", h.evidence), ("reason", h.reason)):
            if value:
                echo(f"      {label}: {value}")
    for f in r.files:
        echo(f"  file {f.id}: {f.name} ({f.size:,} bytes, sha256 {f.sha256[:12]}…) by {f.added_by}")
    return EXIT_OK


def run_move(args: argparse.Namespace) -> int:
    from breach_desk.domain.workflow import Action

    action = Action(args.actions_command)
    files = [_read(p) for p in getattr(args, "file", [])]
    with tracking() as t:
        item = t.move(
            action,
            args.id,
            reason=getattr(args, "reason", None) or getattr(args, "note", None),
            evidence=getattr(args, "evidence", None),
            files=files,
        )
    r = item.recommendation
    print(f"{moved_words(r)} is now {vocabulary.words(r.status)}")
    return EXIT_OK


def moved_words(r: Any) -> str:
    """'Recommendation 90 (Apologise, IG-2026-0009)': a recommendation named in a sentence."""
    name = vocabulary.recommendation_title(r.code, r.text)
    return f"Recommendation {r.id} ({name}, {r.breach_reference})"


def run_attach(args: argparse.Namespace) -> int:
    files = [_read(p) for p in args.files]
    with tracking() as t:
        for name, content in files:
            info = t.attach(args.id, name, content)
            echo(f"file {info.id}: {info.name} ({info.size:,} bytes) added to {args.id}")
    return EXIT_OK


def run_file(args: argparse.Namespace) -> int:
    with tracking() as t:
        info, content = t.file(args.file_id)
    try:
        write_private(args.output, content)
    except OSError as exc:
        raise write_failed(args.output, exc) from None
    echo(f"wrote {info.name} ({info.size:,} bytes) to {args.output}")
    return EXIT_OK


def run_close(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import format_local

    with tracking() as t:
        breach = t.close(args.reference, args.note)
    assert breach.closed_at is not None
    print(f"{breach.reference} closed by {breach.closed_by} at {format_local(breach.closed_at)}")
    return EXIT_OK


def run_approve_close(args: argparse.Namespace) -> int:
    from breach_desk.domain.workflow import is_blank

    if is_blank(args.reason):
        raise CliError("--reason: say why closing is approved; it is kept with the approval")
    with tracking() as t:
        breach = t.approve_close(args.reference, args.reason)
    print(
        f"closing {breach.reference} approved by {t.user.login}: whoever rejected one of its "
        "recommendations may now close it"
    )
    return EXIT_OK


def run_evidence(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import now
    from breach_desk.reports.document import DEFAULT_MARKING, ReportSettings

    settings = ReportSettings(
        organisation=args.organisation or "(organisation not set)",
        generated_at=now(),
        marking=args.marking or DEFAULT_MARKING,
    )
    with tracking() as t:
        pdf = t.evidence_pack(args.reference, settings)
        breach = t.breach(args.reference)
        files = (
            [(f, t.file(f.id)[1]) for r in breach.recommendations for f in r.files]
            if args.files
            else []
        )
    # Personal data: each file its owner's alone (0600), whole or not at all.
    target = args.pdf
    try:
        write_private(target, pdf)
        if args.files:
            target = args.files
            folder = make_private_folder(args.files)
            for info, content in files:
                target = str(folder / _stored_name(info))
                write_private(target, content)
    except OSError as exc:
        raise write_failed(target, exc) from None
    extra = f" and {len(files)} evidence file{'s' if len(files) != 1 else ''}" if files else ""
    print(f"evidence pack of {args.reference} written to {args.pdf}{extra}")
    return EXIT_OK


def _stored_name(info: Any) -> str:
    """The name an evidence file is written out under: its number, then its own name without
    any folder (and nothing that would hide it or reach outside the folder)."""
    name = Path(info.name.replace("\\", "/")).name.lstrip(".") or "file"
    return f"{info.id}-{name}"


def run_user_show(args: argparse.Namespace) -> int:
    with tracking() as t:
        user = t.user
        where = t.store.display_location
    echo(f"{user.describe()} on {where}")
    echo(f"role from {user.source}" + ("; enforced by the database" if user.enforced else ""))
    return EXIT_OK


def run_user_role(args: argparse.Namespace) -> int:
    from breach_desk.services.identity import write_setting

    try:
        path = write_setting(args.role, args.service)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot save the setting ({exc.strerror})", status=EXIT_FAILED) from None
    print(f"your role is saved in {path}")
    print(
        "On a SQLite register it decides what Breach Desk offers you; on PostgreSQL the "
        "database's roles apply instead (breach-desk db roles)."
    )
    return EXIT_OK


def run_db_roles(args: argparse.Namespace) -> int:
    from breach_desk.domain.errors import InvalidChange, RegisterError
    from breach_desk.services.roles import set_up_roles

    if bool(args.user) != bool(args.role):
        raise CliError("give both --user LOGIN and --role ROLE")
    try:
        done = set_up_roles(args.user, args.role, args.service, args.remove)
    except InvalidChange as exc:
        raise CliError(str(exc)) from None
    except RegisterError as exc:
        raise CliError(str(exc), status=EXIT_FAILED) from None
    print(f"roles, grants and row-level security are in place on {done.location}")
    for line in done.described:  # what each role can do, and how the database sees to it
        print(f"  {line}")
    from breach_desk.domain.register import Role

    for m in done.members:
        services = f": {', '.join(m.services)}" if m.services else ""
        print(f"  {m.login:<24} {Role.LABELS[m.role]}{services}")
    return EXIT_OK
