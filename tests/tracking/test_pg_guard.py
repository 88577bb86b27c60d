"""A team register's promises under attack by its own users, on PostgreSQL with real logins:
a break in the log stops every login's writes until an IG officer acknowledges it through the
database's own function."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, seed_facts

from breach_desk.domain.errors import NotAllowed
from breach_desk.domain.register import Role
from breach_desk.services import audit as checks
from breach_desk.store.audit import AuditBroken

pytestmark = pytest.mark.postgres


def test_a_rewound_log_stops_every_login_until_an_ig_officer_acknowledges(
    pg_people: PgPeople,
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    sam = pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    audrey = pg_people("auditor_audrey", Role.AUDITOR)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.register.get(SEED_REFERENCE).recommendations}
    sam.start(codes["SAFETY_PLAN"])
    alice.start(codes["NOTIFY_ICO"])  # the log: created, started, started (#3)

    def rewind(conn) -> None:  # type: ignore[no-untyped-def]
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        first = conn.execute(text("SELECT hash FROM audit_log WHERE seq = 1")).scalar_one()
        conn.execute(text("DELETE FROM audit_log WHERE seq >= 2"))
        conn.execute(text("UPDATE audit_head SET seq = 1, hash = :h"), {"h": first})

    pg_people.run_as_owner(rewind)
    # The service manager cannot read the log, yet their write is checked against the witness.
    with pytest.raises(AuditBroken, match="the log ends at #1 but #3 was witnessed"):
        sam.done(codes["SAFETY_PLAN"], "Plan agreed with the family")
    with pytest.raises(AuditBroken):
        alice.done(codes["NOTIFY_ICO"], "Reported online")
    # Only an IG officer acknowledges, in the application and in the database.
    with pytest.raises(NotAllowed):
        checks.acknowledge(audrey.register, "not mine to say")
    sm = pg_people.connect_as("sm_sam")
    with (
        sm.connect() as conn,
        pytest.raises(Exception, match="permission denied for function bd_acknowledge"),
    ):
        conn.execute(text("SELECT bd_acknowledge_break('{}', 'x')"))
    sm.dispose()
    done = checks.acknowledge(alice.register, "The server was restored from last night's copy")
    assert done.entry == 2
    report = audrey.register.verify_audit()
    assert report.ok, report.problem
    assert any("the log had reached #3" in n for n in report.notes)
    (entry,) = [e for e in alice.register.history(SEED_REFERENCE) if e.seq == 2] or [None]
    assert entry is None  # the acknowledgement is about the log, not one breach
    with pg_people.connect_as("auditor_audrey").connect() as conn:
        row = conn.execute(text("SELECT action, actor, reason FROM audit_log WHERE seq = 2")).one()
    assert tuple(row) == (
        "audit.acknowledged",
        pg_people.login("ig_alice"),
        "The server was restored from last night's copy",
    )
    assert sam.done(codes["SAFETY_PLAN"], "Plan agreed with the family")
