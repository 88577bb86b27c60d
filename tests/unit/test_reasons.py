"""Reasons kept in the record are words, not a stray key press."""

from __future__ import annotations

import pytest

from breach_desk.domain.reasons import reason_problem


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "n", " n ", "nn", "x.", "1234", "--", "a b c"])
def test_a_blank_a_letter_or_symbols_are_not_a_reason(text: str) -> None:
    assert reason_problem(text) is not None


@pytest.mark.parametrize(
    "text", ["Backlog", "Staff sickness over the weekend", "IT outage", "Ward 7 closed", "Zu spät"]
)
def test_words_are_a_reason(text: str) -> None:
    assert reason_problem(text) is None
