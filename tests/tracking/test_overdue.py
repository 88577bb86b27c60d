"""Overdue means not done by the end of the due day, in Europe/London; the clock is frozen for
the whole process (``BREACH_DESK_NOW``), command-line subprocesses included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from tracking_people import CHILDRENS, SEED_REFERENCE, SqlitePeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.services.tracking import Tracking


@pytest.fixture
def founded(sqlite_people: SqlitePeople) -> tuple[Tracking, Tracking]:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    bob = sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    return alice, bob


def due(t: Tracking, code: str) -> date:
    return next(r.due_date for r in t.breach(SEED_REFERENCE).recommendations if r.code == code)


def test_overdue_appears_the_day_after_the_due_date(founded, frozen) -> None:
    _, bob = founded
    assert due(bob, "SAFETY_PLAN") == date(2021, 3, 16)  # one day after the decision

    frozen("2021-03-16T23:59:59+00:00")  # the last second of the due day (GMT in March)
    assert bob.actions(overdue=True) == []
    assert bob.badge()[1] == 0

    frozen("2021-03-17T00:00:00+00:00")  # the next day: overdue, and first in the list
    late = bob.actions(overdue=True)
    assert [i.recommendation.code for i in late] == ["SAFETY_PLAN"]
    assert bob.my_actions()[0].recommendation.code == "SAFETY_PLAN"
    assert bob.badge() == (len(bob.my_actions()), 1)


def test_done_in_time_is_never_overdue(founded, frozen) -> None:
    alice, bob = founded
    safety = next(i for i in bob.my_actions() if i.recommendation.code == "SAFETY_PLAN")
    bob.done(safety.recommendation.id, "Safety plan agreed on the phone")
    frozen("2021-04-30T12:00:00+00:00")
    assert "SAFETY_PLAN" not in {i.recommendation.code for i in bob.actions(overdue=True)}
    board = alice.dashboard()
    assert board.timeliness.awaiting == 1  # done, waiting for the IG team


def test_the_due_day_ends_at_midnight_in_london_not_utc(founded, frozen) -> None:
    _, bob = founded
    policies = due(bob, "REVIEW_POLICIES")
    assert policies == date(2021, 6, 13)  # in British Summer Time
    frozen("2021-06-13T22:59:59+00:00")  # 23:59:59 BST: still the due day
    assert "REVIEW_POLICIES" not in {i.recommendation.code for i in bob.actions(overdue=True)}
    frozen("2021-06-13T23:00:00+00:00")  # midnight BST: the 14th in London, still the 13th in UTC
    assert "REVIEW_POLICIES" in {i.recommendation.code for i in bob.actions(overdue=True)}


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breach_desk", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_command_line_sees_the_same_frozen_day(sqlite_people, founded) -> None:
    env = {**sqlite_people.env("sm_childrens"), "BREACH_DESK_DB": sqlite_people.url}
    on_the_day = cli(
        {**env, "BREACH_DESK_NOW": "2021-03-16T18:00:00+00:00"},
        "actions",
        "list",
        "--mine",
        "--overdue",
        "--json",
    )
    assert on_the_day.returncode == 0, on_the_day.stderr
    assert json.loads(on_the_day.stdout) == []
    next_day = cli(
        {**env, "BREACH_DESK_NOW": "2021-03-17T08:00:00+00:00"},
        "actions",
        "list",
        "--mine",
        "--overdue",
        "--json",
    )
    late = json.loads(next_day.stdout)
    assert [(a["code"], a["overdue_days"], a["overdue"]) for a in late] == [
        ("SAFETY_PLAN", 1, True)
    ]
    text = cli({**env, "BREACH_DESK_NOW": "2021-03-19T08:00:00+00:00"}, "actions", "list")
    first = text.stdout.splitlines()[1]
    assert "Safety plan for the person" in first  # its name, never its code
    assert "3 d late" in first
