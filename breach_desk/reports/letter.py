"""The letter to the affected person (UK GDPR Art. 34(2), with Art. 33(3)(b)-(d)).

``default_letter_text`` writes a first draft to the person, in the second person, from the
facts and the plan: what happened to *your* information (the cause and the recipients as they
were), what it could mean for you (the consequences ``method/harm`` finds the facts make
possible, and nothing else), what has been done and will be done (only measures the person
benefits from; never a rejected recommendation or an internal escalation), what you can do, who
to contact, and how to complain: to us first (s.164A DPA 2018: acknowledged within 30 days), and
to the ICO. The printed letter carries no audit stamp or generation time. It never pastes the
officer's own description, which is written about the person, not to them. The officer edits
the draft (in the window, or a file given to ``--letter-text``) and ``render_letter`` prints
exactly what they wrote: every character is escaped, blank lines separate paragraphs.

A letter needs the organisation and a contact point (``missing_settings``). When telling the
people is not required, the draft is a courtesy letter and says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Assessment, RepeatMatch
from breach_desk.domain.description import day, one_line
from breach_desk.domain.enums import (
    Availability,
    Cause,
    Confidentiality,
    Integrity,
    RecipientKind,
    RecommendationStatus,
)
from breach_desk.domain.facts import Facts, PartialDate, Recipient
from breach_desk.domain.register import Breach, Recommendation
from breach_desk.method import harm
from breach_desk.reports.assessment import ico_reported, pick_version
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.markup import escape, fmt, para
from breach_desk.reports.parts import gap
from breach_desk.reports.styles import styles

SUBJECT = "Letter to the affected person"
ICO_COMPLAINTS = "ico.org.uk/make-a-complaint or 0303 123 1113"

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_DONE = (RecommendationStatus.DONE, RecommendationStatus.VERIFIED)


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


def _recipient_words(r: Recipient) -> str:
    """A recipient as the facts record them: the officer's label when given (a mailing list
    of thousands stays a mailing list), else what kind of recipient it was."""
    label = one_line(r.label or "")
    return label if label else v.LETTER_RECIPIENT[r.kind]


def _to_whom(facts: Facts) -> str:
    """' to ...': the recipients as they were, by the officer's labels where given."""
    recipients = facts.recipients
    if not recipients:
        return " to someone who should not have had it"
    if len(recipients) == 1:
        if not recipients[0].label:
            return f" to {v.LETTER_RECIPIENT[recipients[0].kind]}"
        return f" to the following, who should not have had it: {_recipient_words(recipients[0])}"
    kinds = {r.kind for r in recipients}
    who = "people" if kinds <= {RecipientKind.MEMBER_OF_PUBLIC} else "people or organisations"
    head = f" to {_count(len(recipients))} {who} who should not have had it"
    if not any(r.label for r in recipients):
        return head
    return f"{head}: {_and([_recipient_words(r) for r in recipients])}"


def _taken(facts: Facts) -> bool:
    return facts.cause is Cause.MALICIOUS_EXTERNAL or any(
        r.kind is RecipientKind.ATTACKER for r in facts.recipients
    )


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
        if _taken(facts):
            what = f"{data} was taken by someone who should not have had it."
        elif facts.cause is Cause.HUMAN_ERROR:
            what = f"we gave {data}{_to_whom(facts)}."
        else:
            what = f"{data} was disclosed{_to_whom(facts)}."
    elif conf is Confidentiality.UNKNOWN_RECIPIENTS:
        what = f"{data} may have been seen by people we cannot identify."
    elif conf is Confidentiality.EXPOSED_NO_EVIDENCE_OF_ACCESS:
        what = f"{data} was lost or left unprotected; we have no evidence that anyone saw it."
    elif facts.loss.availability is not Availability.NONE:
        what = f"{data} could not be reached for a time."
        if facts.loss.availability is Availability.RESTORED_WITHOUT_DIFFICULTY:
            what += " We restored the information without difficulty."
    elif facts.loss.integrity is not Integrity.NONE:
        what = f"{data} was changed when it should not have been."
    else:
        what = f"something went wrong with how we held {data}."
    what = what[0].upper() + what[1:] if not when else what
    return f"{when}{what} We found out on {day(facts.aware_at)}." + (
        " The information cannot be read without a key that we kept safe."
        if facts.data.unintelligible
        else ""
    )


def _intro(facts: Facts) -> str:
    """What went wrong, named as it was: an attack is not 'a mistake'."""
    what = {
        Cause.HUMAN_ERROR: "a mistake we made with your personal information",
        Cause.MALICIOUS_EXTERNAL: (
            "an attack on our systems that affected your personal information"
        ),
        Cause.MALICIOUS_INTERNAL: (
            "the misuse of your personal information by someone working for us"
        ),
        Cause.TECHNICAL_FAULT: "a technical fault that affected your personal information",
    }.get(facts.cause, "a problem with your personal information")
    return (
        f"I am writing to tell you about {what}, and to apologise. I am sorry that this happened."
    )


def consequences(facts: Facts, matches: Sequence[RepeatMatch] = ()) -> list[str]:
    """What the breach could mean for the person: the one rule set (``method/harm``), in the
    second person."""
    found = harm.consequences(facts, matches)
    return [c.to_person for c in found] or [harm.NO_CONSEQUENCE_TO_PERSON]


def what_you_can_do(facts: Facts, matches: Sequence[RepeatMatch] = ()) -> list[str]:
    """Advice for the consequences the facts make possible, and nothing else."""
    out = [c.advice for c in harm.consequences(facts, matches) if c.advice]
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
    intro = _intro(facts)
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
        f"What this could mean for you\n{_bullets(consequences(facts, a.repeat))}",
        "What we have done and what we will do\n"
        + _bullets(done or ["We are reviewing what happened so that it does not happen again."]),
        f"What you can do\n{_bullets(what_you_can_do(facts, a.repeat))}",
        "Who to contact\nIf you have questions, or are worried about your safety or your "
        f"information, please contact {settings.contact or '[contact]'} and quote the reference "
        "above.",
        "Your right to complain\nIf you are unhappy with how we have handled your information, "
        f"you can complain to us: write to {settings.contact or '[contact]'}. We will "
        "acknowledge your complaint within 30 days of receiving it, and tell you what we are "
        "doing about it. You can also complain to the Information Commissioner's Office: "
        f"{ICO_COMPLAINTS}.",
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
    # a run of blank lines is at most one blank gap (room for a signature): never pages of nothing
    text = re.sub(r"\n(?:[ \t]*\n){3,}", "\n\n\n", text.replace("\r\n", "\n"))
    for block in text.split("\n\n"):
        if not block.strip("\n"):
            story.append(gap(4 * mm))
            continue
        head, _, rest = block.partition("\n")
        if rest and len(head) < 60 and not head.rstrip().endswith((".", ",", ":")):
            story.append(
                para(
                    escape(head),
                    s.letter.clone(
                        "lh", fontName=s.body_bold.fontName, spaceAfter=2, keepWithNext=1
                    ),
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
        letter_story(breach, settings, body),
        settings,
        reference=breach.reference,
        subject=SUBJECT,
        public=True,
    )


def courtesy(assessment: Assessment) -> bool:
    """True when the law does not require telling the people (the letter is a courtesy)."""
    return not assessment.data_subjects.notify
