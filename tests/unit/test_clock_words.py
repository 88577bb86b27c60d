"""Durations as people read them, with thousands separators in long ones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from breach_desk.domain.clock import describe_duration


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(days=2082, hours=4), "2,082 d 4 h"),
        (timedelta(days=3), "3 d"),
        (timedelta(hours=5, minutes=30), "5 h 30 min"),
        (timedelta(minutes=45), "45 min"),
    ],
)
def test_durations_read_as_people_write_them(delta: timedelta, words: str) -> None:
    assert describe_duration(delta) == words


def test_hours_only_count_with_a_separator() -> None:
    assert describe_duration(timedelta(hours=1234), use_days=False) == "1,234 h"
