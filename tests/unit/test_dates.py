"""Dates read exactly as officers type them (UK day first), or refused with the reason."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from breach_desk.domain.dates import DateProblem, Precision, read_date, understood_from_iso

AT = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("15/03/2021", "2021-03-15"),
        ("15/3/21", "2021-03-15"),
        ("3/4/21", "2021-04-03"),
        ("15.03.2021", "2021-03-15"),
        ("15 Mar 2021", "2021-03-15"),
        ("11 Jan 2021", "2021-01-11"),
        ("15th March 2021", "2021-03-15"),
        ("Monday 15 March 2021", "2021-03-15"),
        ("March 15, 2021", "2021-03-15"),
        ("2021-03-15", "2021-03-15"),
        ("  15   mar   2021 ", "2021-03-15"),
        ("today", "2026-06-10"),
        ("Yesterday", "2026-06-09"),
        ("3/4/98", "1998-04-03"),
    ],
)
def test_dates_as_written_read_exactly(typed: str, iso: str) -> None:
    understood = read_date(typed, at=AT)
    assert understood.precision is Precision.DAY
    assert understood.iso == iso


@pytest.mark.parametrize(
    ("typed", "iso", "words"),
    [
        ("15 March 2021 10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("15 Mar 2021 10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("2021-03-15T10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("15/03/2021 9.30", "2021-03-15T09:30", "Monday 15 March 2021, 09:30 GMT"),
        ("yesterday 14:30", "2026-06-09T14:30", "Tuesday 9 June 2026, 14:30 BST"),
        ("today at 2pm", "2026-06-10T14:00", "Wednesday 10 June 2026, 14:00 BST"),
        ("1 July 2021 12:15 am", "2021-07-01T00:15", "Thursday 1 July 2021, 00:15 BST"),
    ],
)
def test_moments_read_exactly_and_said_in_words(typed: str, iso: str, words: str) -> None:
    understood = read_date(typed, with_time=True, at=AT)
    assert understood.iso == iso
    assert understood.words == words


def test_partial_dates_where_the_field_allows_them() -> None:
    assert read_date("June 2022", partial=True).iso == "2022-06"
    assert read_date("June 2022", partial=True).words == "June 2022"
    assert read_date("2022-06", partial=True).precision is Precision.MONTH
    assert read_date("06/2022", partial=True).iso == "2022-06"
    assert read_date("2022", partial=True).iso == "2022"
    assert read_date("2022", partial=True).words == "the year 2022"
    with pytest.raises(DateProblem, match="full date"):
        read_date("June 2022")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("31 November 2021", "31 November 2021 does not exist: November has 30 days"),
        ("31/11/2021", "31 November 2021 does not exist"),
        ("29 Feb 2021", "2021 is not a leap year"),
        ("15/13/2021", "There is no month 13"),
        ("Tuesday 15 March 2021", "is a Monday, not a Tuesday"),
        ("15 Marc 2021", "“marc” is not a month"),
        ("next week", "Cannot read"),
        ("", "Nothing typed"),
    ],
)
def test_what_does_not_exist_or_cannot_be_read_is_refused(typed: str, problem: str) -> None:
    with pytest.raises(DateProblem, match=problem):
        read_date(typed, at=AT)


def test_a_time_is_never_dropped_or_invented() -> None:
    with pytest.raises(DateProblem, match="only the date"):
        read_date("15 Mar 2021 10:00")
    with pytest.raises(DateProblem, match="add the time"):
        read_date("15 Mar 2021", with_time=True)
    with pytest.raises(DateProblem, match="not a time of day"):
        read_date("15 Mar 2021 25:00", with_time=True)
    with pytest.raises(DateProblem, match="no date"):
        read_date("10:00", with_time=True)


def test_across_the_clock_changes() -> None:
    # 28 March 2021: 01:00 GMT became 02:00 BST; 01:30 never happened in the UK.
    with pytest.raises(DateProblem, match="clocks went forward"):
        read_date("28/03/2021 01:30", with_time=True)
    assert read_date("28/03/2021 00:59", with_time=True).words.endswith("00:59 GMT")
    assert read_date("28/03/2021 02:00", with_time=True).words.endswith("02:00 BST")
    # 31 October 2021: 01:30 came round twice; first BST, then GMT.
    first = read_date("31 Oct 2021 01:30", with_time=True)
    second = read_date("31 Oct 2021 01:30 GMT", with_time=True)
    assert "01:30 BST" in first.words
    assert "first" in first.words
    assert "01:30 GMT" in second.words
    assert "second" in second.words
    assert (second.moment - first.moment).total_seconds() == 0  # same wall clock ...
    assert (second.moment.astimezone(UTC) - first.moment.astimezone(UTC)).total_seconds() == 3600
    with pytest.raises(DateProblem, match="is BST, not GMT"):
        read_date("15 June 2021 10:00 GMT", with_time=True)


def test_stored_forms_read_back() -> None:
    for iso in ("2022", "2022-06", "2022-06-14", "2021-03-15T10:00"):
        understood = understood_from_iso(iso)
        assert understood is not None
        assert understood.iso == iso
    assert understood_from_iso("garbage") is None
