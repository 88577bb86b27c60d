"""The facts of one breach (interchange format v1), as immutable values.

These are what the officer knows; everything else is computed from them. Times are timezone-aware
(naive input is read as Europe/London by ``facts_io``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from breach_desk.domain.enums import (
    Art34Ground,
    Availability,
    Band,
    Cause,
    Confidentiality,
    DataCategory,
    DiscoveredHow,
    Extent,
    Identifiability,
    Integrity,
    RecipientKind,
    SubjectGroup,
)

FACTS_FORMAT = "breach-desk/facts/1"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A day known only to its year, or its year and month (``occurred_at`` '2022', '2022-06'):
    people often know when a breach happened only that well."""

    year: int
    month: int | None = None

    def isoformat(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, 1)


@dataclass(frozen=True, slots=True)
class Person:
    name: str | None = None
    email: str | None = None
    identifier: str | None = None


@dataclass(frozen=True, slots=True)
class Recipient:
    kind: RecipientKind
    label: str | None = None
    poses_risk_to_subject: bool | None = None
    """None: not known (a risk the register recorded is then carried forward, METHOD.md 2);
    False given with a ``risk_note``: such a risk set aside, the note saying why."""
    risk_note: str | None = None
    deletion_confirmed: bool = False
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Subjects:
    count: int
    count_is_estimate: bool = False
    groups: tuple[SubjectGroup, ...] = ()
    vulnerable: bool = False
    already_aware: bool = False
    people: tuple[Person, ...] = ()


@dataclass(frozen=True, slots=True)
class DataInvolved:
    categories: tuple[DataCategory, ...]
    records: int | None = None
    extent: Extent = Extent.LIMITED
    presence_reveals_category: bool = False
    """Appearing in the data at all reveals a special category (an HIV clinic's patient list):
    minimal extent then does not lower the DPC (METHOD 1.2)."""
    unintelligible: bool = False
    publicly_available: bool = False
    identifiability: Identifiability | None = None


@dataclass(frozen=True, slots=True)
class Loss:
    confidentiality: Confidentiality
    integrity: Integrity = Integrity.NONE
    availability: Availability = Availability.NONE
    outage_hours: float | None = None
    essential_service_disrupted: bool = False


@dataclass(frozen=True, slots=True)
class HarmReported:
    """Harm has already happened to someone because of the breach (METHOD 1.2): the likelihood
    is then 'occurred', with ``note`` as the reason."""

    note: str
    at: date | datetime | PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Discovered:
    """How the organisation found out (METHOD 1.2): changes no decision."""

    kind: DiscoveredHow
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DpcAdjustment:
    value: int
    reason: str


@dataclass(frozen=True, slots=True)
class SeverityOverride:
    band: Band
    reason: str


@dataclass(frozen=True, slots=True)
class Art34Exception:
    ground: Art34Ground
    reason: str


@dataclass(frozen=True, slots=True)
class Assessor:
    dpc_adjustment: DpcAdjustment | None = None
    severity_override: SeverityOverride | None = None
    art34_exception: Art34Exception | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    title: str
    aware_at: datetime
    subjects: Subjects
    data: DataInvolved
    loss: Loss
    reference: str | None = None
    description: str | None = None
    service: str | None = None
    occurred_at: date | datetime | PartialDate | None = None
    """At the precision known: a date-time, a date, a month or a year; None: not known."""
    occurrences: int = 1
    cause: Cause = Cause.UNKNOWN
    cyber_incident: bool = False
    discovered_how: Discovered | None = None
    harm_reported: HarmReported | None = None
    recipients: tuple[Recipient, ...] = ()
    previous_related_breaches: tuple[str, ...] = ()
    containment: str | None = None
    assessor: Assessor = field(default_factory=Assessor)

    def with_reference(self, reference: str) -> Facts:
        return replace(self, reference=reference)
