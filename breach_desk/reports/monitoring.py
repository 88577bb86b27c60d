"""The monitoring report across the register: unfinished recommendations by service (overdue
first, with their age), breaches by band and month, repeat breaches. The report the founding
council could not produce (Ombudsman 21 007 914: recommendations made, never followed up).

The breaches are read once, in any order, from any iterable (a generator from the register
streams them); only the rows the report prints are kept. ``progress(done, total, stage)`` is
called as breaches are read and as pages are laid out; an exception it raises (e.g. the user
cancelled) stops the work and propagates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import LONDON, as_aware, month_year
from breach_desk.domain.description import one_line
from breach_desk.domain.enums import Band, RecommendationStatus
from breach_desk.domain.register import Breach, Recommendation
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.markup import escape, fmt, literal, para
from breach_desk.reports.parts import (
    FULL_WIDTH,
    action_markup,
    bold_cell,
    cell,
    gap,
    heading,
    plain_bold,
    plain_cell,
    plain_columns,
    table,
)
from breach_desk.reports.styles import BANDS, OVERDUE_TINT, band_words, day, styles

SUBJECT = "Breach register monitoring report"
NO_SERVICE = "No service recorded"
Progress = Callable[[int, "int | None", str], None]
_EVERY = 25


@dataclass(frozen=True, slots=True)
class ActionRow:
    reference: str
    code: str
    text: str
    owner: str
    due: date
    status: RecommendationStatus
    overdue_days: int
    """Days past the due date (0 when not overdue)."""
    age_days: int


@dataclass(frozen=True, slots=True)
class RepeatRow:
    reference: str
    title: str
    service: str
    band: Band | None
    matched: str


@dataclass
class Register:
    """What the report needs, gathered in one pass over the breaches."""

    at: datetime
    breaches: int = 0
    needed: int = 0
    """Breaches whose latest assessment says a report to the ICO is needed."""
    from_old_log: int = 0
    """Breaches brought in from the old log and not assessed here: counted, not charted (the
    log may give only a year, and no band)."""
    reported: int = 0
    """Breaches with a report to the ICO recorded (needed or voluntary)."""
    actions: dict[str, list[ActionRow]] = field(default_factory=lambda: defaultdict(list))
    months: dict[tuple[int, int], Counter[Band | None]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    repeats: list[RepeatRow] = field(default_factory=list)

    def add(self, breach: Breach) -> None:
        self.breaches += 1
        latest = breach.latest
        if latest is None and breach.old_log is not None:
            self.from_old_log += 1
            return
        band = latest.assessment.severity.band if latest else None
        if latest is not None and latest.assessment.ico.report:
            self.needed += 1
        if breach.notifications.ico is not None:
            self.reported += 1
        aware = as_aware(breach.facts.aware_at).astimezone(LONDON)
        self.months[(aware.year, aware.month)][band] += 1
        today = as_aware(self.at).astimezone(LONDON).date()
        for r in breach.recommendations:
            if r.status.finished:
                continue
            service = one_line(r.service or breach.facts.service or NO_SERVICE)
            overdue = (today - r.due_date).days if r.overdue(self.at) else 0
            self.actions[service].append(
                ActionRow(
                    breach.reference,
                    r.code,
                    r.text,
                    _owner(r),
                    r.due_date,
                    r.status,
                    overdue,
                    (today - _made(r, breach)).days,
                )
            )
        refs = [m.reference for m in breach.related]
        refs += [p for p in breach.facts.previous_related_breaches if p not in refs]
        repeat = latest is not None and latest.assessment.is_repeat
        if refs or repeat or breach.facts.occurrences > 1:
            matched = ", ".join(refs)
            if breach.facts.occurrences > 1:
                matched = "; ".join(x for x in (matched, f"{breach.facts.occurrences} times") if x)
            self.repeats.append(
                RepeatRow(
                    breach.reference,
                    one_line(breach.facts.title),
                    one_line(breach.facts.service or NO_SERVICE),
                    band,
                    matched,
                )
            )


def _owner(r: Recommendation) -> str:
    """Rows are grouped by service already: the named owner, else the role."""
    return r.owner or vocabulary.label(r.owner_role)


def _made(r: Recommendation, breach: Breach) -> date:
    moment = r.history[0].at if r.history else breach.created_at
    return as_aware(moment).astimezone(LONDON).date()


def collect(
    breaches: Iterable[Breach],
    at: datetime,
    total: int | None = None,
    progress: Progress | None = None,
) -> Register:
    reg = Register(at=at)
    for n, breach in enumerate(breaches, start=1):
        reg.add(breach)
        if progress is not None and n % _EVERY == 0:
            progress(n, total, "reading")
    if progress is not None:
        progress(reg.breaches, total, "reading")
    return reg


def _summary(reg: Register) -> list[Flowable]:
    rows = [r for rs in reg.actions.values() for r in rs]
    overdue = [r for r in rows if r.overdue_days]
    figures = [
        ("Breaches in the register", f"{reg.breaches:,}"),
        *(
            [("Of which from the old log, not assessed", f"{reg.from_old_log:,}")]
            if reg.from_old_log
            else []
        ),
        ("Needed a report to the ICO (our assessment)", f"{reg.needed:,}"),
        ("Reported to the ICO (a report recorded)", f"{reg.reported:,}"),
        ("Unfinished recommendations", f"{len(rows):,}"),
        ("Overdue recommendations", f"{len(overdue):,}"),
        ("Most overdue", f"{max((r.overdue_days for r in overdue), default=0):,} days"),
        ("Repeat breaches", f"{len(reg.repeats):,}"),
    ]
    body = [[cell(k), bold_cell(v)] for k, v in figures]
    return [table(body, [80 * mm, 40 * mm], header=False)]


def _order(rows: list[ActionRow]) -> list[ActionRow]:
    return sorted(rows, key=lambda r: (-r.overdue_days, r.due, r.reference, r.code))


def _services(reg: Register) -> list[Flowable]:
    s = styles()
    order = sorted(
        reg.actions,
        key=lambda sv: (-sum(1 for r in reg.actions[sv] if r.overdue_days), sv.casefold()),
    )
    overview: list[list[Flowable]] = [
        [bold_cell(h) for h in ("Service", "Unfinished", "Overdue", "Most overdue")]
    ]
    for sv in order:
        rows = reg.actions[sv]
        late = [r.overdue_days for r in rows if r.overdue_days]
        overview.append(
            [
                cell(sv),
                cell(str(len(rows))),
                cell(str(len(late))),
                cell(f"{max(late):,} days" if late else "none"),
            ]
        )
    story: list[Flowable] = [heading("Recommendations by service")]
    if not order:
        return [*story, para(literal("No unfinished recommendations."), s.body)]
    story += [
        para(
            literal(
                "Overdue first, most overdue at the top. Unfinished means not yet "
                "verified or rejected by the IG team."
            ),
            s.muted,
        ),
        gap(2 * mm),
        table(overview, [86 * mm, 28 * mm, 28 * mm, 32 * mm]),
    ]
    head = ("Breach", "Action", "Owner", "Due", "Status", "Late by", "Age")
    widths = [26 * mm, 57 * mm, 24 * mm, 18 * mm, 21 * mm, 16 * mm, 12 * mm]
    for sv in order:
        rows = _order(reg.actions[sv])
        n_late = sum(1 for r in rows if r.overdue_days)
        story.append(
            para(fmt("{}: {} unfinished, {} overdue", one_line(sv), len(rows), n_late), s.h2)
        )
        body: list[list[Any]] = [[bold_cell(h) for h in head]]
        # The reference, the action and the owner are paragraphs: user text wraps inside its
        # column. The due date, status, lateness and age are our own short words: plain.
        extra: list[tuple[Any, ...]] = plain_columns(3, 6)
        for n, r in enumerate(rows, start=1):
            overdue = bool(r.overdue_days)
            if overdue:
                status, late_by = "OVERDUE", f"{r.overdue_days:,}\u00a0d"
                extra += [("BACKGROUND", (0, n), (-1, n), OVERDUE_TINT), plain_bold(4, 5, n)]
            else:
                status, late_by = vocabulary.label(r.status), ""
            body.append(
                [
                    cell(r.reference),
                    cell(action_markup(r.code, r.text)),
                    cell(r.owner),
                    plain_cell(day(r.due), widths[3]),
                    plain_cell(status, widths[4], bold=overdue),
                    plain_cell(late_by, widths[5], bold=overdue),
                    plain_cell(f"{r.age_days:,}\u00a0d", widths[6]),
                ]
            )
        story.append(table(body, widths, extra=extra))
    return story


def _months(reg: Register) -> list[Flowable]:
    head = ["Month", *(band_words(b).capitalize() for b in BANDS), "Not assessed", "Total"]
    body: list[list[Flowable]] = [[bold_cell(h) for h in head]]
    totals: Counter[Band | None] = Counter()
    for year, month in sorted(reg.months):
        counts = reg.months[(year, month)]
        totals.update(counts)
        label = month_year(date(year, month, 1))
        body.append(
            [
                cell(label),
                *(cell(str(counts[b] or "")) for b in BANDS),
                cell(str(counts[None] or "")),
                bold_cell(str(sum(counts.values()))),
            ]
        )
    body.append(
        [
            bold_cell("Total (all months)"),
            *(bold_cell(str(totals[b])) for b in BANDS),
            bold_cell(str(totals[None])),
            bold_cell(str(sum(totals.values()))),
        ]
    )
    widths = [30 * mm] + [22 * mm] * 4 + [28 * mm, FULL_WIDTH - 146 * mm]
    return [heading("Breaches by severity band and month"), table(body, widths)]


def _repeats(reg: Register) -> list[Flowable]:
    story: list[Flowable] = [heading("Repeat breaches")]
    if not reg.repeats:
        return [*story, para(literal("No repeat breaches."), styles().body)]
    body: list[list[Flowable]] = [
        [bold_cell(h) for h in ("Breach", "Title", "Service", "Band", "Earlier breaches / times")]
    ]
    for r in sorted(reg.repeats, key=lambda r: r.reference):
        body.append(
            [
                cell(r.reference),
                cell(r.title),
                cell(r.service),
                cell(band_words(r.band)),
                cell(r.matched),
            ]
        )
    return [*story, table(body, [24 * mm, 62 * mm, 34 * mm, 20 * mm, FULL_WIDTH - 140 * mm])]


def render_monitoring(
    breaches: Iterable[Breach],
    settings: ReportSettings,
    *,
    total: int | None = None,
    progress: Progress | None = None,
    title: str = "Breach register: monitoring report",
) -> bytes:
    """The monitoring report as PDF bytes. ``total`` (if known) is passed to ``progress``."""
    reg = collect(breaches, settings.generated_at, total, progress)
    s = styles()
    story: list[Flowable] = [
        para(escape(title), s.title),
        para(
            fmt("{} &nbsp;·&nbsp; at {}", settings.organisation, day(settings.generated_at)), s.body
        ),
        gap(3 * mm),
        *_summary(reg),
        *_services(reg),
        *_months(reg),
        *_repeats(reg),
    ]

    def page(number: int) -> None:
        if progress is not None:
            progress(number, None, "laying out")

    reference = f"Monitoring {settings.generated_at.astimezone(LONDON).date().isoformat()}"
    return build_pdf(story, settings, reference=reference, subject=SUBJECT, on_page=page)
