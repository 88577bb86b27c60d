"""The officer's settled recommendations for one finalised version, as the store writes them.

The services work the plan out (``services/recommendations``: checking the officer's list
against what the method proposed, writing the decision note against it); the store only turns
it into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from breach_desk.domain.enums import OwnerRole
from breach_desk.domain.register import PlannedRecommendation


@dataclass(frozen=True, slots=True)
class Tracked:
    """A recommendation the breach already tracks, as the plan for a reassessment reads it."""

    id: int
    code: str
    text: str
    owner_role: OwnerRole
    due_date: date
    status: str
    owner: str | None = None
    why: str = ""


@dataclass(frozen=True, slots=True)
class NewRecommendation:
    """A recommendation to start tracking: open, or rejected from the start with the officer's
    reason (a proposed one the officer removed, kept so that nothing disappears untraced)."""

    recommendation: PlannedRecommendation
    rejected_because: str | None = None


@dataclass
class RecommendationPlan:
    create: list[NewRecommendation] = field(default_factory=list)
    reject: list[tuple[Tracked, str]] = field(default_factory=list)
    """Tracked recommendations still waiting that the officer removed, with the reason."""
    removed: list[dict[str, str]] = field(default_factory=list)
    """For the version record: [{code, reason}]."""
    stored: list[PlannedRecommendation] = field(default_factory=list)
    """The plan as it stands once this version is stored: what is tracked and not rejected,
    with the officer's own owners and due dates."""

    @property
    def opened(self) -> list[str]:
        """The codes of the recommendations this version starts tracking as open."""
        return [c.recommendation.code for c in self.create if c.rejected_because is None]
