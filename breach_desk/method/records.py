"""The method's records, built without the named tuples' and dataclasses' own constructors.

A named tuple's constructor is a Python function that calls ``tuple.__new__``; the method makes
about thirty factors and recommendations per assessment, so it calls ``tuple.__new__`` itself
(through ``functools.partial``, which runs in C). The records are the same named tuples:
``factor(("ei", "EI 1", reason, source)) == Factor("ei", "EI 1", reason, source)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import cast

from breach_desk.domain.assessment import (
    Assessment,
    Factor,
    IcoDecision,
    ProposedRecommendation,
    RepeatMatch,
    Severity,
    SubjectsDecision,
)
from breach_desk.domain.enums import Art34Ground, Band, Likelihood, OwnerRole, Risk
from breach_desk.domain.facts import Facts

factor = cast(
    Callable[[tuple[str, str, str, str]], Factor],
    partial(tuple.__new__, Factor),
)
"""``Factor(id, effect, reason, source)`` from one tuple of all four (source included)."""

proposed = cast(
    Callable[[tuple[str, str, OwnerRole, int, date, str]], ProposedRecommendation],
    partial(tuple.__new__, ProposedRecommendation),
)
"""``ProposedRecommendation(code, text, owner_role, due_in_days, due_date, why)`` from one
tuple."""


# ---- The frozen dataclasses, filled in through their slots ------------------------------------
#
# A frozen dataclass's __init__ sets each field through object.__setattr__ (a bound method made
# and a generic attribute lookup per field): an assessment's fourteen fields cost more than the
# risk matrix. The method fills the same slots through their descriptors instead; the objects
# are the same in every respect (equal, hashable, frozen).

_new = object.__new__


def _slot(cls: type, name: str) -> Callable[[object, object], None]:
    setter: Callable[[object, object], None] = cls.__dict__[name].__set__
    return setter


def _check(cls: type, names: str) -> tuple[Callable[[object, object], None], ...]:
    """The setters of ``cls``'s fields, refusing a list that does not name every field in order
    (a field added to the class must be added here, or importing the method fails)."""
    fields = tuple(f.name for f in dataclasses.fields(cls))
    if fields != tuple(names.split()):
        raise TypeError(f"method.records: {cls.__name__} has the fields {fields}")
    return tuple(_slot(cls, name) for name in fields)


_SEVERITY = _check(Severity, "dpc_base dpc ei_quarters cb_quarters computed_band band")
_ICO = _check(IcoDecision, "report deadline reason")
_SUBJECTS = _check(SubjectsDecision, "notify exception reason")
_ASSESSMENT = _check(
    Assessment,
    "reference facts method decided_at severity likelihood likelihood_rule risk ico "
    "data_subjects factors recommendations repeat note",
)


def severity(
    dpc_base: int, dpc: int, ei_quarters: int, cb_quarters: int, computed_band: Band, band: Band
) -> Severity:
    made = _new(Severity)
    s = _SEVERITY
    s[0](made, dpc_base)
    s[1](made, dpc)
    s[2](made, ei_quarters)
    s[3](made, cb_quarters)
    s[4](made, computed_band)
    s[5](made, band)
    return made


def ico_decision(report: bool, deadline: datetime, reason: str) -> IcoDecision:
    made = _new(IcoDecision)
    s = _ICO
    s[0](made, report)
    s[1](made, deadline)
    s[2](made, reason)
    return made


def subjects_decision(notify: bool, exception: Art34Ground | None, reason: str) -> SubjectsDecision:
    made = _new(SubjectsDecision)
    s = _SUBJECTS
    s[0](made, notify)
    s[1](made, exception)
    s[2](made, reason)
    return made


def assessment(
    reference: str,
    facts: Facts,
    method: str,
    decided_at: datetime,
    severity: Severity,
    likelihood: Likelihood,
    likelihood_rule: str,
    risk: Risk,
    ico: IcoDecision,
    data_subjects: SubjectsDecision,
    factors: tuple[Factor, ...],
    recommendations: tuple[ProposedRecommendation, ...],
    repeat: tuple[RepeatMatch, ...],
    note: str | None = None,
) -> Assessment:
    made = _new(Assessment)
    s = _ASSESSMENT
    s[0](made, reference)
    s[1](made, facts)
    s[2](made, method)
    s[3](made, decided_at)
    s[4](made, severity)
    s[5](made, likelihood)
    s[6](made, likelihood_rule)
    s[7](made, risk)
    s[8](made, ico)
    s[9](made, data_subjects)
    s[10](made, factors)
    s[11](made, recommendations)
    s[12](made, repeat)
    s[13](made, note)
    return made
