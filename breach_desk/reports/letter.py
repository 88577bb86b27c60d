"""The letter to the affected person: apology, what happened, how it was assessed, what is
being done, who to contact.

``default_letter_text`` writes a first draft from the register; the officer edits it (in the
window, or a file given to ``--letter-text``) and ``render_letter`` prints exactly what they
wrote: every character is escaped, blank lines separate paragraphs.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from breach_desk.domain import vocabulary
from breach_desk.domain.enums import RecommendationStatus, Risk
from breach_desk.domain.register import Breach
from breach_desk.reports.assessment import pick_version
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.markup import escape, fmt, para
from breach_desk.reports.parts import gap
from breach_desk.reports.styles import day, styles

SUBJECT = "Letter to the affected person"

_RISK_PLAIN = {
    Risk.UNLIKELY: "unlikely to put you at risk",
    Risk.RISK: "a risk to you that we must take seriously",
    Risk.HIGH: "a high risk to you",
}
_SKIP = {"NOTIFY_SUBJECTS", "APOLOGISE", "EXPLAIN_DECISION", "REPORT_BACK", "NOTIFY_ICO"}


def _greeting(breach: Breach) -> str:
    people = breach.facts.subjects.people
    if len(people) == 1 and people[0].name:
        return f"Dear {people[0].name},"
    return "Dear Sir or Madam,"


def default_letter_text(
    breach: Breach, settings: ReportSettings, *, version: int | None = None
) -> str:
    """A first draft of the letter, for the officer to edit before it is printed."""
    v = pick_version(breach, version)
    a, facts = v.assessment, v.facts
    what = facts.description or facts.title
    when = []
    if facts.occurred_at:
        when.append(f"on {day(facts.occurred_at)}")
    if facts.occurrences > 1:
        when.append(f"{facts.occurrences} times")
    happened = f"\nThis happened {', '.join(when)}." if when else ""
    reported = any(
        r.code == "NOTIFY_ICO"
        and r.status in (RecommendationStatus.DONE, RecommendationStatus.VERIFIED)
        for r in breach.recommendations
    )
    regulator = "the Information Commissioner's Office (ICO), the regulator for data protection"
    if not a.ico.report:
        ico = "We have recorded the breach in our breach register."
    elif reported:
        ico = f"Because of this, we have reported the breach to {regulator}."
    else:
        ico = f"Because of this, we are reporting the breach to {regulator}."
    actions = [r for r in breach.recommendations if r.code not in _SKIP]
    doing = "\n".join(f"- {r.text}" for r in actions) or "- We are reviewing what happened."
    contact = settings.contact or "[name, telephone and email of the person to contact]"
    paragraphs = [
        _greeting(breach),
        f"Our reference: {breach.reference}",
        "I am writing to tell you about a mistake we made with your personal information, and to "
        "apologise. I am sorry that this happened.",
        f"What happened\n{what}{happened}",
        "How we assessed it\nWe assessed the breach with a recognised method: how serious the "
        "consequences could be for you, and how likely they are. We judged the severity "
        f"{vocabulary.words(a.severity.band)} and the likelihood "
        f"{vocabulary.words(a.likelihood)}, which makes it "
        f"{_RISK_PLAIN[a.risk]}. {ico}",
        f"What we are doing\n{doing}",
        "Who to contact\nIf you have questions, or are worried about your safety or your "
        f"information, please contact {contact} and quote the reference above. If you are unhappy "
        "with how we have handled your information, you can complain to the ICO: "
        "ico.org.uk/make-a-complaint or 0303 123 1113.",
        f"Yours sincerely,\n\n\n[Name]\n[Job title], {settings.organisation}",
    ]
    return "\n\n".join(paragraphs)


def letter_story(breach: Breach, settings: ReportSettings, text: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        para(escape(settings.organisation), s.h1.clone("org", spaceBefore=0)),
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
