"""A draft of the ICO's personal data breach report form, filled from the facts and the assessment.

The sections follow the ICO's form, in its order: the report (initial or follow-up, the deadline,
when it was reported and how late, the reasons for any delay), about the breach, the personal
data and people, the consequences for people, taking action, and about you. What the register
does not know is written "not yet known" so the officer sees what to find out before sending.
A boxed note reminds the officer to keep people's names out of the form, and the description is
printed with the people the facts name replaced by their role. A breach that needs no report
has no deadline or delay section: a report would be voluntary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.description import (
    Item,
    Line,
    Section,
    describe_facts,
    line,
    one_line,
    severity_words,
)
from breach_desk.domain.enums import (
    Availability,
    Likelihood,
    RecommendationStatus,
)
from breach_desk.domain.facts import Facts
from breach_desk.domain.notification import ClockState, ico_how, people_how
from breach_desk.domain.register import Breach, Recommendation
from breach_desk.method import harm
from breach_desk.reports.assessment import pick_version, stored_delay_reason
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.facts_section import line_markup
from breach_desk.reports.markup import Markup, escape, fmt, join, literal, para
from breach_desk.reports.notifications import clock_of, history_table
from breach_desk.reports.parts import (
    FONT_COMMANDS,
    FULL_WIDTH,
    NOT_KNOWN,
    gap,
    key_values,
    rejected_reason,
    section,
)
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
    what = escape(without_names(one_line(facts.title), facts))
    if facts.description:
        what = fmt("{}<br/><br/>{}", what, Markup(escape(without_names(facts.description, facts))))
    return [
        ("What has happened?", what),
        ("Caused by a cyber incident?", _value(described, "cyber_incident")),
        ("Cause", _value(described, "cause")),
        ("How did you find out?", _found_out(facts)),
        ("When did you discover it?", _value(described, "aware_at")),
        ("When did it happen?", _value(described, "occurred_at") if facts.occurred_at else None),
        ("How many times?", _value(described, "occurrences")),
    ]


def _found_out(facts: Facts) -> str | None:
    """The ICO form's 'how did you find out' (METHOD 1.2 ``discovered_how``), names removed."""
    found = facts.discovered_how
    if found is None:
        return None
    note = without_names(one_line(found.note or ""), facts)
    return v.label(found.kind) + (f": {note}" if note else "")


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
        ("Recipients", line_markup(_unnamed(line(described, "recipients"), facts))),
    ]


def _consequences(breach: Breach, version: int | None) -> Pairs:
    ver = pick_version(breach, version)
    a, facts = ver.assessment, ver.facts
    harm_lines = harm_to_people(facts, a.repeat)
    described = describe_facts(facts)
    loss = [
        fmt("{}: {}", ln.label, ln.value)
        for ln in (
            line(described, key)
            for key in ("loss.confidentiality", "loss.integrity", "loss.availability")
        )
    ]
    return [
        ("Potential consequences", _lines(harm_lines)),
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


def _action_line(r: Recommendation, at: datetime) -> str:
    """One action as the form lists it: its register number, name, text, status and due date;
    past its due date and not done, it says overdue."""
    due = f"due {day(r.due_date)}"
    if r.overdue(at):
        due = f"OVERDUE: was due {day(r.due_date)}"
    title = v.recommendation_title(r.code, r.text)
    return f"No. {r.id}. {title}: {r.text} ({v.words(r.status)}, {due})"


def _training(training: Recommendation | None, at: datetime) -> str | None:
    """The form's staff-training question, answered from CHECK_TRAINING as it stands."""
    if training is None:
        return None
    if training.status is RecommendationStatus.REJECTED:
        return f"Not being checked: {rejected_reason(training)}"
    if training.status in _DONE:
        checked = "Checked" + (f": {training.evidence}" if training.evidence else "")
        return checked + (" (verified)" if training.status is RecommendationStatus.VERIFIED else "")
    state = "OVERDUE" if training.overdue(at) else v.words(training.status)
    return (
        f"Being checked (No. {training.id}, {state}, due {day(training.due_date)}); "
        f"not yet confirmed"
    )


def _actions(breach: Breach, version: int | None, at: datetime) -> Pairs:
    ver = pick_version(breach, version)
    a, facts = ver.assessment, ver.facts
    recs = [
        _action_line(r, at)
        for r in breach.recommendations
        if r.status is not RecommendationStatus.REJECTED
    ]
    told = next((r for r in breach.recommendations if r.code == "NOTIFY_SUBJECTS"), None)
    if breach.notifications.people:
        first = breach.notifications.people[0]
        subjects = (
            f"Yes, we have told them ({moment(first.at)}, {v.in_sentence(people_how(first.how))})"
        )
    elif told is not None and told.status in _DONE:
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
        ("Staff data-protection training in the last two years", _training(training, at)),
        ("Measures in place before the breach", None),
        ("Other organisations told (police, other regulators, NCSC...)", None),
    ]


def _timing(
    breach: Breach, settings: ReportSettings, version: int | None, delay: str | None
) -> Pairs:
    """The report: initial or follow-up, the clock (``domain/notification``, as everywhere
    else), when and how it was reported as recorded, and the reasons for any delay."""
    ver = pick_version(breach, version)
    a = ver.assessment
    report = breach.notifications.ico
    clock = clock_of(breach, ver, settings.generated_at)
    if report is None:
        kind = "Initial report"
    else:
        ref = report.ico_reference or NOT_KNOWN
        kind = f"Follow-up report (the ICO case reference: {ref})"
    pairs: Pairs = [
        ("Report type", kind),
        ("Name of any ICO staff you have already spoken to", None),
    ]
    reported: Pairs = []
    if report is not None:
        reported.append(
            ("Reported", f"{moment(report.reported_at)} ({v.in_sentence(ico_how(report.how))})")
        )
    if not a.ico.report:
        pairs.append(("Our assessment", "No report is required: a voluntary report"))
        return pairs + reported
    pairs += [
        ("Our assessment", "Report to the ICO (UK GDPR Art. 33)"),
        ("72-hour deadline", moment(a.ico.deadline)),
        (v.ICO_CLOCK, clock.text),
        *reported,
    ]
    if clock.state in (ClockState.LATE, ClockState.REPORTED_LATE):
        given = report.delay_reason if report is not None and report.delay_reason else delay
        pairs.append(("Reasons for the delay (Art. 33(1))", given))
    return pairs


def _organisation(settings: ReportSettings) -> Pairs:
    return [
        ("Organisation", settings.organisation),
        ("Registered address", None),
        ("ICO registration number", None),
        ("Controller or processor", None),
        ("DPO or contact point", settings.contact),
        ("Person making this report (name, job title, telephone, email)", None),
        ("UK GDPR code of conduct or certification", None),
    ]


NAMES_NOTE = (
    "Do not put people's names in the ICO's form. Describe them by their role (the person "
    "affected, the recipient). Below, the people the facts name are already replaced by their "
    "role; check the rest of the text before you copy it."
)


def without_names(text: str, facts: Facts) -> str:
    """``text`` with the people the facts name replaced by their role."""
    people = [p for p in facts.subjects.people if p.name or p.email]
    for n, p in enumerate(people, start=1):
        role = "the person affected" if len(people) == 1 else f"person affected {n}"
        for value in (p.email, p.name):
            if value and value.strip():
                text = text.replace(value.strip(), role)
    return text


def _unnamed(ln: Line, facts: Facts) -> Line:
    """A described line with the people the facts name replaced by their role."""
    items = tuple(
        Item(
            without_names(i.name, facts),
            tuple(without_names(d, facts) for d in i.details),
            i.warning,
        )
        for i in ln.items
    )
    return replace(ln, value=without_names(ln.value, facts), items=items)


def harm_to_people(facts: Facts, matches: Sequence[RepeatMatch] = ()) -> list[str]:
    """The potential consequences for the people affected: the one rule set (``method/harm``)."""
    found = harm.consequences(facts, matches)
    return [c.for_ico for c in found] or [harm.NO_CONSEQUENCE_FOR_ICO]


def names_box() -> Table:
    """The reminder to keep people's names out of the form, boxed so it is not missed."""
    t = Table(
        [[para(fmt("<b>Before you copy this into the form.</b> {}", NAMES_NOTE), styles().body)]],
        colWidths=[FULL_WIDTH],
        hAlign="LEFT",
    )
    t.setStyle(
        TableStyle(
            [
                *FONT_COMMANDS,
                ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#c62828")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdecea")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return t


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
    described = describe_facts(ver.facts)
    story += [names_box(), gap(3 * mm)]
    story += section("Report", key_values(_timing(breach, settings, version, delay), width))
    history = history_table(breach, lambda words: without_names(words, ver.facts))
    if history:
        story += section("What the ICO and the people have been told", *history)
    story += section("About the breach", key_values(_about(ver.facts, described), width))
    story += section("Personal data and people", key_values(_data(ver.facts, described), width))
    story += section("Consequences", key_values(_consequences(breach, version), width))
    story += section(
        "Taking action", key_values(_actions(breach, version, settings.generated_at), width)
    )
    story += section("About you", key_values(_organisation(settings), width))
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
