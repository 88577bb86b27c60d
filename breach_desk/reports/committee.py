"""The report to the committee: a period of the register in figures and pictures (issue 24).

What a SIRO's quarterly or annual breach report says, made from the register's own figures
(``domain/committee``, counted by ``store/committee``): breaches recorded by month, cause,
service, severity and risk; reporting to the ICO and its responses; the people told; how
breaches were found; repeats; recommendations made, done, verified, rejected and overdue; the
breaches still open; the lessons recorded. Each figure stands beside the comparison period, and
each table says what it counts.

Fit for a public committee paper: no names of people affected, recipients or staff and no
descriptions, only references, services, categories and counts; a breakdown of breaches shows
1 to 4 as "fewer than 5" (``suppress_small``, on by default) as published statistics do.

The same tables (``figure_tables``) make the PDF and the spreadsheet, so the two never differ.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from breach_desk.domain import vocabulary
from breach_desk.domain.committee import (
    LESSON_ROWS,
    SMALL,
    ActionCounts,
    CommitteeFigures,
    Compare,
    Period,
    PeriodFigures,
)
from breach_desk.domain.enums import Band, Cause, DiscoveredHow, OwnerRole, Risk
from breach_desk.domain.notification import IcoOutcome, outcome_words
from breach_desk.method.likelihood import RISK_MATRIX
from breach_desk.reports import committee_charts as charts
from breach_desk.reports.document import ReportSettings, build_pdf
from breach_desk.reports.markup import escape, fmt, literal, para
from breach_desk.reports.parts import FULL_WIDTH, bold_cell, cell, gap, table
from breach_desk.reports.styles import BANDS, INK, LIKELIHOOD_ORDER, day, styles
from breach_desk.reports.typefaces import FONT

SUBJECT = "Personal data breaches: report to the committee"
FEWER = "fewer than 5"
NOT_SHOWN = "not shown"
"""A count of 5 or more left out of a breakdown with exactly one 'fewer than 5', so that the
hidden one cannot be worked out from the total."""
NO_SERVICE = "No service recorded"
TOP_SERVICES = 10
REPEAT_LINES_PRINTED = 40
LESSON_TEXTS_PER_CAUSE = 8

FOUND_WORDS = {
    **{k.value: vocabulary.label(k) for k in DiscoveredHow},
    "": "Not recorded",
}
FOUND_ORDER = tuple(FOUND_WORDS)
TOLD_US = ("complaint", "recipient_told_us")
"""Found by a complaint or by the recipient telling us: the ones a committee asks about."""


# ---- words ---------------------------------------------------------------------------------


def _cause(value: str) -> str:
    try:
        return vocabulary.label(Cause(value))
    except ValueError:
        return vocabulary.label(Cause.UNKNOWN)


def _band(value: str) -> str:
    return vocabulary.label(Band(value)) if value in Band._value2member_map_ else "Not assessed"


def _risk(value: str) -> str:
    return vocabulary.label(Risk(value)) if value in Risk._value2member_map_ else "Not assessed"


def _role(value: str) -> str:
    if value in OwnerRole._value2member_map_:
        return vocabulary.label(OwnerRole(value))
    return "Not recorded"


def _outcome(value: str) -> str:
    if value in IcoOutcome._value2member_map_:
        return outcome_words(IcoOutcome(value))
    return "Not recorded"


def _service(value: str) -> str:
    return " ".join(value.split()) or NO_SERVICE


def _found(value: str) -> str:
    return FOUND_WORDS.get(value, FOUND_WORDS["other"])


def _hours(value: float | None) -> str:
    if value is None:
        return "none reported"
    shown = f"{value:,.1f}".removesuffix(".0")
    return f"{shown} hours"


def _change(now: int, before: int) -> str:
    if now == before:
        return "no change"
    return f"up {now - before:,}" if now > before else f"down {before - now:,}"


def short_period(period: Period) -> str:
    """'Apr 2025 to Mar 2026' for whole months; else the days."""
    if period.whole_months is not None:
        first, last = period.start, period.end
        if (first.year, first.month) == (last.year, last.month):
            return f"{first:%b %Y}"
        return f"{first:%b %Y} to {last:%b %Y}"
    return period.words()


# ---- the tables: one set for the PDF and the spreadsheet -----------------------------------

Value = int | float | str


@dataclass
class FigureTable:
    """One table of figures: what the PDF prints and the spreadsheet's sheet holds."""

    key: str
    """The sheet's name."""
    title: str
    definition: str
    """What the figures count, in words."""
    head: list[str]
    rows: list[list[Value]] = field(default_factory=list)


class Shown:
    """How counts are shown: breakdowns of breaches hide 1 to 4 when suppression is on."""

    def __init__(self, suppress: bool) -> None:
        self.suppress = suppress

    def small(self, n: int) -> Value:
        """A count in a breakdown of breaches."""
        return FEWER if self.suppress and 0 < n < SMALL else n

    def hidden(self, n: int | None) -> bool:
        return n is not None and self.suppress and 0 < n < SMALL

    def column(self, values: Sequence[int]) -> list[Value]:
        """One column of a breakdown whose total is printed: 1 to 4 as 'fewer than 5'; and
        when only one count is hidden, the smallest other one is 'not shown' too, or the
        total less the others would give the hidden one away."""
        out = [self.small(v) for v in values]
        hidden = [i for i, v in enumerate(values) if self.hidden(v)]
        if len(hidden) == 1:
            others = [i for i, v in enumerate(values) if v >= SMALL]
            if others:
                out[min(others, key=lambda i: (values[i], i))] = NOT_SHOWN
        return out

    def keyed(self, counts: dict[str, int] | None) -> dict[str, Value]:
        if not counts:
            return {}
        keys = list(counts)
        return dict(zip(keys, self.column([counts[k] for k in keys]), strict=True))


def _periods(f: CommitteeFigures) -> tuple[str, str | None]:
    this = f"This period ({short_period(f.current.period)})"
    if f.comparison is None:
        return this, None
    return this, f"Comparison ({short_period(f.comparison.period)})"


def _compared_actions(f: CommitteeFigures) -> tuple[str, ActionCounts] | None:
    """The comparison period's recommendations, all together, for the row beneath this
    period's (None without a comparison)."""
    if f.comparison is None:
        return None
    return f"comparison ({short_period(f.comparison.period)})", f.comparison.actions


def _compare_words(f: CommitteeFigures) -> str:
    if f.comparison is None or f.compare is None:
        return ""
    if f.compare is Compare.YEAR:
        return f"the same period a year earlier, {f.comparison.period.words()}"
    return f"the previous period, {f.comparison.period.words()}"


def _breakdown(
    f: CommitteeFigures,
    key: str,
    title: str,
    definition: str,
    label: str,
    values: dict[str, int],
    before: dict[str, int] | None,
    order: Sequence[str],
    words: Any,
) -> FigureTable:
    sh = Shown(f.suppress_small)
    this, other = _periods(f)
    head = [label, this] + ([other] if other else [])
    t = FigureTable(key, title, definition, head)
    keys = list(order) + sorted(k for k in {*values, *(before or {})} if k not in order)
    shown_n, shown_m = sh.keyed(values), sh.keyed(before)
    for k in keys:
        n, m = values.get(k, 0), (before or {}).get(k, 0)
        if not n and not m:
            continue
        row: list[Value] = [words(k), shown_n.get(k, 0)]
        if other:
            row.append(shown_m.get(k, 0))
        t.rows.append(row)
    total: list[Value] = ["All breaches", f.current.breaches]
    if other and f.comparison is not None:
        total.append(f.comparison.breaches)
    t.rows.append(total)
    return t


def told_us(sh: Shown, found: dict[str, int]) -> Value:
    """Found by a complaint or by the recipient telling us: a sum of two counts of the
    breakdown, shown only when neither of them is hidden (or it would give one away)."""
    shown = sh.keyed(found)
    total = sum(found.get(k, 0) for k in TOLD_US)
    if all(isinstance(shown.get(k, 0), int) for k in TOLD_US):
        return total
    return FEWER if sh.hidden(total) else NOT_SHOWN


def _summary_table(f: CommitteeFigures) -> FigureTable:
    c, p = f.current, f.comparison
    other = "Comparison" if f.comparison is not None else None
    head = ["Figure", "This period"] + ([other, "Change"] if other else []) + ["What it counts"]
    t = FigureTable(
        "Summary",
        "Summary",
        "The main figures of the period; each line says what it counts, as the register "
        "stands today.",
        head,
    )

    def line(name: str, now: Value, before: Value | None, what: str) -> None:
        row: list[Value] = [name, now]
        if other:
            row.append("" if before is None else before)
            if isinstance(now, int) and isinstance(before, int):
                row.append(_change(now, before))
            else:
                row.append("")
        row.append(what)
        t.rows.append(row)

    def both(attr: str) -> tuple[int, int | None]:
        return int(getattr(c, attr)), (int(getattr(p, attr)) if p is not None else None)

    def found(pf: PeriodFigures | None) -> Value | None:
        return None if pf is None else told_us(Shown(f.suppress_small), pf.found)

    def overdue(pf: PeriodFigures | None) -> int | None:
        return None if pf is None else pf.actions.overdue

    line(
        "Breaches recorded",
        *both("breaches"),
        "Personal data breaches the organisation became aware of in the period.",
    )
    line(
        "Needing a report to the ICO",
        *both("ico_needed"),
        "Assessed as a risk to people's rights and freedoms, so reportable within 72 hours.",
    )
    line("Reported to the ICO within 72 hours", *both("ico_on_time"), "Of those needing a report.")
    line(
        "Reported to the ICO after 72 hours",
        *both("ico_late"),
        "Of those needing a report; the reasons for each delay are recorded.",
    )
    line(
        "Breaches where people were told",
        *both("people_told"),
        "Breaches where the people affected were told, as recorded.",
    )
    line(
        "Found by a complaint or the recipient telling us",
        found(c) or 0,
        found(p),
        "How the organisation found out, as recorded.",
    )
    line(
        "Repeat breaches (same person or recipient)",
        c.repeat_person + c.repeat_recipient,
        None if p is None else p.repeat_person + p.repeat_recipient,
        "Breaches involving a person or recipient of an earlier breach (a breach may count "
        "under both).",
    )
    line(
        "Recommendations overdue",
        c.actions.overdue,
        overdue(p),
        "Recommendations for the period's breaches not done by their due date, today.",
    )
    line("Breaches still open", *both("still_open"), "Not yet closed, today.")
    return t


def _month_table(f: CommitteeFigures) -> FigureTable:
    sh = Shown(f.suppress_small)
    this, other = _periods(f)
    t = FigureTable(
        "Per month",
        "Breaches per month",
        "Breaches recorded in each calendar month of the period, by when the organisation "
        "became aware; the comparison period's month in the same position beside it.",
        ["Month", this] + ([other] if other else []),
    )
    theirs = sh.column(f.comparison.months) if f.comparison else []
    ours = sh.column(f.current.months)
    for i, (first, _last) in enumerate(f.current.period.months()):
        row: list[Value] = [f"{first:%b %Y}", ours[i]]
        if other:
            row.append(theirs[i] if i < len(theirs) else "")
        t.rows.append(row)
    return t


def _ico_table(f: CommitteeFigures) -> FigureTable:
    this, other = _periods(f)
    t = FigureTable(
        "ICO",
        "Reporting to the ICO",
        "Breaches of the period whose assessment said a report to the ICO was needed, and "
        "what was recorded of the report: within 72 hours of the organisation becoming aware, "
        "or after. The time is the median from becoming aware to the report.",
        ["Figure", this] + ([other] if other else []),
    )
    c, p = f.current, f.comparison
    for name, attr in (
        ("Needing a report", "ico_needed"),
        ("Reported", "ico_reported"),
        ("Reported within 72 hours", "ico_on_time"),
        ("Reported after 72 hours", "ico_late"),
        ("Not reported (as recorded)", "ico_not_reported"),
        ("Reported though not needed", "ico_voluntary"),
    ):
        row: list[Value] = [name, int(getattr(c, attr))]
        if other and p is not None:
            row.append(int(getattr(p, attr)))
        t.rows.append(row)
    row = ["Median time to report", _hours(c.ico_median_hours)]
    if other and p is not None:
        row.append(_hours(p.ico_median_hours))
    t.rows.append(row)
    return t


def _responses_table(f: CommitteeFigures) -> FigureTable:
    order = [o.value for o in IcoOutcome]
    t = _breakdown(
        f,
        "ICO responses",
        "The ICO's responses",
        "Breaches of the period reported to the ICO, by the ICO's latest recorded response; "
        "'Awaiting a response' counts reports with none recorded yet.",
        "Response",
        f.current.ico_outcomes,
        f.comparison.ico_outcomes if f.comparison else None,
        order,
        _outcome,
    )
    sh = Shown(f.suppress_small)
    t.rows.pop()  # not every breach is reported: no 'all breaches' line
    # The responses and those awaiting one add up to the reports: hidden as one column.
    ours = sh.keyed({**f.current.ico_outcomes, "": f.current.ico_awaiting})
    theirs = (
        sh.keyed({**f.comparison.ico_outcomes, "": f.comparison.ico_awaiting})
        if (f.comparison is not None)
        else {}
    )
    words = {_outcome(k): k for k in {*ours, *theirs} if k}
    for row in t.rows:
        key = words[str(row[0])]
        row[1] = ours.get(key, 0)
        if len(row) > 2:
            row[2] = theirs.get(key, 0)
    row = ["Awaiting a response", ours.get("", 0)]
    if f.comparison is not None:
        row.append(theirs.get("", 0))
    t.rows.append(row)
    return t


def _people_table(f: CommitteeFigures) -> FigureTable:
    this, other = _periods(f)
    t = FigureTable(
        "People told",
        "Telling the people affected",
        "Breaches whose assessment said the people affected must be told (a high risk to "
        "them), breaches where telling them was recorded, and how many people those records "
        "say were told.",
        ["Figure", this] + ([other] if other else []),
    )
    c, p = f.current, f.comparison
    for name, attr in (
        ("Needing the people to be told", "people_needed"),
        ("Breaches where the people were told", "people_told"),
        ("People told", "people_told_count"),
    ):
        row: list[Value] = [name, int(getattr(c, attr))]
        if other and p is not None:
            row.append(int(getattr(p, attr)))
        t.rows.append(row)
    return t


def _repeats_table(f: CommitteeFigures) -> FigureTable:
    this, other = _periods(f)
    t = FigureTable(
        "Repeats",
        "Repeat breaches",
        "Breaches of the period that repeat an earlier breach: the same person affected "
        "(same name, email or identifier), the same recipient (same name or email), or the "
        "same cause within the same service as an earlier breach of the period.",
        ["Repeat of an earlier breach", this] + ([other] if other else []),
    )
    c, p = f.current, f.comparison
    for name, attr in (
        ("The same person affected", "repeat_person"),
        ("The same recipient", "repeat_recipient"),
        ("The same cause in the same service", "repeat_cause"),
    ):
        row: list[Value] = [name, int(getattr(c, attr))]
        if other and p is not None:
            row.append(int(getattr(p, attr)))
        t.rows.append(row)
    return t


def _repeat_list(f: CommitteeFigures) -> FigureTable:
    kinds = {"person": "the person affected", "recipient": "the recipient"}
    t = FigureTable(
        "Repeat references",
        "Repeat breaches and the earlier breaches they repeat",
        "Breaches of this period involving a person or recipient of an earlier breach, "
        "earliest first, with the references of the most recent earlier breaches (up to 5).",
        ["Breach", "Service", "Shares with an earlier breach", "Earlier breaches"],
    )
    for r in f.lists.repeats:
        t.rows.append(
            [
                r.reference,
                _service(r.service),
                " and ".join(kinds[k] for k in r.kinds if k in kinds),
                ", ".join(r.earlier),
            ]
        )
    return t


def _cause_groups(f: CommitteeFigures) -> FigureTable:
    sh = Shown(f.suppress_small)
    t = FigureTable(
        "Same cause",
        "The same cause in the same service",
        "Services where breaches of the same known cause came more than once in the period, "
        "most first.",
        ["Service", "Cause", "Breaches this period"],
    )
    groups = f.current.cause_groups
    for (service, cause), n in sorted(
        groups.items(),
        key=lambda kv: (
            -(1 if sh.hidden(kv[1]) else kv[1]),
            _service(kv[0][0]).casefold(),
            kv[0][1],
        ),
    ):
        t.rows.append([_service(service), _cause(cause), sh.small(n)])
    return t


def _actions_table(
    key: str,
    title: str,
    label: str,
    rows: dict[str, ActionCounts],
    words: Any,
    definition: str,
    compared: tuple[str, ActionCounts] | None = None,
) -> FigureTable:
    t = FigureTable(
        key,
        title,
        definition,
        [label, "Made", "Open", "Overdue", "Done, to check", "Verified", "Rejected"],
    )
    order = sorted(rows, key=lambda k: (-rows[k].overdue, -rows[k].made, words(k).casefold()))
    for k in order:
        a = rows[k]
        t.rows.append([words(k), a.made, a.open, a.overdue, a.done, a.verified, a.rejected])
    if rows:
        total = ActionCounts(
            *(sum(int(getattr(a, n)) for a in rows.values()) for n in ActionCounts.__slots__)
        )
        t.rows.append(
            [
                "All",
                total.made,
                total.open,
                total.overdue,
                total.done,
                total.verified,
                total.rejected,
            ]
        )
    if compared is not None:  # the same figures for the comparison period, beside them
        name, other = compared
        t.rows.append(
            [
                f"All, {name}",
                other.made,
                other.open,
                other.overdue,
                other.done,
                other.verified,
                other.rejected,
            ]
        )
    return t


ACTIONS_DEFINITION = (
    "The recommendations made for the period's breaches, where they stand today: open (not "
    "yet due), overdue (not done by the end of the due day), done and waiting for the IG "
    "team to check, verified by the IG team, or rejected with a reason."
)


def _oldest_table(f: CommitteeFigures) -> FigureTable:
    t = FigureTable(
        "Oldest overdue",
        "The longest-overdue recommendations",
        f"Recommendations overdue today across the whole register, whichever period their "
        f"breach is in ({f.lists.overdue_in_register:,} in all), longest overdue first.",
        ["Breach", "Service", "Recommendation", "Owner", "Due", "Days overdue"],
    )
    for o in f.lists.oldest_overdue:
        t.rows.append(
            [
                o.reference,
                _service(o.service),
                vocabulary.recommendation_title(o.code, "Recommendation of the officer's own"),
                _role(o.owner_role),
                day(o.due),
                o.days,
            ]
        )
    return t


def _lessons_table(f: CommitteeFigures) -> FigureTable:
    t = FigureTable(
        "Lessons",
        "Lessons recorded",
        "The lessons learned recorded for the period's breaches, by the breach's cause; the "
        "same lesson recorded for several breaches is listed once with each breach (from the "
        f"{LESSON_ROWS:,} most recent lessons, up to {LESSON_TEXTS_PER_CAUSE} per cause).",
        ["Cause", "Lesson", "Breaches"],
    )
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for lesson in f.lists.lessons:
        grouped[lesson.cause][lesson.text].append(lesson.reference)
    for cause in sorted(grouped, key=lambda c: _cause(c)):
        texts = grouped[cause]
        for text in sorted(texts, key=lambda x: -len(texts[x]))[:LESSON_TEXTS_PER_CAUSE]:
            refs = sorted(texts[text])
            shown = ", ".join(refs[:5]) + (f" and {len(refs) - 5:,} more" if len(refs) > 5 else "")
            t.rows.append([_cause(cause), text, shown])
    return t


def _by_size(counts: dict[str, int], sh: Shown) -> list[str]:
    """Services, most breaches first; counts hidden as 'fewer than 5' rank alike (by name), so
    that the order does not tell them apart."""

    def size(k: str) -> int:
        return 1 if sh.hidden(counts[k]) else counts[k]

    return sorted(counts, key=lambda k: (-size(k), _service(k).casefold()))


def figure_tables(f: CommitteeFigures) -> dict[str, FigureTable]:
    """Every table of the report, by key, in the report's order."""
    c, p = f.current, f.comparison
    cause_order = [x.value for x in Cause]
    band_order = [b.value for b in BANDS] + [""]
    risk_order = [r.value for r in Risk] + [""]
    services = _by_size(c.services, Shown(f.suppress_small))
    tables = [
        _summary_table(f),
        _month_table(f),
        _breakdown(
            f,
            "By cause",
            "Breaches by cause",
            "Breaches of the period by their cause, as the latest assessment records it.",
            "Cause",
            c.causes,
            p.causes if p else None,
            cause_order,
            _cause,
        ),
        _breakdown(
            f,
            "By service",
            "Breaches by service",
            "Breaches of the period by the service where they happened.",
            "Service",
            c.services,
            p.services if p else None,
            services,
            _service,
        ),
        _breakdown(
            f,
            "By severity",
            "Breaches by severity band",
            "Breaches of the period by the severity band of their latest assessment.",
            "Severity band",
            c.bands,
            p.bands if p else None,
            band_order,
            _band,
        ),
        _breakdown(
            f,
            "By risk",
            "Breaches by risk to people",
            "Breaches of the period by the risk to people's rights and freedoms that their "
            "latest assessment found (severity and likelihood together).",
            "Risk",
            c.risks,
            p.risks if p else None,
            risk_order,
            _risk,
        ),
        _ico_table(f),
        _responses_table(f),
        _people_table(f),
        _breakdown(
            f,
            "How found",
            "How breaches were found",
            "Breaches of the period by how the organisation found out about them, as "
            "recorded with the breach.",
            "How we found out",
            c.found,
            p.found if p else None,
            FOUND_ORDER,
            _found,
        ),
        _repeats_table(f),
        _repeat_list(f),
        _cause_groups(f),
        _actions_table(
            "Actions by service",
            "Recommendations by service",
            "Service",
            c.actions_by_service,
            _service,
            ACTIONS_DEFINITION,
            _compared_actions(f),
        ),
        _actions_table(
            "Actions by owner",
            "Recommendations by who owns them",
            "Owner",
            c.actions_by_role,
            _role,
            ACTIONS_DEFINITION,
            _compared_actions(f),
        ),
        _oldest_table(f),
        _lessons_table(f),
    ]
    return {t.key: t for t in tables}


# ---- the PDF -------------------------------------------------------------------------------


class _Mark(Flowable):  # type: ignore[misc]
    """Records the page a section starts on, for the contents."""

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key, self.pages = key, pages
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


def _cellify(value: Value) -> Any:
    """A count as plain text (quick to lay out: it never wraps); any other text, ours or the
    register's, as a paragraph through the markup door."""
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if value == FEWER:
        return FEWER
    return cell(value)


PLAIN_CELLS: tuple[tuple[Any, ...], ...] = (
    ("FONTSIZE", (0, 1), (-1, -1), 8.5),
    ("LEADING", (0, 1), (-1, -1), 10.5),
    ("TEXTCOLOR", (0, 1), (-1, -1), INK),
)
"""Counts drawn as plain text look like the paragraphs beside them."""


def _table_flowables(t: FigureTable, widths: Sequence[float] | None = None) -> list[Flowable]:
    """The table, then what it counts in words under it."""
    s = styles()
    note = [gap(1 * mm), para(fmt("<b>What it counts:</b> {}", t.definition), s.muted), gap(2 * mm)]
    if not t.rows:
        return [para(literal("None in this period."), s.body), *note]
    if widths is None:
        first = max(FULL_WIDTH - 36 * mm * (len(t.head) - 1), 50 * mm)
        widths = [first] + [(FULL_WIDTH - first) / (len(t.head) - 1)] * (len(t.head) - 1)
    rows = [[bold_cell(h) for h in t.head]] + [[_cellify(v) for v in r] for r in t.rows]
    return [table(rows, widths, extra=PLAIN_CELLS), *note]


def _caption(text: str) -> Flowable:
    return para(escape(text), styles().small)


def _chart(drawing: Flowable, caption: str) -> Flowable:
    return KeepTogether([gap(1 * mm), drawing, gap(1 * mm), _caption(caption), gap(3 * mm)])


def _note(v: Value | None) -> str:
    return charts.HIDDEN if v == FEWER else charts.LEFT_OUT


def _bars(rows: Sequence[tuple[str, Value, Value | None]], compared: bool) -> list[charts.Bar]:
    """Bars from the counts as the tables show them: a hidden one has no bar, only its mark."""
    return [
        charts.Bar(
            label,
            n if isinstance(n, int) else None,
            m if compared and isinstance(m, int) else None,
            compared and not isinstance(m, int),
            note=_note(n),
            compared_note=_note(m),
        )
        for label, n, m in rows
    ]


def _month_chart(f: CommitteeFigures, sh: Shown) -> Flowable:
    c, p = f.current, f.comparison
    this, other = _periods(f)
    rows: list[tuple[str, Value, Value | None]] = []
    dense = charts.is_dense(len(c.months))
    ours = sh.column(c.months)
    theirs = sh.column(p.months) if p is not None else []
    for i, (first, _last) in enumerate(c.period.months()):
        named = first.month == 1 or (i == 0 and (not dense or first.month <= 7))
        label = f"{first:%b}\n{first:%Y}" if named else f"{first:%b}"
        rows.append((label, ours[i], theirs[i] if i < len(theirs) else None))
    drawing = charts.month_bars(_bars(rows, p is not None), this, other)
    busiest = max(range(len(c.months)), key=lambda i: c.months[i]) if c.months else 0
    months = c.period.months()
    if c.breaches == 0:
        notice = "No breach was recorded in any month."
    elif not isinstance(ours[busiest], int):
        notice = "No month had a count that can be shown."
    else:
        notice = f"The most in one month: {months[busiest][0]:%B %Y}, with {c.months[busiest]:,}."
    versus = f" In all {c.breaches:,}, against {p.breaches:,}." if p is not None else ""
    if dense:
        versus += " Each month's count is in the table below."
    return _chart(
        drawing,
        f"Figure: breaches recorded each month, this period in solid bars"
        f"{', the comparison period striped' if p is not None else ''}. {notice}{versus}",
    )


def _share(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "0%"


def _cause_chart(f: CommitteeFigures, sh: Shown) -> Flowable:
    c, p = f.current, f.comparison
    this, other = _periods(f)
    keys = [x.value for x in Cause]
    ours, theirs = sh.keyed(c.causes), sh.keyed(p.causes if p else None)
    rows: list[tuple[str, Value, Value | None]] = [
        (_cause(k), ours.get(k, 0), theirs.get(k, 0) if p else None) for k in keys
    ]
    top = max(keys, key=lambda k: c.causes.get(k, 0))
    if not isinstance(ours.get(top, 0), int):  # a share would give the hidden count away
        notice = "Each cause had fewer than 5 breaches."
    else:
        notice = (
            f"Most common: {_cause(top).lower()}, {_share(c.causes.get(top, 0), c.breaches)} "
            f"of the period's breaches."
        )
    return _chart(
        charts.horizontal_bars(_bars(rows, p is not None), this, other),
        f"Figure: breaches by cause. {notice}",
    )


def _service_chart(f: CommitteeFigures, sh: Shown) -> Flowable:
    c, p = f.current, f.comparison
    this, other = _periods(f)
    ordered = _by_size(c.services, sh)
    keys = ordered[:TOP_SERVICES]
    ours, theirs = sh.keyed(c.services), sh.keyed(p.services if p else None)
    rows: list[tuple[str, Value, Value | None]] = [
        (_service(k), ours[k], (theirs.get(k, 0) if p else None)) for k in keys
    ]
    rest = ordered[TOP_SERVICES:]
    if rest:
        rows.append(
            (
                f"{len(rest):,} other services",
                sum(c.services[k] for k in rest),
                sum(p.services.get(k, 0) for k in rest) if p else None,
            )
        )
    top = keys[0]
    notice = f"Most: {_service(top)}, with {c.services[top]:,}."
    if sh.hidden(c.services[top]):
        notice = "Each service had fewer than 5 breaches."
    elif not isinstance(ours[top], int):
        notice = f"Most: {_service(top)}."
    some = f"the {len(keys)} with the most" if rest else "every service"
    return _chart(
        charts.horizontal_bars(_bars(rows, p is not None), this, other),
        f"Figure: breaches by service ({some}). {notice}",
    )


def _display(sh: Shown, n: int) -> str:
    v = sh.small(n)
    return f"{v:,}" if isinstance(v, int) else str(v)


def _matrix_chart(f: CommitteeFigures, sh: Shown) -> Flowable:
    c = f.current
    rows = [lk.value.capitalize() for lk in LIKELIHOOD_ORDER]
    columns = [vocabulary.label(b) for b in BANDS]
    cells = [
        [_display(sh, c.matrix.get((lk.value, b.value), 0)) for b in BANDS]
        for lk in LIKELIHOOD_ORDER
    ]
    risks = [[RISK_MATRIX[lk][b].value for b in BANDS] for lk in LIKELIHOOD_ORDER]
    words = {r.value: vocabulary.RISK_SHORT[r] for r in Risk}
    high = c.risks.get(Risk.HIGH.value, 0)
    assessed = sum(v for (lk, b), v in c.matrix.items() if lk and b)
    notice = (
        f"{_display(sh, high)} of the period's breaches were a high risk to the people affected."
    )
    if assessed < c.breaches:
        notice += f" {c.breaches - assessed:,} are not assessed and not shown."
    return _chart(
        charts.matrix(rows, columns, cells, risks, words),
        f"Figure: the period's breaches by likelihood and severity band; the darker the cell, "
        f"the higher the risk. {notice}",
    )


def _overdue_chart(f: CommitteeFigures) -> Flowable:
    rows = f.current.actions_by_service
    late = sorted(
        (k for k in rows if rows[k].overdue), key=lambda k: (-rows[k].overdue, _service(k))
    )
    if not late:
        return _caption("No recommendation for the period's breaches is overdue.")
    bars = [charts.Bar(_service(k), rows[k].overdue) for k in late[:TOP_SERVICES]]
    top = late[0]
    return _chart(
        charts.horizontal_bars(bars, "Overdue today", None),
        f"Figure: overdue recommendations for the period's breaches, by service. Most: "
        f"{_service(top)}, with {rows[top].overdue:,}.",
    )


def _cover(f: CommitteeFigures, settings: ReportSettings) -> list[Flowable]:
    s = styles()
    compared = _compare_words(f)
    scope = (
        "Services: " + ", ".join(_service(x) for x in f.services)
        if f.services is not None
        else "All services"
    )
    big = s.title.clone("cover_title", fontSize=24, leading=30)
    marking = s.big.clone("cover_marking", alignment=1, fontSize=16, leading=20)
    lines: list[Flowable] = [
        gap(40 * mm),
        para(escape(settings.organisation), s.h1),
        para(literal("Personal data breaches"), big),
        para(literal("Report to the committee"), s.h1),
        gap(6 * mm),
        para(fmt("<b>Period:</b> {}", f.current.period.words()), s.body),
    ]
    if compared:
        lines.append(para(fmt("<b>Compared with:</b> {}", compared), s.body))
    lines += [
        para(fmt("<b>Covering:</b> {}", scope), s.body),
        para(fmt("<b>Made from the breach register on:</b> {}", day(f.at)), s.body),
        gap(14 * mm),
        para(escape(settings.marking), marking),
        gap(10 * mm),
        para(
            literal(
                "This report holds no names of the people affected, of recipients or of staff, "
                "and no descriptions of what happened: only breach references, services, "
                "categories and counts."
            )
            + (
                literal(
                    " Where a breakdown of breaches could point at someone, a count from 1 to "
                    "4 is shown as 'fewer than 5' (in the pictures, '&lt;5', with no bar), as "
                    "published statistics do; where only one count of a breakdown is hidden, "
                    "the next smallest is 'not shown' (in the pictures, '*'), so that the total "
                    "cannot give the hidden one away. Totals are exact."
                )
                if f.suppress_small
                else literal(" Every count is shown exactly.")
            ),
            s.muted,
        ),
    ]
    if f.current.historic:
        lines.append(
            para(
                fmt(
                    "{} of this period's breaches were imported from an earlier breach log: "
                    "they are counted where their recorded values allow, and a value they lack "
                    "is counted as not recorded or not assessed.",
                    f"{f.current.historic:,}",
                ),
                s.muted,
            )
        )
    return [*lines, PageBreak()]


SECTIONS = (
    ("summary", "Summary"),
    ("recorded", "Breaches recorded"),
    ("ico", "Reporting to the ICO"),
    ("people", "Telling the people affected"),
    ("found", "How breaches were found"),
    ("repeats", "Repeat breaches"),
    ("actions", "Recommendations"),
    ("lessons", "Lessons recorded"),
)


class _PageNumber(Flowable):  # type: ignore[misc]
    """A section's page number in the contents: a form drawn once the section has been laid
    out (``_PageNumbers``), so the report is laid out once, not twice."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, 10.5

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(0, 2)
        self.canv.doForm(f"contents-{self.key}")
        self.canv.restoreState()


class _PageNumbers(Flowable):  # type: ignore[misc]
    """At the end of the report: each section's page number, as the form the contents shows."""

    def __init__(self, pages: dict[str, int]) -> None:
        super().__init__()
        self.pages = pages

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        for key, _title in SECTIONS:
            canv.beginForm(f"contents-{key}", 0, -2, 60, 12)
            canv.setFont(FONT, 8.5)
            canv.setFillColor(INK)
            canv.drawString(0, 0, str(self.pages.get(key, "")))
            canv.endForm()


def _contents() -> list[Flowable]:
    s = styles()
    rows = [
        [cell(f"{n}. {title}"), _PageNumber(key)]
        for n, (key, title) in enumerate(SECTIONS, start=1)
    ]
    return [
        para(literal("Contents"), s.title),
        gap(3 * mm),
        table(rows, [FULL_WIDTH - 30 * mm, 30 * mm], header=False),
        PageBreak(),
    ]


class _Heading(KeepTogether):  # type: ignore[misc]
    """A section's heading (with its page mark): kept with what follows it (``_glue``)."""


def _section(n: int, key: str, pages: dict[str, int]) -> list[Flowable]:
    title = dict(SECTIONS)[key]
    return [_Heading([_Mark(key, pages), para(fmt("{}. {}", n, title), styles().h1)])]


def _glue(story: list[Flowable]) -> list[Flowable]:
    """Each section heading in one piece with the block after it, so that no heading is left
    alone at the foot of a page."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        item = story[i]
        if isinstance(item, _Heading) and i + 1 < len(story):
            nxt = story[i + 1]
            inner = list(nxt._content) if isinstance(nxt, KeepTogether) else [nxt]
            out.append(KeepTogether([*item._content, *inner]))
            i += 2
            continue
        out.append(item)
        i += 1
    return out


def _sub(
    t: FigureTable, widths: Sequence[float] | None = None, chart: Flowable | None = None
) -> list[Flowable]:
    """A table under its heading (with its picture first, when it has one), kept on one page
    with its heading when it fits."""
    parts: list[Flowable] = [para(escape(t.title), styles().h2)]
    if chart is not None:
        parts.append(chart)
    return [KeepTogether([*parts, *_table_flowables(t, widths)])]


def _sentences(f: CommitteeFigures) -> list[Flowable]:
    s = styles()
    c, p = f.current, f.comparison
    if c.breaches == 0:
        said = f"No breaches were recorded in this period ({c.period.words()})."
        if p is not None:
            said += f" The comparison period had {p.breaches:,}."
        return [para(escape(said), s.body_bold), gap(2 * mm)]
    said = f"{c.breaches:,} breaches were recorded in this period"
    if p is not None:
        said += (
            f", against {p.breaches:,} in the comparison period ({_change(c.breaches, p.breaches)})"
        )
    said += f". {c.ico_needed:,} needed a report to the ICO"
    if c.ico_needed:
        said += f": {c.ico_on_time:,} were reported within 72 hours, {c.ico_late:,} after"
        if c.ico_not_reported:
            said += f", and {c.ico_not_reported:,} have no report recorded"
    said += f". {c.still_open:,} are still open."
    return [para(escape(said), s.body), gap(2 * mm)]


def _story(f: CommitteeFigures, settings: ReportSettings, pages: dict[str, int]) -> list[Flowable]:
    s = styles()
    sh = Shown(f.suppress_small)
    t = figure_tables(f)
    empty = f.current.breaches == 0
    story: list[Flowable] = [*_cover(f, settings), *_contents()]
    w4 = [70 * mm, 52 * mm, 52 * mm] if f.comparison else [90 * mm, 84 * mm]
    summary_w = (
        [44 * mm, 20 * mm, 24 * mm, 19 * mm, FULL_WIDTH - 107 * mm]
        if f.comparison
        else [50 * mm, 26 * mm, FULL_WIDTH - 76 * mm]
    )
    story += _section(1, "summary", pages)
    story += _sentences(f)
    periods = f"This period: {short_period(f.current.period)}"
    if f.comparison is not None:
        periods += f"; comparison: {short_period(f.comparison.period)}"
    story.append(para(escape(periods + "."), s.small))
    story += _table_flowables(t["Summary"], summary_w)

    story += _section(2, "recorded", pages)
    if empty:
        story.append(para(literal("No breaches were recorded in this period."), s.body))
    else:
        story += _sub(t["Per month"], w4, _month_chart(f, sh))
        story += _sub(t["By cause"], w4, _cause_chart(f, sh))
        story += _sub(t["By service"], w4, _service_chart(f, sh))
        story += [*_sub(t["By severity"], w4), *_sub(t["By risk"], w4)]
        story.append(
            KeepTogether([para(literal("Severity and likelihood"), s.h2), _matrix_chart(f, sh)])
        )

    story += _section(3, "ico", pages)
    story += [KeepTogether(_table_flowables(t["ICO"], w4)), *_sub(t["ICO responses"], w4)]
    story += _section(4, "people", pages)
    story.append(KeepTogether(_table_flowables(t["People told"], w4)))
    story += _section(5, "found", pages)
    found = f.current.found
    by_us = told_us(sh, found)
    unknown = sh.keyed(found).get("", 0)
    if not empty and isinstance(by_us, int) and isinstance(unknown, int):
        story.append(
            para(
                fmt(
                    "{} of the period's breaches were found by a complaint or by the recipient "
                    "telling us; {} have no record of how they were found.",
                    f"{by_us:,}",
                    f"{unknown:,}",
                ),
                s.body,
            )
        )
    story.append(KeepTogether(_table_flowables(t["How found"], w4)))

    story += _section(6, "repeats", pages)
    story.append(KeepTogether(_table_flowables(t["Repeats"], w4)))
    listed = t["Repeat references"]
    printed = FigureTable(
        listed.key,
        listed.title,
        listed.definition,
        listed.head,
        listed.rows[:REPEAT_LINES_PRINTED],
    )
    story += _sub(printed, [28 * mm, 40 * mm, 38 * mm, FULL_WIDTH - 106 * mm])
    groups = t["Same cause"]
    story += _sub(
        FigureTable(groups.key, groups.title, groups.definition, groups.head, groups.rows[:15]),
        [70 * mm, 60 * mm, FULL_WIDTH - 130 * mm],
    )
    more = f.lists.repeats_total - len(printed.rows)
    if more > 0:
        story.append(
            para(
                escape(
                    f"And {more:,} more repeat breaches: the spreadsheet lists "
                    f"{len(listed.rows):,} of them."
                ),
                s.muted,
            )
        )

    story += _section(7, "actions", pages)
    action_w = [FULL_WIDTH - 6 * 19 * mm] + [19 * mm] * 6
    story += _sub(t["Actions by service"], action_w, _overdue_chart(f))
    story += _sub(t["Actions by owner"], action_w)
    story += _sub(
        t["Oldest overdue"],
        [26 * mm, 34 * mm, 44 * mm, 30 * mm, 22 * mm, FULL_WIDTH - 156 * mm],
    )
    story += _section(8, "lessons", pages)
    lessons = t["Lessons"]
    story.append(
        para(
            escape(
                f"Lessons were recorded for {f.current.lessons:,} of the period's breaches."
                + (
                    f" {f.lists.lessons_withheld:,} are not printed because they name a person "
                    f"or hold contact details or numbers: see them in the register."
                    if f.lists.lessons_withheld
                    else ""
                )
            ),
            s.body,
        )
    )
    story += _table_flowables(lessons, [38 * mm, FULL_WIDTH - 88 * mm, 50 * mm])
    return [*_glue(story), _PageNumbers(pages)]


def reference(f: CommitteeFigures) -> str:
    return f"Breaches {short_period(f.current.period)}"


def render_committee(f: CommitteeFigures, settings: ReportSettings) -> bytes:
    """The committee report as PDF bytes."""
    pages: dict[str, int] = {}
    return build_pdf(_story(f, settings, pages), settings, reference=reference(f), subject=SUBJECT)


# ---- the spreadsheet -----------------------------------------------------------------------


def committee_xlsx(f: CommitteeFigures, settings: ReportSettings) -> bytes:
    """The figures behind the report: one sheet per table, each with its definition, the same
    figures as the PDF (small numbers hidden the same way)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)

    def put(sheet: Any, values: Sequence[Value]) -> None:
        line = []
        for value in values:
            c = WriteOnlyCell(sheet)
            if isinstance(value, str):
                c.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                c.data_type = "s"  # never a formula
            else:
                c.value = value
            line.append(c)
        sheet.append(line)

    about = book.create_sheet("About")
    put(about, [SUBJECT])
    put(about, ["Organisation", settings.organisation])
    put(about, ["Period", f.current.period.words()])
    if f.comparison is not None:
        put(about, ["Compared with", _compare_words(f)])
    put(
        about,
        [
            "Covering",
            ", ".join(_service(x) for x in f.services)
            if f.services is not None
            else "All services",
        ],
    )
    put(about, ["Made from the breach register on", day(f.at)])
    put(about, ["Protective marking", settings.marking])
    put(
        about,
        [
            "Small numbers",
            "In a breakdown of breaches, 1 to 4 is shown as 'fewer than 5'; totals are exact."
            if f.suppress_small
            else "Every count is shown exactly.",
        ],
    )
    for t in figure_tables(f).values():
        sheet = book.create_sheet(t.key[:31])
        put(sheet, [t.title])
        put(sheet, [t.definition])
        put(sheet, [])
        put(sheet, t.head)
        for row in t.rows:
            put(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = [
    "FigureTable",
    "committee_xlsx",
    "figure_tables",
    "render_committee",
    "short_period",
]
