"""Dashboard axes tick at round numbers."""

from __future__ import annotations

import pytest

from breach_desk.gui.dashboard.view import round_ticks


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [
        (1, 1, 1),
        (3, 3, 1),
        (5, 5, 1),
        (7, 8, 2),
        (12, 15, 5),
        (2249, 2500, 500),
        (2998, 3000, 1000),
    ],
)
def test_round_ticks(largest: int, top: int, step: int) -> None:
    assert round_ticks(largest) == (top, step)
    assert top >= largest
    assert top // step <= 5
