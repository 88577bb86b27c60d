"""Small numbers hidden across the whole report: no count shown as 'fewer than 5' can be worked
out by subtraction from any total, row, column, other table, picture or the comparison period.

First the rule itself (``suppress``) on generated reports shaped like the committee report's
tables (a two-way table with its margins, more breakdowns of the same total, two periods); then
the committee report made from the test register on both engines, read back from its tables
with a check of its own that knows only what the tables print."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Hashable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from committee_register import AT, Built
from hypothesis import given, settings
from hypothesis import strategies as st

from breach_desk.domain.committee import (
    ActionCounts,
    CommitteeFigures,
    Compare,
    Lists,
    Period,
    PeriodFigures,
    last_financial_year,
    last_quarter,
    total_actions,
)
from breach_desk.domain.committee_suppression import (
    Grid,
    Hide,
    Sum,
    bounds,
    exposed,
    suppress,
)
from breach_desk.domain.enums import Band, Likelihood
from breach_desk.method.likelihood import RISK_MATRIX
from breach_desk.reports import ReportSettings
from breach_desk.reports.committee import (
    FEWER,
    FOUND_WORDS,
    NOT_SHOWN,
    SMALL_GROUP,
    TOLD_US,
    figure_tables,
    render_committee,
    report_grid,
    shown_for,
)
from breach_desk.services.committee import CommitteeRequest, committee_figures
from breach_desk.services.register import Register

YEAR = last_financial_year(AT.date())
SETTINGS = ReportSettings(organisation="Anytown", generated_at=AT, marking="OFFICIAL")


# ---- the rule, on generated reports ----------------------------------------------------------


@st.composite
def _split(draw: Any, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` counts, small ones likely."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    edges = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(edges)]


@st.composite
def reports(draw: Any) -> Grid:
    """One or two periods, each: a table of counts by two things (rows by columns, as the
    matrix is severity by likelihood, or recommendations service by status) with its row and
    column totals and the grand total, and one or two other breakdowns of the same total (as
    cause and service are). A margin is sometimes not printed (known only through its sums)."""
    values: dict[Hashable, int] = {}
    printed: set[Hashable] = set()
    small: set[Hashable] = set()
    keep: set[Hashable] = set()
    sums: list[Sum] = []

    def put(key: Hashable, n: int, shown: bool = True, breakdown: bool = True) -> Hashable:
        values[key] = n
        if shown:
            printed.add(key)
            if breakdown:
                small.add(key)
        return key

    for p in range(draw(st.integers(1, 2))):
        rows, cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        cells = [
            [draw(st.integers(0, 9) | st.integers(0, 3)) for _ in range(cols)] for _ in range(rows)
        ]
        total = put(("total", p), sum(map(sum, cells)), breakdown=False)
        keep.add(total)
        grid = {
            (i, j): put(("cell", p, i, j), n) for i, r in enumerate(cells) for j, n in enumerate(r)
        }
        row_keys = [put(("row", p, i), sum(cells[i])) for i in range(rows)]
        col_keys = [
            put(("col", p, j), sum(r[j] for r in cells), shown=draw(st.integers(0, 4)) > 0)
            for j in range(cols)
        ]
        for i, key in enumerate(row_keys):
            sums.append(Sum(key, tuple(grid[(i, j)] for j in range(cols))))
        for j, key in enumerate(col_keys):
            sums.append(Sum(key, tuple(grid[(i, j)] for i in range(rows))))
        sums.append(Sum(total, tuple(row_keys)))
        sums.append(Sum(total, tuple(col_keys)))
        for b in range(draw(st.integers(0, 2))):
            k = draw(st.integers(1, 5))
            parts = draw(_split(values[total], k))
            sums.append(Sum(total, tuple(put(("other", p, b, i), n) for i, n in enumerate(parts))))
    return Grid(
        values=values,
        sums=sums,
        printed=frozenset(printed),
        small=frozenset(small),
        keep=frozenset(keep),
        order=list(values),
    )


def by_subtraction(grid: Grid, hidden: dict[Hashable, Hide]) -> set[Hashable]:
    """What a reader can work out by subtraction alone: a sum with one cell not printed is
    that cell, again and again (independent of ``bounds``)."""
    known = {k for k in grid.printed if k not in hidden}
    changed = True
    while changed:
        changed = False
        for s in grid.sums:
            unknown = [c for c in (s.total, *s.parts) if c not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                changed = True
    return known


def hopeless(grid: Grid, key: Hashable) -> bool:
    """Worked out even when every printed count is hidden: nothing could protect it (four
    rows of 1 under a total of 4)."""
    everything = {
        k: (Hide.FEWER if k in grid.small and 0 < grid.values[k] < 5 else Hide.LEFT_OUT)
        for k in grid.printed
    }
    return key in exposed(grid, everything)


@settings(max_examples=300, deadline=None)
@given(reports())
def test_no_hidden_count_can_be_worked_out(grid: Grid) -> None:
    hidden = suppress(grid)
    fewer = {k for k, how in hidden.items() if how is Hide.FEWER}
    # Every small count of a breakdown is hidden, and only those are 'fewer than 5'.
    assert fewer == {k for k in grid.small if 0 < grid.values[k] < 5 and k not in grid.keep}
    assert set(hidden) <= grid.printed
    # Subtraction gives none of them away.
    assert not fewer & by_subtraction(grid, hidden)
    # Nor does anything else a reader can work out from the sums and the other hidden counts'
    # bounds, unless nothing printed could protect it.
    b = bounds(grid, hidden)
    for key, (lo, hi) in b.items():
        assert lo <= grid.values[key] <= hi  # a reader's bounds always hold the truth
    for key in fewer:
        assert b[key][0] < b[key][1] or hopeless(grid, key), key


def test_one_hidden_count_takes_the_smallest_other_with_it() -> None:
    """A breakdown of 20: 3, 5, 12. The 3 is 'fewer than 5'; the total less 5 and 12 would
    give it, so the 5 is left out too, not the 12 and not the total."""
    grid = Grid(
        values={"all": 20, "a": 3, "b": 5, "c": 12},
        sums=[Sum("all", ("a", "b", "c"))],
        printed=frozenset({"all", "a", "b", "c"}),
        small=frozenset({"a", "b", "c"}),
        keep=frozenset({"all"}),
        order=["all", "a", "b", "c"],
    )
    assert suppress(grid) == {"a": Hide.FEWER, "b": Hide.LEFT_OUT}


def test_two_hidden_counts_at_their_least_are_protected_too() -> None:
    """7 = 1 + 1 + 5: two 'fewer than 5' adding up to 2 can only be 1 and 1, so subtracting
    is not the only way to give them away: the 5 is left out."""
    grid = Grid(
        values={"all": 7, "a": 1, "b": 1, "c": 5},
        sums=[Sum("all", ("a", "b", "c"))],
        printed=frozenset({"all", "a", "b", "c"}),
        small=frozenset({"a", "b", "c"}),
        keep=frozenset({"all"}),
    )
    assert suppress(grid)["c"] is Hide.LEFT_OUT
    assert not exposed(grid, suppress(grid))


def test_a_count_hidden_in_one_table_is_protected_in_the_other() -> None:
    """A severity band of 9 split by likelihood 2 + 7 in the matrix: hiding the 2 in the matrix
    is not enough while the band table prints 9 and the matrix the 7."""
    grid = Grid(
        values={"all": 30, "band_a": 9, "band_b": 21, "m_a1": 2, "m_a2": 7, "m_b1": 10, "m_b2": 11},
        sums=[
            Sum("all", ("band_a", "band_b")),
            Sum("band_a", ("m_a1", "m_a2")),
            Sum("band_b", ("m_b1", "m_b2")),
        ],
        printed=frozenset({"all", "band_a", "band_b", "m_a1", "m_a2", "m_b1", "m_b2"}),
        small=frozenset({"band_a", "band_b", "m_a1", "m_a2", "m_b1", "m_b2"}),
        keep=frozenset({"all"}),
    )
    hidden = suppress(grid)
    assert hidden["m_a1"] is Hide.FEWER
    assert "m_a2" in hidden or "band_a" in hidden
    assert not exposed(grid, hidden)


# ---- the committee report, read back from its tables -------------------------------------


def made(built: Built, period: Period, compare: Compare | None, exact: bool = False) -> Any:
    with Register.open(built.url) as reg:
        return committee_figures(
            reg, CommitteeRequest(period, compare, suppress_small=not exact), AT
        )


BREAKDOWNS = ("Per month", "By cause", "By service", "By severity", "By risk", "How found")
ACTIONS = ("Actions by service", "Actions by owner")
LISTS = ("Repeat references", "Oldest overdue", "Lessons")


def _cells(tables: dict[str, Any]) -> tuple[dict[Hashable, Any], list[tuple[Hashable, ...]]]:
    """Each printed figure by (table, row name, period, column), and the sums a reader knows
    from the tables' own layout: a breakdown's rows add up to its 'All breaches' line, which
    is the summary's 'Breaches recorded'; a recommendation row's statuses add up to those made
    and its column to 'All', which both recommendation tables print; the ICO's figures add up
    to one another, and its responses to the reports made."""
    cells: dict[Hashable, Any] = {}
    sums: list[tuple[Hashable, ...]] = []  # (total, *parts)
    summary = {r[0]: r for r in tables["Summary"].rows}
    periods = len(tables["Per month"].head) - 1
    for col in range(1, periods + 1):
        cells[("breaches", col)] = summary["Breaches recorded"][col]
        for name in BREAKDOWNS:
            parts = []
            for r in tables[name].rows:
                key = (name, r[0], col)
                cells[key] = r[col]
                if r[0] == "All breaches":
                    sums.append((("breaches", col), key))  # the same figure
                else:
                    parts.append(key)
            sums.append((("breaches", col), *parts))
        found = {r[0]: (("How found", r[0], col)) for r in tables["How found"].rows}
        told = ("told", col)
        cells[told] = summary["Found by a complaint or the recipient telling us"][col]
        sums.append((told, *(found[w] for w in (FOUND_WORDS[k] for k in TOLD_US) if w in found)))
        for line, same in (
            ("Needing a report to the ICO", ("ico", "Needing a report", col)),
            ("Reported to the ICO within 72 hours", ("ico", "Reported within 72 hours", col)),
            ("Reported to the ICO after 72 hours", ("ico", "Reported after 72 hours", col)),
            ("Recommendations overdue", (ACTIONS[0], "All", _period(col), "Overdue")),
        ):
            cells[("summary", line, col)] = summary[line][col]
            sums.append((("summary", line, col), same))
        ico = {r[0]: r[col] for r in tables["ICO"].rows}
        for name, v in ico.items():
            cells[("ico", name, col)] = v
        sums.append(
            (
                ("ico", "Needing a report", col),
                ("ico", "Reported", col),
                ("ico", "Not reported (as recorded)", col),
            )
        )
        sums.append(
            (
                ("ico", "Reported", col),
                ("ico", "Reported within 72 hours", col),
                ("ico", "Reported after 72 hours", col),
            )
        )
        answers = []
        for r in tables["ICO responses"].rows:
            cells[("answer", r[0], col)] = r[col]
            answers.append(("answer", r[0], col))
        reports = ("reports", col)
        cells[reports] = None  # printed nowhere
        sums.append((reports, ("ico", "Reported", col), ("ico", "Reported though not needed", col)))
        sums.append((reports, *answers))
    for name in ACTIONS:
        t = tables[name]
        first = 2 if t.head[1] == "Period" else 1
        columns = t.head[first:]
        lines = [(r[0], r[1] if first == 2 else "This period", r[first:]) for r in t.rows]
        for label, period, values in lines:
            for c, v in zip(columns, values, strict=True):
                cells[(name, label, period, c)] = v
            sums.append(
                (
                    (name, label, period, columns[0]),
                    *((name, label, period, c) for c in columns[1:]),
                )
            )
        for period in {p for _l, p, _v in lines}:
            for c in columns:
                rows = [(name, lab, p, c) for lab, p, _v in lines if lab != "All" and p == period]
                sums.append(((name, "All", period, c), *rows))
                sums.append(((ACTIONS[0], "All", period, c), (name, "All", period, c)))
    return cells, sums


def _period(col: int) -> str:
    return "This period" if col == 1 else "Comparison"


def _worked_out(cells: dict[Hashable, Any], sums: Iterable[tuple[Hashable, ...]]) -> set[Hashable]:
    known = {k for k, v in cells.items() if isinstance(v, int)}
    sums = list(sums)
    changed = True
    while changed:
        changed = False
        for s in sums:
            unknown = [c for c in s if c not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                changed = True
    return known


REPORTS = [
    pytest.param(YEAR, Compare.PREVIOUS, id="year"),
    pytest.param(last_quarter(AT.date()), Compare.YEAR, id="quarter"),
    pytest.param(last_quarter(AT.date()), None, id="quarter-alone"),
]


@pytest.mark.parametrize(("period", "compare"), REPORTS)
def test_no_hidden_count_in_the_report_can_be_worked_out(
    built: Built, period: Period, compare: Compare | None
) -> None:
    f = made(built, period, compare)
    exact = made(built, period, compare, exact=True)
    tables, truth = figure_tables(f), figure_tables(exact)
    # What is hidden is hidden for a reason: 'fewer than 5' stands for 1 to 4, and every
    # count shown is the true one.
    for name, t in tables.items():
        if name in LISTS:
            continue
        labels = 2 if name == "Same cause" or (name in ACTIONS and compare) else 1
        true_rows = {tuple(r[:labels]): r for r in truth[name].rows}
        assert len(true_rows) == len(t.rows)
        for row in t.rows:
            true_row = true_rows[tuple(row[:labels])]
            for v, n in zip(row[labels:], true_row[labels:], strict=True):
                if v == FEWER:
                    assert isinstance(n, int)
                    assert 0 < n < 5, (name, row)
                elif isinstance(v, int):
                    assert v == n, (name, row)
                if name in BREAKDOWNS + ACTIONS + ("ICO responses",) and isinstance(v, int):
                    assert not 0 < v < 5 or row[0] in ("All", "All breaches"), (name, row)
    # No 'fewer than 5' can be worked out by subtraction across the tables.
    cells, sums = _cells(tables)
    known = _worked_out(cells, sums)
    given_away = [k for k in known if cells.get(k) == FEWER]
    assert not given_away
    # Nor from the pictures' figures and the matrix (the report's own account of its sums).
    grid = report_grid(f)
    assert not exposed(grid, shown_for(f).hidden)
    assert any(v is Hide.FEWER for v in shown_for(f).hidden.values())


def test_the_matrix_and_the_bands_hide_together(built: Built) -> None:
    """A matrix cell of 1 to 4 is hidden, and its band's other cells or the band itself so
    that the band table's count less the others does not give it away."""
    f = made(built, last_quarter(AT.date()), Compare.YEAR)
    sh = shown_for(f)
    grid = report_grid(f)
    matrix = [k for k in grid.printed if isinstance(k, tuple) and k[0] == "matrix"]
    hidden = [k for k in matrix if sh.hidden.get(k) is Hide.FEWER]
    assert hidden
    for key in hidden:
        band = key[3]
        same_band = [
            k
            for k in grid.values
            if isinstance(k, tuple) and k[:2] == ("matrix", "now") and k[3] == band
        ]
        others = [k for k in [*same_band, ("band", "now", band)] if k != key]
        assert any(k in sh.hidden or k not in grid.printed for k in others), key


def test_exact_numbers_hide_nothing(built: Built) -> None:
    f = made(built, last_quarter(AT.date()), Compare.YEAR, exact=True)
    assert shown_for(f).hidden == {}
    values = [v for t in figure_tables(f).values() for r in t.rows for v in r]
    assert FEWER not in values
    assert NOT_SHOWN not in values


# ---- the committee report's own tables, from generated figures -------------------------------

SOME_SERVICES = ["Housing", "Libraries", "Parks", "Adult Social Care", "Planning", "Schools"]
CAUSES = ["human_error", "technical_fault", "malicious_external", "unknown"]
FOUND = ["complaint", "recipient_told_us", "staff_reported", ""]
ROLES = [["service"], ["service", "ig"], ["service", "ig", "it"]]
BAND_VALUES = ("low", "medium", "high", "very_high")
CELLS = [(lk, b) for lk in ("occurred", "likely", "possible", "remote") for b in BAND_VALUES]


@st.composite
def _spread(draw: Any, total: int, keys: list[Any]) -> dict[Any, int]:
    """``total`` breaches spread over ``keys`` (none left at 0)."""
    counts = draw(_split(total, len(keys)))
    return {k: n for k, n in zip(keys, counts, strict=True) if n}


@st.composite
def period_figures(draw: Any, period: Period) -> PeriodFigures:
    small = st.integers(0, 4) | st.integers(0, 12)
    services = {k: draw(small) for k in draw(st.lists(st.sampled_from(SOME_SERVICES), unique=True))}
    services = {k: n for k, n in services.items() if n}
    total = sum(services.values())
    months = draw(_split(total, len(period.months())))
    matrix = draw(_spread(total, CELLS))
    bands: dict[str, int] = {}
    risks: dict[str, int] = {}
    for (lk, b), n in matrix.items():
        bands[b] = bands.get(b, 0) + n
        risk = RISK_MATRIX[Likelihood(lk)][Band(b)].value
        risks[risk] = risks.get(risk, 0) + n

    # Each service's recommendations split between owners: the two tables count the same.
    roles = draw(st.sampled_from(ROLES))
    by_service: dict[str, ActionCounts] = {}
    by_role: dict[str, list[ActionCounts]] = {r: [] for r in roles}
    for k in services:
        split = []
        for r in roles:
            parts = [draw(small) for _ in range(5)]
            counts = ActionCounts(sum(parts), *parts)
            by_role[r].append(counts)
            split.append(counts)
        by_service[k] = total_actions(split)
    return PeriodFigures(
        period=period,
        breaches=total,
        months=tuple(months),
        causes=draw(_spread(total, CAUSES)),
        services=services,
        bands=bands,
        risks=risks,
        matrix=matrix,
        found=draw(_spread(total, FOUND)),
        actions_by_service={k: a for k, a in by_service.items() if a.made},
        actions_by_role={r: total_actions(c) for r, c in by_role.items() if total_actions(c).made},
    )


@st.composite
def committee_reports(draw: Any) -> CommitteeFigures:
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    compare = draw(st.sampled_from([Compare.PREVIOUS, None]))
    return CommitteeFigures(
        current=draw(period_figures(period)),
        comparison=draw(period_figures(period.previous())) if compare else None,
        compare=compare,
        lists=Lists(),
        services=None,
        at=AT,
    )


@settings(max_examples=100, deadline=None)
@given(committee_reports())
def test_no_hidden_count_in_a_generated_report_can_be_worked_out(f: CommitteeFigures) -> None:
    """Reports made from generated figures: what the tables print gives no 'fewer than 5'
    away by subtraction, and the report's own account of its sums agrees. The exception is a
    report so small that nothing printed could protect a count (4 breaches, one in each of 4
    services: each is 1 whatever is hidden); then the rule says so (``hopeless``)."""
    grid = report_grid(f)
    hidden = shown_for(f).hidden
    given_away = exposed(grid, hidden)
    assert all(hopeless(grid, k) for k in given_away)
    if not given_away:
        cells, sums = _cells(figure_tables(f))
        assert not [k for k in _worked_out(cells, sums) if cells.get(k) == FEWER]


@pytest.mark.parametrize(("period", "compare"), REPORTS[:2])
def test_lists_do_not_count_out_a_hidden_service_or_cause(
    built: Built, period: Period, compare: Compare | None
) -> None:
    """Four lines of a repeat list naming a service shown as 'fewer than 5' would say it had
    4: such a service (or a cause, in the lessons) is not named in the lists."""
    f = made(built, period, compare)
    tables = figure_tables(f)
    services = {r[0]: r[1] for r in tables["By service"].rows}
    causes = {r[0]: r[1] for r in tables["By cause"].rows}
    named = [r[1] for r in tables["Repeat references"].rows]
    assert SMALL_GROUP in named or all(isinstance(services[s], int) for s in named)
    for service in named:
        assert service == SMALL_GROUP or isinstance(services[service], int), service
    for row in tables["Lessons"].rows:
        assert row[0] == SMALL_GROUP or isinstance(causes[row[0]], int), row
    exact = figure_tables(made(built, period, compare, exact=True))
    assert SMALL_GROUP not in [r[1] for r in exact["Repeat references"].rows]
    hidden = [s for s, v in services.items() if not isinstance(v, int)]
    listed = {r[1] for r in exact["Repeat references"].rows}
    if set(hidden) & listed:
        assert SMALL_GROUP in named


def test_a_caption_names_no_largest_when_a_count_is_left_out(tmp_path: Path) -> None:
    """Causes 20, 9 and 3: the 3 is 'fewer than 5', the 9 'not shown'. Naming human error as
    the most common would say the 9 is smaller than 20; the caption says why it names none."""
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    months = (10, 10, 12)
    current = PeriodFigures(
        period=period,
        breaches=32,
        months=months,
        causes={"human_error": 20, "malicious_external": 9, "technical_fault": 3},
        services={"Housing": 32},
        bands={"high": 32},
        risks={"high": 32},
        matrix={("likely", "high"): 32},
        found={"": 32},
    )
    f = CommitteeFigures(current, None, None, Lists(), None, AT)
    causes = {r[0]: r[1] for r in figure_tables(f)["By cause"].rows}
    assert list(causes.values()) == [20, FEWER, NOT_SHOWN, 32]
    path = tmp_path / "report.pdf"
    path.write_bytes(render_committee(f, SETTINGS))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Figure: breaches by cause. Some counts are not shown, so the most is not named." in (
        text
    )
    assert "Most common" not in text
