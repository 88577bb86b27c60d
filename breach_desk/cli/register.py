"""The register's commands: import, export, list, show, reassess, db upgrade, audit verify.

Handlers import the services when they run, so ``breach-desk assess`` (without --save) never
loads SQLAlchemy. Every command opens the register, which upgrades its schema first.
"""

from __future__ import annotations

import argparse
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
    whole_number,
    write_failed,
)
from breach_desk.domain import vocabulary
from breach_desk.method.note import decision_note

if TYPE_CHECKING:
    from breach_desk.services.register import Register

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def register(sub: Sub) -> None:
    """Add this area's subcommands."""
    p = sub.add_parser(
        "import",
        help="import breaches (JSON array or JSON lines of facts v1): all or nothing",
        description="Import breaches from a JSON array or JSON lines of facts (format v1). Each "
        "is assessed against the register and stored. All or nothing: if any record is bad, "
        "nothing is written and every problem is listed with its line and field. On a team "
        "register (PostgreSQL) every record is checked first, then the breaches are written "
        "a batch per short transaction so that nobody else waits; an import cut short is "
        "resumed by importing the same file again.",
    )
    p.add_argument("file", metavar="FILE", help="facts of several breaches")
    p.add_argument(
        "--batch",
        type=_batch_size,
        default=None,
        metavar="N",
        help="on a team register, breaches written per transaction (default 200)",
    )
    _command(p, run_import)

    p = sub.add_parser(
        "export",
        help="export the register (json re-imports; csv and xlsx for spreadsheets)",
        description="Export every breach. JSON is an array of facts (format v1) that "
        "'breach-desk import' reads back; CSV and XLSX are the register as a table.",
    )
    p.add_argument("--format", choices=("json", "csv", "xlsx"), help="default: from -o, else json")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    _command(p, run_export)

    p = sub.add_parser(
        "list",
        help="list the register",
        description="List the register, "
        "newest first. --search looks in references, titles, services, "
        "descriptions, people and recipients (case and accents ignored).",
    )
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--risk", choices=("unlikely", "risk", "high"))
    p.add_argument("--status", choices=("draft", "assessed", "closed"))
    p.add_argument("--service", metavar="NAME")
    p.add_argument("--limit", type=whole_number(0), metavar="N", help="at most N breaches")
    p.add_argument("--json", action="store_true", help="print JSON")
    _command(p, run_list)

    p = sub.add_parser("show", help="show one breach: versions, recommendations, history")
    p.add_argument("reference", metavar="REF")
    p.add_argument("--json", action="store_true", help="print JSON")
    _command(p, run_show)

    p = sub.add_parser(
        "reassess",
        help="reassess a breach with new facts (adds a version; the old one is kept)",
        description="Assess new facts for a breach in the register and store them as the next "
        "version, with the reason. Recommendations already tracked stay as they are.",
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("file", metavar="FACTS.json")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why it is reassessed")
    p.add_argument(
        "--ico-delay-reason",
        metavar="TEXT",
        help="past the 72 hours: the reasons for reporting to the ICO late (kept with the version)",
    )
    p.add_argument(
        "--expect-version",
        type=whole_number(),
        metavar="N",
        help="refuse if someone saved the breach since its row version N (see show --json)",
    )
    _command(p, run_reassess)

    db = db_commands(sub)
    p = db.add_parser("upgrade", help="bring the register's schema up to date (backs up first)")
    _command(p, run_db_upgrade)
    p = db.add_parser(
        "backup",
        help="write a consistent copy of the whole register (safe while others are working)",
        description="SQLite: a copy made with SQLite's online backup API, consistent even while "
        "another program writes, readable only by you. PostgreSQL: runs pg_dump (custom format, "
        "restore with pg_restore) when it is installed, else prints the pg_dump command to run.",
    )
    p.add_argument("output", metavar="OUT", help="the backup file to write (never replaced)")
    _command(p, run_db_backup)

    p = sub.add_parser("audit", help="the audit log")
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = audit.add_parser(
        "verify",
        help="check the audit log's hash chain",
        description="Check that no audit entry was edited, deleted, damaged or inserted out of "
        "order, and that the log still reaches the position last witnessed on this computer and "
        "any given with --expect (as printed at the foot of every report). Exits 1 and names "
        "the first bad entry otherwise.",
    )
    p.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="SEQ:HASH",
        help="a position the log must still reach, e.g. 1234:7ca8e0f3b2a1 (repeatable)",
    )
    p.add_argument(
        "--no-witness",
        action="store_true",
        help="no witness of this register is expected on this computer (a new machine, a new "
        "BREACH_DESK_WITNESS_DIR): start one instead of failing",
    )
    p.add_argument(
        "--no-recheck",
        action="store_true",
        help="check the log only, not every stored assessment against its facts (audit "
        "recheck does that alone; about 1 ms a version)",
    )
    _command(p, run_audit_verify)
    p = audit.add_parser(
        "acknowledge",
        help="after a break in the log: record it, so that the register takes changes again",
        description="When the audit log no longer reaches a position witnessed outside the "
        "database (or a witness was replaced), the register refuses every change. An IG officer "
        "who has looked into it records the break here, with the reason: the record is an audit "
        "entry of its own, and the witness keeps the position it moves past.",
    )
    p.add_argument("--reason", required=True, metavar="TEXT", help="what happened, and why")
    _command(p, run_audit_acknowledge)
    p = audit.add_parser(
        "recheck",
        help="recompute every stored assessment from its facts and report any that differ",
        description="Recompute each stored version of each breach from its stored facts, with "
        "the method version it records, and report any whose severity, likelihood, risk or "
        "decisions differ (exit 1), naming the breach and version. A version decided by a "
        "method this Breach Desk does not compute is listed as one that cannot be rechecked. "
        "audit verify runs the same check.",
    )
    p.add_argument("references", nargs="*", metavar="REF", help="only these breaches")
    _command(p, run_audit_recheck)


def db_commands(sub: Sub) -> Sub:
    """The ``db`` command's own subcommands; other areas add theirs here (e.g. ``db roles``)."""
    existing = sub.choices.get("db")
    if existing is not None:
        for action in existing._actions:
            if isinstance(action, argparse._SubParsersAction):
                found: Sub = action
                return found
    p = sub.add_parser("db", help="the register's database")
    return p.add_subparsers(dest="db_command", metavar="ACTION", required=True)


def _command(p: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]) -> None:
    add_db_option(p)
    p.set_defaults(handler=handler)


@contextmanager
def opened() -> Iterator[Register]:
    """The register of --db / BREACH_DESK_DB, with its errors as command-line errors."""
    from breach_desk.services.register import (
        ConflictError,
        ImportRejected,
        InvalidChange,
        NotFound,
        Register,
        RegisterError,
    )

    try:
        with Register.open() as reg:
            yield reg
    except ImportRejected as exc:
        raise CliError(str(exc), *(str(p) for p in exc.problems), status=EXIT_BAD_INPUT) from None
    except (InvalidChange, NotFound) as exc:
        raise CliError(str(exc), status=EXIT_BAD_INPUT) from None
    except (ConflictError, RegisterError) as exc:
        raise CliError(str(exc), status=EXIT_FAILED) from None


def _batch_size(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= size <= 5000:
        raise argparse.ArgumentTypeError("a batch is from 1 to 5000 breaches")
    return size


def run_import(args: argparse.Namespace) -> int:
    from breach_desk.files import InputFileError, open_input
    from breach_desk.services.register import resumed_sentence

    try:
        with open_input(args.file):
            pass
    except InputFileError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    except FileNotFoundError:
        raise CliError(f"{args.file}: no such file") from None
    except OSError as exc:
        raise CliError(f"{args.file}: cannot read it ({exc.strerror})") from None
    told = _notifications_beside(args.file)
    resumed: str | None = None
    try:
        with opened() as reg:
            if args.batch is None:
                refs = reg.import_file(args.file, notifications=told)
            else:
                refs = reg.import_file(args.file, notifications=told, batch=args.batch)
            if reg.resumed is not None:
                resumed = resumed_sentence(Path(args.file).name, reg.resumed)
    except InputFileError as exc:  # swapped for a pipe or a device since it was checked
        raise CliError(f"{args.file}: {exc}") from None
    except CliError as exc:
        problems = [f"{args.file}: {m}" for m in exc.messages[1:]]
        if len(problems) == 1:  # one line: the place, the problem, and that nothing changed
            exc.messages[:] = [f"{problems[0]} (nothing was imported)"]
        else:
            exc.messages[1:] = problems
        raise
    if resumed is not None:
        print(resumed)
        return EXIT_OK
    if not refs:
        print("nothing was imported: the file holds no breaches")
        return EXIT_OK
    span = f": {refs[0]} to {refs[-1]}" if len(refs) > 1 else f": {refs[0]}"
    print(f"imported {len(refs)} breach{'es' if len(refs) != 1 else ''}{span}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from breach_desk.files import open_private
    from breach_desk.services.exports import export_breaches

    fmt = args.format
    if fmt is None:
        suffix = (args.output or "").rsplit(".", 1)[-1].lower()
        fmt = suffix if suffix in ("csv", "xlsx") else "json"
    if fmt == "xlsx" and args.output is None and sys.stdout.isatty():
        raise CliError("an XLSX export is a binary file: give -o FILE.xlsx")
    with opened() as reg:
        if args.output is None:
            exported = export_breaches(reg, fmt, sys.stdout.buffer if fmt == "xlsx" else sys.stdout)
        else:
            try:  # personal data: the file is its owner's alone (0600), whole or not at all
                if fmt == "xlsx":
                    with open_private(args.output, "wb") as binary:
                        exported = export_breaches(reg, fmt, binary)
                else:
                    with open_private(args.output, "w") as out:
                        exported = export_breaches(reg, fmt, out)
            except OSError as exc:
                raise write_failed(args.output, exc) from None
        if fmt == "json":
            _export_notifications(reg, args.output)
    count, historic, unreadable = exported
    for problem in unreadable:
        left = "left out" if fmt == "json" else "exported without its facts"
        print(f"warning: {problem}: {left}; run breach-desk audit verify", file=sys.stderr)
    if args.output:
        print(
            f"exported {count} breach{'es' if count != 1 else ''} to {args.output}", file=sys.stderr
        )
    if fmt == "json" and historic:
        print(
            f"{historic} breach{'es' if historic != 1 else ''} from the old log "
            "(not assessed) left out: they are not facts the import reads; import the log "
            "itself again with 'breach-desk log import'",
            file=sys.stderr,
        )
    return EXIT_OK


def notifications_path(facts_path: str) -> str:
    """Where the notification records go beside a JSON export: ``FILE.notifications.json``."""
    base = facts_path[:-5] if facts_path.lower().endswith(".json") else facts_path
    return f"{base}.notifications.json"


def _export_notifications(reg: Register, output: str | None) -> None:
    """The notification records beside the facts (facts v1 has no place for them): written
    with ``-o FILE.json`` as ``FILE.notifications.json``, when there are any (and, when there
    are none, over an older such file, which would otherwise be read back with these facts)."""
    import json
    import os

    from breach_desk.files import open_private
    from breach_desk.services.notifications import Notify

    doc = Notify(reg).export()
    path = notifications_path(output) if output not in (None, "-") else None
    if not doc["breaches"] and (path is None or not os.path.exists(path)):
        return  # nothing to carry, and no older file beside it to mislead an import
    if output is None or output == "-":
        print(
            "breach-desk: the notification records are not in standard output: export with "
            "-o FILE.json to write them beside it",
            file=sys.stderr,
        )
        return
    assert path is not None
    try:
        with open_private(path, "w") as out:
            out.write(json.dumps(doc, ensure_ascii=False, indent=2))
            out.write("\n")
    except OSError as exc:
        raise write_failed(path, exc) from None
    print(f"exported the notification records to {path}", file=sys.stderr)


def _notifications_beside(facts_path: str) -> object:
    """The records exported beside ``facts_path`` (None when there are none)."""
    import json
    import os

    from breach_desk.services.notifications import export_problems

    path = notifications_path(facts_path)
    if facts_path == "-" or not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CliError(f"{path}: cannot read it ({exc})") from None
    problems = export_problems(doc)
    if problems:
        raise CliError(f"{path}: {problems[0]} (nothing was imported)")
    return doc


def run_list(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import now
    from breach_desk.printable import printable
    from breach_desk.services.exports import summary_as_dict

    at = now()
    filters: dict[str, Any] = {
        "search": args.search,
        "risk": args.risk,
        "status": args.status,
        "service": args.service,
    }
    with opened() as reg:
        page, offset, shown = 500, 0, 0
        limit = args.limit if args.limit is not None else None
        out: list[dict[str, Any]] = []
        if not args.json:
            print(_HEADER)
        while limit is None or shown < limit:
            size = page if limit is None else min(page, limit - shown)
            rows = reg.list_breaches(**filters, offset=offset, limit=size)
            for s in rows:
                if args.json:
                    out.append(summary_as_dict(s, at))
                else:
                    print(printable(_line(s)))
            shown += len(rows)
            offset += len(rows)
            if len(rows) < size:
                break
        if args.json:
            from breach_desk.cli.common import print_json

            print_json(out)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from breach_desk.cli.common import print_json
    from breach_desk.cli.remind import complaint_lines
    from breach_desk.services.exports import breach_as_dict

    with opened() as reg:
        breach = reg.get(args.reference)
        history = reg.history(args.reference)
        complaints = complaint_lines(reg, args.reference)
    if args.json and breach.latest is None and breach.old_log is not None:
        from breach_desk.services.oldlog import historic_dict

        print_json(historic_dict(breach, history) | {"complaints": complaints})
    elif args.json:
        from breach_desk.domain.clock import now

        shown = breach_as_dict(breach, history, now()) | {"complaints": complaints}
        if breach.old_log is not None:  # first recorded in the old log, since assessed in full
            from breach_desk.services.oldlog import historic_dict

            shown["from_old_log"] = historic_dict(breach)["from_old_log"]
        print_json(shown)
    else:
        echo(_breach_text(breach, history) + "".join(f"\n{line}" for line in complaints))
    return EXIT_OK


def run_reassess(args: argparse.Namespace) -> int:
    from breach_desk.cli.assess import read_facts_argument, render_text

    facts = read_facts_argument(args.file)
    with opened() as reg:
        breach = reg.reassess(
            args.reference,
            facts,
            args.reason,
            args.expect_version,
            ico_delay_reason=args.ico_delay_reason,
        )
    latest = breach.latest
    assert latest is not None
    echo(f"{breach.reference}: version {latest.number} saved")
    echo(render_text(latest.assessment))
    return EXIT_OK


def run_db_upgrade(args: argparse.Namespace) -> int:
    with opened() as reg:
        result = reg.upgrade
        where = reg.display_location
    if result is None or not result.changed:
        print(f"the register ({where}) is up to date (schema {result.after if result else '?'})")
    else:
        print(
            f"upgraded the register ({where}) from schema {result.before or 'none'} to "
            f"{result.after}"
        )
        if result.backup:
            print(f"backup of the previous state: {result.backup}")
    return EXIT_OK


def run_db_backup(args: argparse.Namespace) -> int:
    from breach_desk.domain.errors import InvalidChange, StoreError
    from breach_desk.services.backup import back_up

    try:
        done = back_up(None, args.output)
    except InvalidChange as exc:
        raise CliError(str(exc)) from None
    except StoreError as exc:
        raise CliError(str(exc), status=EXIT_FAILED) from None
    if done.path is None:
        raise CliError(
            "pg_dump is not installed here: run this where it is (it asks for the password):",
            done.how,
            status=EXIT_FAILED,
        )
    echo(f"backed up the register to {done.path} ({done.how})")
    return EXIT_OK


def run_audit_verify(args: argparse.Namespace) -> int:
    from breach_desk.services import audit as checks
    from breach_desk.services.witnessing import parse_position, position_text

    try:
        expect = [parse_position(e) for e in args.expect]
    except ValueError as exc:
        raise CliError(str(exc)) from None
    with opened() as reg:
        report = checks.verify(reg, expect, no_witness=args.no_witness)
        rechecked = checks.recheck(reg) if report.ok and not args.no_recheck else None
    for note in report.notes:
        echo(f"note: {note}")
    if report.ok:
        if rechecked is not None and not rechecked.ok:
            _say_recheck(rechecked)
            n = len(rechecked.mismatches)
            raise CliError(
                f"the audit log is intact, but {n} stored assessment"
                f"{'s do not agree with their' if n != 1 else ' does not agree with its'} facts "
                "(listed above)",
                status=EXIT_FAILED,
            )
        print(f"audit log intact: {report.entries} entries, chain verified")
        if report.entries:
            print(f"position {position_text(report.entries, report.head_hash)}")
        print(f"head hash {report.head_hash} (note it down to detect a later rewrite)")
        if rechecked is not None:
            _say_recheck(rechecked)
        return EXIT_OK
    where = f" at entry {report.first_bad_seq}" if report.first_bad_seq is not None else ""
    hints = [f"the {report.entries} entries before it verify"]
    if "witnessed on" in report.problem:
        hints.append(
            "no change is accepted until an IG officer has looked into it and recorded it with "
            "breach-desk audit acknowledge --reason TEXT (a register restored from a backup on "
            "purpose is acknowledged the same way)"
        )
    raise CliError(f"audit log broken{where}: {report.problem}", *hints, status=EXIT_FAILED)


def _say_recheck(report: Any) -> None:
    for finding in report.mismatches:
        echo(f"assessment differs: {finding}", err=True)
    for finding in report.cannot:
        echo(f"note: {finding}")
    print(
        f"stored assessments rechecked: {report.checked:,} versions, "
        f"{len(report.mismatches)} differ, {len(report.cannot)} cannot be rechecked"
    )


def run_audit_recheck(args: argparse.Namespace) -> int:
    from breach_desk.services import audit as checks

    with opened() as reg:
        report = checks.recheck(reg, args.references)
    _say_recheck(report)
    if not report.ok:
        raise CliError(
            f"{len(report.mismatches)} stored assessment(s) do not agree with their facts",
            status=EXIT_FAILED,
        )
    return EXIT_OK


def run_audit_acknowledge(args: argparse.Namespace) -> int:
    from breach_desk.services import audit as checks
    from breach_desk.services.witnessing import position_text

    with opened() as reg:
        done = checks.acknowledge(reg, args.reason)
    echo(f"acknowledged: {done.problem}")
    echo(f"recorded as audit entry #{done.entry:,}; the register takes changes again")
    print(f"position {position_text(done.entry, done.head_hash)}")
    return EXIT_OK


# --- text views -----------------------------------------------------------------------------

_HEADER = (
    f"{'REFERENCE':<14} {'AWARE':<10} {'RISK':<9} {'STATUS':<16} {'OPEN':>4} {'OVERDUE':>7}  TITLE"
)


def _line(s: Any) -> str:
    """A breach as a line of ``list``: the words the register's columns use (OPEN counts its
    recommendations open or in progress, OVERDUE those past their due day)."""
    from breach_desk.domain.clock import local_date
    from breach_desk.domain.oldlog import FROM_OLD_LOG

    risk = vocabulary.RISK_SHORT[s.risk] if s.risk else "-"
    status = FROM_OLD_LOG if s.from_old_log else vocabulary.label(s.status)
    aware = (s.aware_as_logged or "")[:10] or local_date(s.aware_at).isoformat()
    return (
        f"{s.reference:<14} {aware:<10} {risk:<9} {status:<16} "
        f"{s.open_recommendations:>4} {s.overdue_recommendations:>7}  {_cut(s.title, 60)}"
    )


def _notification_lines(breach: Any) -> list[str]:
    """The ICO clock (none for a breach needing no report) and who was told, oldest first."""
    from breach_desk.domain.clock import now
    from breach_desk.domain.notification import history_lines

    clock = breach.clock(now())
    lines = [f"{vocabulary.ICO_CLOCK}: {clock.text}"] if clock.shown else []
    told = history_lines(breach.notifications)
    if told:
        lines.append(f"{vocabulary.NOTIFICATIONS_HEADING}:")
        lines += [f"  {shown}  {words}" for shown, words in told]
    return lines


def _closing_lines(breach: Any) -> list[str]:
    """Who closed it, and every second IG officer's approval to close it, with its reason."""
    from breach_desk.domain.description import close_approval_words, closed_words

    closed = closed_words(breach)
    lines = [closed[0].upper() + closed[1:]] if closed else []
    for a in breach.close_approvals:
        lines += [f"{close_approval_words(a)}", f"  reason: {a.reason}"]
    return lines


def _breach_text(breach: Any, history: Any) -> str:
    from breach_desk.domain.clock import format_local, local_date, now
    from breach_desk.domain.description import day, overdue_words, version_changes

    latest = breach.latest
    if latest is None and breach.old_log is not None:
        return _old_log_text(breach, history)
    a = latest.assessment
    ico = f"report by {format_local(a.ico.deadline)}" if a.ico.report else "no report needed"
    lines = [
        f"{breach.reference}: {breach.title}",
        f"Status: {vocabulary.label(breach.status)}    Version {latest.number}    "
        f"Service: {breach.facts.service or '(none)'}",
        f"Aware: {format_local(breach.facts.aware_at)}",
        *([f"First recorded in the old log: {breach.old_log.origin}"] if breach.old_log else []),
        f"Severity {vocabulary.band_caps(a.severity.band)} (SE {a.severity.score:g}), likelihood "
        f"{vocabulary.words(a.likelihood)}, risk: {vocabulary.words(a.risk)}",
        f"ICO: {ico}    Tell the people: {vocabulary.yes_no(a.data_subjects.notify)}",
    ]
    lines += _closing_lines(breach)
    lines += _notification_lines(breach)
    if breach.related:
        lines.append("Earlier related breaches:")
        lines += [f"  {m.reference}: {m.matched_on}" for m in breach.related]
    lines += ["", "Recommendations:"]
    today = local_date(now())
    for r in breach.recommendations:
        late = overdue_words(r.due_date, today) if r.overdue() else ""
        lines.append(
            f"  {r.id:>5}  {_cut(vocabulary.recommendation_title(r.code, r.text), 36):<36} "
            f"{vocabulary.label(r.status):<11} due {day(r.due_date):<11}  "
            f"{vocabulary.label(r.owner_role)}" + (f"  {late}" if late else "")
        )
        if r.removed_reason:
            lines.append(f"      removed: {r.removed_reason}")
    lines += ["", "Versions:"]
    previous = None
    for v in breach.versions:
        why = f": {v.reason}" if v.reason else ""
        lines.append(f"  {v.number}  {format_local(v.created_at)} by {v.created_by}{why}")
        if v.ico_delay_reason:
            lines.append(f"      reasons for the late ICO report: {v.ico_delay_reason}")
        if previous is not None:
            lines += [f"      {change}" for change in version_changes(v, previous)]
        lines += [
            f"      removed {vocabulary.recommendation_title(r.code)}: {r.reason}"
            for r in v.removed
        ]
        previous = v
    lines += ["", "Audit log:", *_history_lines(history, breach.recommendations)]
    lines += ["", f"Decision note (version {latest.number}):", decision_note(a)]
    return "\n".join(lines)


def _old_log_text(breach: Any, history: Any) -> str:
    """A breach from the old log not yet reassessed: what the log recorded, as recorded."""
    lines = [
        f"{breach.reference}: {breach.title}",
        f"Service: {breach.facts.service or '(none)'}",
        "",
        breach.old_log.text(),
        "",
        "Audit log:",
        *_history_lines(history),
    ]
    return "\n".join(lines)


def _history_lines(history: Any, recommendations: Any = ()) -> list[str]:
    """The breach's audit entries in words, as the window's History tab names them: 'Evidence
    file added: Apologise (recommendation 12)', never the log's own codes."""
    from breach_desk.domain.clock import format_local
    from breach_desk.domain.description import audit_subject

    out = []
    for e in history:
        subject = audit_subject(e, recommendations)
        out.append(
            f"  #{e.seq} {format_local(e.at)} {e.actor}: {vocabulary.audit_action(e.action)}"
            + (f": {subject}" if subject else "")
            + (f" · why: {e.reason}" if e.reason else "")
        )
    return out


def _cut(text: str, width: int) -> str:
    """Text in a column of the given width, ending in '…' when it is longer."""
    return text if len(text) <= width else text[: width - 1] + "…"
