"""The periods a committee asks for: the last quarter, the last financial year (April to March),
the period before and the same period a year earlier; London days."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from breach_desk.domain.committee import Compare, Period, last_financial_year, last_quarter


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (date(2026, 4, 20), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 1, 1), date(2025, 10, 1), date(2025, 12, 31)),
        (date(2026, 3, 31), date(2025, 10, 1), date(2025, 12, 31)),
        (date(2026, 7, 1), date(2026, 4, 1), date(2026, 6, 30)),
    ],
)
def test_the_last_whole_quarter(today: date, start: date, end: date) -> None:
    assert last_quarter(today) == Period(start, end)


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2026, 4, 1), date(2025, 4, 1)),
        (date(2026, 3, 31), date(2024, 4, 1)),
        (date(2026, 12, 25), date(2025, 4, 1)),
    ],
)
def test_the_last_whole_financial_year(today: date, start: date) -> None:
    year = last_financial_year(today)
    assert year == Period(start, date(start.year + 1, 3, 31))
    assert year.whole_months == 12


def test_the_period_before_and_the_year_before() -> None:
    q = Period(date(2026, 1, 1), date(2026, 3, 31))
    assert q.compared(Compare.PREVIOUS) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert q.compared(Compare.YEAR) == Period(date(2025, 1, 1), date(2025, 3, 31))
    leap = Period(date(2024, 2, 1), date(2024, 2, 29))
    assert leap.year_before() == Period(date(2023, 2, 1), date(2023, 2, 28))
    days = Period(date(2026, 3, 10), date(2026, 3, 19))
    assert days.previous() == Period(date(2026, 2, 28), date(2026, 3, 9))
    assert days.year_before() == Period(date(2025, 3, 10), date(2025, 3, 19))


def test_months_are_clipped_to_the_period_and_days_are_londons() -> None:
    p = Period(date(2026, 3, 20), date(2026, 5, 10))
    assert p.months() == [
        (date(2026, 3, 20), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 5, 1), date(2026, 5, 10)),
    ]
    start, end = Period(date(2026, 4, 1), date(2026, 6, 30)).bounds()
    assert start == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)  # midnight BST
    assert end == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="ends before it starts"):
        Period(date(2026, 2, 1), date(2026, 1, 31))
