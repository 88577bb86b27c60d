"""A team register defends itself: every login role that ``db roles`` makes tries to change
every table directly, and each workflow step out of turn through the database's functions,
with psycopg and with the real psql; every attempt is refused, and the same steps through
Breach Desk still work, audited with the server's clock and the login's name."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from builders import facts_dict
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, pg_url, seed_facts

from breach_desk.domain.errors import StoreError
from breach_desk.domain.register import Role
from breach_desk.facts_io import facts_from_dict
from breach_desk.services.drafts import Drafts
from breach_desk.services.tracking import Tracking

pytestmark = pytest.mark.postgres

TABLES = (
    "breaches",
    "assessment_versions",
    "people",
    "recipients",
    "recommendations",
    "recommendation_transitions",
    "evidence_files",
    "notifications",
    "audit_log",
    "audit_head",
    "reference_counters",
    "drafts",
    "breach_user_services",
    "alembic_version",
)
LOGINS = ("ig_alice", "sm_childrens", "auditor_audrey")
SKEW = timedelta(seconds=5)


def refused(engine: Engine, sql: str, **params: object) -> str:
    """Run ``sql`` as that login; return the server's refusal (fails if it was allowed)."""
    with engine.connect() as conn:
        try:
            conn.execute(text(sql), params)
        except DBAPIError as exc:
            return str(exc.orig).splitlines()[0]
        finally:
            conn.rollback()
    raise AssertionError(f"the database allowed: {sql}")


def value(engine: Engine, sql: str, **params: object) -> object:
    with engine.connect() as conn:
        found = conn.execute(text(sql), params).scalar()
        conn.rollback()
    return found


def direct_writes(pg_people: PgPeople) -> list[str]:
    """INSERT, UPDATE, DELETE, TRUNCATE and SELECT … FOR UPDATE on every table."""
    with pg_people.admin.connect() as conn:
        column = dict(
            conn.execute(
                text(
                    "SELECT table_name, min(column_name) FROM information_schema.columns"
                    " WHERE table_schema = :s GROUP BY table_name"
                ),
                {"s": pg_people.schema},
            ).all()
        )
    out: list[str] = []
    for table in TABLES:
        c = column[table]
        out += [
            f"INSERT INTO {table} DEFAULT VALUES",
            f"INSERT INTO {table} ({c}) SELECT {c} FROM {table}",
            f"UPDATE {table} SET {c} = {c}",
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
            f"SELECT 1 FROM {table} FOR UPDATE",
            f"SELECT 1 FROM {table} FOR KEY SHARE",
        ]
    return out


@pytest.fixture
def council(pg_people: PgPeople) -> dict[str, Tracking]:
    people = {
        "ig_alice": pg_people("ig_alice", Role.IG_OFFICER),
        "ig_carol": pg_people("ig_carol", Role.IG_OFFICER),
        "sm_childrens": pg_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS),
        "auditor_audrey": pg_people("auditor_audrey", Role.AUDITOR),
    }
    people["ig_alice"].register.finalise(seed_facts())
    housing = facts_dict(service="Housing", aware_at="2021-03-14T09:00:00")
    people["ig_alice"].register.finalise(facts_from_dict(housing))
    return people


def ids(t: Tracking) -> dict[str, int]:
    return {r.code: r.id for r in t.register.get(SEED_REFERENCE).recommendations}


def test_no_login_writes_or_locks_any_table_directly(pg_people, council) -> None:
    statements = direct_writes(pg_people)
    tried = 0
    for login in LOGINS:
        engine = pg_people.connect_as(login)
        for sql in statements:
            words = refused(engine, sql)
            assert "permission denied" in words, (login, sql, words)
            tried += 1
        engine.dispose()
    assert tried == len(LOGINS) * len(TABLES) * 7 == 294
    # The register is as the app left it, and its log intact.
    assert council["auditor_audrey"].register.verify_audit().ok


def test_psql_as_each_login_is_refused_every_direct_write(pg_people, council) -> None:
    psql = shutil.which("psql")
    assert psql, "psql comes with the PostgreSQL server the tests run against"
    statements = direct_writes(pg_people)
    for login in LOGINS:
        url = pg_url(pg_people.schema, pg_people.login(login)).replace("+psycopg", "")
        done = subprocess.run(
            [psql, url, "-X", "-q", "-v", "ON_ERROR_STOP=0"],
            input="\n".join(f"{s};" for s in statements) + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        errors = [line for line in done.stderr.splitlines() if "ERROR:" in line]
        assert len(errors) == len(statements), (login, done.stderr[-2000:])
        assert all("permission denied" in e for e in errors), errors
    before = council["ig_alice"].register.verify_audit()
    assert before.ok
    assert before.entries == 2


def test_the_audit_head_cannot_be_locked_rewound_or_forged(pg_people, council) -> None:
    head = value(pg_people.connect_as("ig_alice"), "SELECT seq FROM audit_head")
    forge = (
        "SELECT bd_audit_write('breach.created', 'IG-2021-999', NULL, '{}', 'forged')",
        "INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash)"
        " SELECT seq + 1, now(), 'ig_alice', 'breach.deleted', hash, hash FROM audit_head",
        "UPDATE audit_head SET seq = 0",
        "SELECT * FROM audit_head FOR UPDATE",
        "SELECT * FROM audit_head FOR SHARE",
        "LOCK TABLE audit_head IN EXCLUSIVE MODE",
    )
    for login in LOGINS:
        engine = pg_people.connect_as(login)
        for sql in forge:
            assert "permission denied" in refused(engine, sql), (login, sql)
    # Even the owner, who may write the table, cannot move the head back.
    owner = pg_people.admin
    with owner.connect() as conn:
        conn.execute(text(f"SET search_path = {pg_people.schema}"))
        with pytest.raises(DBAPIError, match="only moves forward"):
            conn.execute(text("UPDATE audit_head SET seq = 0"))
        with pytest.raises(DBAPIError, match="only moves forward"):
            conn.execute(text("DELETE FROM audit_head"))
    assert value(pg_people.connect_as("ig_alice"), "SELECT seq FROM audit_head") == head


def test_workflow_steps_out_of_turn_are_refused_by_the_database(pg_people, council) -> None:
    alice, carol, bob = council["ig_alice"], council["ig_carol"], council["sm_childrens"]
    codes = ids(alice)
    sm = pg_people.connect_as("sm_childrens")
    ig = pg_people.connect_as("ig_alice")
    audrey = pg_people.connect_as("auditor_audrey")
    move = "SELECT bd_move_action(:i, :a, :r, :e, NULL)"
    safety, apologise, ico = codes["SAFETY_PLAN"], codes["APOLOGISE"], codes["NOTIFY_ICO"]
    bob.done(safety, "Safety plan agreed")  # through Breach Desk
    attempts = [
        # A service manager verifying, rejecting, or moving the IG team's action.
        (sm, move, {"i": safety, "a": "verify", "r": None, "e": None}, "only an IG officer"),
        (sm, move, {"i": safety, "a": "reject", "r": "no", "e": None}, "only an IG officer"),
        (sm, move, {"i": ico, "a": "start", "r": None, "e": None}, "not one of your services"),
        # Done without evidence; verified before it was done; an unknown step.
        (sm, move, {"i": apologise, "a": "done", "r": None, "e": " "}, "evidence"),
        (sm, move, {"i": safety, "a": "done", "r": None, "e": "again"}, "It is done"),
        (ig, move, {"i": ico, "a": "verify", "r": None, "e": None}, "It is open"),
        (ig, move, {"i": ico, "a": "approve", "r": None, "e": None}, "unknown action"),
        (ig, move, {"i": ico, "a": "reject", "r": "  ", "e": None}, "Give a reason"),
        # Closing with work open; saving, reserving and importing as a service manager.
        (ig, "SELECT bd_close_breach(:r, NULL, NULL)", {"r": SEED_REFERENCE}, "cannot be closed"),
        (ig, "SELECT bd_close_breach(:r, 99, NULL)", {"r": SEED_REFERENCE}, "was changed by"),
        (sm, "SELECT bd_close_breach(:r, NULL, NULL)", {"r": SEED_REFERENCE}, "permission"),
        (sm, "SELECT bd_save_breach('{}')", {}, "permission denied"),
        (sm, "SELECT bd_add_breaches('[]')", {}, "permission denied"),
        (sm, "SELECT bd_reserve_references(2021, 1, NULL)", {}, "permission denied"),
        (sm, "SELECT bd_save_draft(NULL, 't', '{}', NULL)", {}, "permission denied"),
        (ig, "SELECT bd_create_breach('{}', NULL)", {}, "permission denied"),
        (ig, "SELECT bd_role()", {}, "permission denied"),
        # The auditor changes nothing, whichever door they try.
        (audrey, move, {"i": apologise, "a": "start", "r": None, "e": None}, "permission denied"),
        (audrey, "SELECT bd_attach_file(:i, 'x', 'x')", {"i": safety}, "permission denied"),
        # Backdating a transition, or a file whose hash is not its content.
        (
            sm,
            "INSERT INTO recommendation_transitions (recommendation_id, at, by, from_status,"
            " to_status) VALUES (:i, '2020-01-01', current_user, 'open', 'done')",
            {"i": safety},
            "permission denied",
        ),
        (
            sm,
            "INSERT INTO evidence_files (recommendation_id, name, size, sha256, content,"
            " added_by, added_at) VALUES (:i, 'x', 1, 'forged', 'x', current_user, now())",
            {"i": safety},
            "permission denied",
        ),
        (
            sm,
            "UPDATE recommendations SET status = 'done', evidence = 'fake',"
            " done_at = '2020-01-01' WHERE id = :i",
            {"i": safety},
            "permission denied",
        ),
        (ig, "UPDATE assessment_versions SET reason = 'x'", {}, "permission denied"),
        (ig, "DELETE FROM recommendations", {}, "permission denied"),
    ]
    for engine, sql, params, words in attempts:
        assert words in refused(engine, sql, **params), (sql, params)
    # Four eyes: Alice marks her action done through the function, and cannot verify it.
    with ig.begin() as conn:
        conn.execute(text(move), {"i": ico, "a": "done", "r": None, "e": "Reported, ref 1"})
    own = refused(ig, move, i=ico, a="verify", r=None, e=None)
    assert "someone else in the IG team must verify" in own
    assert len(attempts) + 1 == 25
    assert bob.action(safety).recommendation.status.value == "done"
    assert bob.action(apologise).recommendation.status.value == "open"
    assert carol.verify(ico).recommendation.verified_by == carol.user.login
    assert alice.register.verify_audit().ok


def test_a_crafted_save_cannot_choose_statuses_names_or_times(pg_people, council) -> None:
    """What an IG officer hands ``bd_save_breach`` is the assessment; the database decides the
    statuses, who and when."""
    ig = pg_people.connect_as("ig_alice")
    doc = {
        "reference": "IG-2021-900",
        "breach": {
            "title": "Crafted",
            "service": CHILDRENS,
            "aware_at": "2021-03-15T09:00:00+00:00",
            "band": "low",
            "likelihood": "remote",
            "risk": "unlikely",
            "status": "closed",
            "created_by": "someone_else",
            "created_at": "2001-01-01T00:00:00+00:00",
        },
        "version": {"facts": "{}", "assessment": "{}", "created_by": "someone_else"},
        "create": [
            {
                "code": "X",
                "text": "t",
                "owner_role": "service",
                "service": CHILDRENS,
                "due_date": "2021-04-01",
                "status": "verified",
                "done_by": "someone_else",
                "verified_by": "someone_else",
            }
        ],
        "audit_after": '{"facts": {}, "version": 1}',
    }
    # The audit entry must describe what is saved.
    save = "SELECT bd_save_breach(CAST(:d AS jsonb))"
    for lie in ('{"facts": {"title": "else"}, "version": 1}', '{"facts": {}, "version": 7}', "x"):
        words = refused(ig, save, d=json.dumps(doc | {"audit_after": lie}))
        assert "audit entry" in words, lie
    with ig.begin() as conn:
        conn.execute(text(save), {"d": json.dumps(doc)})
    login = pg_people.login("ig_alice")
    with ig.connect() as conn:
        breach = conn.execute(
            text(
                "SELECT status, created_by, created_at, row_version FROM breaches"
                " WHERE reference = 'IG-2021-900'"
            )
        ).one()
        rec = conn.execute(
            text(
                "SELECT r.status, r.done_by, r.verified_by, r.created_by FROM recommendations r"
                " JOIN breaches b ON b.id = r.breach_id WHERE b.reference = 'IG-2021-900'"
            )
        ).one()
        entry = conn.execute(
            text("SELECT actor, at FROM audit_log WHERE reference = 'IG-2021-900'")
        ).one()
    assert tuple(breach)[:2] == ("assessed", login)
    assert abs(breach[2] - datetime.now(UTC)) < SKEW
    assert tuple(rec) == ("open", None, None, login)
    assert entry[0] == login
    assert abs(entry[1] - datetime.now(UTC)) < SKEW
    # Reassessing it may not reject what is done, whatever the document says.
    reassess = doc | {
        "reassess": True,
        "reason": "more",
        "reject": [{"id": 1, "reason": "x"}],
        "create": [],
    }
    with ig.begin() as conn:
        first = conn.execute(
            text(
                "SELECT id FROM recommendations WHERE breach_id <>"
                " (SELECT id FROM breaches WHERE reference = 'IG-2021-900') LIMIT 1"
            )
        ).scalar_one()
    reassess["reject"] = [{"id": first, "reason": "not this breach's"}]
    assert "cannot be removed" in refused(
        ig, "SELECT bd_save_breach(CAST(:d AS jsonb))", d=json.dumps(reassess)
    )


def test_the_same_steps_through_breach_desk_work_and_are_audited_by_the_server(
    pg_people, council
) -> None:
    alice, carol, bob = council["ig_alice"], council["ig_carol"], council["sm_childrens"]
    codes = ids(alice)
    started = datetime.now(UTC)
    bob.start(codes["SAFETY_PLAN"], "Called Mr B")
    bob.done(codes["SAFETY_PLAN"], "Safety plan agreed", [("plan.pdf", b"%PDF-1.4 plan")])
    info = bob.attach(codes["APOLOGISE"], "letter.txt", b"Dear Mr B")
    assert info.sha256 == hashlib.sha256(b"Dear Mr B").hexdigest()
    assert info.size == len(b"Dear Mr B")
    assert info.added_by == bob.user.login
    carol.verify(codes["SAFETY_PLAN"])
    alice.reopen(codes["SAFETY_PLAN"], "The plan was not signed")
    alice.reject(codes["LESSONS_LEARNED"], "Covered by the annual review")
    # Reassessing, importing and drafts go through the database's functions too.
    facts = alice.breach(SEED_REFERENCE).facts
    alice.register.reassess(SEED_REFERENCE, replace(facts, occurrences=4), "a fourth time")
    imported = alice.register.import_facts(
        [facts_from_dict(facts_dict(title="Imported", aware_at="2021-03-10T09:00:00"))]
    )
    drafts = Drafts(alice.register)
    draft = drafts.save(None, {"title": "half done"}, "Half done")
    assert drafts.save(draft, {"title": "more"}, "More") == draft
    assert [d.title for d in drafts.list()] == ["More"]
    drafts.discard(draft)
    assert drafts.list() == []
    # Every change is in the log, by the login that made it, at the server's time.
    with pg_people.connect_as("auditor_audrey").connect() as conn:
        entries = conn.execute(
            text("SELECT action, actor, at FROM audit_log WHERE seq > 2 ORDER BY seq")
        ).all()
    actions = [(a, who) for a, who, _ in entries]
    assert actions == [
        ("recommendation.start", bob.user.login),
        ("recommendation.done", bob.user.login),
        ("recommendation.file_added", bob.user.login),
        ("recommendation.file_added", bob.user.login),
        ("recommendation.verify", carol.user.login),
        ("recommendation.reopen", alice.user.login),
        ("recommendation.reject", alice.user.login),
        ("breach.reassessed", alice.user.login),
        ("breach.created", alice.user.login),
    ]
    assert all(started - SKEW <= at <= datetime.now(UTC) for _, _, at in entries)
    assert imported
    assert alice.register.get(imported[0]).created_by == alice.user.login
    with pytest.raises(StoreError, match="your database role may not read the audit log"):
        bob.register.verify_audit()
    report = council["auditor_audrey"].register.verify_audit()
    assert report.ok
    assert report.entries == 11


def test_a_junk_entry_after_the_head_stops_a_team_save_cleanly(pg_people, council) -> None:
    """The issue's 'UniqueViolation on actions start': only the owner can still write such a
    row now, and the database's own function then refuses in words, changing nothing."""
    bob = council["sm_childrens"]
    with pg_people.admin.connect() as conn:
        conn.execute(text(f"SET search_path = {pg_people.schema}"))
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash)"
                " SELECT seq + 1, now(), 'mallory', 'junk', hash, hash FROM audit_head"
            )
        )
    safety = ids(bob)["SAFETY_PLAN"]
    with pytest.raises(StoreError, match=r"the audit log has entries after its head \(#2\)"):
        bob.start(safety, "Called Mr B")
    assert bob.action(safety).recommendation.status.value == "open"
    report = council["auditor_audrey"].register.verify_audit()
    assert report.first_bad_seq == 3
    assert "inserted out of order" in report.problem


def test_a_frozen_clock_never_dates_a_team_save(pg_people, council, tmp_path) -> None:
    """``assess --save`` by an IG officer under BREACH_DESK_NOW=2031: the database stamps the
    breach, its version and its audit entry with its own clock and the login."""
    path = tmp_path / "f.json"
    path.write_text(json.dumps(facts_dict(aware_at="2026-11-01T09:00:00")), encoding="utf-8")
    env = {
        **os.environ,
        "BREACH_DESK_DB": pg_url(pg_people.schema, pg_people.login("ig_alice")),
        "BREACH_DESK_NOW": "2031-01-01T09:00:00+00:00",
    }
    started = datetime.now(UTC)
    done = subprocess.run(
        [sys.executable, "-m", "breach_desk", "assess", str(path), "--save"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with pg_people.connect_as("auditor_audrey").connect() as conn:
        actor, at = conn.execute(
            text("SELECT actor, at FROM audit_log WHERE reference LIKE 'IG-2031-%'")
        ).one()
        created = conn.execute(
            text("SELECT created_at FROM breaches WHERE reference LIKE 'IG-2031-%'")
        ).scalar_one()
    assert actor == pg_people.login("ig_alice")
    for moment in (at, created):
        assert started - SKEW <= moment <= datetime.now(UTC) + SKEW


def test_the_servers_chain_and_breach_desks_agree_on_any_text(pg_people, council) -> None:
    """The database hashes its entries as store/audit.py does: quotes, backslashes, control
    characters, accents and emoji in a reason all verify."""
    alice = council["ig_alice"]
    odd = 'Reopened: "quoted" back\\slash\ttab\nnewline \x01\x1f\x7f é ü € 😀 \u2028 end'
    ico = ids(alice)["NOTIFY_ICO"]
    alice.done(ico, odd)
    alice.reject(ico, odd)
    alice.reopen(ico, odd)
    entries = alice.register.history(SEED_REFERENCE)
    assert [e.reason for e in entries[-2:]] == [odd, odd]
    assert entries[-3].after["evidence"] == odd  # type: ignore[index]
    report = council["auditor_audrey"].register.verify_audit()
    assert report.ok, report.problem


def test_a_session_holding_the_head_makes_saves_fail_in_words_not_hang(
    pg_people, council, monkeypatch
) -> None:
    """A login may not lock the head itself; one that keeps its own change open (its function
    holds the head until commit) delays others only up to the busy timeout, then they are told."""
    from breach_desk.store import session as store_session

    monkeypatch.setattr(store_session, "LOCK_TIMEOUT_MS", 300)
    alice, bob = council["ig_alice"], council["sm_childrens"]
    codes = ids(alice)
    sm = pg_people.connect_as("sm_childrens")
    with sm.connect() as held:
        held.execute(text("SELECT bd_attach_file(:i, 'x.txt', 'x')"), {"i": codes["SAFETY_PLAN"]})
        with pytest.raises(StoreError, match="the register is busy"):
            alice.done(codes["NOTIFY_ICO"], "Reported")
        held.rollback()
    assert alice.done(codes["NOTIFY_ICO"], "Reported").recommendation.status.value == "done"
    assert bob.action(codes["SAFETY_PLAN"]).recommendation.files == ()
