"""A killed process, a full disk, a read-only or unreachable database: the register stays
consistent, nothing is half-written, and the person is told plainly what happened."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import facts, facts_dict
from sqlalchemy import event, text
from store.conftest import PgSchema, pg_schema_url

from breach_desk.services.register import Register, StoreError

pytestmark = pytest.mark.slow


def sqlite_file(db_url: str) -> Path | None:
    return Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None


def assert_consistent(db_url: str) -> int:
    """The checks a person (or an auditor) would run after a crash. Returns the breach count."""
    path = sqlite_file(db_url)
    if path is not None:
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.close()
    with Register.open(db_url) as reg:
        report = reg.verify_audit()
        assert report.ok, report.problem
        count = reg.count_breaches()
        assert report.entries >= count
        with reg.store.engine.connect() as conn:
            incomplete = conn.execute(
                text(
                    "SELECT count(*) FROM breaches b WHERE NOT EXISTS (SELECT 1 FROM "
                    "assessment_versions v WHERE v.breach_id = b.id AND "
                    "v.number = b.current_version) OR NOT EXISTS (SELECT 1 FROM "
                    "recommendations r WHERE r.breach_id = b.id)"
                )
            ).scalar_one()
            created = conn.execute(
                text("SELECT count(*) FROM audit_log WHERE action = 'breach.created'")
            ).scalar_one()
        assert incomplete == 0
        assert created == count  # no breach without its audit entry, no entry without it
        for summary in reg.list_breaches(limit=5):
            assert reg.get(summary.reference).latest is not None
        return count


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the process ended before {what}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"timed out waiting until {what}")
        time.sleep(0.02)


def writing_now(db_url: str, pg: PgSchema | None) -> Callable[[], bool]:
    """True once the import has written rows it has not committed yet."""
    path = sqlite_file(db_url)
    if path is not None:
        wal = path.with_name(path.name + "-wal")
        return lambda: wal.exists() and wal.stat().st_size > 256 * 1024
    assert pg is not None

    def locked() -> bool:
        with pg.admin.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :s "
                        "AND c.relname = 'recommendations' AND l.mode = 'RowExclusiveLock'"
                    ),
                    {"s": pg.name},
                ).scalar_one()
            )

    return locked


def test_killed_in_the_middle_of_an_import(
    db_url: str, pg_schema: PgSchema | None, tmp_path: Path
) -> None:
    Register.open(db_url).close()
    path = tmp_path / "many.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(facts_dict(title=f"Breach {n}", description="x" * 3000)) for n in range(6000)
        )
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "breach_desk", "--db", db_url, "import", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(writing_now(db_url, pg_schema), proc, "the import was writing")
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert assert_consistent(db_url) == 0  # all or nothing: nothing
    with Register.open(db_url) as reg:
        assert reg.finalise(facts()).reference == "IG-2026-0001"


SAVING_FOREVER = """
import sys
from breach_desk.services.register import Register
from breach_desk.facts_io import facts_from_dict
sys.path.insert(0, {tests!r})
from builders import facts_dict
reg = Register.open({url!r})
n = 0
while True:
    n += 1
    people = [{{"name": f"Person {{n % 5}}", "email": f"p{{n % 3}}@example.org"}}]
    saved = reg.finalise(facts_from_dict(facts_dict(title=f"Breach {{n}}",
                                                    description="y" * 20000,
                                                    **{{"subjects.people": people}})))
    if n % 4 == 0:
        reg.reassess(saved.reference, saved.facts, "checked again")
    print(saved.reference, flush=True)
"""


def test_killed_in_the_middle_of_saves(db_url: str) -> None:
    Register.open(db_url).close()
    tests = str(Path(__file__).resolve().parents[1])
    rng = random.Random(2026)
    total = 0
    for _round in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVING_FOREVER.format(url=db_url, tests=tests)],
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        for _ in range(3):  # some saves committed
            assert proc.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.15))  # then somewhere in the middle of the next ones
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        proc.stdout.close()
        count = assert_consistent(db_url)
        assert count >= total + 3
        total = count


# SQLite only: a full server disk cannot be arranged from a test.
@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_full_disk_is_reported_and_nothing_is_half_written(
    engine_name: str, register: Register
) -> None:
    register.finalise(facts())

    @event.listens_for(register.store.engine, "connect")
    def small_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")

    register.store.engine.dispose()
    with pytest.raises(StoreError, match=r"the disk is full .* nothing was saved"):
        register.finalise(facts(title="Big", description="z" * 90_000))
    event.remove(register.store.engine, "connect", small_disk)
    register.store.engine.dispose()
    assert [s.title for s in register.list_breaches()] == ["Letter sent to the wrong address"]
    assert register.verify_audit().entries == 1
    assert register.finalise(facts(title="After freeing space")).reference == "IG-2026-0002"


def test_a_read_only_register_is_reported(db_url: str, pg_schema: PgSchema | None) -> None:
    with Register.open(db_url) as reg:
        reg.finalise(facts())
    path = sqlite_file(db_url)
    if path is not None:
        read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        assert pg_schema is not None
        read_only = pg_schema_url(pg_schema.name).replace(
            "-csearch_path", "-cdefault_transaction_read_only%3Don+-csearch_path"
        )
    with Register.open(read_only) as reg:
        assert reg.count_breaches() == 1  # reading works
        with pytest.raises(StoreError, match=r"read-only .* nothing was saved"):
            reg.finalise(facts(title="Not saved"))
    assert assert_consistent(db_url) == 1


def test_an_unreachable_server_is_reported() -> None:
    with pytest.raises(StoreError, match="cannot reach the database server"):
        Register.open("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=3")


def test_a_bad_url_is_reported() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        Register.open("not a url at all")
    with pytest.raises(StoreError, match="works with SQLite and PostgreSQL"):
        Register.open("mysql://root@localhost/x")


def test_no_helper_outlives_a_killed_import(tmp_path: Path) -> None:
    """Helper processes notice their importer is gone and stop."""
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    Register.open(url).close()
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(facts_dict(title=f"B{n}")) for n in range(8000)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "breach_desk", "--db", url, "import", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def helpers() -> list[int]:
        found = subprocess.run(
            ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True, check=False
        )
        return [int(p) for p in found.stdout.split()]

    wait_for(lambda: len(helpers()) >= 1, proc, "helpers started")
    children = helpers()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(os.path.exists(f"/proc/{c}") and _alive(c) for c in children):
        assert time.monotonic() < deadline, "a helper process outlived its importer"
        time.sleep(0.1)
    assert assert_consistent(url) == 0


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
