"""The words the window uses for every value of the method, with a tooltip giving the example.

Labels follow the regulator and METHOD.md (aware, report to the ICO, tell the people, special
category, likelihood). Each tip quotes the ENISA 2013 or ICO example behind the choice, so the
officer can check a choice without leaving the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from breach_desk.domain.enums import SPECIAL_CATEGORIES, DataCategory


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    tip: str = ""


def _c(value: str, label: str, tip: str = "") -> Choice:
    return Choice(value, label, tip)


GROUPS = (
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

_CATEGORY_LABELS = {
    "basic_identifiers": ("Basic identifiers (name, date of birth)", "ENISA simple data, base 1."),
    "contact_details": ("Contact details (address, email, phone)", "ENISA simple data, base 1."),
    "location": ("Location", "ENISA behavioural data, base 2."),
    "identification_documents": (
        "Identification documents (passport, licence)",
        "ENISA financial row, base 3: enables identity fraud.",
    ),
    "credentials": (
        "Credentials (passwords, login details)",
        "Simple data, base 1; also tick what the credentials open.",
    ),
    "behavioural": ("Behavioural (habits, preferences)", "ENISA behavioural data, base 2."),
    "financial": ("Financial (income, bank details)", "ENISA financial data, base 3."),
    "payment_card": ("Payment card", "ENISA financial data, base 3."),
    "health": ("Health", ""),
    "mental_health": ("Mental health", ""),
    "sexual_life": ("Sex life", ""),
    "sexual_orientation": ("Sexual orientation", ""),
    "racial_or_ethnic_origin": ("Racial or ethnic origin", ""),
    "political_opinions": ("Political opinions", ""),
    "religious_beliefs": ("Religious or philosophical beliefs", ""),
    "trade_union": ("Trade union membership", ""),
    "genetic": ("Genetic data", ""),
    "biometric": ("Biometric data (for identification)", ""),
    "criminal_offence": ("Criminal offence data", ""),
    "social_care": ("Social care records", ""),
    "other": ("Other", "Counted as simple data (base 1); adjust DPC with a reason if needed."),
}

_SPECIAL_TIP = (
    "Special category (UK GDPR Art. 9/10 or social care): ENISA sensitive data, base 4. "
    "About vulnerable people it makes severity at least high."
)


def _category(value: str) -> Choice:
    label, tip = _CATEGORY_LABELS[value]
    if DataCategory(value) in SPECIAL_CATEGORIES:
        return _c(value, f"{label} — special category", _SPECIAL_TIP)
    return _c(value, label, tip)


CATEGORIES = tuple(_category(c.value) for c in DataCategory)

EXTENT = (
    _c("minimal", "Minimal", "A single fact such as being a client: DPC drops to 1 (ENISA)."),
    _c("limited", "Limited", "One document, a short period: no change to DPC."),
    _c("extensive", "Extensive", "A full file or long history that allows profiling: DPC +1."),
)

IDENTIFIABILITY = (
    _c(
        "",
        "Proposed by the method",
        "Maximum when direct identifiers are present or people are named; otherwise significant.",
    ),
    _c("negligible", "Negligible (0.25)", "ENISA: extremely hard to identify anyone."),
    _c("limited", "Limited (0.5)", "ENISA: identification possible only with much more data."),
    _c("significant", "Significant (0.75)", "ENISA: identification possible with some effort."),
    _c("maximum", "Maximum (1)", "ENISA: names, addresses or other direct identifiers."),
)

CONFIDENTIALITY = (
    _c("none", "None", "Nobody saw or could have seen the data."),
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

INTEGRITY = (
    _c("none", "None"),
    _c("altered_recovered", "Altered, recovered", "Changed, and the right data is back (CB +0)."),
    _c("altered_recoverable", "Altered, recoverable", "Changed; it can be put right (CB +0.25)."),
    _c(
        "altered_unrecoverable",
        "Altered, unrecoverable",
        "Changed for good: the right data is lost (CB +0.5).",
    ),
)

AVAILABILITY = (
    _c("none", "None"),
    _c("restored_without_difficulty", "Restored without difficulty", "CB +0."),
    _c(
        "temporary", "Temporarily unavailable", "e.g. ransomware with a backup restored (CB +0.25)."
    ),
    _c("permanent", "Permanently lost", "No copy can be recovered (CB +0.5)."),
)

CAUSE = (
    _c("human_error", "Human error", "e.g. sent to the wrong address."),
    _c("technical_fault", "Technical fault"),
    _c("malicious_internal", "Malicious, by staff", "Deliberate misuse or disclosure (CB +0.5)."),
    _c("malicious_external", "Malicious, from outside", "Theft, hacking, phishing (CB +0.5)."),
    _c("unknown", "Not known"),
)

RECIPIENT_KIND = (
    _c("internal_staff", "Internal staff", "Colleagues bound by the organisation's rules."),
    _c(
        "trusted_professional",
        "Trusted professional",
        "Bound by a duty of confidentiality: another council, a solicitor, an NHS body.",
    ),
    _c("partner_organisation", "Partner organisation"),
    _c("member_of_public", "Member of the public"),
    _c("attacker", "Attacker", "Likelihood is likely (METHOD.md 2)."),
    _c("unknown", "Not known", "Likelihood is likely (METHOD.md 2)."),
)

BANDS = (
    _c("low", "Low"),
    _c("medium", "Medium"),
    _c("high", "High"),
    _c("very_high", "Very high"),
)

OVERRIDE = (_c("", "No override"), *BANDS)

ART34 = (
    _c("", "No exception: tell them"),
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

OWNER_ROLE = (
    _c("ig", "Information governance"),
    _c("service", "Service manager"),
    _c("it", "IT"),
)

LIKELIHOOD = {
    "remote": "Remote",
    "possible": "Possible",
    "likely": "Likely",
    "occurred": "Occurred",
}

RISK = {
    "unlikely": "Unlikely to result in a risk",
    "risk": "Risk",
    "high": "High risk",
}

RISK_SHORT = {"unlikely": "Unlikely", "risk": "Risk", "high": "High risk"}
"""For narrow places (a table column); the tooltip gives RISK."""

STATUS = {"draft": "Draft", "assessed": "Assessed", "closed": "Closed"}


def label(choices: tuple[Choice, ...], value: str | None) -> str:
    for choice in choices:
        if choice.value == (value or ""):
            return choice.label
    return value or ""


def value(choices: tuple[Choice, ...], text: str) -> str:
    """The value behind a label (combo fields are registered with currentText)."""
    for choice in choices:
        if choice.label == text:
            return choice.value
    return ""


def band_label(band: str | None) -> str:
    return label(BANDS, band).upper() if band else "—"
