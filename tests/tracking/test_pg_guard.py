"""A team register's promises under attack by its own users, on PostgreSQL with real logins:
a break in the log stops every login's writes until an IG officer acknowledges it through the
database's own function."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from builders import NO_PG, facts_dict
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from tracking_people import (
    CHILDRENS,
    PG_URL,
    SEED_REFERENCE,
    PgPeople,
    pg_url,
    seed_facts,
    wait_until_it_holds,
)

from breach_desk.domain.errors import NotAllowed, StoreError
from breach_desk.domain.register import Role
from breach_desk.facts_io import facts_from_dict
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


def captured_save(pg_people: PgPeople, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The document Breach Desk hands ``bd_save_breach`` for the founding case, as an IG login
    could hand it over itself."""
    from breach_desk.store import pg_workflow

    seen: list[dict[str, object]] = []
    real = pg_workflow.save_breach

    def keep(conn, doc):  # type: ignore[no-untyped-def]
        seen.append(json.loads(pg_workflow._doc(doc)))
        return real(conn, doc)

    monkeypatch.setattr(pg_workflow, "save_breach", keep)
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    monkeypatch.setattr(pg_workflow, "save_breach", real)
    (doc,) = seen
    return doc


def refusal(engine, sql: str, **params: object) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        try:
            conn.execute(text(sql), params)
            conn.commit()
        except DBAPIError as exc:
            conn.rollback()
            return str(exc.orig).splitlines()[0]
    raise AssertionError(f"the database allowed: {sql} {str(params)[:200]}")


def test_the_database_functions_refuse_what_breach_desk_would_refuse(
    pg_people: PgPeople, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = captured_save(pg_people, monkeypatch)
    sam = pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    ig = pg_people.connect_as("ig_alice")
    save = "SELECT bd_save_breach(CAST(:d AS jsonb))"
    fresh = dict(doc, reference="IG-2021-901")
    breach = dict(fresh["breach"])  # type: ignore[call-overload]
    tried = 0
    for field in ("band", "likelihood", "risk"):
        for bad in ("low" if field != "band" else "extreme", "", "HIGH", None, "unlikely "):
            crafted = dict(fresh, breach=dict(breach, **{field: bad}))
            words = refusal(ig, save, d=json.dumps(crafted))
            assert field in words, (field, bad, words)
            tried += 1
    for field, bad in (("title", " \u00a0\u200b"), ("title", "x" * 201), ("service", "s" * 201)):
        crafted = dict(fresh, breach=dict(breach, **{field: bad}))
        assert field in refusal(ig, save, d=json.dumps(crafted)), field
        tried += 1
    huge = dict(fresh, version=dict(fresh["version"], facts="{" + " " * (6 * 1024 * 1024) + "}"))  # type: ignore[call-overload]
    assert "facts" in refusal(ig, save, d=json.dumps(huge))
    # Nothing unreadable reached the table: every reader still works, for everyone.
    assert [b.reference for b in sam.register.list_breaches()] == [SEED_REFERENCE]
    assert len(list(pg_people.opened[0].register.export_records())) == 1
    # Even the owner cannot store a value Breach Desk cannot read back.
    with pg_people.admin.connect() as conn:
        conn.execute(text(f"SET search_path = {pg_people.schema}"))
        with pytest.raises(DBAPIError, match="ck_breaches_risk_known"):
            conn.execute(text("UPDATE breaches SET risk = 'low'"))
    # Drafts and reservations are bounded.
    draft = "SELECT bd_save_draft(NULL, 't', :p, NULL)"
    big = json.dumps({"x": "y" * (9 * 1024 * 1024)})
    assert "payload" in refusal(ig, draft, p=big)
    reserve = "SELECT bd_reserve_references(2027, :n, NULL)"
    assert "cannot reserve" in refusal(ig, reserve, n=200_000)
    assert "reserved beyond those used" in refusal(ig, reserve, n=5)
    with ig.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM reference_counters WHERE year = 2027")).scalar()
            == 0
        )
    # Blank-looking evidence, and names that hide what they are.
    codes = {r.code: r.id for r in sam.register.get(SEED_REFERENCE).recommendations}
    sm = pg_people.connect_as("sm_sam")
    move = "SELECT bd_move_action(:i, 'done', NULL, :e, NULL)"
    for blank in ("", "   ", "\u00a0\u200b", "\u2060\ufeff\u3000", "\t\n"):
        words = refusal(sm, move, i=codes["SAFETY_PLAN"], e=blank)
        assert "evidence" in words, repr(blank)
    attach = "SELECT bd_attach_file(:i, :n, 'x')"
    for name in ("invoice\u202etxt.exe", "a\x1bb.pdf", "\u2066x.pdf", "\u00a0\u200b"):
        words = refusal(sm, attach, i=codes["SAFETY_PLAN"], n=name)
        assert "name" in words, repr(name)
    # The same through Breach Desk, in words, on the application's side as well.
    with pytest.raises(Exception, match="evidence"):
        sam.done(codes["SAFETY_PLAN"], "\u00a0\u200b")
    with pytest.raises(Exception, match="text-direction"):
        sam.attach(codes["SAFETY_PLAN"], "invoice\u202etxt.exe", b"x")
    ig.dispose()
    sm.dispose()


def test_psql_as_an_ig_login_cannot_store_an_unreadable_risk(
    pg_people: PgPeople, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = captured_save(pg_people, monkeypatch)
    crafted = dict(doc, reference="IG-2021-902", breach=dict(doc["breach"], risk="low"))  # type: ignore[call-overload]
    psql = shutil.which("psql")
    assert psql
    url = pg_url(pg_people.schema, pg_people.login("ig_alice")).replace("+psycopg", "")
    literal = json.dumps(crafted).replace("'", "''")
    done = subprocess.run(
        [
            psql,
            url,
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            f"SELECT bd_save_breach('{literal}'::jsonb)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "risk: low is not a risk of the method" in done.stderr
    reader = pg_people("auditor_audrey", Role.AUDITOR)
    assert [b.reference for b in reader.register.list_breaches()] == [SEED_REFERENCE]


def test_a_forged_assessment_saved_through_the_function_is_found_by_the_recheck(
    pg_people: PgPeople, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid values, a consistent register line, an audit entry that describes the save: and an
    assessment its facts do not give. The auditor's recheck names it."""
    doc = captured_save(pg_people, monkeypatch)
    version = dict(doc["version"])  # type: ignore[call-overload]
    assessment = json.loads(version["assessment"])
    assessment["severity"]["band"] = "low"
    assessment["risk"] = "unlikely"
    assessment["ico"]["report"] = False
    breach = dict(doc["breach"], band="low", risk="unlikely", ico_report=False)  # type: ignore[call-overload]
    after = json.loads(doc["audit_after"])  # type: ignore[arg-type]
    crafted = dict(
        doc,
        reference="IG-2021-903",
        breach=breach,
        version=dict(version, assessment=json.dumps(assessment)),
        audit_after=json.dumps(after),
    )
    ig = pg_people.connect_as("ig_alice")
    with ig.begin() as conn:
        conn.execute(text("SELECT bd_save_breach(CAST(:d AS jsonb))"), {"d": json.dumps(crafted)})
    ig.dispose()
    audrey = pg_people("auditor_audrey", Role.AUDITOR)
    report = checks.recheck(audrey.register)
    assert [(f.reference, f.version) for f in report.mismatches] == [("IG-2021-903", 1)]
    assert "risk stored unlikely, recomputed high" in report.mismatches[0].problem


def test_a_service_manager_reads_their_breach_and_its_history(
    pg_people: PgPeople, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from breach_desk.cli import main

    alice = pg_people("ig_alice", Role.IG_OFFICER)
    sam = pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    housing = facts_from_dict(facts_dict(service="Housing", aware_at="2021-03-14T09:00:00"))
    other = alice.register.finalise(housing).reference
    codes = {r.code: r.id for r in sam.register.get(SEED_REFERENCE).recommendations}
    sam.start(codes["SAFETY_PLAN"])
    history = sam.register.history(SEED_REFERENCE)
    assert [e.action for e in history] == ["breach.created", "recommendation.start"]
    monkeypatch.setenv("BREACH_DESK_DB", pg_url(pg_people.schema, pg_people.login("sm_sam")))
    capsys.readouterr()
    assert main(["show", SEED_REFERENCE]) == 0
    out, err = capsys.readouterr()
    assert SEED_REFERENCE in out
    assert "not allowed" not in err
    assert main(["show", SEED_REFERENCE, "--json"]) == 0
    assert '"action": "recommendation.start"' in capsys.readouterr().out
    # Another service's breach is not theirs: not found, and its history not given either.
    assert main(["show", other]) == 2
    with pg_people.connect_as("sm_sam").connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM bd_history(:r)"), {"r": other}).scalar() == 0
        # The log itself stays closed to them; a read refused says it is a read.
        with pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("SELECT * FROM audit_log"))


def test_a_held_transaction_is_ended_within_seconds_and_the_next_write_goes_through(
    pg_people: PgPeople,
) -> None:
    import time

    alice = pg_people("ig_alice", Role.IG_OFFICER)
    pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.register.get(SEED_REFERENCE).recommendations}
    with pg_people.admin.connect() as conn:
        settings = (
            conn.execute(
                text(
                    "SELECT unnest(setconfig) FROM pg_db_role_setting s JOIN pg_roles r"
                    " ON r.oid = s.setrole WHERE r.rolname = :n"
                ),
                {"n": pg_people.login("sm_sam")},
            )
            .scalars()
            .all()
        )
    assert "idle_in_transaction_session_timeout=5s" in settings
    assert "lock_timeout=15s" in settings
    sm = pg_people.connect_as("sm_sam")
    held = sm.connect()
    held.execute(
        text("SELECT bd_move_action(:i, 'start', NULL, NULL, NULL)"), {"i": codes["SAFETY_PLAN"]}
    )  # inside BEGIN, holding the audit head; then waits
    started = time.monotonic()
    moved = alice.start(codes["NOTIFY_ICO"])  # waits for the holder, then goes through
    waited = time.monotonic() - started
    assert moved.recommendation.status.value == "in_progress"
    assert 3 < waited < 12, waited
    with pytest.raises(DBAPIError):  # the server ended the idle transaction
        held.execute(text("SELECT 1"))
    held.close()
    sm.dispose()
    assert alice.register.verify_audit().ok
    assert [e.action for e in alice.register.history(SEED_REFERENCE)][-1] == "recommendation.start"
    assert alice.action(codes["SAFETY_PLAN"]).recommendation.status.value == "open"


def test_register_is_busy_names_who_holds_it(
    pg_people: PgPeople, monkeypatch: pytest.MonkeyPatch
) -> None:
    from breach_desk.store import session as store_session

    monkeypatch.setattr(store_session, "LOCK_TIMEOUT_MS", 300)
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.register.get(SEED_REFERENCE).recommendations}
    sm = pg_people.connect_as("sm_sam")
    with sm.connect() as held:
        held.execute(
            text("SELECT bd_move_action(:i, 'start', NULL, NULL, NULL)"),
            {"i": codes["SAFETY_PLAN"]},
        )
        with pytest.raises(StoreError, match="the register is busy") as caught:
            alice.start(codes["NOTIFY_ICO"])
        held.rollback()
    sm.dispose()
    assert f"it is held by {pg_people.login('sm_sam')}" in str(caught.value)


def test_whoever_rejected_a_recommendation_cannot_close_the_breach_even_directly(
    pg_people: PgPeople,
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    carol = pg_people("ig_carol", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    items = alice.actions(reference=SEED_REFERENCE)
    first, *rest = [i.recommendation.id for i in items]
    alice.reject(first, "Not needed: covered by the safeguarding plan")
    for rid in rest:
        carol.done(rid, "Done")
        alice.verify(rid)
    ig = pg_people.connect_as("ig_alice")
    words = refusal(ig, "SELECT bd_close_breach(:r, NULL, NULL)", r=SEED_REFERENCE)
    assert "another IG officer must close it" in words
    ig.dispose()
    with pytest.raises(Exception, match="another IG officer must close it"):
        alice.close(SEED_REFERENCE)
    carol.close(SEED_REFERENCE)
    assert alice.register.get(SEED_REFERENCE).closed_by == pg_people.login("ig_carol")


def test_every_function_refuses_unknown_oversized_and_blank_arguments(
    pg_people: PgPeople,
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    rid = alice.actions(reference=SEED_REFERENCE)[0].recommendation.id
    ig = pg_people.connect_as("ig_alice")
    long = "x" * 20_001
    calls = [
        ("SELECT bd_move_action(:i, 'destroy', NULL, NULL, NULL)", {"i": rid}, "unknown action"),
        ("SELECT bd_move_action(:i, 'reject', :t, NULL, NULL)", {"i": rid, "t": long}, "too long"),
        (
            "SELECT bd_move_action(:i, 'reject', :t, NULL, NULL)",
            {"i": rid, "t": "\u200b "},
            "reason",
        ),
        ("SELECT bd_move_action(:i, 'done', NULL, :t, NULL)", {"i": rid, "t": long}, "too long"),
        ("SELECT bd_attach_file(:i, :n, 'x')", {"i": rid, "n": "n" * 256}, "name"),
        ("SELECT bd_attach_file(:i, 'a.pdf', '')", {"i": rid}, "empty"),
        ("SELECT bd_record_notification(:r, 'gossip', '{}', NULL)", {"r": SEED_REFERENCE}, "kind"),
        (
            "SELECT bd_record_notification(:r, 'ico_report', CAST(:d AS jsonb), NULL)",
            {
                "r": SEED_REFERENCE,
                "d": json.dumps({"at": "2021-03-15T13:00:00+00", "how": "pigeon"}),
            },
            "how",
        ),
        ("SELECT bd_reserve_references(2027, -1, NULL)", {}, "cannot reserve"),
        ("SELECT bd_reserve_references(0, 1, NULL)", {}, "cannot reserve"),
        ("SELECT bd_reserve_references(2027, NULL, NULL)", {}, "cannot reserve"),
        ("SELECT bd_save_draft(NULL, 't', 'not json', NULL)", {}, "json"),
        ("SELECT bd_save_draft(NULL, 't', '{}', :r)", {"r": "r" * 65}, "reference"),
        ("SELECT bd_acknowledge_break('[]', 'why')", {}, "JSON object"),
        ("SELECT bd_acknowledge_break('{}', ' \u00a0')", {}, "reason"),
        ("SELECT bd_close_breach('IG-1999-0001', NULL, NULL)", {}, "not in the register"),
        ("SELECT bd_start_import('nothex', 2027, ARRAY['a'])", {}, "sha256"),
        ("SELECT bd_start_import(:s, 2027, NULL)", {"s": "0" * 64}, "records"),
        ("SELECT bd_start_import(:s, 0, ARRAY['a'])", {"s": "0" * 64}, "cannot reserve"),
        (
            "SELECT bd_start_import(:s, 2027, ARRAY[:r])",
            {"s": "0" * 64, "r": " \u00a0\u200b"},
            "reference",
        ),
        (
            "SELECT bd_start_import(:s, 2027, ARRAY[:r])",
            {"s": "0" * 64, "r": "r" * 65},
            "reference",
        ),
        ("SELECT bd_import_progress(999, 0, 1)", {}, "no unfinished import run"),
        ("SELECT bd_finish_import(999)", {}, "no unfinished import run"),
        ("SELECT bd_import_told(999, 0, 1)", {}, "no unfinished import run"),
        ("SELECT bd_abandon_import(999)", {}, "cannot be abandoned"),
    ]
    for sql, params, words in calls:
        said = refusal(ig, sql, **params)
        assert words.lower() in said.lower(), (sql, said)
    # An import run says only what is true: its records are in the register before it counts
    # them stored, and all of them before it is finished; a run that stored nothing may be
    # abandoned by whoever started it, and its reservation goes back.
    with ig.begin() as conn:
        run = conn.execute(
            text("SELECT bd_start_import(:s, 2021, ARRAY['IG-2021-7001', NULL])"), {"s": "1" * 64}
        ).scalar_one()
        given = conn.execute(text("SELECT refs FROM import_runs WHERE id = :r"), {"r": run})
        assert json.loads(given.scalar_one()) == ["IG-2021-7001", "IG-2021-0001"]
    said = refusal(ig, "SELECT bd_import_progress(:r, 0, 1)", r=run)
    assert "not all in the register" in said
    assert "stored 0 of its 2 records" in refusal(ig, "SELECT bd_finish_import(:r)", r=run)
    said = refusal(ig, "SELECT bd_import_told(:r, 0, 1)", r=run)
    assert "notifications come after" in said
    assert "is unfinished" in refusal(
        ig, "SELECT bd_start_import(:s, 2021, ARRAY['x'])", s="1" * 64
    )
    sm = pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    del sm
    for sql in (
        "SELECT bd_start_import(:r, 2021, ARRAY['x'])",
        "SELECT bd_abandon_import(CAST(:r AS bigint))",
    ):
        words = refusal(pg_people.connect_as("sm_sam"), sql, r=str(run))
        assert "permission denied for function" in words, words
    with ig.begin() as conn:
        conn.execute(text("SELECT bd_abandon_import(:r)"), {"r": run})
        assert conn.execute(text("SELECT count(*) FROM import_runs")).scalar() == 0
        last = conn.execute(text("SELECT last FROM reference_counters WHERE year = 2021"))
        assert last.scalar() == 0
    ig.dispose()
    assert alice.register.verify_audit().ok


def _hostile_psql(pg_people: PgPeople, name: str, script: str) -> subprocess.Popen[str]:
    """psql as ``name``, left running with ``script`` sent and its input still open."""
    psql = shutil.which("psql")
    assert psql
    url = pg_url(pg_people.schema, pg_people.login(name)).replace("+psycopg", "")
    held = subprocess.Popen(
        [psql, url, "-X", "-q", "-v", "ON_ERROR_STOP=1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert held.stdin is not None
    held.stdin.write(script)
    held.stdin.flush()
    return held


@pytest.fixture(params=["superuser owner", "plain owner"])
def owned(request: pytest.FixtureRequest) -> Iterator[PgPeople]:
    """The team register owned by the server's superuser, or by a login that is not one (whose
    functions then end a session with no more than pg_signal_backend)."""
    if not PG_URL:
        pytest.skip(NO_PG)
    found = PgPeople(plain_owner=request.param == "plain owner")
    try:
        yield found
    finally:
        found.close()


@pytest.mark.parametrize(
    "then",
    ["", "SELECT pg_sleep(600);\n"],
    ids=["idle", "asleep"],
)
def test_a_login_that_sets_its_own_limits_aside_cannot_hold_the_register(
    owned: PgPeople, then: str
) -> None:
    """psql as a service manager: BEGIN, every limit of theirs set to nothing, a change made
    (so it holds the audit log's head), then idle (or asleep) for ever. The next IG officer's
    change waits a few seconds, ends that session and goes through; nothing of the holder's is
    left half there, the log records who was ended, and it verifies."""
    import time

    alice = owned("ig_alice", Role.IG_OFFICER)
    owned("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.register.get(SEED_REFERENCE).recommendations}
    held = _hostile_psql(
        owned,
        "sm_sam",
        "BEGIN;\n"
        "SET idle_in_transaction_session_timeout = 0;\n"
        "SET statement_timeout = 0;\nSET lock_timeout = 0;\n"
        f"SELECT bd_move_action({codes['SAFETY_PLAN']}, 'start', NULL, NULL, NULL);\n"
        "SET idle_in_transaction_session_timeout = 0;\n" + then,
    )
    try:
        pid = wait_until_it_holds(owned, "sm_sam", doing_nothing=True)
        time.sleep(1)  # well past the function's own setting of the idle limit
        started = time.monotonic()
        moved = alice.start(codes["NOTIFY_ICO"])
        waited = time.monotonic() - started
        assert moved.recommendation.status.value == "in_progress"
        assert waited < 8, waited
        # psql's next command finds its connection ended by the server.
        _, said = held.communicate("COMMIT;\n", timeout=20)
        assert held.returncode != 0
        assert "terminating connection due to administrator command" in said
    finally:
        if held.poll() is None:
            held.kill()
            held.communicate()
    with owned.admin.connect() as conn:
        gone = conn.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}
        )
        assert gone.scalar() == 0
    # Nothing the holder did is there: the recommendation it started is still open, and the log
    # has no entry of theirs.
    assert alice.action(codes["SAFETY_PLAN"]).recommendation.status.value == "open"
    audrey = owned("auditor_audrey", Role.AUDITOR)
    report = audrey.register.verify_audit()
    assert report.ok, report.problem
    with owned.connect_as("auditor_audrey").connect() as conn:
        rows = conn.execute(text("SELECT actor, action, reason FROM audit_log ORDER BY seq")).all()
    assert [r.action for r in rows] == [
        "breach.created",
        "register.session_ended",
        "recommendation.start",
    ]
    ended = rows[1]
    assert ended.actor == owned.login("ig_alice")
    assert f"{owned.login('sm_sam')} (process {pid}, " in ended.reason
    assert all(r.actor != owned.login("sm_sam") for r in rows)
    if owned.owner is not None:  # db roles gave the plain owner what ending a session needs
        with owned.admin.connect() as conn:
            granted = conn.execute(
                text(
                    "SELECT pg_has_role(:o, 'pg_signal_backend', 'MEMBER'),"
                    " pg_has_role(:o, 'pg_read_all_stats', 'MEMBER'),"
                    " (SELECT rolsuper FROM pg_roles WHERE rolname = :o)"
                ),
                {"o": owned.owner},
            ).one()
        assert tuple(granted) == (True, True, False)


def test_a_superuser_holding_the_register_is_waited_for_not_ended(pg_people: PgPeople) -> None:
    """Only Breach Desk logins are ended: an administrator's session (the owner's, a
    superuser's) holding the head makes the change wait and then say the register is busy."""
    from breach_desk.store import session as store_session

    alice = pg_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.register.get(SEED_REFERENCE).recommendations}
    owner = create_engine(pg_url(pg_people.schema))
    with owner.connect() as conn:
        conn.execute(text("SET idle_in_transaction_session_timeout = 0"))
        conn.execute(text("SELECT 1 FROM audit_head FOR UPDATE"))
        old = store_session.LOCK_TIMEOUT_MS
        store_session.LOCK_TIMEOUT_MS = 6500  # longer than the idle limit
        try:
            with pytest.raises(StoreError, match="the register is busy"):
                alice.start(codes["NOTIFY_ICO"])
        finally:
            store_session.LOCK_TIMEOUT_MS = old
        assert conn.execute(text("SELECT 1")).scalar() == 1  # still there
        conn.rollback()
    owner.dispose()
    assert alice.start(codes["NOTIFY_ICO"]).recommendation.status.value == "in_progress"
