"""A breach as the register would hold it, made in memory from a facts file (no database).

``breach-desk report FACTS.json`` prints the same documents as for a stored breach: version 1 of
the assessment, and the proposed recommendations as open actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from breach_desk.domain.assessment import Assessment, RepeatMatch
from breach_desk.domain.clock import as_aware
from breach_desk.domain.enums import BreachStatus, RecommendationStatus
from breach_desk.domain.facts import Facts
from breach_desk.domain.register import AssessmentVersion, Breach, Recommendation, Transition

UNSAVED_BY = "not yet saved"


def recommendations_of(
    assessment: Assessment, *, service: str | None, at: datetime, by: str
) -> tuple[Recommendation, ...]:
    """The proposed recommendations as open actions, numbered from 1."""
    return tuple(
        Recommendation(
            id=number,
            breach_reference=assessment.reference,
            code=r.code,
            text=r.text,
            owner_role=r.owner_role,
            due_date=r.due_date,
            status=RecommendationStatus.OPEN,
            service=service,
            why=r.why,
            history=(
                Transition(at=at, by=by, from_status=None, to_status=RecommendationStatus.OPEN),
            ),
        )
        for number, r in enumerate(assessment.recommendations, start=1)
    )


def breach_from_facts(
    facts: Facts,
    decided_at: datetime,
    *,
    matches: Sequence[RepeatMatch] = (),
    created_by: str = UNSAVED_BY,
) -> Breach:
    """Assess ``facts`` at ``decided_at`` and wrap the result as an unsaved breach."""
    from breach_desk.method import assess

    decided_at = as_aware(decided_at)
    assessment = assess(facts, decided_at, matches)
    version = AssessmentVersion(
        number=1,
        facts=facts,
        assessment=assessment,
        created_at=decided_at,
        created_by=created_by,
    )
    return Breach(
        reference=assessment.reference,
        status=BreachStatus.ASSESSED,
        facts=facts,
        versions=(version,),
        recommendations=recommendations_of(
            assessment, service=facts.service, at=decided_at, by=created_by
        ),
        related=assessment.repeat,
        created_at=decided_at,
        created_by=created_by,
        updated_at=decided_at,
        row_version=1,
    )
