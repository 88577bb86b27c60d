"""The audit log: every change with who, when, what, before, after and why; append-only; and a
hash chain that shows the first entry edited, deleted or inserted out of order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from builders import facts
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from breach_desk.services.register import Register
from breach_desk.store.audit import entry_hash

SKEW = timedelta(seconds=5)
"""PostgreSQL stamps entries with the server's clock: allow for a little drift."""


def three_entries(register: Register) -> None:
    first = register.finalise(facts(title="First"))
    register.finalise(facts(title="Second"))
    register.reassess(first.reference, facts(title="First, corrected"), "title was wrong")


def drop_guards(register: Register) -> None:
    """What someone determined to tamper would do first."""
    with register.store.engine.begin() as conn:
        if register.engine_name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))


def sql(register: Register, statement: str, **params: object) -> None:
    with register.store.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_every_change_is_recorded_with_who_when_what_and_why(
    register: Register, fixed_now: str
) -> None:
    started = datetime.now(UTC)
    first = register.finalise(facts(title="Letter to the wrong flat"))
    register.reassess(first.reference, facts(title="Letters to two wrong flats"), "second found")
    finished = datetime.now(UTC)
    created, reassessed = register.history(first.reference)
    assert (created.action, created.actor) == ("breach.created", register.user)
    # BREACH_DESK_NOW fixes the day the method judges by; the log records the real moment.
    assert created.at != datetime.fromisoformat(fixed_now)
    assert started - SKEW <= created.at <= reassessed.at <= finished + SKEW
    assert created.at.tzinfo is UTC
    assert created.before is None
    assert created.after["facts"]["title"] == "Letter to the wrong flat"  # type: ignore[index]
    assert created.after["outcome"]["risk"] == first.latest.assessment.risk.value  # type: ignore[index,union-attr]
    assert reassessed.action == "breach.reassessed"
    assert reassessed.reason == "second found"
    assert reassessed.before["facts"]["title"] == "Letter to the wrong flat"  # type: ignore[index]
    assert reassessed.after["facts"]["title"] == "Letters to two wrong flats"  # type: ignore[index]
    assert reassessed.after["version"] == 2  # type: ignore[index]


def test_an_intact_log_verifies(register: Register) -> None:
    assert register.verify_audit().ok
    three_entries(register)
    report = register.verify_audit()
    assert report.ok
    assert report.entries == 3
    assert report.first_bad_seq is None


def test_the_database_refuses_to_change_or_delete_entries(register: Register) -> None:
    three_entries(register)
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            sql(register, statement)
    assert register.verify_audit().ok


def test_an_edited_entry_is_named(register: Register) -> None:
    three_entries(register)
    drop_guards(register)
    sql(register, "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2")
    report = register.verify_audit()
    assert not report.ok
    assert report.first_bad_seq == 2
    assert "edited" in report.problem
    assert report.entries == 1


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(register: Register) -> None:
    three_entries(register)
    drop_guards(register)
    with register.store.engine.begin() as conn:
        row = conn.execute(text("SELECT * FROM audit_log WHERE seq = 2")).mappings().one()
        at = row["at"] if isinstance(row["at"], datetime) else datetime.fromisoformat(row["at"])
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
        forged = entry_hash(
            2,
            at,
            "mallory",
            row["action"],
            row["reference"],
            row["before"],
            row["after"],
            row["reason"],
            row["prev_hash"],
        )
        conn.execute(
            text("UPDATE audit_log SET actor = 'mallory', hash = :h WHERE seq = 2"), {"h": forged}
        )
    report = register.verify_audit()
    assert report.first_bad_seq == 3
    assert "entry 2 was rewritten" in report.problem


def test_a_deleted_entry_is_named(register: Register) -> None:
    three_entries(register)
    drop_guards(register)
    sql(register, "DELETE FROM audit_log WHERE seq = 2")
    report = register.verify_audit()
    assert report.first_bad_seq == 2
    assert "entry 2 is missing" in report.problem


def test_deleting_the_last_entries_is_noticed(register: Register) -> None:
    three_entries(register)
    drop_guards(register)
    sql(register, "DELETE FROM audit_log WHERE seq = 3")
    report = register.verify_audit()
    assert report.first_bad_seq == 3
    assert "deleted from the end" in report.problem


def test_an_entry_inserted_out_of_order_is_named(register: Register, fixed_now: str) -> None:
    three_entries(register)
    with register.store.engine.begin() as conn:
        last = conn.execute(text("SELECT hash FROM audit_log WHERE seq = 3")).scalar_one()
        at = datetime.fromisoformat(fixed_now)
        forged = entry_hash(
            4, at, "mallory", "breach.deleted", "IG-2026-0001", None, None, None, last
        )
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, actor, action, reference, prev_hash, hash) "
                "VALUES (4, :at, 'mallory', 'breach.deleted', 'IG-2026-0001', :prev, :hash)"
            ),
            {
                "at": at if register.engine_name == "postgresql" else at.replace(tzinfo=None),
                "prev": last,
                "hash": forged,
            },
        )
    report = register.verify_audit()
    assert report.first_bad_seq == 4
    assert "inserted out of order" in report.problem
