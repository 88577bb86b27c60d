"""What the register keeps about a breach, as plain values handed out by the store.

The store returns these, never ORM instances; the GUI, the reports and the command line read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from breach_desk.domain.assessment import Assessment, ProposedRecommendation, RepeatMatch
from breach_desk.domain.clock import is_overdue
from breach_desk.domain.enums import (
    Band,
    BreachStatus,
    OwnerRole,
    RecommendationStatus,
    Risk,
)
from breach_desk.domain.facts import Facts
from breach_desk.domain.notification import NONE, Clock, Notifications, ico_clock
from breach_desk.domain.oldlog import OldLogEntry


class Role:
    """Who a user is to Breach Desk (METHOD.md section 5; issue 6)."""

    IG_OFFICER = "ig_officer"
    SERVICE_MANAGER = "service_manager"
    AUDITOR = "auditor"
    ALL = (IG_OFFICER, SERVICE_MANAGER, AUDITOR)
    LABELS: ClassVar[dict[str, str]] = {
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
    removed: tuple[RemovedRecommendation, ...] = ()
    """Recommendations the officer removed at this version, each with the reason."""
    changes: tuple[FieldChange, ...] = ()
    """What changed since the previous version: facts and outcome (empty for version 1)."""
    ico_delay_reason: str | None = None
    """The reasons for reporting to the ICO after the 72 hours (UK GDPR Art. 33(1)), as the
    officer gave them when finalising this version (None when not late, or not given)."""


@dataclass(frozen=True, slots=True)
class CloseApproval:
    """A second IG officer's recorded approval to close the breach (four eyes, METHOD section
    5): who gave it, when, and why. A recommendation rejected after it makes it void."""

    at: datetime
    by: str
    reason: str
    void_since: datetime | None = None
    """When a recommendation was first rejected after it, making it void (None: it stands)."""

    @property
    def void(self) -> bool:
        return self.void_since is not None


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
    ico_reported_at: datetime | None = None
    """When the report to the ICO was made, as recorded (None: not recorded)."""
    ico_delay_given: bool = False
    """The recorded report gives the reasons for its delay."""
    from_old_log: bool = False
    """Brought in from the organisation's old breach log (history: no clock, no actions)."""
    aware_as_logged: str | None = None
    """From the old log: its date at the precision it gave ('2021-06-15T10:30', '2021-06',
    '2021'); ``aware_at`` is then only the first moment it can mean, for ordering."""

    def aware_words(self) -> str | None:
        """The old log's date in words at its precision ('June 2021'), else None."""
        if not self.aware_as_logged:
            return None
        from breach_desk.domain.oldlog import date_words

        return date_words(self.aware_as_logged)

    complaint_received: date | None = None
    """The earliest complaint about it still waiting for acknowledgement: when it came in."""

    def clock(self, at: datetime) -> Clock:
        """The ICO clock at ``at`` (``domain/notification.ico_clock``)."""
        return ico_clock(
            self.ico_report,
            self.aware_at,
            self.ico_reported_at,
            at,
            delay_reason_given=self.ico_delay_given,
        )


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
    updated_by: str = ""
    notifications: Notifications = NONE
    """The report to the ICO, its follow-ups and response, and the telling of the people."""
    old_log: OldLogEntry | None = None
    """Where it came from when it was brought in from the old breach log; with no versions,
    ``facts`` holds only what the log said (title, service, dates, people), for display."""
    close_approvals: tuple[CloseApproval, ...] = ()
    """Second IG officers' approvals to close it, oldest first, void ones included."""

    def clock(self, at: datetime) -> Clock:
        """The ICO clock at ``at``, from the latest assessment and the recorded report."""
        latest = self.latest
        report = self.notifications.ico
        return ico_clock(
            latest is not None and latest.assessment.ico.report,
            self.facts.aware_at,
            report.reported_at if report else None,
            at,
            delay_reason_given=bool(report and report.delay_reason),
        )

    @property
    def latest(self) -> AssessmentVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def title(self) -> str:
        return self.facts.title


@dataclass(frozen=True, slots=True)
class PlannedRecommendation:
    """A recommendation as the officer settled it in the wizard, before it is tracked."""

    code: str
    text: str
    owner_role: OwnerRole
    due_date: date
    owner: str | None = None
    why: str = ""

    @classmethod
    def from_proposed(cls, proposed: ProposedRecommendation) -> PlannedRecommendation:
        return cls(
            proposed.code, proposed.text, proposed.owner_role, proposed.due_date, None, proposed.why
        )


@dataclass(frozen=True, slots=True)
class RemovedRecommendation:
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One difference between two versions: a dotted path into the facts (or ``outcome.*``)."""

    path: str
    before: object
    after: object


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """A wizard draft, autosaved: offered back after a crash."""

    id: int
    title: str
    updated_at: datetime
    reference_being_reassessed: str | None = None
    page: int | None = None
    """The wizard page it was saved at (0 = the first)."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the audit log: who did what, when, before and after, and why."""

    seq: int
    at: datetime
    actor: str
    action: str
    reference: str | None
    before: object
    after: object
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The outcome of checking the audit chain."""

    ok: bool
    entries: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""
    notes: tuple[str, ...] = ()
    """What the check noticed that is not a break: breaks acknowledged, witnesses set aside."""
