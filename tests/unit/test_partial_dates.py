"""occurred_at at the precision known: a year, a year and month, a date or a date-time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from builders import facts_dict

from breach_desk.domain.description import describe_facts
from breach_desk.domain.facts import PartialDate
from breach_desk.facts_io import FactsError, facts_from_dict, facts_to_dict

AT = datetime(2024, 6, 1, tzinfo=UTC)


def _when(facts: object) -> str:
    for section in describe_facts(facts):  # type: ignore[arg-type]
        for line in section.lines:
            if line.key == "occurred_at":
                return line.value
    raise AssertionError("no occurred_at line")


@pytest.mark.parametrize(
    ("given", "read", "words"),
    [
        ("2022", PartialDate(2022), "2022"),
        ("2022-06", PartialDate(2022, 6), "June 2022"),
        ("2022-06-14", date(2022, 6, 14), "14 Jun 2022"),
    ],
)
def test_each_precision_is_read_written_back_and_described(
    given: str, read: object, words: str
) -> None:
    facts = facts_from_dict(facts_dict(occurred_at=given), at=AT)
    assert facts.occurred_at == read
    assert facts_to_dict(facts)["occurred_at"] == given
    assert facts_from_dict(facts_to_dict(facts), at=AT) == facts
    assert _when(facts) == words


def test_a_date_time_is_kept_to_the_minute() -> None:
    facts = facts_from_dict(facts_dict(occurred_at="2022-06-14T09:30:00+01:00"), at=AT)
    assert isinstance(facts.occurred_at, datetime)
    assert _when(facts).startswith("Tue 14 Jun 2022 09:30")


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("2022-13", "not a valid month"),
        ("1850", "before 1900"),
        ("2031", "in the future"),
        ("2024-07", "in the future"),
    ],
)
def test_impossible_partial_dates_are_refused_naming_the_field(given: str, said: str) -> None:
    with pytest.raises(FactsError) as caught:
        facts_from_dict(facts_dict(occurred_at=given), at=AT)
    assert caught.value.problems[0].path == "occurred_at"
    assert said in caught.value.problems[0].message


def test_aware_before_the_year_it_happened_is_refused() -> None:
    with pytest.raises(FactsError) as caught:
        facts_from_dict(facts_dict(occurred_at="2024-06", aware_at="2024-05-30T09:00"), at=AT)
    assert caught.value.problems[0].path == "aware_at"
    # aware within the month it happened is fine
    facts_from_dict(facts_dict(occurred_at="2024-05", aware_at="2024-05-30T09:00"), at=AT)
