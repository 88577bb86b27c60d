"""On PostgreSQL the database itself enforces the roles: a service manager who connects with
psql (or any client) cannot change an assessment, cannot see another service's breaches, and
cannot verify; nobody can verify what they marked done themselves."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import replace

import pytest
from builders import facts_dict
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, pg_url, seed_facts

from breach_desk.domain.errors import NotAllowed, StoreError
from breach_desk.domain.register import Role
from breach_desk.domain.workflow import MAX_EVIDENCE_FILE_BYTES
from breach_desk.facts_io import facts_from_dict
from breach_desk.services import audit as checks
from breach_desk.services.identity import local_user
from breach_desk.services.register import Register
from breach_desk.services.tracking import Tracking
from breach_desk.store import pg_roles
from breach_desk.store.audit import AuditBroken
from breach_desk.store.migrate import HEAD, downgrade

pytestmark = pytest.mark.postgres
HOUSING = "Housing"


def refused(engine: Engine, sql: str, **params: object) -> str:
    """Run ``sql`` as that login; return the server's refusal (fails if it was allowed)."""
    with engine.connect() as conn:
        try:
            conn.execute(text(sql), params)
        except DBAPIError as exc:
            return str(exc.orig)
        finally:
            conn.rollback()
    raise AssertionError(f"the database allowed: {sql}")


def rows(engine: Engine, sql: str, **params: object) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        found = [tuple(r) for r in conn.execute(text(sql), params)]
        conn.rollback()
    return found


def updated(engine: Engine, sql: str, **params: object) -> int:
    """How many rows an UPDATE touched (rolled back afterwards)."""
    with engine.connect() as conn:
        count = conn.execute(text(sql), params).rowcount
        conn.rollback()
    return count


@pytest.fixture
def team(pg_people: PgPeople) -> tuple[Tracking, Tracking, Tracking, Tracking]:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    carol = pg_people("ig_carol", Role.IG_OFFICER)
    bob = pg_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    audrey = pg_people("auditor_audrey", Role.AUDITOR)
    alice.register.finalise(seed_facts())
    housing = facts_dict(service=HOUSING, aware_at="2021-03-14T09:00:00")
    alice.register.finalise(facts_from_dict(housing))
    return alice, carol, bob, audrey


def action_id(t: Tracking, reference: str, code: str) -> int:
    return next(r.id for r in t.register.get(reference).recommendations if r.code == code)


def test_a_service_manager_sees_only_their_services_breaches(pg_people, team) -> None:
    alice, _, bob, audrey = team
    sm = pg_people.connect_as("sm_childrens")
    assert len(alice.register.list_breaches()) == 2
    assert rows(sm, "SELECT reference FROM breaches") == [(SEED_REFERENCE,)]
    assert rows(
        sm,
        "SELECT DISTINCT b.service FROM assessment_versions v JOIN breaches b "
        "ON b.id = v.breach_id",
    ) == [(CHILDRENS,)]
    assert rows(
        sm, "SELECT count(*) FROM recommendations WHERE breach_id NOT IN (SELECT id FROM breaches)"
    ) == [(0,)]
    assert rows(
        sm,
        "SELECT count(*) FROM people WHERE breach_id IN "
        "(SELECT id FROM breaches WHERE service <> :s)",
        s=CHILDRENS,
    ) == [(0,)]
    # Through the app too: their lists and the register stop at their service.
    assert {i.service for i in bob.actions()} == {CHILDRENS}
    assert [s.reference for s in bob.register.list_breaches()] == [SEED_REFERENCE]
    assert len({i.service for i in audrey.actions()}) == 2


def test_a_service_manager_cannot_change_an_assessment(pg_people, team) -> None:
    _, _, bob, _ = team
    sm = pg_people.connect_as("sm_childrens")
    for sql in (
        "UPDATE assessment_versions SET assessment = '{}'",
        "UPDATE breaches SET band = 'low', risk = 'unlikely'",
        "DELETE FROM assessment_versions",
        "INSERT INTO assessment_versions (breach_id, number, facts, assessment, removed,"
        " created_at, created_by) SELECT id, 9, '{}', '{}', '[]', now(), 'x' FROM breaches",
        "UPDATE recommendations SET due_date = due_date + 30, text = 'easier'",
        "UPDATE audit_log SET reason = 'rewritten'",
    ):
        assert "permission denied" in refused(sm, sql), sql
    # Through Breach Desk they are told why, in words naming their role, before the server is
    # asked; and if the server is asked all the same, it refuses.
    facts = seed_facts().with_reference(SEED_REFERENCE)  # type: ignore[attr-defined]
    with pytest.raises(NotAllowed, match=r"^only an IG officer reassesses breaches; you are a "):
        bob.register.reassess(SEED_REFERENCE, facts, "I disagree with the band")
    bob.register._identity = replace(bob.user, role=Role.IG_OFFICER)  # as if it said so
    with pytest.raises(StoreError, match="not allowed to change the register"):
        bob.register.reassess(SEED_REFERENCE, facts, "I disagree with the band")


def test_psql_as_the_service_manager_is_refused(pg_people, team) -> None:
    psql = shutil.which("psql")
    assert psql, "psql comes with the PostgreSQL server the tests run against"
    url = pg_url(pg_people.schema, pg_people.login("sm_childrens")).replace("+psycopg", "")
    done = subprocess.run(
        [
            psql,
            url,
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            "UPDATE assessment_versions SET reason = 'changed with psql'",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode != 0
    assert "permission denied for table assessment_versions" in done.stderr
    listed = subprocess.run(
        [psql, url, "-At", "-c", "SELECT reference FROM breaches"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert listed.stdout.split() == [SEED_REFERENCE]


def test_the_database_refuses_a_service_manager_verifying(pg_people, team) -> None:
    alice, _, bob, _ = team
    sm = pg_people.connect_as("sm_childrens")
    own = action_id(alice, SEED_REFERENCE, "SAFETY_PLAN")
    bob.done(own, "Safety plan agreed")
    # No table takes a write from them: not the status, not a sign-off, not a transition.
    for sql in (
        "UPDATE recommendations SET status = 'verified' WHERE id = :i",
        "UPDATE recommendations SET verified_by = current_user WHERE id = :i",
        "INSERT INTO recommendation_transitions (recommendation_id, at, by, from_status,"
        " to_status) VALUES (:i, now(), current_user, 'done', 'verified')",
    ):
        assert "permission denied" in refused(sm, sql, i=own), sql
    # Through the database's own function, verifying is an IG officer's step.
    words = refused(sm, "SELECT bd_move_action(:i, 'verify', NULL, NULL, NULL)", i=own)
    assert "only an IG officer can verify" in words
    # An evidence file over the size limit is refused; the database measures and hashes it.
    big = b"\0" * (MAX_EVIDENCE_FILE_BYTES + 1)
    attach = "SELECT bd_attach_file(:i, 'x.bin', :c)"
    assert "too big" in refused(sm, attach, i=own, c=big)
    with sm.begin() as conn:
        file_id = conn.execute(text(attach), {"i": own, "c": b"abc"}).scalar_one()
    assert rows(sm, "SELECT size, sha256 FROM evidence_files WHERE id = :f", f=file_id) == [
        (3, hashlib.sha256(b"abc").hexdigest())
    ]
    # Marking done without evidence, or someone else's action, is refused too.
    other = action_id(alice, SEED_REFERENCE, "APOLOGISE")
    move = "SELECT bd_move_action(:i, :a, NULL, :e, NULL)"
    assert "evidence" in refused(sm, move, i=other, a="done", e=None)
    ig_owned = action_id(alice, SEED_REFERENCE, "NOTIFY_ICO")
    assert "not one of your services" in refused(sm, move, i=ig_owned, a="start", e=None)
    housing = rows(
        pg_people.connect_as("ig_alice"),
        "SELECT r.id FROM recommendations r JOIN breaches b ON b.id = r.breach_id"
        " WHERE b.service = :s AND r.owner_role = 'service' LIMIT 1",
        s=HOUSING,
    )[0][0]
    assert "not one of your services" in refused(sm, move, i=housing, a="start", e=None)
    # Their own service's action they move on through the function, in their own name.
    with sm.begin() as conn:
        conn.execute(text(move), {"i": other, "a": "start", "e": None})
    assert rows(sm, "SELECT status FROM recommendations WHERE id = :i", i=other) == [
        ("in_progress",)
    ]
    assert rows(
        sm, "SELECT by FROM recommendation_transitions WHERE recommendation_id = :i", i=other
    ) == [(pg_people.login("sm_childrens"),)]


def test_the_database_refuses_verifying_your_own_work(pg_people, team) -> None:
    alice, carol, _, _ = team
    ig_action = action_id(alice, SEED_REFERENCE, "NOTIFY_ICO")
    alice.done(ig_action, "Reported on the ICO's form, reference 123")
    verify = "SELECT bd_move_action(:i, 'verify', NULL, NULL, NULL)"
    assert "someone else in the IG team must verify" in refused(
        pg_people.connect_as("ig_alice"), verify, i=ig_action
    )
    # Nor by rewriting who did it: no IG officer writes the table directly.
    assert "permission denied" in refused(
        pg_people.connect_as("ig_alice"),
        "UPDATE recommendations SET done_by = 'someone', status = 'verified',"
        " verified_by = current_user WHERE id = :i",
        i=ig_action,
    )
    assert carol.verify(ig_action).recommendation.verified_by == carol.user.login


def test_the_auditor_reads_everything_and_the_database_refuses_any_change(pg_people, team) -> None:
    audrey_db = pg_people.connect_as("auditor_audrey")
    assert rows(audrey_db, "SELECT count(*) FROM breaches") == [(2,)]
    assert rows(audrey_db, "SELECT count(*) > 0 FROM audit_log") == [(True,)]
    for sql in (
        "UPDATE recommendations SET status = 'verified'",
        "UPDATE breaches SET status = 'closed'",
        "INSERT INTO evidence_files (recommendation_id, name, size, sha256, content, added_by,"
        " added_at) SELECT id, 'x', 1, 'x', 'x', current_user, now() FROM recommendations",
    ):
        assert "permission denied" in refused(audrey_db, sql), sql


def test_before_db_roles_the_local_setting_applies(pg_people) -> None:
    """A team that never ran 'db roles' gets the SQLite behaviour: the person's own setting."""
    with Register.open(pg_people.url) as reg, reg.store.engine.connect() as conn:
        conn.execute(text("DROP TABLE breach_user_services CASCADE"))
        conn.commit()
    t = Tracking(Register.open(pg_people.url))
    try:
        assert not t.user.enforced
        assert t.user.role == local_user("x").role
    finally:
        t.close_register()


def test_an_upgrade_renews_the_roles_grants_for_the_tables_it_makes(pg_people) -> None:
    """Grants cover only the tables that exist when ``db roles`` runs: opening the register
    runs it again after an upgrade, so the team can still work on what the upgrade made."""
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    bob = pg_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    with Register.open(pg_people.url) as owner:
        downgrade(owner.store, "base")  # every table of the register made anew by the upgrade
    with Register.open(pg_people.url) as owner:  # as the admin who upgrades
        assert owner.upgrade is not None
        assert owner.upgrade.changed
        assert owner.upgrade.after == HEAD
    # The register was emptied under its witness: nobody writes until that is acknowledged.
    with pytest.raises(AuditBroken, match="the log ends at #0 but #1 was witnessed"):
        alice.register.finalise(seed_facts())
    checks.acknowledge(alice.register, "the register was rebuilt from nothing on purpose")
    saved = alice.register.finalise(seed_facts())
    housing = facts_from_dict(facts_dict(service=HOUSING, aware_at="2021-03-14T09:00:00"))
    alice.register.finalise(housing)
    assert [s.reference for s in bob.register.list_breaches()] == [saved.reference]
    sm = pg_people.connect_as("sm_childrens")
    assert "permission denied" in refused(sm, "UPDATE breaches SET risk = 'unlikely'")
    assert "permission denied" in refused(sm, "DELETE FROM assessment_versions")


def test_an_upgrade_needs_no_right_to_create_roles_once_they_exist(pg_people) -> None:
    """The admin who owns the tables upgrades them and renews the grants; making the group roles
    again is not asked of them."""
    owner = pg_people.login("owner")
    pg_people.logins.append(owner)
    schema = pg_people.schema
    with pg_people.admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{owner}" LOGIN NOCREATEROLE'))
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        conn.execute(text(f'CREATE SCHEMA {schema} AUTHORIZATION "{owner}"'))
    as_owner = pg_url(schema, owner)
    with Register.open(as_owner) as reg, reg.store.engine.begin() as conn:
        pg_roles.install(conn)  # the roles exist already (from another register, say)
    with Register.open(as_owner) as reg:
        downgrade(reg.store, "base")
    with Register.open(as_owner) as reg:
        assert reg.upgrade is not None
        assert reg.upgrade.after == HEAD
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    assert alice.register.finalise(seed_facts()).reference == SEED_REFERENCE


def test_an_upgrade_adds_no_roles_where_db_roles_never_ran(pg_people) -> None:
    plain = f"{pg_people.schema}_plain"
    with pg_people.admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {plain}"))
    try:
        with Register.open(pg_url(plain)) as reg:
            downgrade(reg.store, "base")
        with Register.open(pg_url(plain)) as reg:
            assert reg.upgrade is not None
            assert reg.upgrade.changed
            assert not reg.identity.enforced
        with pg_people.admin.connect() as conn:
            policies = conn.execute(
                text("SELECT count(*) FROM pg_policies WHERE schemaname = :s"), {"s": plain}
            ).scalar_one()
            assert policies == 0
    finally:
        with pg_people.admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {plain} CASCADE"))
