"""Severity: ENISA 2013, SE = DPC x EI + CB, then the final considerations (METHOD.md section 1).

Every step appends a Factor so that the decision note can show the arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Factor, Severity
from breach_desk.domain.enums import (
    ART9_CATEGORIES,
    SENSITIVE_CATEGORIES,
    Availability,
    Band,
    Cause,
    Confidentiality,
    DataCategory,
    Extent,
    Identifiability,
    Integrity,
    SubjectGroup,
)
from breach_desk.domain.facts import Facts
from breach_desk.method import records
from breach_desk.method.context import Context
from breach_desk.method.records import factor

ENISA = v.ENISA
_L = TypeVar("_L", Confidentiality, Integrity, Availability)

# (ENISA row name, base score) for each of our categories
_SIMPLE = ("simple", 1)
_BEHAVIOURAL = ("behavioural", 2)
_FINANCIAL = ("financial", 3)
_SENSITIVE = ("sensitive", 4)
CATEGORY_ROW: dict[DataCategory, tuple[str, int]] = {
    DataCategory.BASIC_IDENTIFIERS: _SIMPLE,
    DataCategory.CONTACT_DETAILS: _SIMPLE,
    DataCategory.CREDENTIALS: _SIMPLE,
    DataCategory.OTHER: _SIMPLE,
    DataCategory.LOCATION: _BEHAVIOURAL,
    DataCategory.BEHAVIOURAL: _BEHAVIOURAL,
    DataCategory.FINANCIAL: _FINANCIAL,
    DataCategory.PAYMENT_CARD: _FINANCIAL,
    DataCategory.IDENTIFICATION_DOCUMENTS: _FINANCIAL,
    **{c: _SENSITIVE for c in SENSITIVE_CATEGORIES},
}

EI_QUARTERS: dict[Identifiability, int] = {
    Identifiability.NEGLIGIBLE: 1,
    Identifiability.LIMITED: 2,
    Identifiability.SIGNIFICANT: 3,
    Identifiability.MAXIMUM: 4,
}
_DIRECT_IDENTIFIERS = frozenset(
    {
        DataCategory.BASIC_IDENTIFIERS,
        DataCategory.CONTACT_DETAILS,
        DataCategory.IDENTIFICATION_DOCUMENTS,
    }
)
_SAFETY_CATEGORIES = frozenset(
    {DataCategory.CONTACT_DETAILS, DataCategory.LOCATION, DataCategory.BASIC_IDENTIFIERS}
)

CONFIDENTIALITY_QUARTERS = {
    Confidentiality.NONE: 0,
    Confidentiality.EXPOSED_NO_EVIDENCE_OF_ACCESS: 0,
    Confidentiality.KNOWN_RECIPIENTS: 1,
    Confidentiality.UNKNOWN_RECIPIENTS: 2,
}
INTEGRITY_QUARTERS = {
    Integrity.NONE: 0,
    Integrity.ALTERED_RECOVERED: 0,
    Integrity.ALTERED_RECOVERABLE: 1,
    Integrity.ALTERED_UNRECOVERABLE: 2,
}
AVAILABILITY_QUARTERS = {
    Availability.NONE: 0,
    Availability.RESTORED_WITHOUT_DIFFICULTY: 0,
    Availability.TEMPORARY: 1,
    Availability.PERMANENT: 2,
}
MALICIOUS_QUARTERS = 2

# Python 3.11 reads a member from its enum class slowly (through the enum metaclass's
# __getattr__): the rules, run on every assessment, use these module constants.
_MINIMAL, _EXTENSIVE = Extent.MINIMAL, Extent.EXTENSIVE
_VULNERABLE_GROUPS = (SubjectGroup.CHILDREN, SubjectGroup.VULNERABLE_ADULTS)
_EI_MAXIMUM = EI_QUARTERS[Identifiability.MAXIMUM]
_EI_SIGNIFICANT = EI_QUARTERS[Identifiability.SIGNIFICANT]
_NO_CONFIDENTIALITY_LOSS = Confidentiality.NONE
_LOW, _MEDIUM, _HIGH, _VERY_HIGH = Band.LOW, Band.MEDIUM, Band.HIGH, Band.VERY_HIGH
_HIGH_RANK = Band.HIGH.rank
_PEOPLE_SOURCES = f"{ENISA}; {v.EDPB_NOTIFICATION}"
_RECIPIENT_RISK_SOURCES = f"{v.ICO_CASE_STUDY}; {v.OMBUDSMAN}"
_SPECIAL_SOURCES = f"{ENISA}; {v.ICO_GUIDANCE}"
_ENFORCEMENT_SOURCES = f"{ENISA}; {v.ICO_ENFORCEMENT}"
_CASE_STUDY_SOURCES = f"{ENISA}; {v.ICO_CASE_STUDY}"

PEOPLE_ONE_BAND = 1_000
PEOPLE_TWO_BANDS = 100_000
_TWO_BANDS_UP = f" (at least {PEOPLE_TWO_BANDS:,}): two bands up (very high at most)."
_ONE_BAND_UP = f" (at least {PEOPLE_ONE_BAND:,}): one band up (very high at most)."
_NO_BAND_UP = f": fewer than {PEOPLE_ONE_BAND:,}, so no band up."


def q(quarters: int) -> str:
    """Quarters as people write them: 5 -> '1.25', 4 -> '1'."""
    written = _QUARTERS.get(quarters)
    return f"{quarters / 4:g}" if written is None else written


_QUARTERS = {n: f"{n / 4:g}" for n in range(65)}
"""Every score the method can reach (DPC 4 x EI 1 + CB 2.5 is 26 quarters), written once."""


def _dpc_effect(old: int, new: int) -> str:
    return f"DPC {old} → {new}" if new != old else f"DPC stays {old} (at most 4)"


_BAND_EFFECTS = {
    (old, new): f"{v.label(old)} → {v.words(new)}" if new != old else f"{v.label(old)}: no change"
    for old in Band
    for new in Band
}


def _categories(categories: list[DataCategory]) -> str:
    """'mental health (special category)' in a sentence."""
    return ", ".join([_CATEGORY_WORDS[c] for c in categories])


# The words the rules put in sentences, looked up once per value rather than on every assessment.
_CATEGORY_WORDS = {c: v.words(c) for c in DataCategory}
_CATEGORY_SHORT = {c: words.split(" (")[0] for c, words in _CATEGORY_WORDS.items()}
"""'mental health' for 'mental health (special category)': no parentheses inside parentheses."""
_GROUP_WORDS = {g: v.words(g) for g in SubjectGroup}
_BASE_SCORE = {c: score for c, (_row, score) in CATEGORY_ROW.items()}
_BAND_WORDS = {b: v.words(b) for b in Band}
_BAND_ORDER = tuple(Band)
_BAND_RANK = {b: b.rank for b in Band}
_MALICIOUS_CAUSES = frozenset(c for c in Cause if c.malicious)
_MALICIOUS_EFFECT = f"CB +{q(MALICIOUS_QUARTERS)}"
_MALICIOUS_REASON = {c: f"Malicious intent (cause: {v.words(c)})." for c in Cause}


def _cb_part(name: str, quarters: Mapping[_L, int]) -> dict[_L, tuple[int, str, str]]:
    """(quarters, effect, reason) of every value of one loss."""
    return {
        value: (n, f"CB +{q(n)}", f"Loss of {name}: {v.words(value)}.")
        for value, n in quarters.items()
    }


def band_for(score_quarters: int) -> Band:
    """low < 2 <= medium < 3 <= high < 4 <= very high, compared in quarters."""
    if score_quarters < 8:
        return _LOW
    if score_quarters < 12:
        return _MEDIUM
    if score_quarters < 16:
        return _HIGH
    return _VERY_HIGH


def _dpc(facts: Facts, ctx: Context, factors: list[Factor]) -> tuple[int, int]:
    data = facts.data
    categories = data.categories
    append = factors.append
    # Lists rather than generators throughout: a generator costs more to start and close than
    # the few items the method looks at.
    base = max([_BASE_SCORE[c] for c in categories])
    top = sorted({c for c in categories if _BASE_SCORE[c] == base})
    row_name = CATEGORY_ROW[top[0]][0]  # one row per score, so any category with the base score
    append(
        factor(
            (
                "dpc.base",
                f"DPC {base}",
                f"The most sensitive data involved is {_categories(top)}: "
                f"{v.ENISA_ROW[row_name]}, base score {base}.",
                ENISA,
            )
        )
    )
    dpc = base
    extent = data.extent
    if extent is _MINIMAL and data.presence_reveals_category:
        append(
            factor(
                (
                    "dpc.extent_minimal_not_applied",
                    "no change",
                    "Extent minimal, but appearing in the data at all reveals the category about "
                    "the person (for example the patient list of an HIV or sexual-health service), "
                    "so the minimal extent does not lower the score.",
                    _ENFORCEMENT_SOURCES,
                )
            )
        )
    elif extent is _MINIMAL:
        append(
            factor(
                (
                    "dpc.extent_minimal",
                    f"DPC {dpc} → 1",
                    "Extent minimal: nothing substantial about the category is revealed.",
                    ENISA,
                )
            )
        )
        dpc = 1
    elif extent is _EXTENSIVE:
        new = min(4, dpc + 1)
        append(
            factor(
                (
                    "dpc.extent_extensive",
                    _dpc_effect(dpc, new),
                    "Extent extensive: a full file or long history allows profiling (+1, at most "
                    "4).",
                    ENISA,
                )
            )
        )
        dpc = new
    if data.publicly_available:
        if ctx.recipient_poses_risk:
            append(
                factor(
                    (
                        "dpc.public_not_applied",
                        "no change",
                        "The data was publicly available, but a recipient poses a risk to the "
                        "person, so its public availability does not lower the score.",
                        _CASE_STUDY_SOURCES,
                    )
                )
            )
        else:
            append(
                factor(
                    (
                        "dpc.publicly_available",
                        f"DPC {dpc} → 1",
                        "The data was already publicly available before the breach.",
                        ENISA,
                    )
                )
            )
            dpc = 1
    subjects = facts.subjects
    vulnerable_reasons = []
    if subjects.vulnerable:
        vulnerable_reasons.append("at least one affected person is vulnerable")
    vulnerable_groups = [_GROUP_WORDS[g] for g in subjects.groups if g in _VULNERABLE_GROUPS]
    if vulnerable_groups:
        vulnerable_reasons.append(f"the people include {', '.join(vulnerable_groups)}")
    if vulnerable_reasons:
        new = min(4, dpc + 1)
        append(
            factor(
                (
                    "dpc.vulnerable",
                    _dpc_effect(dpc, new),
                    "Special characteristics of the individuals: "
                    + " and ".join(vulnerable_reasons)
                    + " (+1, at most 4).",
                    ENISA,
                )
            )
        )
        dpc = new
    if ctx.recipient_poses_risk:
        safety = sorted([c for c in categories if c in _SAFETY_CATEGORIES])
        if safety:
            append(
                factor(
                    (
                        "dpc.recipient_risk",
                        _dpc_effect(dpc, 4),
                        "A recipient poses a risk to the person and the data includes "
                        f"{_categories(safety)}: critical for personal safety, so DPC 4.",
                        _RECIPIENT_RISK_SOURCES,
                    )
                )
            )
            dpc = 4
    adjustment = facts.assessor.dpc_adjustment
    if adjustment is not None:
        new = max(1, min(4, dpc + adjustment.value))
        append(
            factor(
                (
                    "dpc.assessor",
                    f"DPC {dpc} → {new} ({adjustment.value:+d})",
                    f"Officer's adjustment: {adjustment.reason}",
                    v.OFFICER,
                )
            )
        )
        dpc = new
    return base, dpc


def _ei(facts: Facts, factors: list[Factor]) -> int:
    chosen = facts.data.identifiability
    if chosen is not None:
        factors.append(
            factor(
                (
                    "ei",
                    f"EI {q(EI_QUARTERS[chosen])}",
                    f"Ease of identification given by the officer: {v.words(chosen)}.",
                    ENISA,
                )
            )
        )
        return EI_QUARTERS[chosen]
    direct = sorted([c for c in facts.data.categories if c in _DIRECT_IDENTIFIERS])
    named = any([p.name for p in facts.subjects.people])
    if direct or named:
        why = []
        if direct:
            why.append(f"the data identifies people directly: {_categories(direct)}")
        if named:
            why.append("the people are named")
        factors.append(factor(("ei", "EI 1", f"Maximum: {' and '.join(why)}.", ENISA)))
        return _EI_MAXIMUM
    factors.append(
        factor(
            (
                "ei",
                "EI 0.75",
                "Significant: no direct identifiers, but the people can be identified with some "
                "effort.",
                ENISA,
            )
        )
    )
    return _EI_SIGNIFICANT


def _cb(facts: Facts, ctx: Context, factors: list[Factor]) -> int:
    loss = facts.loss
    append = factors.append
    if facts.data.unintelligible and loss.confidentiality is not _NO_CONFIDENTIALITY_LOSS:
        append(
            factor(
                (
                    "cb.unintelligible",
                    "confidentiality counts as none",
                    "The data is unintelligible to whoever holds it (strong encryption or salted "
                    "hashing, keys safe): its confidentiality loss and its recipients are "
                    "disregarded.",
                    ENISA,
                )
            )
        )
    conf, conf_effect, conf_reason = _CB_CONFIDENTIALITY[ctx.confidentiality]
    append(factor(("cb.confidentiality", conf_effect, conf_reason, ENISA)))
    integrity, integrity_effect, integrity_reason = _CB_INTEGRITY[loss.integrity]
    append(factor(("cb.integrity", integrity_effect, integrity_reason, ENISA)))
    availability, availability_effect, availability_reason = _CB_AVAILABILITY[loss.availability]
    append(factor(("cb.availability", availability_effect, availability_reason, ENISA)))
    cb = conf + integrity + availability
    cause = facts.cause
    if cause in _MALICIOUS_CAUSES:
        append(factor(("cb.malicious", _MALICIOUS_EFFECT, _MALICIOUS_REASON[cause], ENISA)))
        cb += MALICIOUS_QUARTERS
    return cb


_CB_CONFIDENTIALITY = _cb_part("confidentiality", CONFIDENTIALITY_QUARTERS)
_CB_INTEGRITY = _cb_part("integrity", INTEGRITY_QUARTERS)
_CB_AVAILABILITY = _cb_part("availability", AVAILABILITY_QUARTERS)


def _se(dpc: int, ei: int, cb: int) -> tuple[Band, str, str]:
    """The band, effect and reason of SE from its parts, written once for each (a few hundred
    can be reached)."""
    try:
        return _SE[dpc, ei, cb]
    except KeyError:
        score = dpc * ei + cb
        computed = band_for(score)
        found = _SE[dpc, ei, cb] = (
            computed,
            f"SE {q(score)}: {_BAND_WORDS[computed]}",
            f"SE = DPC × EI + CB = {dpc} × {q(ei)} + {q(cb)} = {q(score)}. Bands: low below 2, "
            "medium 2 to below 3, high 3 to below 4, very high 4 and above.",
        )
        return found


_SE: dict[tuple[int, int, int], tuple[Band, str, str]] = {}


def assess_severity(facts: Facts, ctx: Context, factors: list[Factor]) -> Severity:
    base, dpc = _dpc(facts, ctx, factors)
    ei = _ei(facts, factors)
    cb = _cb(facts, ctx, factors)
    computed, effect, reason = _se(dpc, ei, cb)
    factors.append(factor(("se", effect, reason, ENISA)))
    band = _final_considerations(facts, ctx, computed, factors)
    override = facts.assessor.severity_override
    if override is not None:
        factors.append(
            factor(
                (
                    "final.override",
                    _BAND_EFFECTS[band, override.band],
                    f"Severity set by the officer (the method computed {_BAND_WORDS[band]}): "
                    f"{override.reason}",
                    v.OFFICER,
                )
            )
        )
        return records.severity(base, dpc, ei, cb, band, override.band)
    return records.severity(base, dpc, ei, cb, band, band)


def _final_considerations(facts: Facts, ctx: Context, band: Band, factors: list[Factor]) -> Band:
    """The four final considerations, in order. Each is recorded whether or not it changes the
    band, so a reader sees it was checked ("at least high: already very high")."""
    data = facts.data
    append = factors.append
    if data.unintelligible and not ctx.integrity_or_availability_lost:
        append(
            factor(
                (
                    "final.unintelligible",
                    _BAND_EFFECTS[band, _LOW],
                    "The data is unintelligible to whoever holds it and neither its integrity nor "
                    "its availability was lost (anything lost was recovered without difficulty): "
                    "low.",
                    ENISA,
                )
            )
        )
        band = _LOW
    else:
        append(
            factor(
                (
                    "final.unintelligible",
                    _BAND_EFFECTS[band, band],
                    "Does not apply: the data is unintelligible, but its integrity or availability "
                    "was lost."
                    if data.unintelligible
                    else "Does not apply: the data can be read by whoever holds it.",
                    ENISA,
                )
            )
        )
    count = facts.subjects.count
    steps = 2 if count >= PEOPLE_TWO_BANDS else 1 if count >= PEOPLE_ONE_BAND else 0
    people = f"{count:,} {'person' if count == 1 else 'people'} affected"
    if steps:
        new = _BAND_ORDER[min(_BAND_RANK[band] + steps, 3)]
        append(
            factor(
                (
                    "final.people",
                    _BAND_EFFECTS[band, new],
                    people + (_TWO_BANDS_UP if steps == 2 else _ONE_BAND_UP),
                    _PEOPLE_SOURCES,
                )
            )
        )
        band = new
    else:
        append(
            factor(
                (
                    "final.people",
                    _BAND_EFFECTS[band, band],
                    people + _NO_BAND_UP,
                    _PEOPLE_SOURCES,
                )
            )
        )
    band = _floor(
        "final.floor_recipient_risk",
        band,
        ctx.recipient_poses_risk,
        "A recipient poses a risk to the person",
        "no recipient is recorded as posing a risk to the person",
        _RECIPIENT_RISK_SOURCES,
        factors,
    )
    sensitive = sorted([c for c in data.categories if c in SENSITIVE_CATEGORIES])
    if sensitive:
        special = [c for c in sensitive if c in ART9_CATEGORIES]
        kind = "special category data" if special and special == sensitive else "sensitive data"
        if ctx.vulnerable:
            # who makes them vulnerable, as the facts say it (never 'vulnerable people' for
            # children the officer did not mark vulnerable), and no parentheses inside parentheses
            who = _vulnerable_who(facts)
            names = ", ".join([_CATEGORY_SHORT[c] for c in sensitive])
            holds, because = True, f"{kind.capitalize()} ({names}) about {who}"
        else:
            holds, because = False, f"the {kind} is not about people recorded as vulnerable"
    else:
        holds, because = False, "no sensitive data (ENISA) is involved"
    return _floor(
        "final.floor_special_vulnerable",
        band,
        holds,
        because,
        because,
        _SPECIAL_SOURCES,
        factors,
    )


def _vulnerable_who(facts: Facts) -> str:
    groups = [_GROUP_WORDS[g] for g in facts.subjects.groups if g in _VULNERABLE_GROUPS]
    if facts.subjects.vulnerable:
        groups.insert(0, "people recorded as vulnerable")
    return " and ".join(dict.fromkeys(groups))


def _floor(
    factor_id: str,
    band: Band,
    holds: bool,
    because: str,
    why_not: str,
    source: str,
    factors: list[Factor],
) -> Band:
    """A floor of high: raises a lower band, and is recorded as checked when it changes nothing."""
    if not holds:
        factors.append(
            factor((factor_id, _BAND_EFFECTS[band, band], f"Does not apply: {why_not}.", source))
        )
        return band
    if _BAND_RANK[band] < _HIGH_RANK:
        factors.append(
            factor((factor_id, _BAND_EFFECTS[band, _HIGH], f"{because}: at least high.", source))
        )
        return _HIGH
    factors.append(
        factor(
            (
                factor_id,
                _BAND_EFFECTS[band, band],
                f"{because}: at least high: already {_BAND_WORDS[band]}.",
                source,
            )
        )
    )
    return band
