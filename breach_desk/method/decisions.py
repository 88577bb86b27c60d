"""The two decisions: report to the ICO (Art. 33) and tell the people (Art. 34)."""

from __future__ import annotations

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Factor, IcoDecision, Severity, SubjectsDecision
from breach_desk.domain.clock import format_local, ico_deadline
from breach_desk.domain.enums import Art34Ground, Band, Likelihood, Risk
from breach_desk.domain.facts import Facts
from breach_desk.method import records
from breach_desk.method.records import factor
from breach_desk.method.severity import q

# Python 3.11 reads a member from its enum class slowly (through the enum metaclass's
# __getattr__): the rules, run on every assessment, use these module constants.
_REPORTABLE = (Risk.RISK, Risk.HIGH)
_HIGH = Risk.HIGH
_ICO_SOURCES = f"{v.UK_GDPR_33}; {v.ICO_GUIDANCE}"
_SUBJECTS_SOURCES = f"{v.UK_GDPR_34}; {v.EDPB_NOTIFICATION}"
# In a sentence, looked up once per value: a dictionary per enum, since two enums share values
# ('high') with different words.
_BAND_WORDS = {b: v.words(b) for b in Band}
_LIKELIHOOD_WORDS = {lk: v.words(lk) for lk in Likelihood}
_RISK_WORDS = {r: v.words(r) for r in Risk}


def decide_ico(
    facts: Facts,
    severity: Severity,
    likelihood: Likelihood,
    likelihood_rule: str,
    risk: Risk,
    factors: list[Factor],
) -> IcoDecision:
    deadline = ico_deadline(facts.aware_at)
    band = severity.band
    score = severity.dpc * severity.ei_quarters + severity.cb_quarters
    basis = (
        f"severity {_BAND_WORDS[band]} (SE {q(score)}"
        f"{', set by the officer' if band is not severity.computed_band else ''}) and likelihood "
        f"{_LIKELIHOOD_WORDS[likelihood]} ({v.LIKELIHOOD_RULES[likelihood_rule]}) give "
        f"{_RISK_WORDS[risk]}"
    )
    if risk in _REPORTABLE:
        reason = (
            f"Report to the ICO: {basis}. Report without undue delay and by "
            f"{format_local(deadline)} (72 hours after becoming aware); if later, give the "
            "reasons for the delay. Information may be given in phases."
        )
        report = True
    else:
        reason = (
            f"No report to the ICO: {basis}. Record the breach and this reasoning in the "
            "register (Art. 33(5))."
        )
        report = False
    factors.append(factor(("ico", "Report" if report else "No report", reason, _ICO_SOURCES)))
    return records.ico_decision(report, deadline, reason)


def decide_subjects(facts: Facts, risk: Risk, factors: list[Factor]) -> SubjectsDecision:
    aware_note = (
        " The people already know of the breach; that does not remove the duty: they are still "
        "owed a written explanation of what happened, how it was assessed and what is being done."
        if facts.subjects.already_aware
        else ""
    )
    if risk is not _HIGH:
        reason = (
            f"No duty to tell the affected people: the breach is {_RISK_WORDS[risk]}, not a high "
            "risk."
            + (
                " They already know of it; a written explanation is still good practice."
                if facts.subjects.already_aware
                else ""
            )
        )
        decision = records.subjects_decision(False, None, reason)
    elif facts.data.unintelligible:
        decision = records.subjects_decision(
            False,
            Art34Ground.UNINTELLIGIBLE,
            "High risk, but Art. 34(3)(a) applies: the data is unintelligible to anyone not "
            "authorised to access it (encryption or salted hashing, keys safe).",
        )
    elif facts.assessor.art34_exception is not None:
        exc = facts.assessor.art34_exception
        letter = "b" if exc.ground is Art34Ground.RISK_NO_LONGER_LIKELY else "c"
        what = (
            "later measures mean the high risk is no longer likely to materialise"
            if letter == "b"
            else "telling each person would involve disproportionate effort: a public "
            "communication or similar measure must inform them as effectively instead"
        )
        decision = records.subjects_decision(
            False,
            exc.ground,
            f"High risk, but Art. 34(3)({letter}) applies: {what}. Officer's reason: {exc.reason}",
        )
    else:
        decision = records.subjects_decision(
            True,
            None,
            "Tell the affected people without undue delay: the breach is likely to result in a "
            "high risk to their rights and freedoms and no Art. 34(3) exception applies."
            + aware_note,
        )
    factors.append(
        factor(
            (
                "data_subjects",
                "Tell the people" if decision.notify else "No duty to tell",
                decision.reason,
                _SUBJECTS_SOURCES,
            )
        )
    )
    return decision
