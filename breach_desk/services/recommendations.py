"""Settling the officer's list of recommendations when a version is finalised.

New breach: every planned recommendation is tracked (open); each removed one is kept too,
rejected from the start with the officer's reason, so nothing the method proposed disappears
without a trace. Reassessment keeps what is already tracked as it is and adds new codes. The
store writes the plan as it is given (``store/breaches``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from breach_desk.domain import vocabulary
from breach_desk.domain.assessment import Assessment, ProposedRecommendation
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.errors import InvalidChange
from breach_desk.domain.plan import NewRecommendation, RecommendationPlan, Tracked
from breach_desk.domain.register import PlannedRecommendation
from breach_desk.method.note import write_note

_OPEN = ("open", "in_progress")


def noted(
    assessment: Assessment, work: RecommendationPlan, delay_reason: str | None = None
) -> Assessment:
    """``assessment`` with its decision note written against the plan as stored (and the
    reasons for a late report to the ICO, when given)."""
    return replace(assessment, note=write_note(assessment, work.stored, delay_reason))


def settle(
    assessment: Assessment,
    planned: Sequence[PlannedRecommendation] | None,
    removed: Sequence[tuple[str, str]],
    existing: Mapping[str, Tracked],
) -> tuple[list[PlannedRecommendation], list[tuple[str, str]]]:
    """Check the officer's list against what the method proposed; None means 'as proposed'."""
    reasons: dict[str, str] = {}
    for code, reason in removed:
        if not reason or not reason.strip():
            raise InvalidChange(f"removing “{_named(code)}” needs a reason")
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
        raise InvalidChange(f"{_names(duplicates)}: listed twice")
    for p in kept:
        if not p.code.strip() or len(p.code) > 64:
            raise InvalidChange("every recommendation needs a code of at most 64 characters")
        if not p.text.strip():
            raise InvalidChange(f"“{_named(p.code)}” needs a text")
        if p.code in reasons:
            raise InvalidChange(f"“{_named(p.code, p.text)}” is both kept and removed")
    dropped = [c for c in proposed if c not in codes and c not in reasons and c not in existing]
    if dropped:
        raise InvalidChange(
            f"the method proposed {_names(dropped)}: removing a recommendation needs a reason"
        )
    for code in reasons:
        if code not in proposed and code not in existing:
            raise InvalidChange(f"“{_named(code)}” is not among this breach's recommendations")
    return kept, list(reasons.items())


def _named(code: str, text: str = "") -> str:
    """A recommendation in a sentence: its name ('Report to the ICO'), never its code."""
    return vocabulary.recommendation_title(code, text)


def _names(codes: Sequence[str]) -> str:
    return ", ".join(f"“{_named(c)}”" for c in codes)


def plan(
    assessment: Assessment,
    planned: Sequence[PlannedRecommendation] | None,
    removed: Sequence[tuple[str, str]],
    existing: Mapping[str, Tracked],
) -> RecommendationPlan:
    """What finalising this version does to the breach's tracked recommendations."""
    kept, reasons = settle(assessment, planned, removed, existing)
    proposed: dict[str, ProposedRecommendation] = {p.code: p for p in assessment.recommendations}
    out = RecommendationPlan()
    rejected = {code for code, _reason in reasons}
    out.stored = [
        PlannedRecommendation(t.code, t.text, t.owner_role, t.due_date, t.owner, t.why)
        for t in sorted(existing.values(), key=lambda t: t.id)
        if t.status != "rejected" and t.code not in rejected
    ]
    out.stored += [p for p in kept if p.code not in existing]
    out.create = [NewRecommendation(p) for p in kept if p.code not in existing]
    for code, reason in reasons:
        out.removed.append({"code": code, "reason": reason})
        tracked = existing.get(code)
        if tracked is not None:
            if tracked.status in ("done", "verified"):
                name = vocabulary.recommendation_title(code, tracked.text)
                state = vocabulary.label(RecommendationStatus(tracked.status)).lower()
                raise InvalidChange(
                    f"recommendation {tracked.id} ({name}) is already {state}: keep it"
                )
            if tracked.status in _OPEN:
                out.reject.append((tracked, reason))
            continue
        was = proposed[code]
        as_proposed = PlannedRecommendation(
            code, was.text, was.owner_role, was.due_date, None, was.why
        )
        out.create.append(NewRecommendation(as_proposed, rejected_because=reason))
    return out
