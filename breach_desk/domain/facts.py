"""The facts of one breach (interchange format v1), as immutable values, each declared once.

These are what the officer knows; everything else is computed from them. Times are timezone-aware
(naive input is read as Europe/London by ``facts_io``).

Every field carries its declaration (``domain.declared.fact``): the label people read, the help
the published format gives, the wizard page and widget where it is entered, and the bounds the
format enforces. The JSON Schema, the format's description for users, the description's labels,
the export columns and the wizard's pages are derived from these declarations; a new fact is one
field here, one widget and, where it changes a decision, one rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from breach_desk.domain.declared import declared, fact
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


@declared
class Person:
    name: str | None = fact(default=None, max_length=200, blank_is_none=True)
    email: str | None = fact(default=None, max_length=320, blank_is_none=True)
    identifier: str | None = fact(
        default=None,
        help="Case/client number in the organisation's own systems.",
        max_length=100,
        blank_is_none=True,
    )


@declared
class Recipient:
    kind: RecipientKind = fact(
        help="trusted_professional = bound by a duty of confidentiality (e.g. another council, "
        "a solicitor, an NHS body)."
    )
    label: str | None = fact(
        default=None,
        help="e.g. 'Ex-partner of the data subject', 'Colleague in Finance'.",
        max_length=200,
        blank_is_none=True,
    )
    poses_risk_to_subject: bool | None = fact(
        default=None,
        help="Known to pose a risk of harm to an affected person: history of violence or assault "
        "against them, domestic abuse, harassment, a hostile party in proceedings. Leave it out "
        "when unknown: a risk recorded in an earlier breach about the same person is then carried "
        "forward (the method, section 2). Give false explicitly, with a risk_note saying why, to "
        "set such a carried risk aside.",
        schema_default=False,
    )
    """None: not known (a risk the register recorded is then carried forward, METHOD.md 2);
    False given with a ``risk_note``: such a risk set aside, the note saying why."""
    risk_note: str | None = fact(
        default=None,
        help="What is known, e.g. 'convicted of assault against Mr B in 2019'.",
        max_length=2000,
        blank_is_none=True,
    )
    deletion_confirmed: bool = fact(
        default=False,
        help="The recipient has confirmed in writing that the data was deleted or returned "
        "unread/unused.",
    )
    email: str | None = fact(
        default=None,
        help="For matching earlier breaches involving the same recipient.",
        max_length=320,
        blank_is_none=True,
    )


@declared
class Subjects:
    count: int = fact(
        label="Number of people",
        help="Approximate number of people whose data is involved.",
        widget="countSpin",
        minimum=1,
        maximum=10_000_000_000,
    )
    count_is_estimate: bool = fact(default=False, widget="countEstimateCheck")
    groups: tuple[SubjectGroup, ...] = fact(
        default=(), label="Groups", widget="groupsList", max_items=50, unique=True
    )
    vulnerable: bool = fact(
        default=False,
        label="Vulnerable people",
        help="At least one affected person is known to be vulnerable (e.g. victim of abuse, in "
        "mental-health crisis, a child in care).",
        widget="vulnerableCheck",
    )
    already_aware: bool = fact(
        default=False,
        label="Already aware of the breach",
        help="The affected people already know about the breach (e.g. they reported it).",
        widget="alreadyAwareCheck",
    )
    people: tuple[Person, ...] = fact(
        default=(),
        label="Named people",
        help="Identified affected people, for contact and for matching earlier breaches. Optional.",
        widget="peopleTable",
        max_items=1000,
    )


@declared
class DataInvolved:
    categories: tuple[DataCategory, ...] = fact(
        label="Kinds of data", widget="categoriesList", min_items=1, max_items=50, unique=True
    )
    records: int | None = fact(
        default=None, label="Records", widget="recordsSpin", minimum=0, maximum=1_000_000_000_000
    )
    extent: Extent = fact(
        default=Extent.LIMITED,
        label="Extent",
        help="Volume and detail for each person: minimal (a single fact such as being a client), "
        "limited (one document, a short period), extensive (a full file or a long history that "
        "allows profiling).",
        widget="extentCombo",
    )
    presence_reveals_category: bool = fact(
        default=False,
        label="Being in the data at all reveals a special category",
        help="Appearing in the data at all reveals a special category about the person: the "
        "patient list of an HIV, sexual-health, gender-identity, drug-and-alcohol or "
        "mental-health service; a trade union's membership list. Then 'minimal' extent does not "
        "lower the score (METHOD 1.2).",
        widget="presenceCheck",
    )
    """Appearing in the data at all reveals a special category (an HIV clinic's patient list):
    minimal extent then does not lower the DPC (METHOD 1.2)."""
    unintelligible: bool = fact(
        default=False,
        label="Unintelligible to others (encrypted, keys safe)",
        help="Protected so that it is unintelligible to whoever holds it: state-of-the-art "
        "encryption or salted hashing, with keys not compromised.",
        widget="unintelligibleCheck",
    )
    publicly_available: bool = fact(
        default=False,
        label="Already publicly available",
        help="The data was already public before the breach.",
        widget="publicCheck",
    )
    identifiability: Identifiability | None = fact(
        default=None,
        label="Ease of identification",
        help="How easily the people can be identified from the data. Omitted: the app proposes "
        "it (direct identifiers present = maximum).",
        widget="identifiabilityCombo",
    )


@declared
class Loss:
    confidentiality: Confidentiality = fact(
        label="Confidentiality",
        help="none; exposed (lost, stolen, left unsecured) with no evidence anyone saw it; "
        "disclosed to an identified set of recipients; disclosed to an unknown number "
        "(published, sold, exfiltrated by an attacker).",
        widget="confidentialityCombo",
    )
    integrity: Integrity = fact(default=Integrity.NONE, label="Integrity", widget="integrityCombo")
    availability: Availability = fact(
        default=Availability.NONE, label="Availability", widget="availabilityCombo"
    )
    outage_hours: float | None = fact(
        default=None,
        help="How long the data was unavailable, where availability was lost.",
        widget="outageSpin",
        minimum=0,
        maximum=1_000_000,
    )
    essential_service_disrupted: bool = fact(
        default=False,
        label="Essential service disrupted",
        help="People were denied or delayed a service that matters to them (care, treatment, "
        "payments) because of the breach.",
        widget="essentialCheck",
    )


@declared
class HarmReported:
    """Harm has already happened to someone because of the breach (METHOD 1.2): the likelihood
    is then 'occurred', with ``note`` as the reason."""

    note: str = fact(widget="harmNoteEdit", min_length=1, max_length=2000)
    at: date | datetime | PartialDate | None = fact(
        default=None,
        help="ISO 8601 date or date-time, at the precision known.",
        widget="harmAtEdit",
        max_length=64,
        moment="date",
    )


@declared
class Discovered:
    """How the organisation found out (METHOD 1.2): changes no decision."""

    kind: DiscoveredHow = fact(widget="discoveredCombo")
    note: str | None = fact(
        default=None, widget="discoveredNoteEdit", max_length=2000, blank_is_none=True
    )


@declared
class DpcAdjustment:
    value: int = fact(widget="dpcAdjustSpin", minimum=-3, maximum=3)
    reason: str = fact(widget="dpcReasonEdit", min_length=1, max_length=20_000)


@declared
class SeverityOverride:
    band: Band = fact(widget="overrideCombo")
    reason: str = fact(widget="overrideReasonEdit", min_length=1, max_length=20_000)


@declared
class Art34Exception:
    ground: Art34Ground = fact(
        widget="art34Combo",
        choices=(
            Art34Ground.RISK_NO_LONGER_LIKELY.value,
            Art34Ground.DISPROPORTIONATE_EFFORT.value,
        ),
    )
    reason: str = fact(widget="art34ReasonEdit", min_length=1, max_length=20_000)


@declared
class Assessor:
    dpc_adjustment: DpcAdjustment | None = fact(
        default=None, label="Adjustment to the data processing context"
    )
    severity_override: SeverityOverride | None = fact(
        default=None, label="Severity set by the officer"
    )
    art34_exception: Art34Exception | None = fact(
        default=None,
        label="Exception to telling the people",
        help="Art. 34(3)(b) or (c): why the affected people need not be told individually even "
        "though the risk is high. (a), unintelligible data, is a fact, not a judgement.",
        page="decisions",
    )


@declared
class Facts:
    title: str = fact(
        label="Title", page="basics", widget="titleEdit", min_length=1, max_length=200
    )
    aware_at: datetime = fact(
        label="When we became aware",
        help="ISO 8601 date-time when the organisation became aware it was a personal-data "
        "breach. The 72-hour ICO clock runs from here. Must not be before occurred_at.",
        page="basics",
        widget="awareEdit",
        max_length=64,
        moment="date-time",
    )
    subjects: Subjects = fact(page="people")
    data: DataInvolved = fact(page="data")
    loss: Loss = fact(page="happened")
    reference: str | None = fact(
        default=None,
        help="The organisation's own reference, e.g. IG-2021-014. Assigned by the app when absent.",
        page="basics",
        widget="referenceEdit",
        max_length=64,
        blank_is_none=True,
    )
    description: str | None = fact(
        default=None,
        label="What happened",
        help="What happened, in the officer's words. Free text: may contain any Unicode, angle "
        "brackets, ampersands.",
        page="basics",
        widget="descriptionEdit",
        max_length=100_000,
    )
    service: str | None = fact(
        default=None,
        label="Service",
        help="Organisational unit where it happened, e.g. Children's Services.",
        page="basics",
        widget="serviceCombo",
        max_length=200,
        blank_is_none=True,
    )
    occurred_at: date | datetime | PartialDate | None = fact(
        default=None,
        label="When it happened",
        help="ISO 8601 date or date-time when the breach happened (first occurrence), at the "
        "precision known: '2022', '2022-06', '2022-06-14' or a date-time. May be unknown (leave "
        "it out).",
        page="basics",
        widget="occurredEdit",
        max_length=64,
        moment="date",
    )
    """At the precision known: a date-time, a date, a month or a year; None: not known."""
    occurrences: int = fact(
        default=1,
        label="How many times it happened",
        help="How many separate times this disclosure/incident happened before it was stopped "
        "(e.g. an address sent on three occasions = 3).",
        page="happened",
        widget="occurrencesSpin",
        minimum=1,
        maximum=100_000,
    )
    cause: Cause = fact(
        default=Cause.UNKNOWN,
        label="Cause",
        help="malicious_* means intent: theft, hacking, deliberate misuse or disclosure by staff.",
        page="happened",
        widget="causeCombo",
    )
    cyber_incident: bool = fact(
        default=False, label="Cyber incident", page="happened", widget="cyberCheck"
    )
    discovered_how: Discovered | None = fact(
        default=None,
        label="How we found out",
        help="How the organisation found out about the breach (the ICO report form asks).",
        page="happened",
    )
    harm_reported: HarmReported | None = fact(
        default=None,
        label="Harm already reported",
        help="Harm has already happened to at least one person because of the breach (fraud "
        "reported, the recipient made contact, the data was published and used). Then the "
        "likelihood is 'occurred' (METHOD 1.2).",
        page="happened",
        widget="harmCheck",
    )
    recipients: tuple[Recipient, ...] = fact(
        default=(),
        label="Recipients",
        help="Who received or accessed the data, where known.",
        page="recipients",
        widget="recipientsTable",
        max_items=1000,
    )
    previous_related_breaches: tuple[str, ...] = fact(
        default=(),
        label="Earlier breaches linked by the officer",
        help="References of earlier breaches the officer knows are related (same person, same "
        "recipient, same cause). The app also finds these itself in its register.",
        page="recipients",
        max_items=1000,
        item_max_length=64,
    )
    containment: str | None = fact(
        default=None,
        label="Containment",
        help="What has been done to contain it so far.",
        page="happened",
        widget="containmentEdit",
        max_length=20_000,
    )
    assessor: Assessor = fact(
        default_factory=Assessor,
        help="The officer's own judgements where the method leaves room for them. Each needs a "
        "reason, which is printed in the report.",
        page="assessment",
    )

    def with_reference(self, reference: str) -> Facts:
        return replace(self, reference=reference)
