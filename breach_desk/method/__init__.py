"""The assessment method of METHOD.md: a pure function of the facts and the register's matches.

No Qt, no database, no I/O: the same input always gives the same assessment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from breach_desk.domain.assessment import METHOD_VERSION, Assessment, Factor, RepeatMatch
from breach_desk.domain.clock import as_aware
from breach_desk.domain.facts import Facts
from breach_desk.method import records
from breach_desk.method.carried import carry_forward
from breach_desk.method.context import context_for
from breach_desk.method.decisions import decide_ico, decide_subjects
from breach_desk.method.likelihood import assess_likelihood, assess_risk
from breach_desk.method.recommendations import propose
from breach_desk.method.severity import assess_severity

UNSAVED_REFERENCE = "(not yet saved)"

__all__ = ["UNSAVED_REFERENCE", "assess"]


def assess(
    facts: Facts,
    decided_at: datetime,
    matches: Sequence[RepeatMatch] = (),
    *,
    today: datetime | None = None,
) -> Assessment:
    """Assess one breach.

    ``decided_at`` is when the decision is taken, the real moment the register records;
    ``today`` the moment due dates count from, which a fixed clock (``BREACH_DESK_NOW``) may
    move for a demonstration or a test (None: ``decided_at``). ``matches`` are the earlier
    breaches the register found involving the same person or recipient.
    """
    decided_at = as_aware(decided_at)
    plan_from = as_aware(today) if today is not None else decided_at
    found = tuple(matches)
    factors: list[Factor] = []
    ctx = context_for(facts, carry_forward(facts.recipients, found, factors))
    severity = assess_severity(facts, ctx, factors)
    likelihood, rule = assess_likelihood(facts, ctx, found, factors)
    # a repeat breach is the likelihood's last factor (assess_likelihood adds it last)
    repeat = factors[-1][0] == "likelihood.repeat"
    risk = assess_risk(severity.band, likelihood, factors)
    ico = decide_ico(facts, severity, likelihood, rule, risk, factors)
    subjects = decide_subjects(facts, risk, factors)
    recommendations = propose(facts, ctx, risk, repeat, ico, subjects, plan_from)
    return records.assessment(
        reference=facts.reference or UNSAVED_REFERENCE,
        facts=facts,
        method=METHOD_VERSION,
        decided_at=decided_at,
        severity=severity,
        likelihood=likelihood,
        likelihood_rule=rule,
        risk=risk,
        ico=ico,
        data_subjects=subjects,
        factors=tuple(factors),
        recommendations=recommendations,
        repeat=found,
    )
