"""Rows in, domain values out; and the JSON the rows keep.

Stored facts and assessments use the interchange formats (facts v1, assessment v1), so what is
in the database reads the same as what the command line prints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson

from breach_desk.assessment_io import assessment_from_dict, assessment_to_dict
from breach_desk.domain.assessment import Assessment
from breach_desk.domain.enums import BreachStatus, OwnerRole, RecommendationStatus
from breach_desk.domain.facts import Facts
from breach_desk.domain.register import (
    AssessmentVersion,
    Breach,
    EvidenceFile,
    Recommendation,
    RemovedRecommendation,
    Transition,
)
from breach_desk.facts_io import facts_from_dict, facts_to_dict
from breach_desk.store.history import changes_between
from breach_desk.store.models import (
    BreachRow,
    EvidenceFileRow,
    RecommendationRow,
    TransitionRow,
    VersionRow,
    unpack,
)

_READ_BACK_AT = datetime(9000, 1, 1, tzinfo=UTC)
"""Stored facts were valid when saved; reading them back must not re-judge 'in the future'."""


def dumps(value: Any) -> str:
    """Compact JSON, characters as they are: what ``json.dumps(value, ensure_ascii=False,
    separators=(",", ":"))`` writes, three times as fast (a large import writes two per breach,
    one of them the 11 KB assessment)."""
    return orjson.dumps(value).decode("utf-8")


def facts_json(facts: Facts) -> str:
    return dumps(facts_to_dict(facts))


def load_facts(text: str) -> Facts:
    return facts_from_dict(orjson.loads(text), at=_READ_BACK_AT)


def stored_assessment(whole: dict[str, Any]) -> str:
    """The assessment as a version keeps it: format v1 without its facts, which the version
    keeps beside it (the same facts twice would be a tenth of the register's size)."""
    return dumps({k: v for k, v in whole.items() if k != "facts"})


def assessment_json(assessment: Assessment) -> str:
    return stored_assessment(assessment_to_dict(assessment))


def load_assessment(stored: str | bytes, facts: Facts) -> Assessment:
    """A stored assessment as it was decided, with its version's facts."""
    return assessment_from_dict(orjson.loads(unpack(stored)), facts)


def outcome(assessment: Assessment) -> dict[str, Any]:
    """The columns of ``breaches`` that summarise the latest assessment."""
    return {
        "band": assessment.severity.band.value,
        "likelihood": assessment.likelihood.value,
        "risk": assessment.risk.value,
        "ico_report": assessment.ico.report,
        "ico_deadline": assessment.ico.deadline if assessment.ico.report else None,
        "notify_subjects": assessment.data_subjects.notify,
        "is_repeat": assessment.is_repeat,
    }


def outcome_for_audit(assessment: Assessment) -> dict[str, Any]:
    a = assessment
    return {
        "severity": a.severity.band.value,
        "score": a.severity.score,
        "likelihood": a.likelihood.value,
        "risk": a.risk.value,
        "ico_report": a.ico.report,
        "ico_deadline": a.ico.deadline.isoformat() if a.ico.report else None,
        "notify_subjects": a.data_subjects.notify,
        "repeat_of": [m.reference for m in a.repeat],
    }


def to_versions(rows: Sequence[VersionRow]) -> tuple[AssessmentVersion, ...]:
    out: list[AssessmentVersion] = []
    previous: tuple[dict[str, Any], Assessment] | None = None
    for row in rows:
        try:
            facts_dict = json.loads(row.facts)
            facts = facts_from_dict(facts_dict, at=_READ_BACK_AT)
            assessment = load_assessment(row.assessment, facts)
        except (ValueError, KeyError, TypeError) as exc:
            from breach_desk.domain.errors import StoreError

            raise StoreError(
                f"version {row.number} of this breach holds a value Breach Desk cannot read "
                f"({str(exc)[:80]}): it was changed outside Breach Desk; breach-desk audit "
                "recheck lists what is affected"
            ) from None
        changes = changes_between(previous, (facts_dict, assessment)) if previous else ()
        out.append(
            AssessmentVersion(
                number=row.number,
                facts=facts,
                assessment=assessment,
                created_at=row.created_at,
                created_by=row.created_by,
                reason=row.reason,
                removed=tuple(
                    RemovedRecommendation(r["code"], r["reason"]) for r in json.loads(row.removed)
                ),
                changes=tuple(changes),
                ico_delay_reason=row.ico_delay_reason,
            )
        )
        previous = (facts_dict, assessment)
    return tuple(out)


def to_recommendation(
    row: RecommendationRow,
    reference: str,
    transitions: Sequence[TransitionRow],
    files: Sequence[EvidenceFileRow],
) -> Recommendation:
    first = RecommendationStatus.REJECTED if row.removed_reason else RecommendationStatus.OPEN
    created = Transition(row.created_at, row.created_by, None, first, row.removed_reason)
    changes = [
        Transition(
            at=t.at,
            by=t.by,
            from_status=RecommendationStatus(t.from_status) if t.from_status else None,
            to_status=RecommendationStatus(t.to_status),
            reason=t.reason,
            evidence=t.evidence,
        )
        for t in transitions
    ]
    return Recommendation(
        id=row.id,
        breach_reference=reference,
        code=row.code,
        text=row.text,
        owner_role=OwnerRole(row.owner_role),
        due_date=row.due_date,
        status=RecommendationStatus(row.status),
        service=row.service,
        owner=row.owner,
        why=row.why,
        evidence=row.evidence,
        done_by=row.done_by,
        done_at=row.done_at,
        verified_by=row.verified_by,
        verified_at=row.verified_at,
        removed_reason=row.removed_reason,
        history=(created, *changes),
        files=tuple(
            EvidenceFile(f.id, f.name, f.size, f.sha256, f.added_by, f.added_at) for f in files
        ),
    )


def to_breach(
    row: BreachRow,
    versions: tuple[AssessmentVersion, ...],
    recommendations: tuple[Recommendation, ...],
) -> Breach:
    latest = versions[-1]
    return Breach(
        reference=row.reference,
        status=BreachStatus(row.status),
        facts=latest.facts,
        versions=versions,
        recommendations=recommendations,
        related=latest.assessment.repeat,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        row_version=row.row_version,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        updated_by=row.updated_by,
    )
