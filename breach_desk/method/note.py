"""The decision note (METHOD.md section 6): how every result was reached, in plain English.

Written for a reader who has never seen this program (an officer, a committee, an Ombudsman
investigator): values in words, recommendations by their text, sources cited as public documents.
It keeps the arithmetic, so the reader can recompute the result by hand: every input, DPC, EI and
CB with each adjustment and its reason, SE and the band, each final consideration (printed even
when it changed nothing), the likelihood with its rule, the risk, both decisions, the earlier
breaches matched, and the plan as stored, with the officer's own owners and due dates.

Plain text: a heading on a line of its own, entries starting "- ". The reports and the window
render the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import (
    METHOD_VERSION,
    Assessment,
    Factor,
    ProposedRecommendation,
)
from breach_desk.domain.description import (
    as_text,
    day,
    describe_facts,
    describe_outcome,
    moment,
    one_line,
)
from breach_desk.method import harm

if TYPE_CHECKING:  # the command line's assess does not load the register's model
    from breach_desk.domain.register import PlannedRecommendation

METHOD_NAME = f"Breach Desk's assessment method, version {METHOD_VERSION.rpartition('/')[2]}"
FACTS_HEADING = "The facts used"
HARM_HEADING = "What the breach could mean for the people"


def _harm_lines(a: Assessment) -> list[str]:
    """The consequences the facts make possible, each with its rule (``method/harm``): the
    same list the letter to the people and the ICO draft give."""
    found = harm.consequences(a.facts, a.repeat)
    if not found:
        return [f"- {harm.NO_CONSEQUENCE_FOR_ICO} Because {harm.NO_CONSEQUENCE_RULE}."]
    return [f"- {c.for_ico} Because {c.because}." for c in found]


def method_name(method: str = METHOD_VERSION) -> str:
    """The method an assessment was made with, by its version ('…, version 1.1' for one stored
    before 1.2): a note written later for it never claims a newer method."""
    return f"Breach Desk's assessment method, version {method.rpartition('/')[2]}"


def _cited(factors: Iterable[Factor]) -> list[str]:
    seen: dict[str, None] = {}
    for f in factors:
        for part in f.source.split(";"):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return list(seen)


def _factor_line(f: Factor) -> str:
    source = f" [{f.source}]" if f.source else ""
    return f"- {v.factor_step(f.id)}: {f.effect}. {f.reason}{source}"


def _plan_lines(plan: Sequence[PlannedRecommendation | ProposedRecommendation]) -> list[str]:
    """The plan as stored, or as the method proposed it (no owner named yet)."""
    out: list[str] = []
    # By name, not by a number of its own: the register numbers each tracked recommendation,
    # and that is the one number the tables, the evidence pack and the command line give.
    for r in plan:
        title = v.recommendation_title(r.code, r.text)
        head = f"- {title}:" if title != r.text else "-"
        owner = v.owner_words(r.owner_role, getattr(r, "owner", None))
        out.append(f"{head} {r.text} Who: {owner}. Due: {day(r.due_date)}.")
        if r.why:
            out.append(f"  Why: {r.why}")
    return out


def decision_note(a: Assessment, plan: Sequence[PlannedRecommendation] | None = None) -> str:
    """The note of ``a``: the text stored with it when it has one, else written now.

    ``plan`` is the plan as stored (the officer's edits); None: as the method proposed it.
    """
    if a.note is not None:
        return a.note
    return write_note(a, plan)


def write_note(
    a: Assessment,
    plan: Sequence[PlannedRecommendation] | None = None,
    delay_reason: str | None = None,
) -> str:
    """Write the note from the facts, the factors and the plan. ``delay_reason``: the officer's
    reasons for a report to the ICO after the 72 hours, printed with the decision."""
    facts, severity = a.facts, a.severity
    by_part: dict[str, list[Factor]] = {}
    for f in a.factors:
        by_part.setdefault(f.id.partition(".")[0], []).append(f)

    out: list[str] = [
        f"Decision note: {a.reference}",
        one_line(facts.title),
        f"Assessed on {moment(a.decided_at)} with {method_name(a.method)}: severity by the "
        "ENISA 2013 methodology (SE = DPC × EI + CB), likelihood and risk as the ICO and the EDPB "
        "describe them, and the decisions under UK GDPR Articles 33 and 34.",
        "",
        *as_text([describe_outcome(a, delay_reason=delay_reason)]),
        "",
        FACTS_HEADING,
        # the recipients as the rules read them: a carried-forward risk on the recipient's line
        *(
            ln
            for ln in as_text(
                describe_facts(facts, read_as=harm.recipients_as_read(facts, a.repeat))
            )
            if ln
        ),
        "",
        "Severity (ENISA 2013: SE = DPC × EI + CB)",
        *(_factor_line(f) for part in ("dpc", "ei", "cb", "se") for f in by_part.get(part, [])),
        "",
        "Final considerations, checked in this order",
        *(_factor_line(f) for f in by_part.get("final", [])),
        f"- Severity: {v.label(severity.band)}"
        + (
            f" (set by the officer; the method computed {v.words(severity.computed_band)})"
            if severity.overridden
            else ""
        )
        + ".",
        "",
        "Likelihood",
        *(_factor_line(f) for f in by_part.get("likelihood", [])),
        f"- Likelihood: {v.label(a.likelihood)}.",
        "",
        "Risk",
        *(_factor_line(f) for f in by_part.get("risk", [])),
        "",
        HARM_HEADING,
        *_harm_lines(a),
        "",
        "Decisions",
        f"- Report to the ICO: {'yes' if a.ico.report else 'no'}. {a.ico.reason}",
        f"- Tell the people affected: {'yes' if a.data_subjects.notify else 'no'}. "
        f"{a.data_subjects.reason}",
        "",
        "Earlier breaches in the register",
    ]
    if a.repeat:
        out += [f"- {m.reference}: {m.matched_on}" for m in a.repeat]
    else:
        out.append("- No earlier breach involving the same person or recipient was found.")
    out += ["", "The plan"]
    out += _plan_lines(a.recommendations if plan is None else plan) or ["- No recommendations."]
    cited = _cited(a.factors)
    out += ["", "Sources"]
    out += [f"- {c}: {v.SOURCES[c]}" for c in cited if c in v.SOURCES]
    return "\n".join(out)
