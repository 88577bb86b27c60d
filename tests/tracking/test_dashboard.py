"""What the IG team sees across the register: the dashboard's numbers and the lists behind
them, on both engines, for an IG officer and (limited to their services) a service manager."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from builders import facts_dict
from tracking_people import CHILDRENS, SEED_REFERENCE, record_done_at, seed_facts

from breach_desk.domain.register import Role
from breach_desk.domain.workflow import Refused
from breach_desk.facts_io import facts_from_dict
from breach_desk.services.notifications import Notify

HOUSING = "Housing"


def test_dashboard_numbers(people, frozen) -> None:
    alice = people("ig_alice", Role.IG_OFFICER)
    carol = people("ig_carol", Role.IG_OFFICER)
    bob = people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())  # high risk, report to the ICO, a repeat (3 times)
    low = facts_dict(
        service=HOUSING,
        aware_at="2021-03-15T09:00:00",
        **{
            "recipients": [
                {"label": "Colleague", "kind": "internal_staff", "deletion_confirmed": True}
            ]
        },
    )
    alice.register.finalise(facts_from_dict(low))
    board = alice.dashboard()
    assert board.open_by_risk == {"high": 1, "unlikely": 1}
    assert [c.reference for c in board.ico_clocks] == [SEED_REFERENCE]
    assert board.ico_clocks[0].deadline.isoformat().startswith("2021-03-18T10:00")
    assert [r.reference for r in board.repeats] == [SEED_REFERENCE]
    assert board.overdue_by_service == []
    assert board.timeliness.total == 0

    # Reporting to the ICO stops its clock; a week later the slow ones are overdue by service.
    ids = {r.code: r.id for r in alice.breach(SEED_REFERENCE).recommendations}
    Notify(alice.register).record_ico(
        SEED_REFERENCE, at=datetime(2021, 3, 15, 13, tzinfo=UTC), ico_reference="ABC123"
    )
    carol.verify(ids["NOTIFY_ICO"])
    bob.done(ids["SAFETY_PLAN"], "Safety plan agreed")  # due the 16th, done the 15th
    frozen("2021-03-22T12:00:00+00:00")
    started = datetime.now(UTC)
    bob.done(ids["RECALL_DATA"], "Both recipients confirmed in writing")  # due the 17th: late
    alice.verify(ids["SAFETY_PLAN"])
    alice.verify(ids["RECALL_DATA"])
    # The register records when the work was really done, never the frozen day ...
    recall = alice.action(ids["RECALL_DATA"]).recommendation
    assert recall.done_at is not None
    assert recall.done_at >= started - timedelta(seconds=5)
    # ... so the days of this story are written in as they would have been recorded.
    for code, day in (("NOTIFY_ICO", "15"), ("SAFETY_PLAN", "15"), ("RECALL_DATA", "22")):
        record_done_at(people, ids[code], f"2021-03-{day}T15:00:00+00:00")
    board = alice.dashboard()
    assert board.ico_clocks == []
    assert board.overdue_by_service == [(CHILDRENS, 1)]  # NOTIFY_SUBJECTS, due the 18th
    t = board.timeliness
    assert (t.on_time, t.late, t.awaiting, t.not_done) == (2, 1, 0, 1)
    assert t.share == 0.5

    # A service manager's dashboard covers their services only.
    assert bob.dashboard().open_by_risk == {"high": 1}


def test_ready_to_close_lists_breaches_with_nothing_left_open(people) -> None:
    alice = people("ig_alice", Role.IG_OFFICER)
    carol = people("ig_carol", Role.IG_OFFICER)
    alice.register.finalise(
        facts_from_dict(facts_dict(service=HOUSING, aware_at="2021-03-15T09:00:00"))
    )
    ref = alice.register.list_breaches()[0].reference
    assert alice.ready_to_close() == []
    for item in alice.actions(reference=ref):
        r = item.recommendation
        if r.code == "LESSONS_LEARNED":
            alice.reject(r.id, "Covered by the annual lessons review")
        else:
            alice.done(r.id, "Done")
            carol.verify(r.id)
    assert [b.reference for b in alice.ready_to_close()] == [ref]
    # Four eyes: Alice rejected one of its recommendations, so Carol closes it.
    with pytest.raises(Refused, match="another IG officer must close it"):
        alice.close(ref)
    carol.close(ref)
    assert alice.ready_to_close() == []
