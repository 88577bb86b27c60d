"""``breach-desk notify``: record who was told about a breach (issue 11).

- ``notify ico REF --at DATETIME [--how online|phone|email] [--ico-reference TEXT]
  [--delay-reason TEXT] [--voluntary]``: the report to the ICO;
- ``notify ico REF --follow-up --at DATETIME --text TEXT``: what was given to the ICO later;
- ``notify ico-response REF --at DATE --outcome OUTCOME [--reference TEXT] [--text TEXT]``;
- ``notify people REF --at DATETIME --how HOW [--count N] [--letter-text FILE]``.

Every refusal is one line naming the option, exit 2, and nothing is written. Naive times are
London wall-clock times. Handlers import the store only when they run.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from breach_desk.cli.common import EXIT_OK, CliError, add_db_option, echo, whole_number

if TYPE_CHECKING:
    from breach_desk.domain.register import Breach
    from breach_desk.services.notifications import NotificationRefused

OPTIONS = {
    "at": "--at",
    "how": "--how",
    "ico_reference": "--ico-reference",
    "delay_reason": "--delay-reason",
    "voluntary": "--voluntary",
    "follow_up": "--follow-up",
    "text": "--text",
    "outcome": "--outcome",
    "reference": "--reference",
    "count": "--count",
    "letter_text": "--letter-text",
}
"""The option behind each field a refusal names."""
MAX_PEOPLE = 100_000_000
MAX_LETTER_BYTES = 1024 * 1024


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "notify",
        help="record the report to the ICO, follow-ups, the ICO's response, telling the people",
    )
    notify = p.add_subparsers(dest="notify_command", metavar="WHAT", required=True)

    p = notify.add_parser(
        "ico",
        help="record the report to the ICO (or, with --follow-up, what was added later)",
        description="Record when the breach was reported to the ICO, how, and the ICO's case "
        "reference. More than 72 hours after awareness the reasons for the delay are required "
        "(UK GDPR Art. 33(1)): --delay-reason, unless the assessment already keeps them. It "
        "marks the recommendation 'Report to the ICO' done with the record as evidence. With "
        "--follow-up: information given to the ICO after the report (Art. 33(4)).",
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("--at", required=True, metavar="DATETIME", help="when (London time if naive)")
    p.add_argument("--how", choices=("online", "phone", "email"), help="default: online")
    p.add_argument("--ico-reference", metavar="TEXT", help="the ICO's case reference")
    p.add_argument("--delay-reason", metavar="TEXT", help="why it was later than 72 hours")
    p.add_argument("--voluntary", action="store_true", help="report a breach that needs no report")
    p.add_argument("--follow-up", action="store_true", help="add a follow-up to the report")
    p.add_argument("--text", metavar="TEXT", help="with --follow-up: what was added")
    _command(p, run_ico)

    p = notify.add_parser("ico-response", help="record the ICO's response")
    p.add_argument("reference", metavar="REF")
    p.add_argument("--at", required=True, metavar="DATE", help="the date of the response")
    p.add_argument(
        "--outcome",
        required=True,
        choices=(
            "no_further_action",
            "advice",
            "investigation",
            "reprimand",
            "enforcement_notice",
            "penalty",
        ),
    )
    p.add_argument("--reference", dest="response_reference", metavar="TEXT")
    p.add_argument("--text", metavar="TEXT", help="what the ICO said")
    _command(p, run_response)

    p = notify.add_parser(
        "people",
        help="record that the people affected were told",
        description="Record when and how the people affected were told (UK GDPR Art. 34), how "
        "many, and the text sent (kept in the register). It marks the recommendation 'Tell the "
        "affected people' done.",
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("--at", required=True, metavar="DATETIME", help="when (London time if naive)")
    p.add_argument(
        "--how", required=True, choices=("letter", "email", "phone", "in_person", "public_notice")
    )
    p.add_argument("--count", type=whole_number(1, MAX_PEOPLE), metavar="N", help="how many")
    p.add_argument("--letter-text", metavar="FILE", help="the text sent ('-': standard input)")
    _command(p, run_people)


def _command(p: argparse.ArgumentParser, handler: Any) -> None:
    add_db_option(p)
    p.set_defaults(handler=handler)


def moment_option(text: str, option: str = "--at") -> datetime:
    """A date-time typed as an option: ISO 8601, naive meaning London time."""
    from breach_desk.domain.clock import as_aware

    stripped = text.strip()
    try:
        if len(stripped) <= 10:
            raise ValueError
        value = datetime.fromisoformat(stripped.replace("Z", "+00:00"))
    except ValueError:
        raise CliError(
            f"{option}: {text[:40]!r} is not a date and time (e.g. 2021-03-18T09:12)"
        ) from None
    if not 1900 <= value.year <= 9998:
        raise CliError(f"{option}: {text[:40]!r} is not a plausible year")
    offset = value.utcoffset()
    if offset is not None and abs(offset) > timedelta(hours=14):
        raise CliError(f"{option}: {text[:40]!r} has an offset from UTC beyond ±14:00")
    return as_aware(value)


def day_option(text: str, option: str = "--at") -> date:
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{option}: {text[:40]!r} is not a date (e.g. 2021-05-01)") from None
    if not 1900 <= value.year <= 9998:
        raise CliError(f"{option}: {text[:40]!r} is not a plausible year")
    return value


def refusal(exc: NotificationRefused) -> CliError:
    first = exc.problems[0]
    return CliError(f"{exc.reference}: {OPTIONS.get(first.field, first.field)}: {first.message}")


def _record(work: Any) -> Breach:
    from breach_desk.cli.register import opened
    from breach_desk.services.notifications import NotificationRefused, Notify

    with opened() as reg:
        try:
            found: Breach = work(Notify(reg))
        except NotificationRefused as exc:
            raise refusal(exc) from None
    return found


def _clock_line(breach: Breach) -> None:
    from breach_desk.domain import vocabulary as v
    from breach_desk.domain.clock import now

    clock = breach.clock(now())
    if clock.shown:
        echo(f"{breach.reference}: {v.ICO_CLOCK}: {clock.text}")


def _done_line(breach: Breach, code: str) -> None:
    from breach_desk.domain import vocabulary as v

    for r in breach.recommendations:
        if r.code == code:
            name = v.recommendation_title(r.code, r.text)
            echo(f"{breach.reference}: recommendation {r.id} ({name}) is {v.words(r.status)}")


def run_ico(args: argparse.Namespace) -> int:
    at = moment_option(args.at)
    if args.follow_up:
        for dest in ("how", "ico_reference", "delay_reason"):
            if getattr(args, dest) is not None:
                raise CliError(f"{OPTIONS[dest]}: is for the report itself, not a follow-up")
        if args.voluntary:
            raise CliError("--voluntary: is for the report itself, not a follow-up")
        if args.text is None or not args.text.strip():
            raise CliError(
                "--text: a follow-up needs what was added (e.g. --text 'number of "
                "people confirmed: 212')"
            )
        breach = _record(lambda n: n.add_follow_up(args.reference, at=at, text=args.text))
        echo(f"{breach.reference}: follow-up {len(breach.notifications.follow_ups)} recorded")
        _clock_line(breach)
        return EXIT_OK
    if args.text is not None:
        raise CliError("--text: is for a follow-up: add --follow-up")
    breach = _record(
        lambda n: n.record_ico(
            args.reference,
            at=at,
            how=args.how or "online",
            ico_reference=args.ico_reference,
            delay_reason=args.delay_reason,
            voluntary=args.voluntary,
        )
    )
    echo(f"{breach.reference}: the report to the ICO is recorded")
    _clock_line(breach)
    _done_line(breach, "NOTIFY_ICO")
    return EXIT_OK


def run_response(args: argparse.Namespace) -> int:
    on = day_option(args.at)
    breach = _record(
        lambda n: n.record_response(
            args.reference,
            on=on,
            outcome=args.outcome,
            response_reference=args.response_reference,
            text=args.text,
        )
    )
    echo(f"{breach.reference}: the ICO's response is recorded")
    return EXIT_OK


def run_people(args: argparse.Namespace) -> int:
    from breach_desk.cli.common import read_input

    at = moment_option(args.at)
    letter: str | None = None
    if args.letter_text is not None:
        raw = read_input(args.letter_text, MAX_LETTER_BYTES)
        try:
            letter = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CliError(f"--letter-text: {args.letter_text}: is not UTF-8 text") from None
        if "\x00" in letter:
            raise CliError(f"--letter-text: {args.letter_text}: contains a NUL character")
        if not letter.strip():
            raise CliError(f"--letter-text: {args.letter_text}: is empty")
    breach = _record(
        lambda n: n.record_people(
            args.reference, at=at, how=args.how, count=args.count, letter_text=letter
        )
    )
    echo(f"{breach.reference}: telling the people is recorded")
    _done_line(breach, "NOTIFY_SUBJECTS")
    return EXIT_OK
