"""The assessment report: what the officer files and the committee or the Ombudsman reads."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Assessment, RepeatMatch
from breach_desk.domain.description import one_line
from breach_desk.domain.notification import breach_clock, ico_how, people_how
from breach_desk.domain.register import AssessmentVersion, Breach
from breach_desk.method.harm import recipients_as_read
from breach_desk.method.note import FACTS_HEADING, decision_note
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.facts_section import facts_story
from breach_desk.reports.markup import escape, fmt, literal, para
from breach_desk.reports.matrix import risk_matrix
from breach_desk.reports.notifications import history_section
from breach_desk.reports.parts import (
    FONT_COMMANDS,
    FULL_WIDTH,
    HEADING_ROOM,
    bold_cell,
    cell,
    gap,
    heading,
    recommendations_table,
    section,
    table,
    text,
)
from breach_desk.reports.styles import (
    BAND_COLOUR,
    BAND_TEXT,
    MUTED,
    RISK_WORDS,
    band_words,
    day,
    moment,
    styles,
)

SUBJECT = "Personal data breach assessment"
_NONE_RELATED = (
    "No earlier breach involving the same person or recipient was found in the register."
)


def pick_version(breach: Breach, number: int | None) -> AssessmentVersion:
    if not breach.versions:
        raise ValueError(f"{breach.reference} has no assessment yet: nothing to print")
    if number is None:
        return breach.versions[-1]
    for ver in breach.versions:
        if ver.number == number:
            return ver
    raise ValueError(f"{breach.reference} has no version {number}")


def stored_delay_reason(breach: Breach, version: int | None = None) -> str | None:
    """The reasons for the late report kept with ``version`` (default: the latest) or, when it
    has none, with the newest version before it that has them: reassessing does not undo why
    the report was late."""
    number = pick_version(breach, version).number
    for ver in reversed(breach.versions):
        if ver.number <= number and ver.ico_delay_reason:
            return ver.ico_delay_reason
    return None


def ico_reported(breach: Breach) -> bool:
    """The report to the ICO is recorded as made (a record, not a ticked recommendation)."""
    return breach.notifications.ico is not None


def _count(n: int, one: str) -> str:
    return f"{n:,} {one}" + ("" if n == 1 else "s")


def _summary(
    breach: Breach, a: Assessment, settings: ReportSettings, delay: str | None = None
) -> Table:
    s = styles()
    sev = a.severity
    band_line = f"SEVERITY: {band_words(sev.band)} (SE {sev.score:g})"
    if sev.overridden:
        band_line += f"; computed {band_words(sev.computed_band)}, overridden"
    band_style = s.band.clone("band_here", textColor=BAND_TEXT[sev.band])
    # The one ICO clock (domain/notification), as the register and the window show it.
    notes = breach.notifications
    clock = breach_clock(a.ico.report, breach.facts.aware_at, notes, settings.generated_at)
    if a.ico.report:
        ico = [
            para(literal("Report to the ICO"), s.big),
            para(
                fmt("Deadline: <b>{}</b> (72 hours after becoming aware)", moment(a.ico.deadline)),
                s.body,
            ),
            para(fmt("{} at printing: <b>{}</b>", v.ICO_CLOCK, clock.text), s.small),
        ]
        reasons = notes.ico.delay_reason if notes.ico and notes.ico.delay_reason else delay
        if reasons:
            ico.append(para(fmt("Reasons for the delay (Art. 33(1)): {}", reasons), s.small))
    else:
        ico = [
            para(literal("No report to the ICO"), s.big),
            para(
                literal("Unlikely to result in a risk to people: record it in the register."),
                s.small,
            ),
        ]
        if notes.ico is not None:
            ico.append(para(fmt("Reported all the same: {}", clock.text), s.small))
    if notes.ico is not None:
        ref = notes.ico.ico_reference
        how = v.in_sentence(ico_how(notes.ico.how))
        ico.append(
            para(fmt("How: {}{}", how, f"; ICO case reference {ref}" if ref else ""), s.small)
        )
        later = [
            _count(len(notes.follow_ups), "follow-up"),
            _count(len(notes.responses), "ICO response"),
        ]
        if notes.follow_ups or notes.responses:
            ico.append(para(fmt("Then {}: see Notifications below.", " and ".join(later)), s.small))
    if a.data_subjects.notify:
        people = [
            para(literal("Tell the affected people"), s.big),
            para(literal("Without undue delay (UK GDPR Art. 34)."), s.small),
        ]
        if not notes.people:
            people.append(para(fmt("Told: {}", v.NOBODY_TOLD_YET.lower()), s.small))
    else:
        why = (
            f"Exception: Art. 34(3){v.label(a.data_subjects.exception)}."
            if a.data_subjects.exception
            else "The risk to them is not high."
        )
        people = [para(literal("No need to tell the people"), s.big), para(escape(why), s.small)]
    for told in notes.people:
        count = f", {v.people_count(told.count)}" if told.count else ""
        how = v.in_sentence(people_how(told.how))
        people.append(para(fmt("Told {} ({}{})", moment(told.at), how, count), s.small))
    risk_line = fmt(
        "Likelihood: <b>{}</b> &nbsp;·&nbsp; Risk: <b>{}</b> &nbsp;·&nbsp; Decided {}",
        v.label(a.likelihood).upper(),
        RISK_WORDS[a.risk].upper(),
        moment(a.decided_at),
    )
    rows: list[list[Any]] = [
        [para(escape(band_line), band_style), ""],
        [ico, people],
        [para(risk_line, s.body), ""],
    ]
    t = Table(rows, colWidths=[FULL_WIDTH / 2, FULL_WIDTH / 2], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                *FONT_COMMANDS,
                ("SPAN", (0, 0), (1, 0)),
                ("SPAN", (0, 2), (1, 2)),
                ("BACKGROUND", (0, 0), (1, 0), BAND_COLOUR[sev.band]),
                ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#333333")),
                ("LINEBELOW", (0, 1), (1, 1), 0.5, MUTED),
                ("LINEAFTER", (0, 1), (0, 1), 0.5, MUTED),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return t


def _factor_rows(a: Assessment, prefixes: tuple[str, ...]) -> list[list[Flowable]]:
    rows: list[list[Flowable]] = [[bold_cell("Step"), bold_cell("Value"), bold_cell("Why")]]
    for f in a.factors:
        if f.id.startswith(prefixes):
            why = f"{f.reason} [{f.source}]" if f.source else f.reason
            rows.append([cell(v.factor_step(f.id)), bold_cell(f.effect), cell(why)])
    return rows


def _severity(a: Assessment) -> list[Flowable]:
    sev = a.severity
    rows = _factor_rows(a, ("dpc", "ei", "cb.", "se", "final."))
    result = (
        f"{band_words(sev.band)} (DPC {sev.dpc} x EI {sev.ei:g} + CB {sev.cb:g} = {sev.score:g})"
    )
    if sev.overridden:
        result += f"; the method computed {band_words(sev.computed_band)}"
    rows.append([bold_cell("Severity"), bold_cell(band_words(sev.band)), cell(result)])
    widths = [40 * mm, 30 * mm, FULL_WIDTH - 70 * mm]
    return section("Severity (ENISA 2013)", table(rows, widths))


def _likelihood(a: Assessment) -> list[Flowable]:
    s = styles()
    rows: list[list[Flowable]] = [[bold_cell("Step"), bold_cell("Value"), bold_cell("Why")]]
    for f in a.factors:
        if f.id.startswith("likelihood."):
            step = {"likelihood.repeat": "Repeat step", "likelihood.rule": "Rule that set it"}.get(
                f.id, v.factor_step(f.id)
            )
            why = f"{f.reason} [{f.source}]" if f.source else f.reason
            rows.append([cell(step), bold_cell(f.effect), cell(why)])
    lead = para(
        fmt(
            "Likelihood: <b>{}</b> ({})",
            v.label(a.likelihood).upper(),
            v.LIKELIHOOD_RULES.get(a.likelihood_rule, a.likelihood_rule),
        ),
        s.body,
    )
    widths = [40 * mm, 45 * mm, FULL_WIDTH - 85 * mm]
    return section("Likelihood", lead, gap(2 * mm), table(rows, widths))


def _note(a: Assessment) -> list[Flowable]:
    return note_story(decision_note(a), "Decision note", facts_above=True)


def note_story(
    note: str, title: str, *, level: int = 1, facts_above: bool = False
) -> list[Flowable]:
    """The decision note as paragraphs: its headings kept with what follows them (never alone
    at the foot of a page), its entries as bullets. ``facts_above``: the document sets the facts
    out in full already, so the note points to them instead of repeating them."""
    s = styles()
    bullet = s.small.clone("li", leftIndent=8, firstLineIndent=-6)
    indented = s.small.clone("li2", leftIndent=16)
    sub = s.body_bold.clone("nh", spaceBefore=4, keepWithNext=1)
    lead = s.small.clone("nl", keepWithNext=1)
    out: list[Flowable] = [CondPageBreak(HEADING_ROOM)]
    out.append(heading(title, 1) if level == 1 else para(escape(title), sub))
    lines = note.split("\n")
    skipping = False
    for n, line in enumerate(lines[1:], start=1):
        if facts_above and line == FACTS_HEADING:
            skipping = True
            out.append(para(escape(line), sub))
            out.append(para(literal("As set out under <b>The facts</b> above."), bullet))
            continue
        if skipping and not line.strip():
            skipping = False
            continue
        if skipping or not line.strip():
            continue
        if line.startswith("- "):
            out.append(para(fmt("•&nbsp;{}", line[2:]), bullet))
        elif line.startswith("  "):
            out.append(para(escape(line.strip()), indented))
        elif n <= 2:
            out.append(para(escape(line), lead))
        else:
            out.append(CondPageBreak(HEADING_ROOM))
            out.append(para(escape(line), sub))
    return out


def _related(breach: Breach, a: Assessment) -> list[Flowable]:
    seen: dict[str, RepeatMatch] = {}
    for m in (*a.repeat, *breach.related):
        seen.setdefault(m.reference, m)
    rows: list[list[Flowable]] = [
        [bold_cell("Reference"), bold_cell("Title"), bold_cell("Matched on")]
    ]
    rows += [
        [bold_cell(m.reference), cell(one_line(m.title)), cell(m.matched_on)] for m in seen.values()
    ]
    for ref in breach.facts.previous_related_breaches:
        if ref not in seen:
            rows.append([bold_cell(ref), cell(""), cell("linked by the officer")])
    if len(rows) == 1:
        return section(
            "Related earlier breaches",
            text(_NONE_RELATED),
        )
    return section(
        "Related earlier breaches", table(rows, [32 * mm, 80 * mm, FULL_WIDTH - 112 * mm])
    )


def _versions(breach: Breach) -> list[Flowable]:
    head = ["Version", "Created", "By", "Severity", "Risk", "Why reassessed"]
    rows: list[list[Flowable]] = [[bold_cell(h) for h in head]]
    for ver in breach.versions:
        rows.append(
            [
                bold_cell(str(ver.number)),
                cell(moment(ver.created_at)),
                cell(ver.created_by),
                cell(band_words(ver.assessment.severity.band)),
                cell(RISK_WORDS[ver.assessment.risk]),
                cell(ver.reason or ("first assessment" if ver.number == 1 else "")),
            ]
        )
    widths = [16 * mm, 34 * mm, 30 * mm, 22 * mm, 20 * mm, FULL_WIDTH - 122 * mm]
    return section("Version history", table(rows, widths))


def _sign_off() -> list[Flowable]:
    s = styles()
    roles = ["Assessed by (IG officer)", "Reviewed by (DPO)", "Accepted by (SIRO)"]
    rows: list[list[Any]] = [[bold_cell(h) for h in ("Role", "Name", "Signature", "Date")]]
    rows += [[cell(r), "", "", ""] for r in roles]
    widths = [48 * mm, 48 * mm, 48 * mm, FULL_WIDTH - 144 * mm]
    t = table(rows, widths, heights=[None] + [12 * mm] * len(roles))
    note = para(literal("Keep this record for the breach register (UK GDPR Art. 33(5))."), s.muted)
    return [KeepTogether([heading("Sign-off"), t, gap(2 * mm), note])]


def assessment_story(
    breach: Breach, settings: ReportSettings, version: int | None = None
) -> list[Flowable]:
    s = styles()
    ver = pick_version(breach, version)
    a = ver.assessment
    story: list[Flowable] = [
        para(literal("Personal data breach assessment"), s.title),
        para(
            fmt(
                "<b>{}</b> &nbsp;·&nbsp; version {} of {} &nbsp;·&nbsp; status: {}",
                breach.reference,
                ver.number,
                len(breach.versions),
                v.words(breach.status),
            ),
            s.body,
        ),
        para(escape(one_line(breach.facts.title)), s.body.clone("t", spaceAfter=8)),
        _summary(breach, a, settings, stored_delay_reason(breach, ver.number)),
        gap(),
        *history_section(breach),
        *facts_story(ver.facts, recipients_as_read(ver.facts, ver.assessment.repeat)),
        *_severity(a),
        *_likelihood(a),
        *section("Risk matrix", risk_matrix(a.severity.band, a.likelihood)),
        *_note(a),
        *_related(breach, a),
        *section(
            "Recommendations",
            para(
                fmt(
                    "Status at {}. Overdue actions are marked OVERDUE.", day(settings.generated_at)
                ),
                s.muted,
            ),
            gap(2 * mm),
            recommendations_table(breach.recommendations, settings.generated_at),
        ),
        *_versions(breach),
        *_sign_off(),
    ]
    return story


def render_assessment(
    breach: Breach, settings: ReportSettings, *, version: int | None = None
) -> bytes:
    """The assessment report of ``breach`` (its latest assessment, or ``version``) as PDF bytes."""
    story = assessment_story(breach, settings, version)
    return build_pdf(story, settings, reference=breach.reference, subject=SUBJECT)
