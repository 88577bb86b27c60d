"""One vocabulary: every value a person reads, in their words, from one place.

Every enum value of the facts, the assessment and the tracking (categories, recipient kinds,
causes, bands, statuses, roles, recommendations) has exactly one label here, and where it helps,
one sentence of explanation quoting the ENISA 2013 or ICO example behind it. The window, the
reports, the decision note, the exports and the command line all take their words from here, so
a value reads the same wherever it appears. Labels follow the regulator (aware, report to the
ICO, tell the people, special category, likelihood) and METHOD.md version 1.1: criminal offence
data is Art. 10 (not a special category); social care records are not a special category in
themselves; the ENISA row they all share is "sensitive data (ENISA)".

No Qt and no I/O: the GUI's combo boxes are built from the ``Choice`` tuples below.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from breach_desk.domain.enums import (
    Art34Ground,
    Availability,
    Band,
    BreachStatus,
    Cause,
    Confidentiality,
    DataCategory,
    DiscoveredHow,
    Extent,
    Identifiability,
    Integrity,
    Likelihood,
    OwnerRole,
    RecipientKind,
    RecommendationStatus,
    Risk,
    SubjectGroup,
)


@dataclass(frozen=True, slots=True)
class Choice:
    """One value with its label and (optionally) a sentence saying what it means."""

    value: str
    label: str
    tip: str = ""


_TERMS: dict[type[StrEnum], dict[str, Choice]] = {}


def _define(enum: type[StrEnum], *entries: Choice) -> tuple[Choice, ...]:
    """Register the words of every member of ``enum``; a member left out fails at import."""
    by_value = {c.value: c for c in entries}
    missing = sorted({m.value for m in enum} - set(by_value))
    extra = sorted(set(by_value) - {m.value for m in enum})
    if missing or extra or len(by_value) != len(entries):
        raise AssertionError(f"vocabulary for {enum.__name__}: missing {missing}, extra {extra}")
    _TERMS[enum] = by_value
    return tuple(entries)


def choices_of(enum: type[StrEnum]) -> tuple[Choice, ...]:
    """The words of every member of ``enum``, in the vocabulary's order."""
    return tuple(_TERMS[enum].values())


_c = Choice

# ---- Sources, cited as public documents (never an internal file) -----------------------------

ENISA: Final = "ENISA 2013"
ENISA_TITLE: Final = (
    "ENISA (2013), Recommendations for a methodology of the assessment of severity of personal "
    "data breaches"
)
EDPB_EXAMPLES: Final = "EDPB Guidelines 01/2021"
EDPB_EXAMPLES_TITLE: Final = (
    "EDPB Guidelines 01/2021 on examples regarding personal data breach notification"
)
EDPB_NOTIFICATION: Final = "EDPB Guidelines 9/2022"
EDPB_NOTIFICATION_TITLE: Final = (
    "EDPB Guidelines 9/2022 on personal data breach notification under GDPR"
)
ICO_GUIDANCE: Final = "ICO guidance"
ICO_GUIDANCE_TITLE: Final = "ICO guidance: Personal data breaches, a guide (ico.org.uk)"
ICO_CASE_STUDY: Final = "ICO case study"
ICO_CASE_STUDY_TITLE: Final = (
    "ICO breach reporting case studies (case study 1: unredacted adoption papers sent to the "
    "birth parents)"
)
ICO_ENFORCEMENT: Final = "ICO enforcement"
ICO_ENFORCEMENT_TITLE: Final = (
    "ICO reprimand to NHS Highland (an email to the patients of an HIV service sent without "
    "Bcc) and ICO penalty notice to the Tavistock and Portman NHS Foundation Trust (a gender "
    "identity clinic's email with every patient's address visible)"
)
OMBUDSMAN: Final = "Ombudsman 21 007 914"
OMBUDSMAN_TITLE: Final = (
    "Local Government and Social Care Ombudsman, decision 21 007 914 (a council's breach "
    "assessment that missed repetition, health data and who the recipients were)"
)
UK_GDPR_33: Final = "UK GDPR Art. 33"
UK_GDPR_34: Final = "UK GDPR Art. 34"
OFFICER: Final = "Officer's judgement"

SOURCES: Final[dict[str, str]] = {
    ENISA: ENISA_TITLE,
    EDPB_EXAMPLES: EDPB_EXAMPLES_TITLE,
    EDPB_NOTIFICATION: EDPB_NOTIFICATION_TITLE,
    ICO_GUIDANCE: ICO_GUIDANCE_TITLE,
    ICO_CASE_STUDY: ICO_CASE_STUDY_TITLE,
    ICO_ENFORCEMENT: ICO_ENFORCEMENT_TITLE,
    OMBUDSMAN: OMBUDSMAN_TITLE,
    UK_GDPR_33: "UK GDPR Article 33 (notifying the ICO)",
    UK_GDPR_34: "UK GDPR Article 34 (telling the people affected)",
}
"""Short citation -> the public document it names (listed at the foot of the decision note)."""

# ---- The facts ---------------------------------------------------------------------------------

GROUPS = _define(
    SubjectGroup,
    _c("employees", "Employees"),
    _c("customers", "Customers"),
    _c("service_users", "Service users"),
    _c("patients", "Patients"),
    _c("children", "Children", "Children are vulnerable: ENISA raises DPC by one."),
    _c("vulnerable_adults", "Vulnerable adults", "ENISA raises DPC by one for vulnerable people."),
    _c("students", "Students"),
    _c("tenants", "Tenants"),
    _c("public", "Members of the public"),
    _c("other", "Other"),
)

_SPECIAL_TIP = (
    "Special category (UK GDPR Art. 9): sensitive data (ENISA), base 4. About vulnerable people "
    "it makes severity at least high."
)
CATEGORIES = _define(
    DataCategory,
    _c(
        "basic_identifiers",
        "Basic identifiers (name, date of birth)",
        "Simple data (ENISA), base 1.",
    ),
    _c(
        "contact_details", "Contact details (address, email, phone)", "Simple data (ENISA), base 1."
    ),
    _c("location", "Location", "Behavioural data (ENISA), base 2."),
    _c(
        "identification_documents",
        "Identification documents (passport, licence)",
        "Financial data (ENISA), base 3: enables identity fraud.",
    ),
    _c(
        "credentials",
        "Credentials (passwords, login details)",
        "Simple data (ENISA), base 1; also tick what the credentials open.",
    ),
    _c("behavioural", "Behavioural (habits, preferences)", "Behavioural data (ENISA), base 2."),
    _c("financial", "Financial (income, bank details)", "Financial data (ENISA), base 3."),
    _c("payment_card", "Payment card", "Financial data (ENISA), base 3."),
    _c("health", "Health (special category)", _SPECIAL_TIP),
    _c("mental_health", "Mental health (special category)", _SPECIAL_TIP),
    _c("sexual_life", "Sex life (special category)", _SPECIAL_TIP),
    _c("sexual_orientation", "Sexual orientation (special category)", _SPECIAL_TIP),
    _c("racial_or_ethnic_origin", "Racial or ethnic origin (special category)", _SPECIAL_TIP),
    _c("political_opinions", "Political opinions (special category)", _SPECIAL_TIP),
    _c(
        "religious_beliefs",
        "Religious or philosophical beliefs (special category)",
        _SPECIAL_TIP,
    ),
    _c("trade_union", "Trade union membership (special category)", _SPECIAL_TIP),
    _c("genetic", "Genetic data (special category)", _SPECIAL_TIP),
    _c("biometric", "Biometric data for identification (special category)", _SPECIAL_TIP),
    _c(
        "criminal_offence",
        "Criminal offence data (Art. 10)",
        "Criminal convictions and offences (UK GDPR Art. 10): not a special category, but "
        "ENISA scores it as sensitive data, base 4.",
    ),
    _c(
        "social_care",
        "Social care records",
        "Not a special category in itself, but often holds health data (tick Health too when it "
        "does); scored as sensitive data (ENISA), base 4.",
    ),
    _c("other", "Other", "Counted as simple data (base 1); adjust DPC with a reason if needed."),
)

ENISA_ROW: Final[dict[str, str]] = {
    "simple": "simple data (ENISA)",
    "behavioural": "behavioural data (ENISA)",
    "financial": "financial data (ENISA)",
    "sensitive": "sensitive data (ENISA)",
}
"""ENISA's four rows of data processing context, as a reader names them."""

EXTENT = _define(
    Extent,
    _c("minimal", "Minimal", "A single fact such as being a client: DPC drops to 1 (ENISA)."),
    _c("limited", "Limited", "One document, a short period: no change to DPC."),
    _c("extensive", "Extensive", "A full file or long history that allows profiling: DPC +1."),
)

IDENTIFIABILITY_PROPOSED = _c(
    "",
    "Proposed by the method",
    "Maximum when direct identifiers are present or people are named; otherwise significant.",
)
_IDENTIFIABILITY = _define(
    Identifiability,
    _c("negligible", "Negligible (0.25)", "ENISA: extremely hard to identify anyone."),
    _c("limited", "Limited (0.5)", "ENISA: identification possible only with much more data."),
    _c("significant", "Significant (0.75)", "ENISA: identification possible with some effort."),
    _c("maximum", "Maximum (1)", "ENISA: names, addresses or other direct identifiers."),
)
IDENTIFIABILITY = (IDENTIFIABILITY_PROPOSED, *_IDENTIFIABILITY)

CONFIDENTIALITY = _define(
    Confidentiality,
    _c("none", "Not affected", "Nobody saw or could have seen the data."),
    _c(
        "exposed_no_evidence_of_access",
        "Exposed, no evidence of access",
        "Lost, stolen or left unsecured, with no evidence anyone saw it (CB +0).",
    ),
    _c(
        "known_recipients",
        "Known recipients",
        "Disclosed to an identified set of people, e.g. an email to the wrong person (CB +0.25).",
    ),
    _c(
        "unknown_recipients",
        "Unknown recipients",
        "Published, sold or exfiltrated: an unknown number saw it (CB +0.5; likelihood likely).",
    ),
)

INTEGRITY = _define(
    Integrity,
    _c("none", "Not affected", "Nothing was altered."),
    _c("altered_recovered", "Altered, recovered", "Changed, and the right data is back (CB +0)."),
    _c("altered_recoverable", "Altered, recoverable", "Changed; it can be put right (CB +0.25)."),
    _c(
        "altered_unrecoverable",
        "Altered, unrecoverable",
        "Changed for good: the right data is lost (CB +0.5).",
    ),
)

AVAILABILITY = _define(
    Availability,
    _c("none", "Not affected", "Nothing was lost or out of reach."),
    _c("restored_without_difficulty", "Restored without difficulty", "CB +0."),
    _c(
        "temporary",
        "Temporarily unavailable",
        "For example ransomware with a backup restored (CB +0.25).",
    ),
    _c("permanent", "Permanently lost", "No copy can be recovered (CB +0.5)."),
)

CAUSE = _define(
    Cause,
    _c("human_error", "Human error", "For example sent to the wrong address."),
    _c("technical_fault", "Technical fault"),
    _c("malicious_internal", "Malicious, by staff", "Deliberate misuse or disclosure (CB +0.5)."),
    _c("malicious_external", "Malicious, from outside", "Theft, hacking, phishing (CB +0.5)."),
    _c("unknown", "Not known"),
)

RECIPIENT_KIND = _define(
    RecipientKind,
    _c("internal_staff", "Internal staff", "Colleagues bound by the organisation's rules."),
    _c(
        "trusted_professional",
        "Trusted professional",
        "Bound by a duty of confidentiality: another council, a solicitor, an NHS body.",
    ),
    _c("partner_organisation", "Partner organisation"),
    _c("member_of_public", "Member of the public"),
    _c(
        "attacker",
        "Attacker",
        "Someone who set out to get the data: the consequences are likely.",
    ),
    _c("unknown", "Not known", "Nobody knows who has the data: the consequences are likely."),
)

DISCOVERED_HOW = _define(
    DiscoveredHow,
    _c("staff_reported", "A member of staff reported it"),
    _c(
        "recipient_told_us",
        "The recipient told us",
        "For example the person who got the email by mistake.",
    ),
    _c("affected_person_told_us", "An affected person told us"),
    _c("complaint", "A complaint"),
    _c("monitoring_or_audit", "Our monitoring or an audit"),
    _c(
        "third_party",
        "Someone else told us",
        "A supplier, a partner organisation, a member of the public.",
    ),
    _c("police_or_ico", "The police or the ICO told us"),
    _c("media", "The media"),
    _c("other", "Another way"),
)
"""How the organisation found out (METHOD 1.2): for the ICO form and the register's lessons."""
DISCOVERED_NOT_GIVEN = _c("", "Not recorded")
"""The wizard's choice when how it was found out is not said."""

ART34_NONE = _c("", "No exception: tell them")
_ART34 = _define(
    Art34Ground,
    _c(
        "unintelligible",
        "(a) Unintelligible to others",
        "Art. 34(3)(a): the data is unintelligible to anyone not authorised (encrypted, keys "
        "safe).",
    ),
    _c(
        "risk_no_longer_likely",
        "(b) High risk no longer likely",
        "Art. 34(3)(b): later measures mean the high risk is no longer likely to materialise.",
    ),
    _c(
        "disproportionate_effort",
        "(c) Disproportionate effort",
        "Art. 34(3)(c): a public communication or similar measure instead.",
    ),
)
ART34 = (ART34_NONE, _ART34[1], _ART34[2])
"""What the officer can choose: (a) applies by itself when the data is unintelligible."""

ICO_FORM_CATEGORY: Final[dict[DataCategory, str]] = {
    DataCategory.BASIC_IDENTIFIERS: "Basic personal identifiers",
    DataCategory.CONTACT_DETAILS: "Basic personal identifiers",
    DataCategory.CREDENTIALS: "Identification data",
    DataCategory.FINANCIAL: "Economic and financial data",
    DataCategory.PAYMENT_CARD: "Economic and financial data",
    DataCategory.IDENTIFICATION_DOCUMENTS: "Official documents",
    DataCategory.LOCATION: "Location data",
    DataCategory.BEHAVIOURAL: "Other",
    DataCategory.HEALTH: "Health data",
    DataCategory.MENTAL_HEALTH: "Health data",
    DataCategory.SEXUAL_LIFE: "Sex life data",
    DataCategory.SEXUAL_ORIENTATION: "Sexual orientation data",
    DataCategory.RACIAL_OR_ETHNIC_ORIGIN: "Racial or ethnic origin",
    DataCategory.POLITICAL_OPINIONS: "Political opinions",
    DataCategory.RELIGIOUS_BELIEFS: "Religious or philosophical beliefs",
    DataCategory.TRADE_UNION: "Trade union membership",
    DataCategory.GENETIC: "Genetic or biometric data",
    DataCategory.BIOMETRIC: "Genetic or biometric data",
    DataCategory.CRIMINAL_OFFENCE: "Criminal convictions, offences",
    DataCategory.SOCIAL_CARE: "Other",
    DataCategory.OTHER: "Other",
}
"""The option of the ICO's breach report form that each category is entered as."""

ICO_FORM_SUBJECTS: Final[dict[SubjectGroup, str]] = {
    SubjectGroup.EMPLOYEES: "Employees",
    SubjectGroup.CUSTOMERS: "Customers or prospective customers",
    SubjectGroup.SERVICE_USERS: "Users",
    SubjectGroup.PATIENTS: "Patients",
    SubjectGroup.CHILDREN: "Children",
    SubjectGroup.VULNERABLE_ADULTS: "Vulnerable adults",
    SubjectGroup.STUDENTS: "Students",
    SubjectGroup.TENANTS: "Other",
    SubjectGroup.PUBLIC: "Other",
    SubjectGroup.OTHER: "Other",
}
"""The option of the ICO's breach report form that each group of people is entered as."""

# ---- The assessment ----------------------------------------------------------------------------

BANDS = _define(
    Band,
    _c("low", "Low", "SE below 2 (ENISA)."),
    _c("medium", "Medium", "SE 2 to below 3 (ENISA)."),
    _c("high", "High", "SE 3 to below 4 (ENISA)."),
    _c("very_high", "Very high", "SE 4 and above (ENISA)."),
)
OVERRIDE = (_c("", "No override"), *BANDS)

LIKELIHOODS = _define(
    Likelihood,
    _c("remote", "Remote", "The consequences are very unlikely to materialise."),
    _c("possible", "Possible", "The consequences may materialise."),
    _c("likely", "Likely", "The consequences will probably materialise."),
    _c("occurred", "Occurred", "The consequences have already happened."),
)

RISKS = _define(
    Risk,
    _c("unlikely", "Unlikely to result in a risk", "No report to the ICO is needed."),
    _c("risk", "A risk to people's rights and freedoms", "Report to the ICO within 72 hours."),
    _c(
        "high",
        "A high risk to people's rights and freedoms",
        "Report to the ICO and tell the people affected.",
    ),
)
RISK_SHORT: Final[dict[Risk, str]] = {
    Risk.UNLIKELY: "Unlikely",
    Risk.RISK: "Risk",
    Risk.HIGH: "High risk",
}
"""For narrow places (a table column); the full label goes in the tooltip."""
MATRIX_CELL: Final[dict[Risk, str]] = {
    Risk.UNLIKELY: "unlikely",
    Risk.RISK: "risk",
    Risk.HIGH: "HIGH",
}
"""The word in each cell of the drawn risk matrix (the high cells shout)."""

LIKELIHOOD_RULES: Final[dict[str, str]] = {
    "essential_service_disrupted": "an essential service was disrupted",
    "harm_reported": "harm has already been reported",
    "likely": "the data reached people who could misuse it",
    "remote_trusted_recipients": (
        "every recipient is trusted and confirmed deletion, nothing else was lost"
    ),
    "remote_no_confidentiality_loss": "no loss of confidentiality that counts",
    "possible": (
        "nothing shows that harm has happened or is likely, and the recipients or losses are "
        "not limited enough for it to be remote"
    ),
}
"""The rule that set the likelihood (``Assessment.likelihood_rule``), in words."""

FACTOR_STEPS: Final[dict[str, str]] = {
    "dpc.base": "Data processing context (DPC)",
    "dpc.": "Data processing context (DPC), adjusted",
    "ei": "Ease of identification (EI)",
    "cb.": "Circumstances of the breach (CB)",
    "se": "Severity score (SE)",
    "final.unintelligible": "Final consideration 1: unintelligible data",
    "final.people": "Final consideration 2: number of people",
    "final.floor_recipient_risk": "Final consideration 3a: a recipient who poses a risk",
    "final.floor_special_vulnerable": "Final consideration 3b: sensitive data, vulnerable people",
    "final.override": "Final consideration 4: the officer's own band",
    "likelihood.rule": "The rule that set the likelihood",
    "likelihood.repeat": "Repeat step",
    "likelihood.carried_risk": "A risk the register already knows, carried forward",
    "likelihood.risk_set_aside": "A risk the register knows, set aside by the officer",
    "likelihood.recipient_only": "The same recipient in a breach about someone else",
    "risk.matrix": "Risk matrix",
    "ico": "Report to the ICO",
    "data_subjects": "Tell the people affected",
}
"""The step of the method each factor belongs to, by factor id (or id prefix ending in '.')."""


# ---- What the register already knows about a recipient (METHOD.md 2, version 1.1) -----------

METHOD_CARRY: Final = "Breach Desk method 1.1, section 2"
RISK_SET_ASIDE: Final = "A risk recorded in the register, set aside"
SET_ASIDE_TITLE: Final = "Set aside a recorded risk"
RECIPIENT_ONLY_MATCH: Final = "Same recipient, recorded about someone else"


def recorded_risk(people: str, reference: str, note: str | None) -> str:
    """'Recorded as posing a risk to Mr B in IG-2026-0001: convicted of assault against Mr B'."""
    return f"Recorded as posing a risk to {people} in {reference}" + (f": {note}" if note else "")


def set_aside_prompt(who: str, recorded: str) -> str:
    return (
        f"{recorded}.\n\nSay why {who} does not pose a risk in this breach (for example "
        "'injunction expired; no contact since 2019'). The reason is printed in the decision note."
    )


# ---- The wizard's own words ----------------------------------------------------------------

STEP_SKIPPED: Final = "skipped"
STEP_SKIPPED_TIP: Final = (
    "Nothing on this page changes the outcome for the facts given so far: it is skipped. "
    "Click to open it anyway."
)
OCCURRED_PRECISION = (
    _c("date", "Exact date", "The day it happened is known."),
    _c("month", "Month", "Only the month it happened is known."),
    _c("year", "Year", "Only the year it happened is known."),
    _c("", "Not known", "When it happened is not known."),
)
"""How precisely the officer knows when the breach happened (``occurred_at``)."""
NOT_ASSESSED_YET: Final = "Not assessed yet. To fix first:"
NOT_DECIDED_YET: Final = "Not decided yet. To fix first:"
BLANK_RECIPIENT_ROW: Final = "An empty row: say who received the data, or remove the row."
KNOWN_RECIPIENTS_NONE: Final = (
    "The data went to known recipients: add who received it (or choose another confidentiality "
    "loss on the What happened page)."
)
DRAFT_AT_PAGE: Final = "at {page}"
"""A draft in the list of drafts: the page it was saved at."""


def factor_step(factor_id: str) -> str:
    """'Circumstances of the breach (CB)' for 'cb.integrity'."""
    if factor_id in FACTOR_STEPS:
        return FACTOR_STEPS[factor_id]
    prefix = factor_id.partition(".")[0] + "."
    return FACTOR_STEPS.get(prefix, "Step of the method")


# ---- Tracking and people -----------------------------------------------------------------------

OWNER_ROLE = _define(
    OwnerRole,
    _c("ig", "Information governance team"),
    _c("service", "Service manager"),
    _c("it", "IT"),
)

BREACH_STATUS = _define(
    BreachStatus,
    _c("draft", "Draft"),
    _c("assessed", "Assessed"),
    _c("closed", "Closed"),
)

RECOMMENDATION_STATUS = _define(
    RecommendationStatus,
    _c("open", "Open"),
    _c("in_progress", "In progress"),
    _c(
        "done", "Done", "Marked done by its owner with evidence; waiting for the IG team to verify."
    ),
    _c("verified", "Verified", "Checked by the IG team (someone other than who marked it done)."),
    _c("rejected", "Rejected", "The IG team decided against it, with a reason."),
)

ROLES: Final[dict[str, str]] = {
    "ig_officer": "IG officer",
    "service_manager": "Service manager",
    "auditor": "Auditor",
}
"""Who a user is to Breach Desk."""

RECOMMENDATION_TITLES: Final[dict[str, str]] = {
    "NOTIFY_ICO": "Report to the ICO",
    "NOTIFY_SUBJECTS": "Tell the affected people",
    "SAFETY_PLAN": "Safety plan for the person",
    "RECALL_DATA": "Confirm deletion by the recipients",
    "APOLOGISE": "Apologise",
    "EXPLAIN_DECISION": "Explain the assessment",
    "REVIEW_SEVERITY": "Reassess the breach",
    "CHECK_CONTACT_DETAILS": "Check contact details",
    "SECURE_EMAIL": "Use secure email",
    "CHECK_TRAINING": "Check staff training",
    "ROOT_CAUSE_REVIEW": "Root cause review",
    "REVIEW_POLICIES": "Review policies",
    "RESET_CREDENTIALS": "Reset credentials",
    "RESTORE_AND_BACKUP": "Restore and review backups",
    "LESSONS_LEARNED": "Lessons learned",
    "REPORT_BACK": "Report back to the IG team",
}
"""A short name for each catalogue recommendation (METHOD.md section 4), for lists and menus.
A recommendation the officer wrote has no catalogue name: its text stands for it."""


AUDIT_ACTIONS: Final[dict[str, str]] = {
    "breach.created": "Breach recorded",
    "breach.reassessed": "Breach reassessed",
    "breach.closed": "Breach closed",
    "breach.close_approved": "Closing approved by a second IG officer",
    "recommendation.start": "Recommendation started",
    "recommendation.done": "Recommendation marked done",
    "recommendation.verify": "Recommendation verified",
    "recommendation.reject": "Recommendation rejected",
    "recommendation.reopen": "Recommendation reopened",
    "recommendation.file_added": "Evidence file added",
    "notification.ico_report": "Report to the ICO recorded",
    "notification.follow_up": "Follow-up to the ICO recorded",
    "notification.ico_response": "ICO response recorded",
    "notification.people_told": "Telling the people recorded",
    "register.session_ended": "A session holding the register was ended",
    "breach.imported_from_log": "Brought in from the old log",
    "breach.log_entry_updated": "Old log entry updated from the log",
    "complaint.received": "Complaint recorded",
    "complaint.updated": "Complaint acknowledgement or outcome recorded",
    "audit.acknowledged": "Break in the audit log acknowledged",
    "reminder.sent": "Reminder sent",
}
"""What each entry of the audit log records, as a history list names it."""


def audit_action(action: str) -> str:
    return AUDIT_ACTIONS.get(action, action.replace("_", " ").replace(".", ": ").capitalize())


# ---- The letter to the person (second person) ----------------------------------------------

LETTER_DATA: Final[dict[DataCategory, str]] = {
    DataCategory.BASIC_IDENTIFIERS: "your name and date of birth",
    DataCategory.CONTACT_DETAILS: "your contact details",
    DataCategory.LOCATION: "information about where you are or have been",
    DataCategory.IDENTIFICATION_DOCUMENTS: "your identity documents",
    DataCategory.CREDENTIALS: "your login details",
    DataCategory.BEHAVIOURAL: "information about your habits and preferences",
    DataCategory.FINANCIAL: "your financial details",
    DataCategory.PAYMENT_CARD: "your payment card details",
    DataCategory.HEALTH: "information about your health",
    DataCategory.MENTAL_HEALTH: "information about your mental health",
    DataCategory.SEXUAL_LIFE: "information about your sex life",
    DataCategory.SEXUAL_ORIENTATION: "information about your sexual orientation",
    DataCategory.RACIAL_OR_ETHNIC_ORIGIN: "information about your racial or ethnic origin",
    DataCategory.POLITICAL_OPINIONS: "information about your political opinions",
    DataCategory.RELIGIOUS_BELIEFS: "information about your religious or other beliefs",
    DataCategory.TRADE_UNION: "information about your trade union membership",
    DataCategory.GENETIC: "your genetic information",
    DataCategory.BIOMETRIC: "your biometric information",
    DataCategory.CRIMINAL_OFFENCE: "information about criminal offences",
    DataCategory.SOCIAL_CARE: "information from your social care records",
    DataCategory.OTHER: "some of your personal information",
}
"""Each kind of data as a letter names it to the person it is about."""

LETTER_SENSITIVE: Final = frozenset({DataCategory.CRIMINAL_OFFENCE, DataCategory.SOCIAL_CARE})
"""Kinds the letter treats like special category data (seen by people who should not have)."""

LETTER_RECIPIENT: Final[dict[RecipientKind, str]] = {
    RecipientKind.INTERNAL_STAFF: "a member of our staff who should not have had it",
    RecipientKind.TRUSTED_PROFESSIONAL: "another professional who should not have had it",
    RecipientKind.PARTNER_ORGANISATION: "another organisation that should not have had it",
    RecipientKind.MEMBER_OF_PUBLIC: "a member of the public",
    RecipientKind.ATTACKER: "someone who set out to get it",
    RecipientKind.UNKNOWN: "someone we have not been able to identify",
}

LETTER_MEASURES: Final[dict[str, tuple[str, str]]] = {
    "SAFETY_PLAN": (
        "We will contact you about your safety, and can help with a safeguarding or police "
        "referral. We are marking your details so that they are not disclosed again.",
        "We have contacted you about your safety, and marked your details so that they are not "
        "disclosed again.",
    ),
    "RECALL_DATA": (
        "We are asking everyone who received your information to delete it and confirm that "
        "in writing.",
        "Everyone who received your information has confirmed in writing that they deleted it.",
    ),
    "CHECK_CONTACT_DETAILS": (
        "Staff will check contact details before they send personal information.",
        "Staff now check contact details before they send personal information.",
    ),
    "SECURE_EMAIL": (
        "We will send personal information by secure email wherever we can.",
        "We now send personal information by secure email wherever we can.",
    ),
    "CHECK_TRAINING": (
        "We are making sure the staff involved have completed data protection training.",
        "The staff involved have completed data protection training.",
    ),
    "REVIEW_POLICIES": (
        "We are reviewing our procedures so that this does not happen again.",
        "We have reviewed our procedures so that this does not happen again.",
    ),
    "RESET_CREDENTIALS": (
        "We are resetting the login details involved.",
        "We have reset the login details involved.",
    ),
    "RESTORE_AND_BACKUP": (
        "We are restoring your information and checking our backups.",
        "We have restored your information and checked our backups.",
    ),
}
"""What the person benefits from, as (will be done, has been done). Recommendations not here
(reporting, escalation to the SIRO, lessons learned, reporting back) are the organisation's own
business and stay out of the letter."""


# ---- Looking words up --------------------------------------------------------------------------


def label(member: StrEnum) -> str:
    """The one label of an enum value: 'Malicious, from outside', 'Very high'. Cached by type as
    well as value: two enums may share a value ('none') with different words."""
    try:
        return _LABELS[member.__class__][member]
    except KeyError:
        found = _TERMS[type(member)][member.value].label
        _LABELS.setdefault(member.__class__, {})[member] = found
        return found


def tip(member: StrEnum) -> str:
    """The sentence that explains an enum value ('' where none is needed)."""
    return _TERMS[type(member)][member.value].tip


def in_sentence(text: str) -> str:
    """A label inside a sentence: 'Known recipients' -> 'known recipients'; 'ICO' stays."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def words(member: StrEnum) -> str:
    """An enum value's label for use inside a sentence."""
    try:
        return _WORDS[member.__class__][member]
    except KeyError:
        found = in_sentence(label(member))
        _WORDS.setdefault(member.__class__, {})[member] = found
        return found


# The method looks labels up a few dozen times per assessment: a dictionary per enum, since two
# enums may share a value with different words (faster than functools' cache keyed by type).
_LABELS: dict[type[StrEnum], dict[StrEnum, str]] = {}
_WORDS: dict[type[StrEnum], dict[StrEnum, str]] = {}


def band_caps(band: Band) -> str:
    """A band for emphasis: 'VERY HIGH'."""
    return label(band).upper()


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def role_label(role: str) -> str:
    return ROLES.get(role, role)


def recommendation_title(code: str, text: str = "") -> str:
    """The catalogue name of a recommendation, or its own text when the officer wrote it."""
    return RECOMMENDATION_TITLES.get(code) or text or code


def owner_words(owner_role: OwnerRole, owner: str | None = None) -> str:
    """Who carries a recommendation out: 'Service manager (J Smith)'."""
    return f"{label(owner_role)} ({owner})" if owner else label(owner_role)


def choice_label(choices: tuple[Choice, ...], value: str | None) -> str:
    """The label of the choice whose value is ``value`` ('' matches the no-choice entry)."""
    for choice in choices:
        if choice.value == (value or ""):
            return choice.label
    return value or ""


def choice_value(choices: tuple[Choice, ...], text: str) -> str:
    """The value behind a label (combo boxes report their current text)."""
    for choice in choices:
        if choice.label == text:
            return choice.value
    return ""


# ---- Tracking in the window: counts, lists and confirmations ------------------------------------

STATUS_DONE_TO_VERIFY: Final = "Done — to verify"
"""A recommendation marked done, as the tracking lists show it: the IG team's next step."""


def count_of(n: int, one: str, many: str | None = None) -> str:
    """'1 breach', '12,345 breaches': a count with thousands separators and the right noun."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def days(n: int) -> str:
    """A number of days in a table cell: '12 d', '1,204 d'."""
    return f"{n:,} d"


def days_late(n: int) -> str:
    return f"{n:,} d late"


ACTED: Final[dict[str, str]] = {
    "start": "started",
    "done": "marked done; it now waits for the IG team to verify it",
    "verify": "verified",
    "reject": "rejected",
    "reopen": "reopened",
    "attach": "given more evidence",
}
"""What the status bar says was done to a recommendation ('“Confirm deletion by the recipients”
of IG-2026-0002 verified.')."""

NOTHING_TO_CHART: Final[dict[str, str]] = {
    "risk": "No open breach: nothing to chart.",
    "overdue": "Nothing is overdue: nothing to chart.",
    "timeliness": "No recommendation is due yet: nothing to chart.",
}
"""What an empty dashboard chart says instead of an empty frame."""

OLD_LOG_NOT_ASSESSED: Final = (
    "Not assessed: this breach is history from the old log, as the log recorded it. "
    "Reassess… assesses it in full."
)
"""What a breach brought in from the old log shows where an assessment would be."""


def old_log_why_not(reference: str) -> str:
    """Why a breach from the old log cannot be printed or closed (a disabled command's tip)."""
    return (
        f"{reference} is history from the old log and has no assessment to print or close: "
        "Reassess… assesses it in full."
    )


AUDIT_CHANGE_SUBJECT: Final = "Recommendation"
EVIDENCE: Final = "Evidence"
EVIDENCE_FILE: Final = "Evidence file"
WHAT_CHANGED: Final = "What changed"


# ---- Telling the ICO and the people (issue 11) ---------------------------------------------------

ICO_HOW: Final[dict[str, str]] = {
    "online": "ICO online form",
    "phone": "Telephone to the ICO helpline",
    "email": "Email to the ICO",
}
"""How the report to the ICO was made (``notify ico --how``)."""
PEOPLE_HOW: Final[dict[str, str]] = {
    "letter": "Letter",
    "email": "Email",
    "phone": "Telephone",
    "in_person": "In person",
    "public_notice": "Public notice (Art. 34(3)(c))",
}
"""How the people affected were told (``notify people --how``)."""
COMPLAINT_HOW: Final[dict[str, str]] = {
    "letter": "Letter",
    "email": "Email",
    "phone": "Phone",
    "online": "Online form",
    "in_person": "In person",
}
"""How a complaint about a breach was received (``complaint add --how``)."""
ICO_OUTCOMES: Final[dict[str, str]] = {
    "no_further_action": "No further action",
    "advice": "Advice given",
    "investigation": "Investigation",
    "reprimand": "Reprimand",
    "enforcement_notice": "Enforcement notice",
    "penalty": "Penalty notice",
}
"""What the ICO decided (``notify ico-response --outcome``)."""

CLOCK_NOT_REQUIRED: Final = "not required"
CLOCK_DUE: Final = "due in {left}"
CLOCK_LATE: Final = "late by {late}"
CLOCK_REPORTED: Final = "reported {when} ({hours} h after awareness)"
CLOCK_REPORTED_VOLUNTARY: Final = "reported {when} (voluntary; {hours} h after awareness)"
CLOCK_REPORTED_LATE: Final = "reported {late} late, on {when} ({reasons})"
CLOCK_REASONS_GIVEN: Final = "reasons recorded"
CLOCK_REASONS_MISSING: Final = "no reasons recorded"
CLOCK_STATES: Final[dict[str, str]] = {
    "not_required": "No report needed",
    "due": "Report due",
    "late": "Report late",
    "reported": "Reported",
    "reported_late": "Reported after the 72 hours",
}
"""The ICO clock's states, as a heading or a filter names them."""
ICO_CLOCK: Final = "ICO clock"

ICO_REPORT_HEADING: Final = "Report to the ICO"
PEOPLE_TOLD_HEADING: Final = "Telling the people"
NOTIFICATIONS_HEADING: Final = "Notifications"
CLOSE_APPROVED: Final = AUDIT_ACTIONS["breach.close_approved"]
"""A second IG officer's recorded approval to close (four eyes, METHOD section 5)."""
CLOSE_APPROVAL_VOID: Final = "Void: a recommendation was rejected after it"
NOTIFY_FIELDS: Final[dict[str, str]] = {
    "reported_at": "Reported at",
    "reported_by": "Recorded by",
    "how": "How",
    "ico_reference": "ICO case reference",
    "delay_reason": "Reasons for the delay (Art. 33(1))",
    "voluntary": "Voluntary report",
    "follow_up": "Follow-up",
    "follow_up_text": "What was added",
    "response": "ICO response",
    "outcome": "Outcome",
    "response_on": "Date of the response",
    "response_reference": "ICO reference",
    "response_text": "What the ICO said",
    "told_at": "Told at",
    "told_how": "How",
    "told_count": "How many people",
    "letter_text": "Text sent",
    "recorded": "Recorded",
}
"""The labels of a notification record's fields."""
NOT_REPORTED_YET: Final = "Not reported yet"
NOBODY_TOLD_YET: Final = "Not recorded yet"
RECORD_ICO_REPORT: Final = "Record ICO report…"
ADD_FOLLOW_UP: Final = "Add follow-up…"
RECORD_ICO_RESPONSE: Final = "Record ICO response…"
RECORD_PEOPLE_TOLD: Final = "Record that people were told…"
NOTIFY_ICO_EVIDENCE: Final = "Reported to the ICO on {when} ({how}){reference}"
NOTIFY_SUBJECTS_EVIDENCE: Final = "The people were told on {when} ({how}{count})"


def people_count(n: int) -> str:
    """'1 person', '212 people'."""
    return f"{n:,} person" if n == 1 else f"{n:,} people"
