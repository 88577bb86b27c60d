"""The demo register always shows something overdue, whatever today's date (issue 13): the
reports to the ICO of its reportable breaches are due at their statutory deadlines, long past,
and so the My actions reminder, the Overdue column and the dashboard have something to show."""

from __future__ import annotations

from pathlib import Path

import pytest

from breach_desk.gui.demo import seed_demo
from breach_desk.services.register import Register
from breach_desk.services.tracking import Tracking


@pytest.mark.parametrize(
    "today", ["2025-01-06T09:00:00+00:00", "2026-11-29T09:00:00+00:00", "2031-07-01T09:00:00+00:00"]
)
def test_the_demo_register_has_overdue_items_whatever_the_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", today)
    with Register.open(f"sqlite:///{tmp_path / 'demo.sqlite3'}") as register:
        assert seed_demo(register)
        tracking = Tracking(register)
        tally = tracking.action_tally(overdue_only=True)
        assert tally is not None
        assert tally.overdue > 0
        board = tracking.dashboard()
        assert board.timeliness.not_done > 0
        assert board.overdue_by_service
