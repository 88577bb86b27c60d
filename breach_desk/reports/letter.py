"""The letter to the affected person (UK GDPR Art. 34(2), with Art. 33(3)(b)-(d)).

``default_letter_text`` writes a first draft to the person, in the second person, from the
facts and the plan: what happened to *your* information, what it could mean for you in concrete
terms, what has been done and will be done (only measures the person benefits from; never a
rejected recommendation or an internal escalation), what you can do, who to contact, and the
right to complain to the ICO. It never pastes the officer's own description, which is written
about the person, not to them. The officer edits the draft (in the window, or a file given to
``--letter-text``) and ``render_letter`` prints exactly what they wrote: every character is
escaped, blank lines separate paragraphs.

A letter needs the organisation and a contact point (``missing_settings``). When telling the
people is not required, the draft is a courtesy letter and says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Assessment
from breach_desk.domain.description import day, one_line
from breach_desk.domain.enums import (
    ART9_CATEGORIES,
    Availability,
    Confidentiality,
    DataCategory,
    RecipientKind,
    RecommendationStatus,
)
from breach_desk.domain.facts import Facts, PartialDate
from breach_desk.domain.register import Breach, Recommendation
from breach_desk.reports.assessment import ico_reported, pick_version
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.markup import escape, fmt, para
from breach_desk.reports.parts import gap
from breach_desk.reports.styles import styles

SUBJECT = "Letter to the affected person"
ICO_COMPLAINTS = "ico.org.uk/make-a-complaint or 0303 123 1113"

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_DONE = (RecommendationStatus.DONE, RecommendationStatus.VERIFIED)
_SAFETY = (DataCategory.CONTACT_DETAILS, DataCategory.LOCATION, DataCategory.BASIC_IDENTIFIERS)
_MONEY = (DataCategory.FINANCIAL, DataCategory.PAYMENT_CARD)


def missing_settings(settings: ReportSettings) -> list[str]:
    """What a letter cannot go without: who it is from and whom to contact."""
    missing = []
    if not settings.organisation.strip() or settings.organisation.startswith("("):
        missing.append("organisation")
    if not (settings.contact or "").strip():
        missing.append("contact")
    return missing


def _count(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def _and(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _your_data(facts: Facts) -> str:
    return _and([v.LETTER_DATA[c] for c in facts.data.categories])


def _who(facts: Facts) -> str:
    recipients = facts.recipients
    if not recipients:
        return "someone who should not have had it"
    if len(recipients) == 1:
        return v.LETTER_RECIPIENT[recipients[0].kind]
    kinds = {r.kind for r in recipients}
    if kinds <= {RecipientKind.MEMBER_OF_PUBLIC}:
        return f"{_count(len(recipients))} people who should not have had it"
    return f"{_count(len(recipients))} people or organisations who should not have had it"


def _what_happened(facts: Facts) -> str:
    when = ""
    if facts.occurred_at is not None:
        # 'On 11 Jan 2021'; a day known only to its month or year: 'In June 2022', 'In 2022'
        on = "In" if isinstance(facts.occurred_at, PartialDate) else "On"
        when = f"{on} {day(facts.occurred_at)}"
        if facts.occurrences > 1:
            further = facts.occurrences - 1
            when += f", and on {_count(further)} further occasion{'s' if further > 1 else ''},"
        when += " "
    elif facts.occurrences > 1:
        when = f"On {_count(facts.occurrences)} occasions, "
    data = _your_data(facts)
    conf = facts.loss.confidentiality
    if conf is Confidentiality.KNOWN_RECIPIENTS:
        what = f"we gave {data} to {_who(facts)}."
    elif conf is Confidentiality.UNKNOWN_RECIPIENTS:
        what = f"{data} may have been seen by people we cannot identify."
    elif conf is Confidentiality.EXPOSED_NO_EVIDENCE_OF_ACCESS:
        what = f"{data} was lost or left unprotected; we have no evidence that anyone saw it."
    elif facts.loss.availability is not Availability.NONE:
        what = f"{data} could not be reached for a time."
    else:
        what = f"{data} was changed in error."
    what = what[0].upper() + what[1:] if not when else what
    return f"{when}{what} We found out on {day(facts.aware_at)}." + (
        " The information cannot be read without a key that we kept safe."
        if facts.data.unintelligible
        else ""
    )


def consequences(facts: Facts) -> list[str]:
    """What the breach could mean for the person, in concrete terms drawn from the facts."""
    cats = set(facts.data.categories)
    out: list[str] = []
    risky = any(r.poses_risk_to_subject is True for r in facts.recipients)
    safety = [c for c in facts.data.categories if c in _SAFETY]
    if risky and safety:
        out.append(
            f"Someone who has harmed you, or may wish to, now has "
            f"{_and([v.LETTER_DATA[c] for c in safety])}. They could use it to find you or "
            "contact you."
        )
    sensitive = sorted(c for c in cats if c in ART9_CATEGORIES or c in v.LETTER_SENSITIVE)
    if sensitive:
        out.append(
            f"{_and([v.LETTER_DATA[c] for c in sensitive]).capitalize()} has been seen by people "
            "who should not have seen it. You may find this upsetting, and it could be used to "
            "embarrass you or treat you unfairly."
        )
    if cats & set(_MONEY):
        out.append("Your financial details could be used to try to take money from you.")
    if DataCategory.IDENTIFICATION_DOCUMENTS in cats:
        out.append("Your identity documents could be used by someone pretending to be you.")
    if DataCategory.CREDENTIALS in cats:
        out.append("Your login details could be used to get into your accounts.")
    hostile = facts.loss.confidentiality is Confidentiality.UNKNOWN_RECIPIENTS or any(
        r.kind in (RecipientKind.ATTACKER, RecipientKind.UNKNOWN) for r in facts.recipients
    )
    if hostile and cats & {DataCategory.CONTACT_DETAILS, DataCategory.BASIC_IDENTIFIERS}:
        out.append(
            "You may receive emails, calls or messages that use your details to seem genuine "
            "and try to trick you (this is called phishing)."
        )
    if facts.loss.availability is not Availability.NONE:
        out.append("A service you rely on may have been, or may be, delayed.")
    return out or [
        "We do not expect this to cause you harm, but we want you to know what happened."
    ]


def what_you_can_do(facts: Facts) -> list[str]:
    cats = set(facts.data.categories)
    out: list[str] = []
    if any(r.poses_risk_to_subject is True for r in facts.recipients):
        out.append(
            "If you feel unsafe, call 999 in an emergency, or 101 to speak to the police. You "
            "can also talk to your safety worker or social worker, or to us, about keeping safe."
        )
    if DataCategory.CREDENTIALS in cats:
        out.append(
            "Change the password of the accounts involved, and anywhere else you use the same "
            "password."
        )
    if cats & {DataCategory.CONTACT_DETAILS, DataCategory.BASIC_IDENTIFIERS}:
        out.append(
            "Be careful with unexpected emails, calls or texts, especially any that ask for "
            "personal or bank details."
        )
    if cats & set(_MONEY):
        out.append(
            "Check your bank and card statements, and tell your bank straight away about "
            "anything you do not recognise."
        )
    if DataCategory.IDENTIFICATION_DOCUMENTS in cats:
        out.append(
            "Consider checking your credit file, and tell the office that issued the document "
            "if you think it is being misused."
        )
    if any(c in ART9_CATEGORIES or c in v.LETTER_SENSITIVE for c in cats):
        out.append("If this has upset you, you can talk to us, or to your GP or a support service.")
    out.append("Tell us if you notice anything that might be connected to this.")
    return out


def measures(recommendations: Sequence[Recommendation]) -> list[str]:
    """What has been done and will be done that the person benefits from: never a rejected
    recommendation, never an internal step (escalations, lessons learned, reporting back)."""
    out = []
    for r in recommendations:
        words = v.LETTER_MEASURES.get(r.code)
        if words is None or r.status is RecommendationStatus.REJECTED:
            continue
        out.append(words[1] if r.status in _DONE else words[0])
    return out


def _greeting(facts: Facts) -> str:
    people = facts.subjects.people
    if len(people) == 1 and people[0].name:
        return f"Dear {one_line(people[0].name)},"
    return "Dear Sir or Madam,"


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {i}" for i in items)


def default_letter_text(
    breach: Breach, settings: ReportSettings, *, version: int | None = None
) -> str:
    """A first draft of the letter, for the officer to confirm and edit before it is printed."""
    ver = pick_version(breach, version)
    a, facts = ver.assessment, ver.facts
    done = measures(breach.recommendations)
    regulator = "the Information Commissioner's Office (ICO), the regulator for data protection"
    if ico_reported(breach):
        done.insert(0, f"We have reported the breach to {regulator}.")
    elif a.ico.report:
        done.insert(0, f"We are reporting the breach to {regulator}.")
    intro = (
        "I am writing to tell you that we made a mistake with your personal information, and "
        "to apologise. I am sorry that this happened."
    )
    if not a.data_subjects.notify:
        intro += (
            " The law does not require us to write to you about it, because we assessed that it "
            "is unlikely to put you at high risk, but we want you to know what happened."
        )
    paragraphs = [
        _greeting(facts),
        f"Our reference: {breach.reference}",
        intro,
        f"What happened to your information\n{_what_happened(facts)}",
        f"What this could mean for you\n{_bullets(consequences(facts))}",
        "What we have done and what we will do\n"
        + _bullets(done or ["We are reviewing what happened so that it does not happen again."]),
        f"What you can do\n{_bullets(what_you_can_do(facts))}",
        "Who to contact\nIf you have questions, or are worried about your safety or your "
        f"information, please contact {settings.contact or '[contact]'} and quote the reference "
        "above.",
        "Your right to complain\nIf you are unhappy with how we have handled your information, "
        f"you can complain to the Information Commissioner's Office: {ICO_COMPLAINTS}.",
        f"Yours sincerely,\n\n\n[Name]\n[Job title], {settings.organisation}",
    ]
    return "\n\n".join(paragraphs)


def letter_story(breach: Breach, settings: ReportSettings, text: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        para(escape(one_line(settings.organisation)), s.h1.clone("org", spaceBefore=0)),
        para(fmt("Date: {}", day(settings.generated_at)), s.body),
        gap(8 * mm),
    ]
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if not block.strip("\n"):
            story.append(gap(4 * mm))
            continue
        head, _, rest = block.partition("\n")
        if rest and len(head) < 60 and not head.rstrip().endswith((".", ",", ":")):
            story.append(
                para(
                    escape(head), s.letter.clone("lh", fontName=s.body_bold.fontName, spaceAfter=2)
                )
            )
            story.append(para(escape(rest), s.letter))
        else:
            story.append(para(escape(block), s.letter))
    return story


def render_letter(
    breach: Breach,
    settings: ReportSettings,
    text: str | None = None,
    *,
    version: int | None = None,
) -> bytes:
    """The letter as PDF bytes: the officer's ``text``, or the default draft when None."""
    body = text if text is not None else default_letter_text(breach, settings, version=version)
    return build_pdf(
        letter_story(breach, settings, body), settings, reference=breach.reference, subject=SUBJECT
    )


def courtesy(assessment: Assessment) -> bool:
    """True when the law does not require telling the people (the letter is a courtesy)."""
    return not assessment.data_subjects.notify
