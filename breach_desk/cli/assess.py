"""``breach-desk assess FILE``: assess one breach from a facts file."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from breach_desk.cli.common import EXIT_OK, CliError, add_db_option, echo, print_json
from breach_desk.domain import vocabulary

if TYPE_CHECKING:  # the command stays light: these load when a handler runs
    from breach_desk.domain.assessment import Assessment
    from breach_desk.domain.facts import Facts


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "assess",
        help="assess a breach from a facts file (format v1)",
        description="Assess a breach from a facts file (JSON, format v1) and print the decision "
        "note, or the assessment as JSON.",
    )
    p.add_argument("file", metavar="FACTS.json", help="the breach facts (format v1); - for stdin")
    p.add_argument("--json", action="store_true", help="print the assessment in format v1")
    p.add_argument(
        "--save",
        action="store_true",
        help="assess against the register (finding earlier related breaches) and store it",
    )
    add_db_option(p)
    p.set_defaults(handler=run)


def read_facts_argument(path: str) -> Facts:
    """Read facts from a path or stdin, turning every failure into a CliError."""
    from breach_desk.cli.common import read_input
    from breach_desk.facts_io import MAX_FACTS_BYTES, FactsError, parse_facts

    data = read_input(path, MAX_FACTS_BYTES)
    try:
        return parse_facts(data)
    except FactsError as exc:
        raise CliError(*(f"{path}: {p}" for p in exc.problems)) from None


def run(args: argparse.Namespace) -> int:
    from breach_desk.domain.clock import now, recorded_now

    facts = read_facts_argument(args.file)
    if args.save:
        from breach_desk.services.register import assess_and_save

        assessment = assess_and_save(facts)
    else:
        from breach_desk.method import assess

        assessment = assess(facts, recorded_now(), today=now())
    if args.json:
        from breach_desk.assessment_io import assessment_to_dict

        print_json(assessment_to_dict(assessment))
    else:
        echo(render_text(assessment))
    return EXIT_OK


def render_text(assessment: Assessment) -> str:
    from breach_desk.domain.clock import format_local
    from breach_desk.method.note import decision_note

    a = assessment
    ico = f"REPORT by {format_local(a.ico.deadline)}" if a.ico.report else "no report needed"
    head = [
        f"{a.reference}: severity {vocabulary.band_caps(a.severity.band)} "
        f"(SE {a.severity.score:g}), "
        f"likelihood {vocabulary.words(a.likelihood)}, risk: {vocabulary.words(a.risk)}",
        f"ICO: {ico}",
        f"Tell the people: {'YES' if a.data_subjects.notify else 'no'}",
        "",
    ]
    return "\n".join(head) + decision_note(a)
