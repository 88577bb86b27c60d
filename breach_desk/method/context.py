"""Derived facts that several rules share, worked out once."""

from __future__ import annotations

from dataclasses import dataclass

from breach_desk.domain.enums import (
    Availability,
    Confidentiality,
    Integrity,
    SubjectGroup,
)
from breach_desk.domain.facts import Facts, Recipient

_NO_LASTING_INTEGRITY_LOSS = (Integrity.NONE, Integrity.ALTERED_RECOVERED)
_NO_LASTING_AVAILABILITY_LOSS = (Availability.NONE, Availability.RESTORED_WITHOUT_DIFFICULTY)
# Python 3.11 reads a member from its enum class slowly (through the enum metaclass's
# __getattr__): the rules, run on every assessment, use these module constants.
_NO_CONFIDENTIALITY_LOSS = Confidentiality.NONE
_CHILDREN, _VULNERABLE_ADULTS = SubjectGroup.CHILDREN, SubjectGroup.VULNERABLE_ADULTS


@dataclass(frozen=True, slots=True)
class Context:
    confidentiality: Confidentiality
    """The confidentiality loss that counts: none when the data is unintelligible."""
    recipients: tuple[Recipient, ...]
    """The recipients that count: none when the data is unintelligible."""
    vulnerable: bool
    integrity_or_availability_lost: bool
    """True unless integrity and availability are at most recovered/restored without difficulty."""
    recipient_poses_risk: bool
    """A recipient that counts poses a risk to the person (worked out once: several rules ask)."""


def context_for(facts: Facts, recipients: tuple[Recipient, ...] | None = None) -> Context:
    """``recipients``: as the rules read them (a risk the register knows carried forward);
    None: as in the facts."""
    unintelligible = facts.data.unintelligible
    known = () if unintelligible else facts.recipients if recipients is None else recipients
    return Context(
        confidentiality=_NO_CONFIDENTIALITY_LOSS if unintelligible else facts.loss.confidentiality,
        recipients=known,
        vulnerable=facts.subjects.vulnerable
        or _CHILDREN in facts.subjects.groups
        or _VULNERABLE_ADULTS in facts.subjects.groups,
        integrity_or_availability_lost=(
            facts.loss.integrity not in _NO_LASTING_INTEGRITY_LOSS
            or facts.loss.availability not in _NO_LASTING_AVAILABILITY_LOSS
        ),
        recipient_poses_risk=any([r.poses_risk_to_subject is True for r in known]),
    )
