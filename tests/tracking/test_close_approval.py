"""Four eyes on closing (METHOD section 5): whoever rejected a recommendation that stands
rejected closes the breach only with a second IG officer's recorded approval, on both engines;
on PostgreSQL the database's own functions hold to it for a login that goes round Breach Desk."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from tracking_people import SEED_REFERENCE, PgPeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.domain.vocabulary import audit_action
from breach_desk.domain.workflow import Refused

REASON = "Reviewed the rejection of the safety plan: the family's own plan covers it"


def _ready_but_one_rejected(people, alice, carol) -> int:  # type: ignore[no-untyped-def]
    """The founding case with every recommendation verified but one, which Alice rejects."""
    alice.register.finalise(seed_facts())
    items = alice.actions(reference=SEED_REFERENCE)
    first, *rest = [i.recommendation.id for i in items]
    alice.reject(first, "Not needed: covered by the safeguarding plan")
    for rid in rest:
        carol.done(rid, "Done")
        alice.verify(rid)
    return int(first)


def test_a_second_officers_approval_lets_the_one_who_rejected_close(people) -> None:  # type: ignore[no-untyped-def]
    alice = people("ig_alice", Role.IG_OFFICER)
    carol = people("ig_carol", Role.IG_OFFICER)
    dave = people("ig_dave", Role.IG_OFFICER)
    sam = people("sm_sam", Role.SERVICE_MANAGER, "Children's Services")
    first = _ready_but_one_rejected(people, alice, carol)
    with pytest.raises(Refused, match="another IG officer must close it, or record their approval"):
        alice.close(SEED_REFERENCE)
    # Not the one who rejected, not a service manager, never without a reason.
    with pytest.raises(Refused, match="must come from another IG officer"):
        alice.approve_close(SEED_REFERENCE, "I approve my own rejection")
    with pytest.raises(Refused, match="Only an IG officer approves"):
        sam.approve_close(SEED_REFERENCE, "Fine by me")
    with pytest.raises(Refused, match="reason"):
        dave.approve_close(SEED_REFERENCE, " \u00a0\u200b")
    dave.approve_close(SEED_REFERENCE, REASON)
    closed = alice.close(SEED_REFERENCE, "Closed with Dave's approval")
    assert closed.status.value == "closed"
    assert closed.closed_by.startswith("ig_alice")
    # The breach's history says so, in words, with the reason.
    history = alice.register.history(SEED_REFERENCE)
    approval = [e for e in history if e.action == "breach.close_approved"]
    assert len(approval) == 1
    assert approval[0].actor.startswith("ig_dave")
    assert approval[0].reason == REASON
    assert audit_action(approval[0].action) == "Closing approved by a second IG officer"
    assert [e.action for e in history][-2:] == ["breach.close_approved", "breach.closed"]
    assert alice.register.verify_audit().ok
    assert first


def test_an_approval_is_void_once_a_recommendation_is_rejected_after_it(people) -> None:  # type: ignore[no-untyped-def]
    alice = people("ig_alice", Role.IG_OFFICER)
    carol = people("ig_carol", Role.IG_OFFICER)
    dave = people("ig_dave", Role.IG_OFFICER)
    first = _ready_but_one_rejected(people, alice, carol)
    dave.approve_close(SEED_REFERENCE, REASON)
    # Alice reopens what she rejected and rejects it again: the approval was for the earlier one.
    alice.reopen(first, "Looked again")
    alice.reject(first, "Still not needed")
    with pytest.raises(Refused, match="another IG officer must close it"):
        alice.close(SEED_REFERENCE)
    dave.approve_close(SEED_REFERENCE, "Seen the second rejection too")
    assert alice.close(SEED_REFERENCE).status.value == "closed"


def test_nothing_to_approve_where_nobody_rejected_anything(people) -> None:  # type: ignore[no-untyped-def]
    alice = people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    with pytest.raises(Refused, match="no approval is needed"):
        alice.approve_close(SEED_REFERENCE, REASON)
    assert [e.action for e in alice.register.history(SEED_REFERENCE)] == ["breach.created"]


def _refusal(engine, sql: str, **params: object) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        try:
            conn.execute(text(sql), params)
            conn.commit()
        except DBAPIError as exc:
            conn.rollback()
            return str(exc.orig).splitlines()[0]
    raise AssertionError(f"the database allowed: {sql}")


@pytest.mark.postgres
def test_psql_logins_cannot_close_round_the_approval_nor_approve_their_own_rejection(
    pg_people: PgPeople,
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    carol = pg_people("ig_carol", Role.IG_OFFICER)
    pg_people("ig_dave", Role.IG_OFFICER)
    pg_people("sm_sam", Role.SERVICE_MANAGER, "Children's Services")
    first = _ready_but_one_rejected(pg_people, alice, carol)
    ig = pg_people.connect_as("ig_alice")
    sm = pg_people.connect_as("sm_sam")
    dave = pg_people.connect_as("ig_dave")
    close = "SELECT bd_close_breach(:r, NULL, NULL)"
    approve = "SELECT bd_approve_close(:r, :why)"
    assert "another IG officer must close it" in _refusal(ig, close, r=SEED_REFERENCE)
    assert "must come from another IG officer" in _refusal(
        ig, approve, r=SEED_REFERENCE, why="mine"
    )
    assert "permission denied for function bd_approve_close" in _refusal(
        sm, approve, r=SEED_REFERENCE, why="x"
    )
    assert "reason" in _refusal(dave, approve, r=SEED_REFERENCE, why="\u200b ")
    # Nobody writes the approvals table but the function.
    words = _refusal(
        ig,
        "INSERT INTO close_approvals (breach_id, approved_by, approved_at, reason)"
        " SELECT id, 'someone', now(), 'x' FROM breaches",
    )
    assert "permission denied" in words
    with dave.begin() as conn:
        conn.execute(text(approve), {"r": SEED_REFERENCE, "why": REASON})
    # A rejection after the approval voids it, in the database too.
    with ig.begin() as conn:
        conn.execute(text("SELECT bd_move_action(:i, 'reopen', 'again', NULL, NULL)"), {"i": first})
        conn.execute(
            text("SELECT bd_move_action(:i, 'reject', 'still not', NULL, NULL)"), {"i": first}
        )
    assert "another IG officer must close it" in _refusal(ig, close, r=SEED_REFERENCE)
    with dave.begin() as conn:
        conn.execute(text(approve), {"r": SEED_REFERENCE, "why": "Seen it again"})
    with ig.begin() as conn:
        conn.execute(text(close), {"r": SEED_REFERENCE})
    for engine in (ig, sm, dave):
        engine.dispose()
    audrey = pg_people("auditor_audrey", Role.AUDITOR)
    assert audrey.register.get(SEED_REFERENCE).closed_by == pg_people.login("ig_alice")
    actions = [e.action for e in audrey.register.history(SEED_REFERENCE)]
    assert actions.count("breach.close_approved") == 2
    assert audrey.register.verify_audit().ok
