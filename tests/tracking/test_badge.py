"""The count beside "My actions" is one COUNT in the database, and it is exactly the length of
the list the person opens (and of its overdue part), for every role, over a register holding
every combination of status, owner, owner role, service, who did it and due date."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from builders import facts_dict
from sqlalchemy import Connection, create_engine, insert, text
from tracking_people import CHILDRENS, DECIDED, PgPeople, SqlitePeople

from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.register import Role
from breach_desk.domain.workflow import is_mine
from breach_desk.facts_io import facts_from_dict
from breach_desk.services.tracking import Tracking
from breach_desk.store.models import RecommendationRow

HOUSING, LIBRARIES = "Housing", "Libraries"
AT = datetime.fromisoformat(DECIDED)
PAST, TODAY, FUTURE = date(2021, 3, 1), AT.date(), date(2021, 4, 30)


def as_owner(people: SqlitePeople | PgPeople, work: Callable[[Connection], object]) -> None:
    """Write straight into the tables, as their owner (past every rule, as a test must)."""
    if isinstance(people, PgPeople):
        people.run_as_owner(work)
        return
    engine = create_engine(people.url)
    with engine.begin() as conn:
        work(conn)
    engine.dispose()


@pytest.fixture
def team(people: SqlitePeople | PgPeople) -> dict[str, Tracking]:
    """Two IG officers, two service managers, an auditor; eight breaches, four of them closed,
    and every combination of what decides whose list a recommendation is on."""
    team = {
        "alice": people("ig_alice", Role.IG_OFFICER),
        "carol": people("ig_carol", Role.IG_OFFICER),
        "bob": people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS),
        "dan": people("sm_dan", Role.SERVICE_MANAGER, HOUSING, LIBRARIES),
        "audrey": people("auditor_audrey", Role.AUDITOR),
    }
    login = {name: t.user.login for name, t in team.items()}
    refs = []
    for n, service in enumerate([CHILDRENS, HOUSING, LIBRARIES, None] * 2):
        changes: dict[str, Any] = {"aware_at": f"2021-03-{n + 2:02d}T09:00:00", "title": f"B{n}"}
        if service is not None:
            changes["service"] = service
        refs.append(team["alice"].register.finalise(facts_from_dict(facts_dict(**changes))))
    combinations = itertools.product(
        [s.value for s in RecommendationStatus],
        [None, "", login["alice"], login["bob"], login["audrey"], "someone else"],
        ["ig", "service", "it"],
        [CHILDRENS, HOUSING, None],
        [None, login["alice"], "someone else"],
        [PAST, TODAY, FUTURE],
    )
    rows = [
        {
            "breach_id": n % 8 + 1,
            "code": f"GEN_{n}",
            "text": "Generated",
            "owner_role": owner_role,
            "owner": owner,
            "service": service,
            "due_date": due,
            "status": status,
            "why": "",
            "done_by": done_by,
            "added_in_version": 1,
            "created_at": AT,
            "created_by": login["alice"],
            "updated_at": AT,
            "row_version": 1,
        }
        for n, (status, owner, owner_role, service, done_by, due) in enumerate(combinations)
    ]

    def write(conn: Connection) -> None:
        conn.execute(insert(RecommendationRow), rows)
        conn.execute(text("UPDATE breaches SET status = 'closed' WHERE id > 4"))

    as_owner(people, write)
    return team


def test_the_badge_counts_exactly_the_list(team: dict[str, Tracking]) -> None:
    every_status = list(RecommendationStatus)
    counts = {}
    for name, t in team.items():
        listed = t.my_actions(AT)
        # The list again, judged here one by one by the rule itself.
        judged = [
            i.recommendation
            for i in t.actions(statuses=every_status, at=AT)
            if is_mine(i.recommendation, t.user.actor)
        ]
        assert sorted(i.recommendation.id for i in listed) == sorted(r.id for r in judged), name
        overdue = sum(1 for i in listed if i.recommendation.overdue(AT))
        counts[name] = t.badge(AT)
        assert counts[name] == (len(listed), overdue), name
        assert 0 < overdue < len(listed), name
    assert len(set(counts.values())) == len(counts)  # each role's list is its own
