"""The evidence pack: one PDF chronology of a breach, for an Ombudsman or ICO enquiry.

What such an enquiry asks for (Ombudsman 21 007 914: the council "cannot confirm it has
implemented" its recommendations): the facts; every assessment version with both decisions and
their reasons; every recommendation with every status change, who made it, when and why, and
the evidence given; who closed the breach. Everything comes from the stored ``Breach``; user
text reaches ReportLab only through ``markup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import LONDON, as_aware
from breach_desk.domain.description import (
    NOT_GIVEN,
    closed_words,
    describe_changes,
    describe_facts,
    describe_outcome,
    one_line,
)
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.notification import ico_how, outcome_words, people_how
from breach_desk.domain.register import AssessmentVersion, Breach, Recommendation, Transition
from breach_desk.method.harm import recipients_as_read
from breach_desk.method.note import decision_note
from breach_desk.reports.assessment import note_story
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.facts_section import facts_story
from breach_desk.reports.markup import Markup, escape, fmt, join, literal, para
from breach_desk.reports.parts import (
    FULL_WIDTH,
    bold_cell,
    cell,
    gap,
    heading,
    key_values,
    owner_words,
    rejected_reason,
    section,
    table,
    text,
)
from breach_desk.reports.styles import RISK_WORDS, band_words, day, moment, styles

S = RecommendationStatus
SUBJECT = "Evidence pack: chronology of a personal data breach"
_BR = literal("<br/>")


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    by: str
    what: Markup
    order: int = 0
    shown: str | None = None
    """How the moment prints when it was recorded as a day only (an ICO response): the day,
    never an invented time of day."""


def _status(status: RecommendationStatus | None) -> str:
    return vocabulary.label(status) if status is not None else "—"


def _transition_words(t: Transition) -> Markup:
    if t.from_status is None:
        head = fmt("made, <b>{}</b>", _status(t.to_status))
    else:
        head = fmt("{} → <b>{}</b>", _status(t.from_status), _status(t.to_status))
    parts = [head]
    if t.evidence:
        parts.append(fmt("<i>Evidence:</i> {}", t.evidence))
    if t.reason:
        parts.append(fmt("<i>Reason:</i> {}", t.reason))
    return join(_BR, parts)


def _events(breach: Breach) -> list[Event]:
    made_with: dict[datetime, list[str]] = {}
    events: list[Event] = []
    versions = {as_aware(v.created_at): v for v in breach.versions}
    for r in breach.recommendations:
        for t in r.history:
            if t.from_status is None and as_aware(t.at) in versions and t.to_status is S.OPEN:
                made_with.setdefault(as_aware(t.at), []).append(_name(r))
            else:
                what = fmt("<b>{}</b>: ", _name(r)) + _transition_words(t)
                events.append(Event(t.at, t.by, what, 1))
        for f in r.files:
            what = fmt("<b>{}</b>: evidence file {} added", _name(r), f.name)
            events.append(Event(f.added_at, f.added_by, what, 2))
    for at, v in versions.items():
        a = v.assessment
        what = fmt(
            "<b>Assessment version {}</b>: severity {}, likelihood {}: {}. Report to the ICO: "
            "{}. Tell the people: {}.",
            v.number,
            band_words(a.severity.band),
            vocabulary.words(a.likelihood),
            vocabulary.words(a.risk),
            "yes" if a.ico.report else "no",
            "yes" if a.data_subjects.notify else "no",
        )
        if v.reason:
            what = what + fmt("<br/><i>Why reassessed:</i> {}", v.reason)
        if made_with.get(at):
            what = what + fmt("<br/>Recommendations made: {}", "; ".join(made_with[at]))
        events.append(Event(v.created_at, v.created_by, what, 0))
    events += _notification_events(breach)
    for ap in breach.close_approvals:
        what = fmt("<b>{}</b><br/><i>Reason:</i> {}", vocabulary.CLOSE_APPROVED, ap.reason)
        if ap.void_since is not None:
            what = what + fmt(
                "<br/><i>{}, on {}.</i>", vocabulary.CLOSE_APPROVAL_VOID, moment(ap.void_since)
            )
        events.append(Event(ap.at, ap.by, what, 3))
    if breach.closed_at is not None:
        events.append(
            Event(breach.closed_at, breach.closed_by or "", literal("<b>Breach closed</b>"), 3)
        )
    return sorted(events, key=lambda e: (as_aware(e.at), e.order))


def _notification_events(breach: Breach) -> list[Event]:
    """Who was told, when it happened (the officer's date-time, as recorded)."""
    notes = breach.notifications
    out: list[Event] = []
    if notes.ico is not None:
        r = notes.ico
        what = fmt("<b>Reported to the ICO</b> ({})", vocabulary.in_sentence(ico_how(r.how)))
        if r.ico_reference:
            what = what + fmt("; ICO case reference {}", r.ico_reference)
        if r.voluntary:
            what = what + literal("; a voluntary report")
        if r.delay_reason:
            what = what + fmt("<br/><i>Reasons for the delay:</i> {}", r.delay_reason)
        out.append(Event(r.reported_at, r.recorded_by, what, 1))
    for number, f in enumerate(notes.follow_ups, start=1):
        what = fmt("<b>Follow-up {} to the ICO</b>: {}", number, f.text)
        out.append(Event(f.at, f.recorded_by, what, 1))
    for x in notes.responses:
        what = fmt("<b>ICO response</b>: {}", outcome_words(x.outcome))
        if x.reference:
            what = what + fmt(" (ICO reference {})", x.reference)
        if x.text:
            what = what + fmt("<br/>{}", x.text)
        # a day without a time: placed at the end of its day, printed as the day
        end_of_day = datetime(x.on.year, x.on.month, x.on.day, 23, 59, tzinfo=LONDON)
        out.append(Event(end_of_day, x.recorded_by, what, 1, shown=day(x.on)))
    for t in notes.people:
        count = f", {vocabulary.people_count(t.count)}" if t.count else ""
        what = fmt(
            "<b>The people were told</b> ({}{})",
            vocabulary.in_sentence(people_how(t.how)),
            count,
        )
        out.append(Event(t.at, t.recorded_by, what, 1))
    return out


def _notifications(breach: Breach, settings: ReportSettings) -> list[Flowable]:
    """The records in full: the report, its follow-ups and the ICO's responses, and every
    telling of the people with the text sent."""
    notes = breach.notifications
    latest = breach.latest
    clock = breach.clock(settings.generated_at)
    words = vocabulary.NOTIFY_FIELDS
    r = notes.ico
    ico: list[tuple[str, str | Markup | None]] = []
    if clock.shown:
        ico.append((vocabulary.ICO_CLOCK, clock.text))
    if r is not None:
        ico += [
            (words["reported_at"], moment(r.reported_at)),
            (words["how"], ico_how(r.how)),
            (words["ico_reference"], r.ico_reference or "none recorded"),
            (words["recorded"], f"{moment(r.recorded_at)} by {r.recorded_by}"),
        ]
        if r.delay_reason:
            ico.append((words["delay_reason"], r.delay_reason))
        if r.voluntary:
            ico.append((words["voluntary"], vocabulary.yes_no(True)))
    elif latest is not None and latest.assessment.ico.report:
        ico.append((vocabulary.ICO_REPORT_HEADING, vocabulary.NOT_REPORTED_YET))
    for number, f in enumerate(notes.follow_ups, start=1):
        ico.append((f"{words['follow_up']} {number}", fmt("{}: {}", moment(f.at), f.text)))
    for x in notes.responses:
        said = f"{day(x.on)}: {outcome_words(x.outcome)}"
        if x.reference:
            said += f" (ICO reference {x.reference})"
        if x.text:
            said += f". {x.text}"
        ico.append((words["response"], said))
    out: list[Flowable] = []
    if ico:
        out += [heading(vocabulary.ICO_REPORT_HEADING, 2), key_values(ico, 40 * mm), gap(2 * mm)]
    for t in notes.people:
        told: list[tuple[str, str | Markup | None]] = [
            (words["told_at"], moment(t.at)),
            (words["told_how"], people_how(t.how)),
            (words["told_count"], f"{t.count:,}" if t.count else "not recorded"),
            (words["recorded"], f"{moment(t.recorded_at)} by {t.recorded_by}"),
            (words["letter_text"], t.letter_text or "not kept"),
        ]
        out += [heading(vocabulary.PEOPLE_TOLD_HEADING, 2), key_values(told, 40 * mm), gap(2 * mm)]
    return section(vocabulary.NOTIFICATIONS_HEADING, *out) if out else []


def _chronology(breach: Breach) -> list[Flowable]:
    rows: list[list[Flowable]] = [[bold_cell(h) for h in ("When", "Who", "What")]]
    rows += [[cell(e.shown or moment(e.at)), cell(e.by), cell(e.what)] for e in _events(breach)]
    widths = [34 * mm, 30 * mm, FULL_WIDTH - 64 * mm]
    return section("Chronology", table(rows, widths))


def _summary(breach: Breach, settings: ReportSettings) -> list[Flowable]:
    recs = breach.recommendations
    counts = {s: sum(1 for r in recs if r.status is s) for s in RecommendationStatus}
    tally = ", ".join(f"{n} {vocabulary.words(s)}" for s, n in counts.items() if n) or "none"
    overdue = sum(1 for r in recs if r.overdue(settings.generated_at))
    closed = closed_words(breach)
    status = closed if closed is not None else f"{vocabulary.label(breach.status)}, not closed"
    latest = breach.latest
    pairs: list[tuple[str, str | Markup | None]] = [
        ("Reference", breach.reference),
        ("Title", one_line(breach.title)),
        ("Service", one_line(breach.facts.service or "") or NOT_GIVEN),
        ("Became aware", moment(breach.facts.aware_at)),
        ("Recorded", f"{moment(breach.created_at)} by {breach.created_by}"),
        ("Status", status),
        ("Assessment versions", str(len(breach.versions))),
        ("Recommendations", f"{len(recs)}: {tally}" + (f"; {overdue} OVERDUE" if overdue else "")),
    ]
    clock = breach.clock(settings.generated_at)
    if clock.shown:
        pairs.append((vocabulary.ICO_CLOCK, clock.text))
    if latest is not None:
        pairs += _decisions(latest)
    return [key_values(pairs)]


def _decisions(v: AssessmentVersion) -> list[tuple[str, str | Markup | None]]:
    a = v.assessment
    ico = (
        f"Report, by {moment(a.ico.deadline)}. {a.ico.reason}"
        if a.ico.report
        else f"No report. {a.ico.reason}"
    )
    ds = a.data_subjects
    people = "Tell them. " if ds.notify else "No need to tell them. "
    if ds.exception is not None:
        people += f"Art. 34(3){vocabulary.label(ds.exception)}. "
    pairs: list[tuple[str, str | Markup | None]] = [("Report to the ICO", ico)]
    if v.ico_delay_reason:
        pairs.append(("Reasons for the late report", v.ico_delay_reason))
    return [*pairs, ("Tell the people", people + ds.reason)]


def _version(v: AssessmentVersion, previous: AssessmentVersion | None) -> list[Flowable]:
    a = v.assessment
    sev = a.severity
    severity = f"{band_words(sev.band)} (SE {sev.score:g})"
    if sev.overridden:
        severity += f"; the method computed {band_words(sev.computed_band)}"
    pairs: list[tuple[str, str | Markup | None]] = [
        ("Made", f"{moment(v.created_at)} by {v.created_by}"),
        ("Why", v.reason or "first assessment"),
        ("Severity", severity),
        (
            "Likelihood",
            f"{vocabulary.label(a.likelihood)} "
            f"({vocabulary.LIKELIHOOD_RULES.get(a.likelihood_rule, a.likelihood_rule)})",
        ),
        ("Risk", RISK_WORDS[a.risk]),
        *_decisions(v),
    ]
    if v.removed:
        removed = [
            fmt("{}: {}", vocabulary.recommendation_title(r.code), r.reason) for r in v.removed
        ]
        pairs.append(("Removed", join(_BR, removed)))
    if previous is not None:
        before = (describe_outcome(previous.assessment), *describe_facts(previous.facts))
        after = (describe_outcome(a), *describe_facts(v.facts))
        changed = [escape(c) for c in describe_changes(before, after)]
        pairs.append(("Changed", join(_BR, changed) if changed else "Nothing"))
    out: list[Flowable] = [
        KeepTogether([heading(f"Assessment version {v.number}", 2), key_values(pairs)]),
        gap(2 * mm),
        *note_story(decision_note(a), "Decision note", level=3),
    ]
    return out


def _name(r: Recommendation) -> str:
    return vocabulary.recommendation_title(r.code, r.text)


def _recommendation(r: Recommendation, at: datetime) -> list[Flowable]:
    status = vocabulary.label(r.status) + (" — OVERDUE" if r.overdue(at) else "")
    files = [
        fmt(
            "{} ({} bytes, SHA-256 {}), added by {} on {}",
            f.name,
            f"{f.size:,}",
            f.sha256,
            f.added_by,
            moment(f.added_at),
        )
        for f in r.files
    ]
    pairs: list[tuple[str, str | Markup | None]] = [
        ("Action", r.text),
        ("Owner", owner_words(r)),
        ("Due", day(r.due_date)),
        ("Status", status),
        ("Why proposed", r.why or None),
        *(
            [("Why rejected", rejected_reason(r))]
            if r.status is RecommendationStatus.REJECTED
            else []
        ),
        ("Evidence", r.evidence or "none recorded"),
        ("Files", join(_BR, files) if files else "none"),
        ("Done", f"{r.done_by}, {moment(r.done_at)}" if r.done_by else "not done"),
        ("Verified", f"{r.verified_by}, {moment(r.verified_at)}" if r.verified_by else "no"),
    ]
    rows: list[list[Flowable]] = [[bold_cell(h) for h in ("When", "Who", "Change")]]
    rows += [[cell(moment(t.at)), cell(t.by), cell(_transition_words(t))] for t in r.history]
    widths = [34 * mm, 30 * mm, FULL_WIDTH - 64 * mm]
    # One recommendation is one block: its heading, its details and its history stay together
    # (a block taller than a page still breaks, and then only between rows).
    return [
        KeepTogether(
            [
                heading(f"{_name(r)} (no. {r.id})", 2),
                key_values(pairs, 30 * mm),
                gap(2 * mm),
                table(rows, widths),
            ]
        ),
        gap(),
    ]


def evidence_story(breach: Breach, settings: ReportSettings) -> list[Flowable]:
    s = styles()
    latest = breach.latest
    story: list[Flowable] = [
        para(literal("Evidence pack"), s.title),
        para(
            fmt(
                "<b>{}</b> &nbsp;·&nbsp; {} &nbsp;·&nbsp; prepared {}",
                breach.reference,
                one_line(breach.title),
                moment(settings.generated_at),
            ),
            s.body,
        ),
        para(
            literal(
                "Everything the register holds about this breach, oldest first: the facts, "
                "every assessment and both decisions with their reasons, every recommendation "
                "with every change of status, who made it, when and why, and its evidence."
            ),
            s.muted,
        ),
        gap(),
        *_summary(breach, settings),
        *_chronology(breach),
        *_notifications(breach, settings),
        *(
            facts_story(latest.facts, recipients_as_read(latest.facts, latest.assessment.repeat))
            if latest is not None
            else []
        ),
    ]
    versions: list[Flowable] = []
    previous: AssessmentVersion | None = None
    for v in breach.versions:
        versions += _version(v, previous)
        previous = v
    story += section("Assessments", *versions)
    recs: list[Flowable] = [text("None were made.")] if not breach.recommendations else []
    for r in sorted(breach.recommendations, key=lambda r: r.id):
        recs += _recommendation(r, settings.generated_at)
    story += section("Recommendations", *recs)
    return story


def render_evidence_pack(breach: Breach, settings: ReportSettings) -> bytes:
    """The evidence pack of ``breach`` as PDF bytes (same input, same bytes)."""
    return build_pdf(
        evidence_story(breach, settings), settings, reference=breach.reference, subject=SUBJECT
    )
