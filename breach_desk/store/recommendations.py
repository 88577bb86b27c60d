"""Turning the officer's settled list into tracked recommendations when a version is finalised.

New breach: every planned recommendation is tracked (open); each removed one is kept too,
rejected from the start with the officer's reason, so nothing the method proposed disappears
without a trace. Reassessment keeps what is already tracked as it is and adds new codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from breach_desk.domain.assessment import Assessment, ProposedRecommendation
from breach_desk.domain.enums import OwnerRole
from breach_desk.domain.register import PlannedRecommendation
from breach_desk.method.note import write_note
from breach_desk.store.errors import InvalidChange
from breach_desk.store.models import RecommendationRow

_OPEN = ("open", "in_progress")


@dataclass
class Plan:
    create: list[dict[str, Any]] = field(default_factory=list)
    reject: list[tuple[RecommendationRow, str]] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    """For the version record: [{code, reason}]."""
    stored: list[PlannedRecommendation] = field(default_factory=list)
    """The plan as it stands once this version is stored: what is tracked and not rejected,
    with the officer's own owners and due dates."""

    def noted(self, assessment: Assessment, delay_reason: str | None = None) -> Assessment:
        """``assessment`` with its decision note written against the plan as stored (and the
        reasons for a late report to the ICO, when given)."""
        return replace(assessment, note=write_note(assessment, self.stored, delay_reason))


def settle(
    assessment: Assessment,
    planned: Sequence[PlannedRecommendation] | None,
    removed: Sequence[tuple[str, str]],
    existing: dict[str, RecommendationRow],
) -> tuple[list[PlannedRecommendation], list[tuple[str, str]]]:
    """Check the officer's list against what the method proposed; None means 'as proposed'."""
    reasons: dict[str, str] = {}
    for code, reason in removed:
        if not reason or not reason.strip():
            raise InvalidChange(f"removing recommendation {code} needs a reason")
        reasons[code] = reason.strip()
    proposed = {p.code: p for p in assessment.recommendations}
    if planned is None:
        kept = [PlannedRecommendation.from_proposed(p) for p in proposed.values()]
        kept = [p for p in kept if p.code not in reasons]
    else:
        kept = list(planned)
    codes = [p.code for p in kept]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise InvalidChange(f"recommendation {', '.join(duplicates)} is listed twice")
    for p in kept:
        if not p.code.strip() or len(p.code) > 64:
            raise InvalidChange("every recommendation needs a code of at most 64 characters")
        if not p.text.strip():
            raise InvalidChange(f"recommendation {p.code} needs a text")
        if p.code in reasons:
            raise InvalidChange(f"recommendation {p.code} is both kept and removed")
    dropped = [c for c in proposed if c not in codes and c not in reasons and c not in existing]
    if dropped:
        raise InvalidChange(
            f"the method proposed {', '.join(dropped)}: removing a recommendation needs a reason"
        )
    for code in reasons:
        if code not in proposed and code not in existing:
            raise InvalidChange(f"{code} is not among this breach's recommendations")
    return kept, list(reasons.items())


def plan(
    assessment: Assessment,
    planned: Sequence[PlannedRecommendation] | None,
    removed: Sequence[tuple[str, str]],
    existing: dict[str, RecommendationRow],
    *,
    breach_id: int,
    version: int,
    service: str | None,
    at: datetime,
    actor: str,
) -> Plan:
    kept, reasons = settle(assessment, planned, removed, existing)
    proposed: dict[str, ProposedRecommendation] = {p.code: p for p in assessment.recommendations}
    out = Plan()
    base = {
        "breach_id": breach_id,
        "service": service,
        "added_in_version": version,
        "created_at": at,
        "created_by": actor,
        "updated_at": at,
        "row_version": 1,
        "evidence": None,
        "done_by": None,
        "done_at": None,
        "verified_by": None,
        "verified_at": None,
    }
    rejected = {code for code, _reason in reasons}
    out.stored = [
        PlannedRecommendation(
            row.code, row.text, OwnerRole(row.owner_role), row.due_date, row.owner, row.why or ""
        )
        for row in sorted(existing.values(), key=lambda r: r.id)
        if row.status != "rejected" and row.code not in rejected
    ]
    out.stored += [p for p in kept if p.code not in existing]
    for p in kept:
        if p.code in existing:
            continue
        out.create.append(
            base
            | {
                "code": p.code,
                "text": p.text,
                "owner_role": p.owner_role.value,
                "owner": p.owner,
                "due_date": p.due_date,
                "status": "open",
                "why": p.why,
                "removed_reason": None,
            }
        )
    for code, reason in reasons:
        out.removed.append({"code": code, "reason": reason})
        row = existing.get(code)
        if row is not None:
            if row.status in ("done", "verified"):
                raise InvalidChange(f"recommendation {code} is already {row.status}: keep it")
            if row.status in _OPEN:
                out.reject.append((row, reason))
            continue
        was = proposed[code]
        out.create.append(
            base
            | {
                "code": code,
                "text": was.text,
                "owner_role": was.owner_role.value,
                "owner": None,
                "due_date": was.due_date,
                "status": "rejected",
                "why": was.why,
                "removed_reason": reason,
            }
        )
    return out
