"""The report to the committee: a period of the register in figures and pictures (issue 24).

What a SIRO's quarterly or annual breach report says, made from the register's own figures
(``domain/committee``, counted by ``store/committee``): breaches recorded by month, cause,
service, severity and risk; reporting to the ICO and its responses; the people told; how
breaches were found; repeats; recommendations made, done, verified, rejected and overdue; the
breaches still open; the lessons recorded. Each figure stands beside the comparison period, and
each table says what it counts.

Fit for a public committee paper: no names of people affected, recipients or staff and no
descriptions, only references, services, categories and counts; a breakdown shows 1 to 4 as
"fewer than 5" (``suppress_small``, on by default) as published statistics do, and the counts
that would let one be worked out by subtraction, from any other table, picture or the comparison
period, are "not shown" (``report_grid`` says how the report's counts add up; the rule that
chooses is ``domain/committee_suppression``).

The same tables (``figure_tables``) make the PDF and the spreadsheet, so the two never differ.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import english, month_year
from breach_desk.domain.committee import (
    LESSON_ROWS,
    SMALL,
    ActionCounts,
    CommitteeFigures,
    Compare,
    Period,
    PeriodFigures,
)
from breach_desk.domain.committee_suppression import Grid, Hide, Sum, suppress
from breach_desk.domain.enums import Band, Cause, DiscoveredHow, Likelihood, OwnerRole, Risk
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
SMALL_GROUP = "Not named (few breaches)"
"""In a list, for a service or cause whose count is hidden: the lines of the list would
otherwise say it had at least as many breaches as they are."""
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
            return month_year(first)
        return f"{month_year(first)} to {month_year(last)}"
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
    """How each count is shown: as it is, 'fewer than 5', or 'not shown' (``suppress``)."""

    def __init__(self, hidden: Mapping[Hashable, Hide] | None = None) -> None:
        self.hidden = dict(hidden or {})

    def __call__(self, key: Hashable, n: int) -> Value:
        how = self.hidden.get(key)
        if how is Hide.FEWER:
            return FEWER
        if how is Hide.LEFT_OUT:
            return NOT_SHOWN
        return n

    def exact(self, key: Hashable) -> bool:
        return key not in self.hidden

    def keyed(self, name: str, tag: str, counts: dict[str, int] | None) -> dict[str, Value]:
        return {k: self((name, tag, k), n) for k, n in (counts or {}).items()}


NOW, THEN = "now", "then"
"""The two periods' cells: this period and the comparison period."""
ACTION_COLUMNS = ("made", "open", "overdue", "done", "verified", "rejected")
BREAKDOWNS = ("cause", "service", "band", "risk", "found")


def _of(f: CommitteeFigures) -> list[tuple[str, PeriodFigures]]:
    return [(NOW, f.current)] + ([(THEN, f.comparison)] if f.comparison is not None else [])


def _primary(f: CommitteeFigures, n: int) -> bool:
    return f.suppress_small and 0 < n < SMALL


def _chart_services(f: CommitteeFigures) -> tuple[list[str], list[str]]:
    """The services the service chart draws one by one, and the rest it draws together."""
    counts = f.current.services
    ordered = sorted(
        counts,
        key=lambda k: (-(1 if _primary(f, counts[k]) else counts[k]), _service(k).casefold()),
    )
    return ordered[:TOP_SERVICES], ordered[TOP_SERVICES:]


def report_grid(f: CommitteeFigures) -> Grid:
    """Every count the report prints that a small number could be worked out from, under
    the key the tables and pictures print it by, with the sums that tie them together."""
    values: dict[Hashable, int] = {}
    printed: set[Hashable] = set()
    small: set[Hashable] = set()
    keep: set[Hashable] = set()
    known: set[Hashable] = set()
    least: dict[Hashable, int] = {}
    sums: list[Sum] = []

    def put(key: Hashable, n: int, *, breakdown: bool = True, shown: bool = True) -> Hashable:
        values[key] = int(n)
        if shown:
            printed.add(key)
            if breakdown:
                small.add(key)
        return key

    def tie(total: Hashable, parts: Sequence[Hashable]) -> None:
        if parts and values[total] == sum(values[p] for p in parts):
            sums.append(Sum(total, tuple(parts)))

    _top, rest = _chart_services(f)
    for tag, pf in _of(f):
        total = put(("breaches", tag), pf.breaches, breakdown=False)
        keep.add(total)
        tie(total, [put(("month", tag, i), n) for i, n in enumerate(pf.months)])
        for name in BREAKDOWNS:
            counts: dict[str, int] = getattr(pf, name + "s" if name != "found" else "found")
            tie(total, [put((name, tag, k), n) for k, n in counts.items()])
        if rest:
            others = [("service", tag, k) for k in rest if k in pf.services]
            tie(put(("services_rest", tag), sum(values[k] for k in others)), others)
        told = [("found", tag, k) for k in TOLD_US if k in pf.found]
        tie(put(("told_us", tag), sum(values[k] for k in told)), told)
        # Reporting to the ICO: exact figures, but the responses add up to the reports.
        ico = {
            a: put(("ico", tag, a), getattr(pf, a), breakdown=False)
            for a in (
                "ico_needed",
                "ico_reported",
                "ico_on_time",
                "ico_late",
                "ico_not_reported",
                "ico_voluntary",
            )
        }
        tie(ico["ico_needed"], [ico["ico_reported"], ico["ico_not_reported"]])
        tie(ico["ico_reported"], [ico["ico_on_time"], ico["ico_late"]])
        reports = put(("reports", tag), pf.ico_reported + pf.ico_voluntary, shown=False)
        tie(reports, [ico["ico_reported"], ico["ico_voluntary"]])
        answers = [put(("outcome", tag, k), n) for k, n in pf.ico_outcomes.items()]
        tie(reports, [*answers, put(("outcome", tag, ""), pf.ico_awaiting)])
        # Recommendations: each row adds up to those made, each column to the 'All' row.
        every = {
            col: put(("act", tag, "all", col), getattr(pf.actions, col), breakdown=False)
            for col in ACTION_COLUMNS
        }
        keep.update(every.values())
        tie(every["made"], [every[c] for c in ACTION_COLUMNS[1:]])
        for by, rows in (("service", pf.actions_by_service), ("role", pf.actions_by_role)):
            cells = {
                (k, col): put(("act", tag, by, k, col), getattr(a, col))
                for k, a in rows.items()
                for col in ACTION_COLUMNS
            }
            for k in rows:
                tie(cells[(k, "made")], [cells[(k, c)] for c in ACTION_COLUMNS[1:]])
            for col in ACTION_COLUMNS:
                tie(every[col], [cells[(k, col)] for k in rows])
        put(("repeat", tag, "repeat_cause"), pf.repeat_cause, breakdown=False)
    # This period's matrix: its cells add up to each band, each risk, and the breaches.
    c = f.current
    drawn = {(lk.value, b.value) for lk in LIKELIHOOD_ORDER for b in BANDS}
    matrix = {key: put(("matrix", NOW, *key), n, shown=key in drawn) for key, n in c.matrix.items()}
    for band in c.bands:
        tie(("band", NOW, band), [m for key, m in matrix.items() if key[1] == band])
    for risk in c.risks:
        tie(
            ("risk", NOW, risk),
            [
                m
                for (lk, b), m in matrix.items()
                if (lk, b) in drawn and RISK_MATRIX[Likelihood(lk)][Band(b)].value == risk
            ],
        )
    assessed = [m for key, m in matrix.items() if key in drawn]
    unassessed = put(("unassessed", NOW), c.breaches - sum(values[m] for m in assessed))
    tie(("breaches", NOW), [*assessed, unassessed])
    # The same cause in the same service: each group listed is 2 or more, and the groups less
    # one each add up to the repeat figure.
    groups = [put(("group", NOW, *k), n) for k, n in c.cause_groups.items()]
    for (service, cause), n in c.cause_groups.items():  # a service has at least its group
        for key in (("service", NOW, service), ("cause", NOW, cause)):
            if key in values:
                least[key] = max(least.get(key, 0), n if n >= SMALL else 2)
    least.update({g: 2 for g in groups})
    if groups:
        listed = put(("listed", NOW), len(groups), breakdown=False)
        known.add(listed)
        whole = put(("groups", NOW), sum(values[g] for g in groups), shown=False)
        tie(whole, groups)
        tie(whole, [("repeat", NOW, "repeat_cause"), listed])
    return Grid(
        values=values,
        sums=sums,
        printed=frozenset(printed),
        small=frozenset(small),
        keep=frozenset(keep),
        known=frozenset(known),
        least=least,
        order=list(values),
    )


def shown_for(f: CommitteeFigures) -> Shown:
    """How the report shows each count: exactly, or with small numbers hidden across every
    table and picture so that none can be worked out from another (``suppress``)."""
    if not f.suppress_small:
        return Shown()
    for made, shown in _LAST:
        if made is f:
            return shown
    shown = Shown(suppress(report_grid(f)))
    _LAST[:] = [(f, shown)]
    return shown


_LAST: list[tuple[CommitteeFigures, Shown]] = []
"""The last report's decision, kept so that its PDF and spreadsheet work it out once."""


def _periods(f: CommitteeFigures) -> tuple[str, str | None]:
    this = f"This period ({short_period(f.current.period)})"
    if f.comparison is None:
        return this, None
    return this, f"Comparison ({short_period(f.comparison.period)})"


def _compare_words(f: CommitteeFigures) -> str:
    if f.comparison is None or f.compare is None:
        return ""
    if f.compare is Compare.YEAR:
        return f"the same period a year earlier, {f.comparison.period.words()}"
    return f"the previous period, {f.comparison.period.words()}"


def _breakdown(
    f: CommitteeFigures,
    sh: Shown,
    name: str,
    key: str,
    title: str,
    definition: str,
    label: str,
    order: Sequence[str],
    words: Any,
) -> FigureTable:
    values: dict[str, int] = getattr(f.current, name + "s" if name != "found" else name)
    before: dict[str, int] = (
        getattr(f.comparison, name + "s" if name != "found" else name) if f.comparison else {}
    )
    this, other = _periods(f)
    head = [label, this] + ([other] if other else [])
    t = FigureTable(key, title, definition, head)
    keys = list(order) + sorted(k for k in {*values, *before} if k not in order)
    for k in keys:
        n, m = values.get(k, 0), before.get(k, 0)
        if not n and not m:
            continue
        row: list[Value] = [words(k), sh((name, NOW, k), n)]
        if other:
            row.append(sh((name, THEN, k), m))
        t.rows.append(row)
    t.rows.append(_all_breaches(f, sh))
    return t


def _all_breaches(f: CommitteeFigures, sh: Shown) -> list[Value]:
    total: list[Value] = ["All breaches", sh(("breaches", NOW), f.current.breaches)]
    if f.comparison is not None:
        total.append(sh(("breaches", THEN), f.comparison.breaches))
    return total


def told_us(sh: Shown, tag: str, found: dict[str, int]) -> Value:
    """Found by a complaint or by the recipient telling us: a sum of two counts of the
    breakdown, hidden as they are (``report_grid``)."""
    return sh(("told_us", tag), sum(found.get(k, 0) for k in TOLD_US))


def _summary_table(f: CommitteeFigures, sh: Shown) -> FigureTable:
    c, p = f.current, f.comparison
    other = "Comparison" if f.comparison is not None else None
    head = ["Figure", "This period"] + ([other, "Change"] if other else []) + ["What it counts"]
    t = FigureTable(
        "Summary",
        "Summary",
        "The main figures of the period, each beside the comparison period's; each line says "
        "what it counts, as the register stands today.",
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

    def both(key: tuple[str, ...], attr: str) -> tuple[Value, Value | None]:
        now = sh((key[0], NOW, *key[1:]), int(getattr(c, attr)))
        if p is None:
            return now, None
        return now, sh((key[0], THEN, *key[1:]), int(getattr(p, attr)))

    def overdue(tag: str, pf: PeriodFigures | None) -> Value | None:
        return None if pf is None else sh(("act", tag, "all", "overdue"), pf.actions.overdue)

    line(
        "Breaches recorded",
        *both(("breaches",), "breaches"),
        "Personal data breaches the organisation became aware of in the period.",
    )
    line(
        "Needing a report to the ICO",
        *both(("ico", "ico_needed"), "ico_needed"),
        "Assessed as a risk to people's rights and freedoms, so reportable within 72 hours.",
    )
    line(
        "Reported to the ICO within 72 hours",
        *both(("ico", "ico_on_time"), "ico_on_time"),
        "Of those needing a report.",
    )
    line(
        "Reported to the ICO after 72 hours",
        *both(("ico", "ico_late"), "ico_late"),
        "Of those needing a report; the reasons for each delay are recorded.",
    )
    line(
        "Breaches where people were told",
        *both(("people_told",), "people_told"),
        "Breaches where the people affected were told, as recorded.",
    )
    line(
        "Found by a complaint or the recipient telling us",
        told_us(sh, NOW, c.found),
        None if p is None else told_us(sh, THEN, p.found),
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
        overdue(NOW, c) or 0,
        overdue(THEN, p),
        "Recommendations for the period's breaches not done by their due date, today.",
    )
    line("Breaches still open", *both(("still_open",), "still_open"), "Not yet closed, today.")
    return t


def _month_table(f: CommitteeFigures, sh: Shown) -> FigureTable:
    this, other = _periods(f)
    t = FigureTable(
        "Per month",
        "Breaches per month",
        "Breaches recorded in each calendar month of the period, by when the organisation "
        "became aware; the comparison period's month in the same position beside it.",
        ["Month", this] + ([other] if other else []),
    )
    theirs = list(f.comparison.months) if f.comparison else []
    for i, (first, _last) in enumerate(f.current.period.months()):
        row: list[Value] = [month_year(first), sh(("month", NOW, i), f.current.months[i])]
        if other:
            row.append(sh(("month", THEN, i), theirs[i]) if i < len(theirs) else "")
        t.rows.append(row)
    t.rows.append(_all_breaches(f, sh))
    return t


def _ico_table(f: CommitteeFigures, sh: Shown) -> FigureTable:
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
        row: list[Value] = [name, sh(("ico", NOW, attr), int(getattr(c, attr)))]
        if other and p is not None:
            row.append(sh(("ico", THEN, attr), int(getattr(p, attr))))
        t.rows.append(row)
    row = ["Median time to report", _hours(c.ico_median_hours)]
    if other and p is not None:
        row.append(_hours(p.ico_median_hours))
    t.rows.append(row)
    return t


def _responses_table(f: CommitteeFigures, sh: Shown) -> FigureTable:
    this, other = _periods(f)
    t = FigureTable(
        "ICO responses",
        "The ICO's responses",
        "Breaches of the period reported to the ICO, by the ICO's latest recorded response; "
        "'Awaiting a response' counts reports with none recorded yet.",
        ["Response", this] + ([other] if other else []),
    )
    c, p = f.current, f.comparison
    ours = {**c.ico_outcomes, "": c.ico_awaiting}
    theirs = {**p.ico_outcomes, "": p.ico_awaiting} if p is not None else {}
    order = [o.value for o in IcoOutcome]
    keys = order + sorted(k for k in {*ours, *theirs} if k and k not in order) + [""]
    for k in keys:
        n, m = ours.get(k, 0), theirs.get(k, 0)
        if k and not n and not m:
            continue
        row: list[Value] = [_outcome(k) if k else "Awaiting a response", sh(("outcome", NOW, k), n)]
        if other:
            row.append(sh(("outcome", THEN, k), m))
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


def _repeats_table(f: CommitteeFigures, sh: Shown) -> FigureTable:
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
        row: list[Value] = [name, sh(("repeat", NOW, attr), int(getattr(c, attr)))]
        if other and p is not None:
            row.append(sh(("repeat", THEN, attr), int(getattr(p, attr))))
        t.rows.append(row)
    return t


def _repeat_list(f: CommitteeFigures, sh: Shown) -> FigureTable:
    kinds = {"person": "the person affected", "recipient": "the recipient"}
    t = FigureTable(
        "Repeat references",
        "Repeat breaches and the earlier breaches they repeat",
        "Breaches of this period involving a person or recipient of an earlier breach, "
        "earliest first, with the references of the most recent earlier breaches (up to 5). "
        "A list of this period's breaches: the comparison period's count is in the table "
        f"above. A service whose count is hidden is named '{SMALL_GROUP}'.",
        ["Breach", "Service", "Shares with an earlier breach", "Earlier breaches"],
    )
    for r in f.lists.repeats:
        t.rows.append(
            [
                r.reference,
                # Counting the lines of a service whose count is hidden would bound it.
                _service(r.service) if sh.exact(("service", NOW, r.service)) else SMALL_GROUP,
                " and ".join(kinds[k] for k in r.kinds if k in kinds),
                ", ".join(r.earlier),
            ]
        )
    return t


def _cause_groups(f: CommitteeFigures, sh: Shown) -> FigureTable:
    t = FigureTable(
        "Same cause",
        "The same cause in the same service",
        "Services where breaches of the same known cause came more than once in the period, "
        "most first. Listed for this period only: the comparison period's count of such "
        "repeats is in the table 'Repeat breaches'.",
        ["Service", "Cause", "Breaches this period"],
    )
    groups = f.current.cause_groups

    def size(k: tuple[str, str]) -> int:
        return groups[k] if sh.exact(("group", NOW, *k)) else 1

    for service, cause in sorted(groups, key=lambda k: (-size(k), _service(k[0]).casefold(), k[1])):
        n = groups[(service, cause)]
        t.rows.append([_service(service), _cause(cause), sh(("group", NOW, service, cause), n)])
    return t


def _actions_table(
    f: CommitteeFigures,
    sh: Shown,
    by: str,
    key: str,
    title: str,
    label: str,
    words: Any,
) -> FigureTable:
    """Recommendations by service (or owner): each row with the comparison period's figures
    for the same service (or owner) beneath it, then all of them."""
    c, p = f.current, f.comparison
    mine: dict[str, ActionCounts] = getattr(c, f"actions_by_{by}")
    theirs: dict[str, ActionCounts] = getattr(p, f"actions_by_{by}") if p else {}
    compared = p is not None
    t = FigureTable(
        key,
        title,
        ACTIONS_DEFINITION
        + (
            " Beneath each row, the same figures for the comparison period's breaches "
            f"({p.period.words()}), where they stand today."
            if p is not None
            else ""
        ),
        [label]
        + (["Period"] if compared else [])
        + ["Made", "Open", "Overdue", "Done, to check", "Verified", "Rejected"],
    )
    none = ActionCounts()

    def size(tag: str, k: str, rows: dict[str, ActionCounts], col: str) -> int:
        exact = sh.exact(("act", tag, by, k, col))
        return int(getattr(rows.get(k, none), col)) if exact else 0

    order = sorted(
        {*mine, *theirs},
        key=lambda k: (
            -size(NOW, k, mine, "overdue"),
            -size(NOW, k, mine, "made"),
            words(k).casefold(),
        ),
    )

    def row(name: str, period: str, tag: str, cells: tuple[str, ...], a: ActionCounts) -> None:
        line: list[Value] = [name]
        if compared:
            line.append(period)
        line += [sh(("act", tag, *cells, col), int(getattr(a, col))) for col in ACTION_COLUMNS]
        t.rows.append(line)

    for k in order:
        row(words(k), "This period", NOW, (by, k), mine.get(k, none))
        if compared:
            row(words(k), "Comparison", THEN, (by, k), theirs.get(k, none))
    if mine or theirs:
        row("All", "This period", NOW, ("all",), c.actions)
        if p is not None:
            row("All", "Comparison", THEN, ("all",), p.actions)
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
        f"breach is in ({f.lists.overdue_in_register:,} in all), longest overdue first. A "
        f"list of the register today, not of a period, so it has no comparison: the overdue "
        f"recommendations of each period's breaches stand side by side in the tables above.",
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


def _lessons_table(f: CommitteeFigures, sh: Shown) -> FigureTable:
    t = FigureTable(
        "Lessons",
        "Lessons recorded",
        "The lessons learned recorded for the period's breaches, by the breach's cause; the "
        "same lesson recorded for several breaches is listed once with each breach (from the "
        f"{LESSON_ROWS:,} most recent lessons, up to {LESSON_TEXTS_PER_CAUSE} per cause). "
        "The lessons of this period only: how many breaches of the comparison period have "
        f"lessons recorded is said above the table. A cause whose count is hidden is named "
        f"'{SMALL_GROUP}'.",
        ["Cause", "Lesson", "Breaches"],
    )
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for lesson in f.lists.lessons:
        # Counting the breaches of a cause whose count is hidden would bound it.
        cause = _cause(lesson.cause) if sh.exact(("cause", NOW, lesson.cause)) else SMALL_GROUP
        grouped[cause][lesson.text].append(lesson.reference)
    for cause in sorted(grouped, key=lambda c: (c == SMALL_GROUP, c)):
        texts = grouped[cause]
        for text in sorted(texts, key=lambda x: -len(texts[x]))[:LESSON_TEXTS_PER_CAUSE]:
            refs = sorted(texts[text])
            shown = ", ".join(refs[:5]) + (f" and {len(refs) - 5:,} more" if len(refs) > 5 else "")
            t.rows.append([cause, text, shown])
    return t


def _by_size(counts: dict[str, int], sh: Shown, name: str) -> list[str]:
    """Most first; counts hidden (either way) rank alike, by name, so that the order does
    not tell them apart."""

    def size(k: str) -> int:
        return counts[k] if sh.exact((name, NOW, k)) else 0

    return sorted(counts, key=lambda k: (-size(k), _service(k).casefold()))


def figure_tables(f: CommitteeFigures, sh: Shown | None = None) -> dict[str, FigureTable]:
    """Every table of the report, by key, in the report's order."""
    sh = sh if sh is not None else shown_for(f)
    c = f.current
    cause_order = [x.value for x in Cause]
    band_order = [b.value for b in BANDS] + [""]
    risk_order = [r.value for r in Risk] + [""]
    tables = [
        _summary_table(f, sh),
        _month_table(f, sh),
        _breakdown(
            f,
            sh,
            "cause",
            "By cause",
            "Breaches by cause",
            "Breaches of the period by their cause, as the latest assessment records it.",
            "Cause",
            cause_order,
            _cause,
        ),
        _breakdown(
            f,
            sh,
            "service",
            "By service",
            "Breaches by service",
            "Breaches of the period by the service where they happened.",
            "Service",
            _by_size(c.services, sh, "service"),
            _service,
        ),
        _breakdown(
            f,
            sh,
            "band",
            "By severity",
            "Breaches by severity band",
            "Breaches of the period by the severity band of their latest assessment.",
            "Severity band",
            band_order,
            _band,
        ),
        _breakdown(
            f,
            sh,
            "risk",
            "By risk",
            "Breaches by risk to people",
            "Breaches of the period by the risk to people's rights and freedoms that their "
            "latest assessment found (severity and likelihood together).",
            "Risk",
            risk_order,
            _risk,
        ),
        _ico_table(f, sh),
        _responses_table(f, sh),
        _people_table(f),
        _breakdown(
            f,
            sh,
            "found",
            "How found",
            "How breaches were found",
            "Breaches of the period by how the organisation found out about them, as "
            "recorded with the breach.",
            "How we found out",
            FOUND_ORDER,
            _found,
        ),
        _repeats_table(f, sh),
        _repeat_list(f, sh),
        _cause_groups(f, sh),
        _actions_table(
            f,
            sh,
            "service",
            "Actions by service",
            "Recommendations by service",
            "Service",
            _service,
        ),
        _actions_table(
            f,
            sh,
            "role",
            "Actions by owner",
            "Recommendations by who owns them",
            "Owner",
            _role,
        ),
        _oldest_table(f),
        _lessons_table(f, sh),
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
        return [para(literal("Nothing to list for this period."), s.body), *note]
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
    ours = [sh(("month", NOW, i), n) for i, n in enumerate(c.months)]
    theirs = [sh(("month", THEN, i), n) for i, n in enumerate(p.months)] if p is not None else []
    for i, (first, _last) in enumerate(c.period.months()):
        named = first.month == 1 or (i == 0 and (not dense or first.month <= 7))
        label = english(first, "%b\n%Y") if named else english(first, "%b")
        rows.append((label, ours[i], theirs[i] if i < len(theirs) else None))
    drawing = charts.month_bars(_bars(rows, p is not None), this, other)
    busiest = max(range(len(c.months)), key=lambda i: c.months[i]) if c.months else 0
    months = c.period.months()
    if c.breaches == 0:
        notice = "No breach was recorded in any month."
    elif NOT_SHOWN in ours or not isinstance(ours[busiest], int):
        notice = MOST_NOT_NAMED
    else:
        busiest_month = month_year(months[busiest][0], long=True)
        notice = f"The most in one month: {busiest_month}, with {c.months[busiest]:,}."
    versus = ""
    total, before = sh(("breaches", NOW), c.breaches), None
    if p is not None:
        before = sh(("breaches", THEN), p.breaches)
    if isinstance(total, int) and (p is None or isinstance(before, int)):
        versus = f" In all {total:,}" + (f", against {before:,}." if p is not None else ".")
    if dense:
        versus += " Each month's count is in the table below."
    return _chart(
        drawing,
        f"Figure: breaches recorded each month, this period in solid bars"
        f"{', the comparison period striped' if p is not None else ''}. {notice}{versus}",
    )


MOST_NOT_NAMED = "Some counts are not shown, so the most is not named."
"""Naming the most when a count is left out would say the one left out is smaller (or the
largest)."""


def _share(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "0%"


def _cause_chart(f: CommitteeFigures, sh: Shown) -> Flowable:
    c, p = f.current, f.comparison
    this, other = _periods(f)
    keys = [x.value for x in Cause]
    ours, theirs = (
        sh.keyed("cause", NOW, c.causes),
        sh.keyed("cause", THEN, p.causes if p else None),
    )
    rows: list[tuple[str, Value, Value | None]] = [
        (_cause(k), ours.get(k, 0), theirs.get(k, 0) if p else None) for k in keys
    ]
    top = max(keys, key=lambda k: c.causes.get(k, 0))
    if all(not isinstance(ours.get(k, 0), int) or not c.causes.get(k) for k in keys):
        notice = "Each cause had fewer than 5 breaches."
        if any(v == NOT_SHOWN for v in ours.values()):
            notice = "No cause's count can be shown."
    elif (
        NOT_SHOWN in ours.values()
        or not isinstance(ours.get(top, 0), int)
        or not sh.exact(("breaches", NOW))
    ):
        notice = MOST_NOT_NAMED
    else:  # a share of a count shown, of the total shown
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
    keys, rest = _chart_services(f)
    keys = [k for k in _by_size(c.services, sh, "service") if k in keys]
    ours = sh.keyed("service", NOW, c.services)
    theirs = sh.keyed("service", THEN, p.services if p else None)
    rows: list[tuple[str, Value, Value | None]] = [
        (_service(k), ours[k], (theirs.get(k, 0) if p else None)) for k in keys
    ]
    if rest:
        rows.append(
            (
                f"{len(rest):,} other services",
                sh(("services_rest", NOW), sum(c.services[k] for k in rest)),
                sh(("services_rest", THEN), sum(p.services.get(k, 0) for k in rest)) if p else None,
            )
        )
    top = max(c.services, key=lambda k: c.services[k])
    if all(not isinstance(v, int) for v in ours.values()):
        notice = "Each service had fewer than 5 breaches."
        if any(v == NOT_SHOWN for v in ours.values()):
            notice = "No service's count can be shown."
    elif NOT_SHOWN in ours.values() or not isinstance(ours[top], int):
        notice = MOST_NOT_NAMED
    else:
        notice = f"Most: {_service(top)}, with {c.services[top]:,}."
    some = f"the {len(keys)} with the most" if rest else "every service"
    return _chart(
        charts.horizontal_bars(_bars(rows, p is not None), this, other),
        f"Figure: breaches by service ({some}). {notice}",
    )


def _display(v: Value) -> str:
    return f"{v:,}" if isinstance(v, int) else str(v)


def _matrix_chart(f: CommitteeFigures, sh: Shown) -> Flowable:
    c = f.current
    rows = [lk.value.capitalize() for lk in LIKELIHOOD_ORDER]
    columns = [vocabulary.label(b) for b in BANDS]
    cells = [
        [
            _display(sh(("matrix", NOW, lk.value, b.value), c.matrix.get((lk.value, b.value), 0)))
            for b in BANDS
        ]
        for lk in LIKELIHOOD_ORDER
    ]
    risks = [[RISK_MATRIX[lk][b].value for b in BANDS] for lk in LIKELIHOOD_ORDER]
    words = {r.value: vocabulary.RISK_SHORT[r] for r in Risk}
    high = sh(("risk", NOW, Risk.HIGH.value), c.risks.get(Risk.HIGH.value, 0))
    drawn = {(lk.value, b.value) for lk in LIKELIHOOD_ORDER for b in BANDS}
    assessed = sum(v for key, v in c.matrix.items() if key in drawn)
    if isinstance(high, int):
        notice = f"{high:,} of the period's breaches were a high risk to the people affected."
    elif high == FEWER:
        notice = "Fewer than 5 of the period's breaches were a high risk to the people affected."
    else:
        notice = "How many were a high risk to the people affected is not shown."
    if assessed < c.breaches:
        left = sh(("unassessed", NOW), c.breaches - assessed)
        notice += f" {_display(left).capitalize()} are not assessed and not drawn."
    notice += " This period only: the comparison period's bands and risks are in the tables."
    return _chart(
        charts.matrix(rows, columns, cells, risks, words),
        f"Figure: the period's breaches by likelihood and severity band; the darker the cell, "
        f"the higher the risk. {notice}",
    )


def _overdue_chart(f: CommitteeFigures, sh: Shown) -> Flowable:
    c, p = f.current, f.comparison
    this, other = _periods(f)
    rows = c.actions_by_service
    theirs = p.actions_by_service if p is not None else {}

    def key(tag: str, k: str) -> tuple[str, ...]:
        return ("act", tag, "service", k, "overdue")

    # A service with a hidden count is drawn too, or leaving it out would say it is 0.
    late = [k for k in rows if rows[k].overdue or not sh.exact(key(NOW, k))]
    if not late:
        return _caption("No recommendation for the period's breaches is overdue.")
    late.sort(
        key=lambda k: (-(rows[k].overdue if sh.exact(key(NOW, k)) else 0), _service(k).casefold())
    )
    bars = _bars(
        [
            (
                _service(k),
                sh(key(NOW, k), rows[k].overdue),
                sh(key(THEN, k), theirs[k].overdue) if k in theirs else (0 if p else None),
            )
            for k in late[:TOP_SERVICES]
        ],
        p is not None,
    )
    top = max(late, key=lambda k: rows[k].overdue)
    most = sh(key(NOW, top), rows[top].overdue)
    left_out = any(sh(key(NOW, k), rows[k].overdue) == NOT_SHOWN for k in late)
    if isinstance(most, int) and not left_out:
        notice = f"Most: {_service(top)}, with {most:,}."
    elif all(sh(key(NOW, k), rows[k].overdue) == FEWER for k in late):
        notice = "Each service had fewer than 5."
    else:
        notice = MOST_NOT_NAMED
    some = f"the {TOP_SERVICES} with the most" if len(late) > TOP_SERVICES else "each service"
    return _chart(
        charts.horizontal_bars(bars, this, other),
        f"Figure: overdue recommendations for the period's breaches, by service ({some} with "
        f"any){', beside the comparison period' if p is not None else ''}. {notice}",
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
                    " Where a breakdown could point at someone, a count from 1 to 4 is shown "
                    "as 'fewer than 5' (in the pictures, '&lt;5', with no bar), as published "
                    "statistics do. Where a hidden count could still be worked out by "
                    "subtraction, from a total, another table or picture of the same breaches "
                    "or recommendations, or the comparison period, the smallest counts that "
                    "would give it away are 'not shown' too (in the pictures, '*'). Totals are "
                    "exact unless one would give a hidden count away."
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


def _say(v: Value | None) -> str:
    if isinstance(v, int):
        return f"{v:,}"
    return "a number not shown" if v == NOT_SHOWN else str(v)


def _sentences(f: CommitteeFigures, sh: Shown) -> list[Flowable]:
    s = styles()
    c, p = f.current, f.comparison
    before = sh(("breaches", THEN), p.breaches) if p is not None else None
    if c.breaches == 0:
        said = f"No breaches were recorded in this period ({c.period.words()})."
        if p is not None:
            said += f" The comparison period had {_say(before)}."
        return [para(escape(said), s.body_bold), gap(2 * mm)]
    now = sh(("breaches", NOW), c.breaches)
    said = f"{_say(now).capitalize()} breaches were recorded in this period"
    if p is not None:
        said += f", against {_say(before)} in the comparison period"
        if isinstance(now, int) and isinstance(before, int):
            said += f" ({_change(now, before)})"

    def ico(attr: str) -> Value:
        return sh(("ico", NOW, attr), int(getattr(c, attr)))

    said += f". {_say(ico('ico_needed')).capitalize()} needed a report to the ICO"
    if c.ico_needed:
        said += (
            f": {_say(ico('ico_on_time'))} were reported within 72 hours, "
            f"{_say(ico('ico_late'))} after"
        )
        if c.ico_not_reported:
            said += f", and {_say(ico('ico_not_reported'))} have no report recorded"
    said += f". {c.still_open:,} are still open."
    return [para(escape(said), s.body), gap(2 * mm)]


def _story(f: CommitteeFigures, settings: ReportSettings, pages: dict[str, int]) -> list[Flowable]:
    s = styles()
    sh = shown_for(f)
    t = figure_tables(f, sh)
    empty = f.current.breaches == 0
    story: list[Flowable] = [*_cover(f, settings), *_contents()]
    w4 = [70 * mm, 52 * mm, 52 * mm] if f.comparison else [90 * mm, 84 * mm]
    summary_w = (
        [44 * mm, 20 * mm, 24 * mm, 19 * mm, FULL_WIDTH - 107 * mm]
        if f.comparison
        else [50 * mm, 26 * mm, FULL_WIDTH - 76 * mm]
    )
    story += _section(1, "summary", pages)
    story += _sentences(f, sh)
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
    by_us = told_us(sh, NOW, found)
    unknown = sh(("found", NOW, ""), found.get("", 0))
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
    action_w = (
        [FULL_WIDTH - 6 * 17 * mm - 21 * mm, 21 * mm] + [17 * mm] * 6
        if f.comparison is not None
        else [FULL_WIDTH - 6 * 19 * mm] + [19 * mm] * 6
    )
    story += _sub(t["Actions by service"], action_w, _overdue_chart(f, sh))
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
                f"Lessons were recorded for {f.current.lessons:,} of the period's breaches"
                + (
                    f" ({f.comparison.lessons:,} of the comparison period's)."
                    if f.comparison is not None
                    else "."
                )
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
            "In a breakdown, 1 to 4 is shown as 'fewer than 5'; where it could be worked out "
            "by subtraction from another figure of the report, the smallest figures that would "
            "give it away are 'not shown'."
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
