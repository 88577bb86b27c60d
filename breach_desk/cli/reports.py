"""``breach-desk report REF-or-FACTS.json --pdf OUT.pdf [--kind ...]``: print a report as PDF.

A reference is looked up in the register; a facts file is assessed in memory (nothing is saved)
and printed as version 1 with its proposed recommendations open. ReportLab is imported only when
the command runs, so the other commands start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from breach_desk.cli import committee
from breach_desk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    add_db_option,
    read_input,
    text_fault,
    whole_number,
    write_failed,
)
from breach_desk.files import write_private

KINDS = ("assessment", "ico", "letter", "monitoring", "period")
ENV_ORGANISATION = "BREACH_DESK_ORGANISATION"
ENV_MARKING = "BREACH_DESK_MARKING"
ENV_CONTACT = "BREACH_DESK_CONTACT"
NO_ORGANISATION = "(organisation not set)"
MAX_LETTER_CHARACTERS = 60_000
"""An edited letter to the affected person: a few pages at most (a letter, not a report)."""
MAX_LETTER_BYTES = 256 * 1024
MAX_MONITORING_BYTES = 512 * 1024 * 1024
"""A facts file for the monitoring report is read whole: at most this much."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand."""
    p = sub.add_parser(
        "report",
        help="print a breach's assessment, ICO draft or letter, or the monitoring report, as PDF",
        description="Print a report as PDF: the assessment report, the draft report to the ICO, "
        "the letter to the affected person, or the monitoring report across the register. "
        "SOURCE is a breach reference in the register, or a facts file (assessed in memory, "
        "not saved). The monitoring report reads the whole register, or a file of facts "
        "(one breach per line). --kind period makes the report to the committee for the "
        "breaches of a period (--from, --to; see its options below).",
    )
    p.add_argument("source", nargs="?", metavar="REF-or-FACTS.json", help="reference or facts file")
    p.add_argument("--pdf", metavar="OUT.pdf", help="where to write the PDF (- for stdout)")
    p.add_argument("--kind", choices=KINDS, default="assessment", help="default: assessment")
    p.add_argument(
        "--organisation",
        default=os.environ.get(ENV_ORGANISATION),
        help=f"organisation name in the header (default: {ENV_ORGANISATION})",
    )
    p.add_argument(
        "--marking",
        default=os.environ.get(ENV_MARKING) or "OFFICIAL-SENSITIVE",
        help=f"protective marking (default: {ENV_MARKING}, else OFFICIAL-SENSITIVE)",
    )
    p.add_argument(
        "--contact",
        default=os.environ.get(ENV_CONTACT),
        help=f"who people and the ICO should contact (default: {ENV_CONTACT})",
    )
    p.add_argument(
        "--assessment-version",
        type=whole_number(),
        metavar="N",
        help="assessment version (default: latest)",
    )
    p.add_argument("--letter-text", metavar="FILE", help="the letter as edited by the officer")
    p.add_argument(
        "--letter-draft",
        action="store_true",
        help="print the default letter text instead of a PDF (edit it, then give --letter-text)",
    )
    p.add_argument("--delay-reason", metavar="TEXT", help="reasons for a report past 72 hours")
    committee.add_options(p)
    add_db_option(p)
    p.set_defaults(handler=run)


def _is_file(source: str) -> bool:
    """A facts file (or something on disk given as one: a pipe is refused when read), not a
    breach reference."""
    if source == "-" or source.lower().endswith((".json", ".jsonl")):
        return True
    try:
        return Path(source).exists()
    except (OSError, ValueError):  # a name too long for the file system: not a file
        return False


MAX_REFERENCE = 64
"""The longest breach reference (facts format v1)."""


def _reference(source: str) -> str:
    """SOURCE as a breach reference, or exit 2 when it cannot be one."""
    fault = text_fault(source)
    if fault is None and len(source) > MAX_REFERENCE:
        fault = f"is too long for a breach reference ({len(source):,} characters)"
    if fault is not None:
        raise CliError(f"SOURCE: no such facts file, and {fault}")
    return source


def _open_register(args: argparse.Namespace) -> Any:
    try:
        from breach_desk.services.register import Register, RegisterError
    except ImportError:
        raise CliError(
            "the register is not available in this build: give a facts file instead",
            status=EXIT_FAILED,
        ) from None
    url = getattr(args, "db", None) or os.environ.get("BREACH_DESK_DB")
    try:
        return Register.open(url)
    except RegisterError as exc:
        raise CliError(f"cannot open the register: {exc}", status=EXIT_FAILED) from None


def _stored_breach(register: Any, reference: str) -> Any:
    try:
        return register.get(reference)
    except LookupError:
        raise CliError(f"{reference}: no such breach in the register", status=EXIT_FAILED) from None


def _stream(register: Any, page: int = 200) -> Iterator[Any]:
    """Every breach in the register, a page of references at a time (oldest first)."""
    offset = 0
    while True:
        rows = register.list_breaches(sort="aware_at", descending=False, offset=offset, limit=page)
        for row in rows:
            yield register.get(row.reference)
        if len(rows) < page:
            return
        offset += page


def _facts_breaches(source: str, at: datetime) -> list[Any]:
    from breach_desk.facts_io import FactsError, parse_facts_many
    from breach_desk.reports import breach_from_facts

    data = read_input(source, MAX_MONITORING_BYTES)
    try:
        many = parse_facts_many(data, MAX_MONITORING_BYTES)
    except FactsError as exc:
        raise CliError(*(f"{source}: {p}" for p in exc.problems)) from None
    return [breach_from_facts(f, at) for f in many]


def _one_breach(args: argparse.Namespace, at: datetime, opened: list[Any]) -> Any:
    if not args.source:
        raise CliError("give a breach reference or a facts file")
    if _is_file(args.source):
        from breach_desk.cli.assess import read_facts_argument
        from breach_desk.reports import breach_from_facts

        return breach_from_facts(read_facts_argument(args.source), at)
    reference = _reference(args.source)
    opened.append(_open_register(args))
    return _stored_breach(opened[-1], reference)


def _all_breaches(
    args: argparse.Namespace, at: datetime, opened: list[Any]
) -> tuple[Iterable[Any], int | None]:
    if args.source and _is_file(args.source):
        breaches = _facts_breaches(args.source, at)
        return breaches, len(breaches)
    if args.source:
        raise CliError("the monitoring report reads the whole register, or a file of facts")
    opened.append(_open_register(args))
    register = opened[-1]
    return _stream(register), register.count_breaches()


def _letter_text(path: str) -> str:
    data = read_input(path, MAX_LETTER_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text (invalid byte at position {exc.start})") from None
    if len(text) > MAX_LETTER_CHARACTERS:
        raise CliError(
            f"{path}: the letter is too long ({len(text):,} characters; at most "
            f"{MAX_LETTER_CHARACTERS:,}, about {MAX_LETTER_CHARACTERS // 3000} pages)"
        )
    if "\x00" in text:
        raise CliError(f"{path}: the letter contains a NUL character (\\u0000): is it text?")
    return text


def _write(pdf: bytes, out: str) -> None:
    if out == "-":
        sys.stdout.buffer.write(pdf)
        sys.stdout.buffer.flush()
        return
    try:  # personal data: readable by its owner only (0600), whole or not at all
        write_private(out, pdf)
    except OSError as exc:
        raise write_failed(out, exc) from None


_LETTER_SETTINGS = {
    "organisation": f"--organisation (or {ENV_ORGANISATION}): who the letter is from",
    "contact": f"--contact (or {ENV_CONTACT}): whom the person can contact (the DPO or IG team)",
}


def _check_letter(settings: Any, breach: Any, version: int | None) -> None:
    """A letter names who it is from and whom to contact; a courtesy letter says it is one."""
    from breach_desk.reports.assessment import pick_version
    from breach_desk.reports.letter import courtesy, missing_settings

    missing = missing_settings(settings)
    if missing:
        raise CliError(f"the letter needs {_LETTER_SETTINGS[missing[0]]}")
    if courtesy(pick_version(breach, version).assessment):
        print(
            f"{breach.reference}: telling the people is not required; this is a courtesy letter "
            "and says so",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import now

    if not args.pdf and not args.letter_draft:
        raise CliError("say where to write the PDF: --pdf OUT.pdf (or - for stdout)")
    if args.pdf == "-" and not args.letter_draft and sys.stdout.isatty():
        raise CliError(
            "--pdf: a PDF is binary and would garble the terminal: give --pdf OUT.pdf, or send "
            "it to a program (--pdf - | lpr)"
        )
    at = now()
    from breach_desk import reports
    from breach_desk.services.register import with_audit_position

    settings = reports.ReportSettings(
        organisation=args.organisation or NO_ORGANISATION,
        marking=args.marking,
        contact=args.contact,
        generated_at=at,
    )
    if args.kind == "period":
        return committee.run_period(args, settings, at)
    opened: list[Any] = []
    try:
        if args.kind == "monitoring":
            breaches, total = _all_breaches(args, at, opened)
            settings = with_audit_position(settings, opened)  # the footer's audit position
            pdf = reports.render_monitoring(breaches, settings, total=total)
        else:
            breach = _one_breach(args, at, opened)
            settings = with_audit_position(settings, opened)
            if args.kind == "letter" or args.letter_draft:
                _check_letter(settings, breach, args.assessment_version)
            if args.letter_draft:
                sys.stdout.write(
                    reports.default_letter_text(breach, settings, version=args.assessment_version)
                )
                sys.stdout.write("\n")
                return EXIT_OK
            if args.kind == "assessment":
                pdf = reports.render_assessment(breach, settings, version=args.assessment_version)
            elif args.kind == "ico":
                pdf = reports.render_ico_report(
                    breach,
                    settings,
                    version=args.assessment_version,
                    delay_reason=args.delay_reason,
                )
            else:
                text = _letter_text(args.letter_text) if args.letter_text else None
                pdf = reports.render_letter(breach, settings, text, version=args.assessment_version)
    except ValueError as exc:  # no such version, or a breach with no assessment yet
        raise CliError(str(exc), status=EXIT_FAILED) from None
    finally:
        for register in opened:
            register.close()
    _write(pdf, args.pdf)
    if args.pdf != "-":
        print(f"Wrote {args.pdf} ({args.kind} report)", file=sys.stderr)
    return EXIT_OK
