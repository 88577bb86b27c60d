"""What the register keeps about a breach, as plain values handed out by the store.

The store returns these, never ORM instances; the GUI, the reports and the command line read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from breach_desk.domain.assessment import Assessment, RepeatMatch
from breach_desk.domain.clock import is_overdue
from breach_desk.domain.enums import (
    Band,
    BreachStatus,
    OwnerRole,
    RecommendationStatus,
    Risk,
)
from breach_desk.domain.facts import Facts


class Role:
    """Who a user is to Breach Desk (METHOD.md section 5; issue 6)."""

    IG_OFFICER = "ig_officer"
    SERVICE_MANAGER = "service_manager"
    AUDITOR = "auditor"
    ALL = (IG_OFFICER, SERVICE_MANAGER, AUDITOR)
    LABELS = {
        IG_OFFICER: "IG officer",
        SERVICE_MANAGER: "Service manager",
        AUDITOR: "Auditor",
    }


@dataclass(frozen=True, slots=True)
class Transition:
    """One change of a recommendation's status: who, when, from what, to what, why."""

    at: datetime
    by: str
    from_status: RecommendationStatus | None
    to_status: RecommendationStatus
    reason: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    id: int
    name: str
    size: int
    sha256: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class Recommendation:
    id: int
    breach_reference: str
    code: str
    text: str
    owner_role: OwnerRole
    due_date: date
    status: RecommendationStatus
    service: str | None = None
    owner: str | None = None
    """The person responsible, when named (a login or a name)."""
    why: str = ""
    evidence: str | None = None
    done_by: str | None = None
    done_at: datetime | None = None
    verified_by: str | None = None
    verified_at: datetime | None = None
    removed_reason: str | None = None
    history: tuple[Transition, ...] = ()
    files: tuple[EvidenceFile, ...] = ()

    def overdue(self, at: datetime | None = None) -> bool:
        """Not done by the end of its due day (Europe/London)."""
        waiting = self.status in (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)
        return waiting and is_overdue(self.due_date, at)


@dataclass(frozen=True, slots=True)
class AssessmentVersion:
    """A finalised assessment: never changes once stored. Reassessment adds version n+1."""

    number: int
    facts: Facts
    assessment: Assessment
    created_at: datetime
    created_by: str
    reason: str | None = None
    """Why it was reassessed (None for version 1)."""


@dataclass(frozen=True, slots=True)
class BreachSummary:
    """One row of the register list."""

    reference: str
    title: str
    service: str | None
    status: BreachStatus
    aware_at: datetime
    band: Band | None
    risk: Risk | None
    ico_report: bool
    ico_deadline: datetime | None
    ico_reported: bool
    is_repeat: bool
    open_recommendations: int
    overdue_recommendations: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Breach:
    """Everything the register keeps about one breach."""

    reference: str
    status: BreachStatus
    facts: Facts
    versions: tuple[AssessmentVersion, ...]
    recommendations: tuple[Recommendation, ...]
    related: tuple[RepeatMatch, ...]
    created_at: datetime
    created_by: str
    updated_at: datetime
    row_version: int
    """Optimistic-locking counter: a save based on an older value is refused."""
    closed_at: datetime | None = None
    closed_by: str | None = None

    @property
    def latest(self) -> AssessmentVersion | None:
        return self.versions[-1] if self.versions else None
