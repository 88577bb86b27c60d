"""Check the answers and assess them provisionally, as the officer types.

The facts format's own validation (``facts_io.facts_from_dict``) decides what is wrong; this module
adds the answers the format cannot require on its own (a reason for a late ICO report) and turns
each problem into words for the field it names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from breach_desk.domain import vocabulary as words
from breach_desk.domain.assessment import Assessment, RepeatMatch
from breach_desk.domain.clock import now
from breach_desk.domain.description import LABELS
from breach_desk.domain.facts import Facts
from breach_desk.domain.reasons import reason_problem
from breach_desk.facts_io import FactsError, Problem
from breach_desk.gui.wizard.state import PAGE_TITLES, FormState, Page, blank_recipient, page_of
from breach_desk.method import assess

if TYPE_CHECKING:
    from breach_desk.gui.backend import Services

_BLANK_RECIPIENT = words.BLANK_RECIPIENT_ROW
_KNOWN_NOBODY = words.KNOWN_RECIPIENTS_NONE
_REQUIRED = {
    "title": "Give the breach a short title.",
    "data.categories": "Tick at least one kind of data.",
    "loss.confidentiality": "Choose what happened to confidentiality (None if nobody saw it).",
}


@dataclass
class Outcome:
    """The state of the answers at one moment."""

    facts: Facts | None = None
    """Facts with stand-ins for answers not yet given; None while a problem remains."""
    assessment: Assessment | None = None
    provisional: list[tuple[Page, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def for_page(self, page: Page) -> list[Problem]:
        return [p for p in self.problems if page_of(p.path) == page]

    def ok_until(self, page: Page) -> bool:
        return not any(page_of(p.path) <= page for p in self.problems)

    @property
    def late(self) -> bool:
        if self.assessment is None:
            return False
        return self.assessment.ico.report and now() > self.assessment.ico.deadline


def evaluate(
    state: FormState,
    matches: Sequence[RepeatMatch] = (),
    at: datetime | None = None,
    reassessing: bool = False,
) -> Outcome:
    moment = at or now()
    out = Outcome(provisional=state.missing())
    if reassessing and not state.reassess_reason.strip():
        out.problems.append(
            Problem(
                "reassess_reason", "Say why it is being reassessed: it is kept with the version."
            )
        )
    elif reassessing and (why := reason_problem(state.reassess_reason)):
        out.problems.append(Problem("reassess_reason", why))
    # A reason that is there is said in words: a stray key press is not kept as one.
    for path, given, text in (
        ("assessor.dpc_adjustment.reason", state.dpc_adjustment != 0, state.dpc_reason),
        ("assessor.severity_override.reason", bool(state.override), state.override_reason),
        ("assessor.art34_exception.reason", bool(state.art34), state.art34_reason),
    ):
        if given and text.strip() and (why := reason_problem(text)):
            out.problems.append(Problem(path, why))
    if not state.title.strip():
        out.problems.append(Problem("title", _REQUIRED["title"]))
    if not state.categories:
        out.problems.append(Problem("data.categories", _REQUIRED["data.categories"]))
    if not state.confidentiality:
        out.problems.append(Problem("loss.confidentiality", _REQUIRED["loss.confidentiality"]))
    for row, recipient in enumerate(state.recipients):
        if blank_recipient(recipient):
            out.problems.append(Problem(f"recipients[{row}]", _BLANK_RECIPIENT))
    if state.confidentiality == "known_recipients" and not state.recipients:
        out.problems.append(Problem("recipients", _KNOWN_NOBODY))
    unusable = state.unusable_text()
    if unusable:  # e.g. a NUL character pasted into a field: no register can keep it
        out.problems += unusable
        return out
    try:
        out.facts = state.to_facts(stand_ins=True, at=moment)
    except FactsError as exc:
        out.problems += [p for p in exc.problems if p.path != "title" or state.title.strip()]
        return out
    out.assessment = assess(out.facts, moment, matches)
    if out.assessment.ico.report and moment > out.assessment.ico.deadline:
        if not state.ico_delay_reason.strip():
            out.problems.append(
                Problem(
                    "ico_delay_reason",
                    "The 72 hours have passed: give the reasons for the delay (Art. 33(1)).",
                )
            )
        elif why := reason_problem(state.ico_delay_reason):
            out.problems.append(Problem("ico_delay_reason", why))
    return out


_ISO = re.compile(r"'\d{4}-\d{2}-\d{2}[T ]?[\d:.+\-Z]*'")


def where_to_fix(problems: Sequence[Problem], limit: int | None = None) -> str:
    """'Tick at least one kind of data (on the Data page); ...': each problem with the page
    where it is fixed, as one sentence (never a fragment such as 'data.;')."""
    parts = [
        f"{_field(p.path)}{in_words(p).rstrip('.')} (on the {PAGE_TITLES[page_of(p.path)]} page)"
        for p in problems[:limit]
    ]
    return "; ".join(dict.fromkeys(parts)) + "." if parts else ""


def _field(path: str) -> str:
    """'Kinds of data: ' for 'data.categories': the field a problem is about, by its one name."""
    key = re.sub(r"\[\d+\]", "", path)
    while key and key not in LABELS:
        key = key.rpartition(".")[0]
    return f"{LABELS[key]}: " if key else ""


def in_words(problem: Problem) -> str:
    """The problem as a sentence for the field beside it."""
    text = problem.message
    path = problem.path
    if text in (*_REQUIRED.values(), _BLANK_RECIPIENT, _KNOWN_NOBODY) or path in (
        "ico_delay_reason",
        "reassess_reason",
    ):
        return text
    if text == "required field is missing" or text in ("must not be empty", "must not be blank"):
        return "Give a reason." if path.endswith("reason") else "Required."
    if "is before the breach happened" in text:
        return "You became aware before the breach happened: check both dates."
    if text.endswith("is in the future"):
        return "This is in the future."
    text = _ISO.sub("this", text)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def likely_reference(services: Services) -> str:
    """On the worker: the reference a new breach saved now will most likely be given."""
    return services.register.likely_reference()


def reference_taken(services: Services, reference: str) -> bool:
    """On the worker: is a breach with this reference already in the register?"""
    try:
        services.register.get(reference)
    except LookupError:
        return False
    return True
