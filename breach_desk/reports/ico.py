"""A draft of the ICO's personal data breach report form, filled from the facts and the assessment.

The sections follow the ICO form (research/methodology.md 3.4). What the register does not know
is written "not yet known" so the officer sees what to find out before sending. Past the 72-hour
deadline the draft asks for, or carries, the reasons for the delay (UK GDPR Art. 33(1)).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from breach_desk.domain import vocabulary as v
from breach_desk.domain.clock import describe_duration
from breach_desk.domain.description import Section, describe_facts, line, one_line, severity_words
from breach_desk.domain.enums import (
    Availability,
    Likelihood,
    RecommendationStatus,
)
from breach_desk.domain.facts import Facts
from breach_desk.domain.register import Breach
from breach_desk.reports.assessment import ico_reported, pick_version, stored_delay_reason
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.facts_section import line_markup
from breach_desk.reports.markup import Markup, escape, fmt, join, literal, para
from breach_desk.reports.parts import NOT_KNOWN, gap, key_values, section
from breach_desk.reports.styles import day, moment, styles

SUBJECT = "Personal data breach report to the ICO (draft)"

ICO_LIKELIHOOD = {
    Likelihood.OCCURRED: "Very likely (the consequences have already occurred)",
    Likelihood.LIKELY: "Likely",
    Likelihood.POSSIBLE: "Neutral",
    Likelihood.REMOTE: "Unlikely",
}
RECOVERY = {
    Availability.NONE: "Not applicable: no loss of availability",
    Availability.RESTORED_WITHOUT_DIFFICULTY: "Already recovered",
    Availability.TEMPORARY: NOT_KNOWN,
    Availability.PERMANENT: "Not recoverable",
}
_DONE = (RecommendationStatus.DONE, RecommendationStatus.VERIFIED)

Pairs = list[tuple[str, str | Markup | None]]
Sections = tuple[Section, ...]


def _value(described: Sections, key: str) -> str:
    return line(described, key).value


def _lines(items: list[str]) -> Markup:
    return join(literal("<br/>"), [escape(i) for i in dict.fromkeys(items)])


def _about(facts: Facts, described: Sections) -> Pairs:
    what = escape(one_line(facts.title))
    if facts.description:
        what = fmt("{}<br/><br/>{}", what, Markup(escape(facts.description)))
    return [
        ("What has happened?", what),
        ("Caused by a cyber incident?", _value(described, "cyber_incident")),
        ("Cause", _value(described, "cause")),
        ("How did you find out?", None),
        ("When did you discover it?", _value(described, "aware_at")),
        ("When did it happen?", _value(described, "occurred_at") if facts.occurred_at else None),
        ("How many times?", _value(described, "occurrences")),
    ]


def _data(facts: Facts, described: Sections) -> Pairs:
    s, d = facts.subjects, facts.data
    categories = [
        fmt("{} <i>(on the ICO form: {})</i>", v.label(c), v.ICO_FORM_CATEGORY[c])
        for c in d.categories
    ]
    groups = [
        fmt("{} <i>(on the ICO form: {})</i>", v.label(g), v.ICO_FORM_SUBJECTS[g]) for g in s.groups
    ]
    if s.vulnerable:
        groups.append(
            fmt(
                "{}: {} <i>(on the ICO form: Vulnerable adults)</i>",
                line(described, "subjects.vulnerable").label,
                v.yes_no(True),
            )
        )
    return [
        ("Categories of personal data", join(literal("<br/>"), categories)),
        ("Number of records", f"{d.records:,}" if d.records is not None else None),
        ("How many data subjects could be affected?", _value(described, "subjects.count")),
        ("Categories of data subjects", join(literal("<br/>"), groups) if groups else None),
        ("Recipients", line_markup(line(described, "recipients"))),
    ]


def _consequences(breach: Breach, version: int | None) -> Pairs:
    ver = pick_version(breach, version)
    a, facts = ver.assessment, ver.facts
    harm = [f.reason for f in a.factors if f.id.startswith(("dpc.", "final."))]
    described = describe_facts(facts)
    loss = [
        fmt("{}: {}", ln.label, ln.value)
        for ln in (
            line(described, key)
            for key in ("loss.confidentiality", "loss.integrity", "loss.availability")
        )
    ]
    return [
        ("Potential consequences", _lines(harm)),
        ("Severity (our assessment)", severity_words(a)),
        (
            "Likelihood of significant consequences",
            fmt(
                "{} <i>(on the ICO form: {})</i>",
                v.label(a.likelihood),
                ICO_LIKELIHOOD[a.likelihood],
            ),
        ),
        ("Risk", v.label(a.risk)),
        ("Confidentiality, integrity or availability affected?", join(literal("<br/>"), loss)),
        ("Impact on the organisation", None),
        ("Estimated recovery time", RECOVERY[facts.loss.availability]),
    ]


def _actions(breach: Breach, version: int | None) -> Pairs:
    ver = pick_version(breach, version)
    a, facts = ver.assessment, ver.facts
    recs = [
        f"{v.recommendation_title(r.code, r.text)}: {r.text} ({v.words(r.status)}, due "
        f"{day(r.due_date)})"
        for r in breach.recommendations
        if r.status is not RecommendationStatus.REJECTED
    ]
    told = next((r for r in breach.recommendations if r.code == "NOTIFY_SUBJECTS"), None)
    if told is not None and told.status in _DONE:
        subjects = "Yes, we have told them"
    elif a.data_subjects.notify:
        subjects = "We are about to, or planning to"
    elif facts.subjects.already_aware:
        subjects = "They are already aware"
    else:
        subjects = f"No, we decided not to: {a.data_subjects.reason}"
    if facts.subjects.already_aware and not subjects.startswith("They"):
        subjects += " (they are already aware of the breach)"
    training = next((r for r in breach.recommendations if r.code == "CHECK_TRAINING"), None)
    return [
        ("Containment and recovery", facts.containment),
        ("Actions taken or proposed", _lines(recs) if recs else None),
        ("Have you told the data subjects?", subjects),
        (
            "Staff data-protection training in the last two years",
            escape(training.evidence) if training is not None and training.evidence else None,
        ),
        ("Other organisations told (police, other regulators, NCSC...)", None),
    ]


def _timing(
    breach: Breach, settings: ReportSettings, version: int | None, delay: str | None
) -> Pairs:
    a = pick_version(breach, version).assessment
    late = settings.generated_at - a.ico.deadline
    pairs: Pairs = [
        ("Report type", "Initial report"),
        ("Our assessment", "Report to the ICO" if a.ico.report else "No report needed (voluntary)"),
        ("72-hour deadline", moment(a.ico.deadline)),
    ]
    if late.total_seconds() > 0 and not ico_reported(breach):
        pairs.append(("Late by", describe_duration(late)))
        pairs.append(("Reasons for the delay (Art. 33(1))", delay))
    return pairs


def _organisation(settings: ReportSettings) -> Pairs:
    return [
        ("Organisation", settings.organisation),
        ("ICO registration number", None),
        ("DPO or contact point", settings.contact),
        ("UK GDPR code of conduct or certification", None),
    ]


def ico_story(
    breach: Breach, settings: ReportSettings, version: int | None = None, delay: str | None = None
) -> list[Flowable]:
    s = styles()
    ver = pick_version(breach, version)
    a = ver.assessment
    intro = (
        "Draft for the officer: check every answer, replace each 'not yet known', then copy it "
        "into the ICO's form. Information may be given in phases (Art. 33(4))."
    )
    story: list[Flowable] = [
        para(literal("Report a personal data breach: draft for the ICO"), s.title),
        para(
            fmt("<b>{}</b> &nbsp;·&nbsp; assessment version {}", breach.reference, ver.number),
            s.body,
        ),
        para(escape(intro), s.muted),
        gap(3 * mm),
    ]
    if not a.ico.report:
        note = (
            "Our assessment: the breach is unlikely to result in a risk; reporting is not required."
        )
        story += [para(escape(note), s.body_bold), gap(2 * mm)]
    width = 62 * mm
    story += section("Report", key_values(_timing(breach, settings, version, delay), width))
    story += section("Your organisation", key_values(_organisation(settings), width))
    described = describe_facts(ver.facts)
    story += section("About the breach", key_values(_about(ver.facts, described), width))
    story += section("Personal data and people", key_values(_data(ver.facts, described), width))
    story += section("Consequences", key_values(_consequences(breach, version), width))
    story += section("Taking action", key_values(_actions(breach, version), width))
    story += [gap(), para(fmt("Decision: {}", a.ico.reason), s.small)]
    return story


def render_ico_report(
    breach: Breach,
    settings: ReportSettings,
    *,
    version: int | None = None,
    delay_reason: str | None = None,
) -> bytes:
    """The ICO report draft as PDF bytes. ``delay_reason`` fills the reasons for a late report;
    by default, the reasons the officer gave when finalising (``stored_delay_reason``)."""
    if delay_reason is None:
        delay_reason = stored_delay_reason(breach, version)
    story = ico_story(breach, settings, version, delay_reason)
    return build_pdf(story, settings, reference=breach.reference, subject=SUBJECT)
