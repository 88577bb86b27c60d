"""The two decisions: report to the ICO (Art. 33) and tell the people (Art. 34)."""

from __future__ import annotations

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Factor, IcoDecision, Severity, SubjectsDecision
from breach_desk.domain.clock import format_local, ico_deadline
from breach_desk.domain.enums import Art34Ground, Likelihood, Risk
from breach_desk.domain.facts import Facts

# Python 3.11 reads a member from its enum class slowly (through the enum metaclass's
# __getattr__): the rules, run on every assessment, use these module constants.
_REPORTABLE = (Risk.RISK, Risk.HIGH)
_HIGH = Risk.HIGH
_ICO_SOURCES = f"{v.UK_GDPR_33}; {v.ICO_GUIDANCE}"
_SUBJECTS_SOURCES = f"{v.UK_GDPR_34}; {v.EDPB_NOTIFICATION}"


def decide_ico(
    facts: Facts,
    severity: Severity,
    likelihood: Likelihood,
    likelihood_rule: str,
    risk: Risk,
    factors: list[Factor],
) -> IcoDecision:
    deadline = ico_deadline(facts.aware_at)
    basis = (
        f"severity {v.words(severity.band)} (SE {severity.score:g}"
        f"{', set by the officer' if severity.overridden else ''}) and likelihood "
        f"{v.words(likelihood)} ({v.LIKELIHOOD_RULES[likelihood_rule]}) give {v.words(risk)}"
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
    factors.append(Factor("ico", "Report" if report else "No report", reason, _ICO_SOURCES))
    return IcoDecision(report, deadline, reason)


def decide_subjects(facts: Facts, risk: Risk, factors: list[Factor]) -> SubjectsDecision:
    aware_note = (
        " The people already know of the breach; that does not remove the duty: they are still "
        "owed a written explanation of what happened, how it was assessed and what is being done."
        if facts.subjects.already_aware
        else ""
    )
    if risk is not _HIGH:
        reason = (
            f"No duty to tell the affected people: the breach is {v.words(risk)}, not a high risk."
            + (
                " They already know of it; a written explanation is still good practice."
                if facts.subjects.already_aware
                else ""
            )
        )
        decision = SubjectsDecision(False, None, reason)
    elif facts.data.unintelligible:
        decision = SubjectsDecision(
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
        decision = SubjectsDecision(
            False,
            exc.ground,
            f"High risk, but Art. 34(3)({letter}) applies: {what}. Officer's reason: {exc.reason}",
        )
    else:
        decision = SubjectsDecision(
            True,
            None,
            "Tell the affected people without undue delay: the breach is likely to result in a "
            "high risk to their rights and freedoms and no Art. 34(3) exception applies."
            + aware_note,
        )
    factors.append(
        Factor(
            "data_subjects",
            "Tell the people" if decision.notify else "No duty to tell",
            decision.reason,
            _SUBJECTS_SOURCES,
        )
    )
    return decision
