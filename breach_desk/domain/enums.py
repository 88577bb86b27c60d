"""The vocabulary of the method: every closed set of values in the facts and the assessment."""

from __future__ import annotations

from enum import StrEnum


class Cause(StrEnum):
    HUMAN_ERROR = "human_error"
    TECHNICAL_FAULT = "technical_fault"
    MALICIOUS_INTERNAL = "malicious_internal"
    MALICIOUS_EXTERNAL = "malicious_external"
    UNKNOWN = "unknown"

    @property
    def malicious(self) -> bool:
        return self in _MALICIOUS


# Python 3.11 reads a member from its enum class slowly (through the enum metaclass's
# __getattr__): what the method asks on every assessment is looked up in module constants.
_MALICIOUS = frozenset({Cause.MALICIOUS_INTERNAL, Cause.MALICIOUS_EXTERNAL})


class SubjectGroup(StrEnum):
    EMPLOYEES = "employees"
    CUSTOMERS = "customers"
    SERVICE_USERS = "service_users"
    PATIENTS = "patients"
    CHILDREN = "children"
    VULNERABLE_ADULTS = "vulnerable_adults"
    STUDENTS = "students"
    TENANTS = "tenants"
    PUBLIC = "public"
    OTHER = "other"


class DataCategory(StrEnum):
    BASIC_IDENTIFIERS = "basic_identifiers"
    CONTACT_DETAILS = "contact_details"
    LOCATION = "location"
    IDENTIFICATION_DOCUMENTS = "identification_documents"
    CREDENTIALS = "credentials"
    BEHAVIOURAL = "behavioural"
    FINANCIAL = "financial"
    PAYMENT_CARD = "payment_card"
    HEALTH = "health"
    MENTAL_HEALTH = "mental_health"
    SEXUAL_LIFE = "sexual_life"
    SEXUAL_ORIENTATION = "sexual_orientation"
    RACIAL_OR_ETHNIC_ORIGIN = "racial_or_ethnic_origin"
    POLITICAL_OPINIONS = "political_opinions"
    RELIGIOUS_BELIEFS = "religious_beliefs"
    TRADE_UNION = "trade_union"
    GENETIC = "genetic"
    BIOMETRIC = "biometric"
    CRIMINAL_OFFENCE = "criminal_offence"
    SOCIAL_CARE = "social_care"
    OTHER = "other"


class Extent(StrEnum):
    MINIMAL = "minimal"
    LIMITED = "limited"
    EXTENSIVE = "extensive"


class Identifiability(StrEnum):
    NEGLIGIBLE = "negligible"
    LIMITED = "limited"
    SIGNIFICANT = "significant"
    MAXIMUM = "maximum"


class Confidentiality(StrEnum):
    NONE = "none"
    EXPOSED_NO_EVIDENCE_OF_ACCESS = "exposed_no_evidence_of_access"
    KNOWN_RECIPIENTS = "known_recipients"
    UNKNOWN_RECIPIENTS = "unknown_recipients"


class Integrity(StrEnum):
    NONE = "none"
    ALTERED_RECOVERED = "altered_recovered"
    ALTERED_RECOVERABLE = "altered_recoverable"
    ALTERED_UNRECOVERABLE = "altered_unrecoverable"


class Availability(StrEnum):
    NONE = "none"
    RESTORED_WITHOUT_DIFFICULTY = "restored_without_difficulty"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"


class DiscoveredHow(StrEnum):
    """How the organisation found out about the breach (METHOD 1.2; the ICO form asks)."""

    STAFF_REPORTED = "staff_reported"
    RECIPIENT_TOLD_US = "recipient_told_us"
    AFFECTED_PERSON_TOLD_US = "affected_person_told_us"
    COMPLAINT = "complaint"
    MONITORING_OR_AUDIT = "monitoring_or_audit"
    THIRD_PARTY = "third_party"
    POLICE_OR_ICO = "police_or_ico"
    MEDIA = "media"
    OTHER = "other"


class RecipientKind(StrEnum):
    INTERNAL_STAFF = "internal_staff"
    TRUSTED_PROFESSIONAL = "trusted_professional"
    PARTNER_ORGANISATION = "partner_organisation"
    MEMBER_OF_PUBLIC = "member_of_public"
    ATTACKER = "attacker"
    UNKNOWN = "unknown"


class Band(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def rank(self) -> int:
        return _BAND_RANK[self]

    @classmethod
    def from_rank(cls, rank: int) -> Band:
        return _BAND_ORDER[max(0, min(rank, 3))]


_BAND_ORDER = (Band.LOW, Band.MEDIUM, Band.HIGH, Band.VERY_HIGH)
_BAND_RANK = {band: rank for rank, band in enumerate(_BAND_ORDER)}


class Likelihood(StrEnum):
    REMOTE = "remote"
    POSSIBLE = "possible"
    LIKELY = "likely"
    OCCURRED = "occurred"

    @property
    def rank(self) -> int:
        return _LIKELIHOOD_RANK[self]


_LIKELIHOOD_ORDER = (Likelihood.REMOTE, Likelihood.POSSIBLE, Likelihood.LIKELY, Likelihood.OCCURRED)
_LIKELIHOOD_RANK = {likelihood: rank for rank, likelihood in enumerate(_LIKELIHOOD_ORDER)}


class Risk(StrEnum):
    UNLIKELY = "unlikely"
    RISK = "risk"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RISK_RANK[self]


_RISK_RANK = {Risk.UNLIKELY: 0, Risk.RISK: 1, Risk.HIGH: 2}


class Art34Ground(StrEnum):
    UNINTELLIGIBLE = "unintelligible"
    RISK_NO_LONGER_LIKELY = "risk_no_longer_likely"
    DISPROPORTIONATE_EFFORT = "disproportionate_effort"


class OwnerRole(StrEnum):
    IG = "ig"
    SERVICE = "service"
    IT = "it"


class BreachStatus(StrEnum):
    DRAFT = "draft"
    ASSESSED = "assessed"
    CLOSED = "closed"


class RecommendationStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    VERIFIED = "verified"
    REJECTED = "rejected"

    @property
    def finished(self) -> bool:
        """Finished for closing a breach: verified or rejected."""
        return self in (RecommendationStatus.VERIFIED, RecommendationStatus.REJECTED)


ART9_CATEGORIES = frozenset(
    {
        DataCategory.HEALTH,
        DataCategory.MENTAL_HEALTH,
        DataCategory.SEXUAL_LIFE,
        DataCategory.SEXUAL_ORIENTATION,
        DataCategory.RACIAL_OR_ETHNIC_ORIGIN,
        DataCategory.POLITICAL_OPINIONS,
        DataCategory.RELIGIOUS_BELIEFS,
        DataCategory.TRADE_UNION,
        DataCategory.GENETIC,
        DataCategory.BIOMETRIC,
    }
)
"""The special categories of personal data (UK GDPR Art. 9)."""

SENSITIVE_CATEGORIES = ART9_CATEGORIES | {DataCategory.CRIMINAL_OFFENCE, DataCategory.SOCIAL_CARE}
"""ENISA's 'sensitive' row (base 4): the Art. 9 special categories, criminal offence data
(Art. 10, not a special category) and social care records (not a special category in
themselves, but often holding health data)."""
