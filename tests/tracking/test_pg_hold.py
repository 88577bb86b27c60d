"""Nobody holds a team register for more than seconds (issue 20): a login whose transaction has
held the register for longer than the hold limit is ended by the next writer it keeps waiting,
however busy it keeps itself; Breach Desk's own long work (a large import) writes a batch per
short transaction, so it never comes near the limit, and an import cut short is resumed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from builders import facts_dict
from sqlalchemy import text
from test_pg_guard import _hostile_psql
from tracking_people import (
    CHILDRENS,
    SEED_REFERENCE,
    PgPeople,
    pg_url,
    seed_facts,
    wait_until_it_holds,
)

from breach_desk.domain.errors import ImportRejected
from breach_desk.domain.register import Role
from breach_desk.facts_io import facts_from_dict
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
        pid = wait_until_it_holds(pg_people, "sm_sam")
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


def test_writers_waiting_behind_a_holder_are_not_ended_for_their_own_wait(
    pg_people: PgPeople,
) -> None:
    """Two IG officers wait behind a busy holder. The first ends it after the limit and gets
    the register, its transaction by then open for longer than the limit itself, and works a
    second or two more; the second, which found it holding only then, waits for it rather than
    ending it. Both go through, and only the busy holder is ended."""
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    carol = pg_people("ig_carol", Role.IG_OFFICER)
    pg_people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.register.get(SEED_REFERENCE).recommendations}
    other = next(c for c in codes if c not in ("SAFETY_PLAN", "NOTIFY_ICO"))
    busy = "SELECT count(*) FROM generate_series(1, 2000000);\n"
    held = _hostile_psql(
        pg_people,
        "sm_sam",
        "BEGIN;\nSET idle_in_transaction_session_timeout = 0;\nSET statement_timeout = 0;\n"
        f"SELECT bd_move_action({codes['SAFETY_PLAN']}, 'start', NULL, NULL, NULL);\n" + busy * 200,
    )
    outcome: dict[str, object] = {}
    engine = pg_people.connect_as("ig_alice")

    def first() -> None:  # waits for the holder, then works on for a moment before committing
        try:
            with engine.connect() as conn:
                conn.execute(
                    text("SELECT bd_move_action(:i, 'start', NULL, NULL, NULL)"),
                    {"i": codes["NOTIFY_ICO"]},
                )
                for _ in range(3):
                    conn.execute(text("SELECT count(*) FROM generate_series(1, 1000000)"))
                conn.commit()
            outcome["alice"] = "in_progress"
        except Exception as exc:  # what went wrong is the finding
            outcome["alice"] = repr(exc)

    def second() -> None:
        time.sleep(2)
        try:
            outcome["carol"] = carol.start(codes[other]).recommendation.status.value
        except Exception as exc:
            outcome["carol"] = repr(exc)

    try:
        wait_until_it_holds(pg_people, "sm_sam")
        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        held.kill()
        held.communicate()
        engine.dispose()
    assert outcome == {"alice": "in_progress", "carol": "in_progress"}
    assert alice.action(codes["NOTIFY_ICO"]).recommendation.status.value == "in_progress"
    with pg_people.connect_as("ig_carol").connect() as conn:
        ended = conn.execute(
            text("SELECT reason FROM audit_log WHERE action = 'register.session_ended'")
        ).scalars()
        reasons = list(ended)
    assert len(reasons) == 1
    assert pg_people.login("sm_sam") in reasons[0]
    assert pg_people.login("ig_alice") not in reasons[0]
    assert alice.register.verify_audit().ok


# --- a team import: checked first, written a batch per transaction, resumed ------------------


def write_file(path: Path, count: int, *, own: int = 0, bad_at: int | None = None) -> Path:
    """``count`` breaches as JSON lines; the first ``own`` bring their own references; the
    record numbered ``bad_at`` (from 1) has a severity the method does not know."""
    lines = []
    for n in range(1, count + 1):
        changes: dict[str, object] = {
            "title": f"Letter {n} sent to the wrong address",
            "aware_at": "2021-03-01T09:00:00",
            "subjects.people": [{"name": f"Person {n % 50}", "email": f"p{n % 50}@example.org"}],
        }
        if n <= own:
            changes["reference"] = f"OWN-{n:04d}"
        if n == bad_at:
            changes["cause"] = "cosmic_rays"
        lines.append(json.dumps(facts_dict(**changes)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scalar(people: PgPeople, sql: str) -> Any:
    with people.admin.connect() as conn:
        conn.execute(text(f"SET search_path = {people.schema}"))
        return conn.execute(text(sql)).scalar()


def test_another_save_goes_through_in_the_middle_of_a_team_import(
    pg_people: PgPeople, tmp_path: Path
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    carol = pg_people("ig_carol", Role.IG_OFFICER)
    big = write_file(tmp_path / "big.jsonl", 500, own=20)
    saved: dict[str, float | str] = {}

    def save_meanwhile() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # once the import has stored its first batch
            if (scalar(pg_people, "SELECT max(stored) FROM import_runs") or 0) > 0:
                break
            time.sleep(0.02)
        began = time.monotonic()
        saved["reference"] = carol.register.finalise(seed_facts()).reference
        saved["took"] = time.monotonic() - began
        saved["at"] = time.monotonic()

    other = threading.Thread(target=save_meanwhile)
    other.start()
    refs = alice.register.import_file(big, helpers=0, batch=5)
    finished = time.monotonic()
    other.join(60)
    assert saved["reference"] == SEED_REFERENCE
    assert float(saved["at"]) < finished, "the save waited for the whole import"
    assert float(saved["took"]) < 3, saved
    assert alice.register.resumed is None
    assert len(refs) == len(set(refs)) == 500
    assert refs[:20] == [f"OWN-{n:04d}" for n in range(1, 21)]
    assert scalar(pg_people, "SELECT count(*) FROM breaches") == 501
    assert scalar(pg_people, "SELECT count(DISTINCT reference) FROM breaches") == 501
    assert scalar(pg_people, "SELECT count(*) FROM import_runs WHERE finished_at IS NOT NULL") == 1
    # Each breach has its one audit entry, and the chain holds.
    assert (
        scalar(pg_people, "SELECT count(*) FROM audit_log WHERE action = 'breach.created'") == 501
    )
    assert alice.register.verify_audit().ok


def test_a_team_import_killed_between_batches_is_resumed_not_duplicated(
    pg_people: PgPeople, tmp_path: Path
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    audrey = pg_people("auditor_audrey", Role.AUDITOR)
    big = write_file(tmp_path / "big.jsonl", 400, own=30)
    env = {
        **os.environ,
        "BREACH_DESK_DB": pg_url(pg_people.schema, pg_people.login("ig_alice")),
    }
    cut = subprocess.Popen(
        [sys.executable, "-m", "breach_desk", "import", str(big), "--batch", "10"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            stored = scalar(pg_people, "SELECT max(stored) FROM import_runs") or 0
            if stored >= 20:  # the second batch: the first one's witness is written
                break
            time.sleep(0.01)
        cut.kill()  # between batches, or in one: its transaction is then undone
        cut.communicate(timeout=30)
    finally:
        if cut.poll() is None:
            cut.kill()
            cut.communicate()
    already = scalar(pg_people, "SELECT stored FROM import_runs")
    assert 20 <= already < 400, already
    assert scalar(pg_people, "SELECT count(*) FROM breaches") == already  # whole batches only
    given = json.loads(scalar(pg_people, "SELECT refs FROM import_runs"))
    done = subprocess.run(
        [sys.executable, "-m", "breach_desk", "import", str(big)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Resumed the import of big.jsonl started on "), done.stdout
    assert f" by {pg_people.login('ig_alice')}: " in done.stdout
    assert (
        f"{already:,} of 400 breaches were already stored; stored the other {400 - already:,}."
        in done.stdout
    )
    # Every record once, each with the reference the run gave it at the start.
    with pg_people.admin.connect() as conn:
        conn.execute(text(f"SET search_path = {pg_people.schema}"))
        stored_refs = conn.execute(text("SELECT reference FROM breaches ORDER BY id")).scalars()
        listed = list(stored_refs)
    assert listed == given
    assert len(set(listed)) == 400
    assert given[:30] == [f"OWN-{n:04d}" for n in range(1, 31)]
    assert scalar(pg_people, "SELECT count(*) FROM import_runs WHERE finished_at IS NULL") == 0
    # Importing the finished file again is refused as before: its references are taken.
    again = subprocess.run(
        [sys.executable, "-m", "breach_desk", "import", str(big)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 2
    assert "OWN-0001 is already in the register" in again.stderr
    verified = subprocess.run(
        [sys.executable, "-m", "breach_desk", "audit", "verify"],
        env={**env, "BREACH_DESK_DB": pg_url(pg_people.schema, pg_people.login("auditor_audrey"))},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert audrey.register.verify_audit().ok
    assert alice.register.get(given[-1]).reference == given[-1]


def test_a_bad_record_at_the_end_of_a_team_import_stores_nothing(
    pg_people: PgPeople, tmp_path: Path
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    big = write_file(tmp_path / "big.jsonl", 300, own=5, bad_at=300)
    with pytest.raises(ImportRejected) as refused:
        alice.register.import_file(big, helpers=0, batch=10)
    (problem,) = refused.value.problems
    assert (problem.line, problem.path) == (300, "cause")
    assert scalar(pg_people, "SELECT count(*) FROM breaches") == 0
    assert scalar(pg_people, "SELECT count(*) FROM import_runs") == 0
    assert scalar(pg_people, "SELECT count(*) FROM audit_log") == 0
    # The references reserved for it were handed back: the next save takes the first number.
    assert (scalar(pg_people, "SELECT max(last) FROM reference_counters") or 0) == 0
    fresh = facts_from_dict(facts_dict(aware_at="2021-03-01T09:00:00"))
    assert alice.register.finalise(fresh).reference == "IG-2021-0001"


def test_a_team_import_records_the_notifications_beside_it_once_every_breach_is_in(
    pg_people: PgPeople, tmp_path: Path
) -> None:
    from datetime import datetime

    from breach_desk.services.notifications import Notify

    alice = pg_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    Notify(alice.register).record_ico(
        SEED_REFERENCE,
        at=datetime.fromisoformat("2021-03-15T16:00:00+00:00"),
        how="online",
        ico_reference="IC-1",
    )
    out = tmp_path / "register.json"
    env = {**os.environ, "BREACH_DESK_DB": pg_url(pg_people.schema, pg_people.login("ig_alice"))}
    exported = subprocess.run(
        [sys.executable, "-m", "breach_desk", "export", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert exported.returncode == 0, exported.stderr
    many = json.loads(out.read_text(encoding="utf-8"))
    many += [facts_dict(title=f"Letter {n}", aware_at="2021-03-01T09:00:00") for n in range(1, 30)]
    out.write_text(json.dumps(many), encoding="utf-8")
    beside = json.loads((tmp_path / "register.notifications.json").read_text(encoding="utf-8"))
    other = PgPeople()
    try:
        bob = other("ig_bob", Role.IG_OFFICER)
        refs = bob.register.import_file(out, helpers=0, notifications=beside, batch=7)
        assert refs[0] == SEED_REFERENCE
        assert len(refs) == 30
        shown = bob.register.get(SEED_REFERENCE)
        assert shown.notifications.ico is not None
        assert shown.notifications.ico.ico_reference == "IC-1"
        assert bob.register.verify_audit().ok
    finally:
        other.close()
