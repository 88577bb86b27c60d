"""Nobody holds a team register for more than seconds (issue 20): a login whose transaction has
held the register for longer than the hold limit is ended by the next writer it keeps waiting,
however busy it keeps itself; Breach Desk's own long work (a large import) writes a batch per
short transaction, so it never comes near the limit, and an import cut short is resumed."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text
from test_pg_guard import _hostile_psql
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.store import pg_workflow

pytestmark = pytest.mark.postgres

HOLD = int(pg_workflow.HOLD_LIMIT.removesuffix("s"))


def test_a_login_busy_with_short_statements_cannot_hold_the_register(pg_people: PgPeople) -> None:
    """psql as a service manager: BEGIN, limits set aside, a change made (it holds the head),
    then one busy statement of about a second after another, never idle, never asleep. Another
    login's change goes through once the transaction has held the register past the limit."""
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.register.get(SEED_REFERENCE).recommendations}
    with pg_people.admin.connect() as conn:  # a statement of about a second on this machine
        began = time.monotonic()
        conn.execute(text("SELECT count(*) FROM generate_series(1, 3000000)"))
        rows = max(200_000, int(3_000_000 / max(time.monotonic() - began, 0.05)))
    busy = f"SELECT count(*) FROM generate_series(1, {rows});\n"
    held = _hostile_psql(
        pg_people,
        "sm_sam",
        "BEGIN;\n"
        "SET idle_in_transaction_session_timeout = 0;\n"
        "SET statement_timeout = 0;\nSET lock_timeout = 0;\n"
        f"SELECT bd_move_action({codes['SAFETY_PLAN']}, 'start', NULL, NULL, NULL);\n"
        "SET idle_in_transaction_session_timeout = 0;\n" + busy * 120,
    )
    try:
        began = time.monotonic()
        pid = _wait_until_it_holds_busy(pg_people, "sm_sam")
        moved = alice.start(codes["NOTIFY_ICO"])
        waited = time.monotonic() - began
        assert moved.recommendation.status.value == "in_progress"
        assert waited < HOLD + 5, waited
        _, said = held.communicate("COMMIT;\n", timeout=30)
        assert held.returncode != 0
        assert "terminating connection due to administrator command" in said
    finally:
        if held.poll() is None:
            held.kill()
            held.communicate()
    assert alice.action(codes["SAFETY_PLAN"]).recommendation.status.value == "open"
    audrey = pg_people("auditor_audrey", Role.AUDITOR)
    report = audrey.register.verify_audit()
    assert report.ok, report.problem
    with pg_people.connect_as("auditor_audrey").connect() as conn:
        rows_seen = conn.execute(
            text("SELECT actor, action, reason FROM audit_log ORDER BY seq")
        ).all()
    assert [r.action for r in rows_seen] == [
        "breach.created",
        "register.session_ended",
        "recommendation.start",
    ]
    reason = rows_seen[1].reason
    assert f"{pg_people.login('sm_sam')} (process {pid}, held the register for " in reason
    assert f"longer than the limit of {pg_workflow.HOLD_LIMIT}" in reason


def _wait_until_it_holds_busy(pg_people: PgPeople, name: str) -> int:
    """The process id of ``name``'s session once it holds the audit log's head, busy or not."""
    login = pg_people.login(name)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with pg_people.admin.connect() as conn:
            pid = conn.execute(
                text(
                    "SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                    " WHERE a.usename = :u AND l.relation = to_regclass(:t) AND l.granted"
                ),
                {"u": login, "t": f"{pg_people.schema}.audit_head"},
            ).scalar()
        if pid is not None:
            return int(pid)
        time.sleep(0.05)
    raise AssertionError(f"{login} never took the register")
