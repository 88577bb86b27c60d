"""What the method computes from the facts: an explainable assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from breach_desk.domain.enums import Art34Ground, Band, Likelihood, OwnerRole, Risk
from breach_desk.domain.facts import Facts

METHOD_VERSION = "enisa-2013+uk/1.2"
"""The method of METHOD.md version 1.2 (ENISA 2013 severity; UK GDPR Arts. 33 and 34)."""
ASSESSMENT_FORMAT = "breach-desk/assessment/1"


class Factor(NamedTuple):
    """One rule that fired: enough for a reader to redo the step by hand.

    A named tuple rather than a dataclass: the method makes a dozen per assessment.
    """

    id: str
    effect: str
    reason: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Severity:
    """ENISA severity. Scores are kept in quarters (integers) so no boundary is missed."""

    dpc_base: int
    dpc: int
    ei_quarters: int
    cb_quarters: int
    computed_band: Band
    band: Band

    @property
    def ei(self) -> float:
        return self.ei_quarters / 4

    @property
    def cb(self) -> float:
        return self.cb_quarters / 4

    @property
    def score_quarters(self) -> int:
        # DPC (whole number) x EI (quarters) + CB (quarters), all in quarters
        return self.dpc * self.ei_quarters + self.cb_quarters

    @property
    def score(self) -> float:
        return self.score_quarters / 4

    @property
    def overridden(self) -> bool:
        return self.band != self.computed_band


@dataclass(frozen=True, slots=True)
class RecordedRisk:
    """A recipient of this breach whom an earlier breach recorded as posing a risk to a person
    (METHOD.md 2: what the register knows about a recipient is carried forward)."""

    label: str | None
    email: str | None
    """This breach's recipient, as entered here: the method finds it by these."""
    recorded_as: str
    """The recipient as the earlier breach names them."""
    people: str
    """Whom they were recorded as posing a risk to: 'Mr B'."""
    note: str | None = None
    """The earlier breach's note of what is known ('convicted of assault against Mr B')."""


@dataclass(frozen=True, slots=True)
class RepeatMatch:
    """An earlier breach in the register that involves the same person or recipient."""

    reference: str
    matched_on: str
    title: str = ""
    same_person: bool = False
    """The earlier breach involved the same person: a risk it recorded is carried forward."""
    risks: tuple[RecordedRisk, ...] = ()
    """Recipients of this breach that the earlier breach recorded as posing a risk."""


@dataclass(frozen=True, slots=True)
class IcoDecision:
    report: bool
    deadline: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class SubjectsDecision:
    notify: bool
    exception: Art34Ground | None
    reason: str


class ProposedRecommendation(NamedTuple):
    code: str
    text: str
    owner_role: OwnerRole
    due_in_days: int
    due_date: date
    why: str


@dataclass(frozen=True, slots=True)
class Assessment:
    reference: str
    facts: Facts
    """The facts this assessment was computed from."""
    method: str
    decided_at: datetime
    severity: Severity
    likelihood: Likelihood
    likelihood_rule: str
    risk: Risk
    ico: IcoDecision
    data_subjects: SubjectsDecision
    factors: tuple[Factor, ...]
    recommendations: tuple[ProposedRecommendation, ...]
    repeat: tuple[RepeatMatch, ...]
    note: str | None = None
    """The decision note as stored with a finalised version; None: not written yet (the note
    is written when read, by ``breach_desk.method.note.decision_note``: most assessments, such
    as the wizard's live panel, are never read in full)."""

    @property
    def is_repeat(self) -> bool:
        return any(f.id == "likelihood.repeat" for f in self.factors)
