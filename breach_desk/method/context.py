"""Derived facts that several rules share, worked out once."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple, cast

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


class Context(NamedTuple):
    """A named tuple rather than a dataclass: made on every assessment (and for the harm
    model), and a frozen dataclass's constructor sets each field through object.__setattr__."""

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
    groups = facts.subjects.groups
    return _context(
        (
            _NO_CONFIDENTIALITY_LOSS if unintelligible else facts.loss.confidentiality,
            known,
            facts.subjects.vulnerable or _CHILDREN in groups or _VULNERABLE_ADULTS in groups,
            facts.loss.integrity not in _NO_LASTING_INTEGRITY_LOSS
            or facts.loss.availability not in _NO_LASTING_AVAILABILITY_LOSS,
            any([r.poses_risk_to_subject is True for r in known]),
        )
    )


_context = cast(
    Callable[[tuple[Confidentiality, tuple[Recipient, ...], bool, bool, bool]], Context],
    partial(tuple.__new__, Context),
)
"""``Context(confidentiality, recipients, vulnerable, integrity_or_availability_lost,
recipient_poses_risk)`` without the named tuple's Python-level ``__new__``."""
