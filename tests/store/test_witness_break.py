"""The witness is never rewritten over a break, on both engines: after the tail of the log is
deleted and the head rewound (SQLite by dropping the triggers, PostgreSQL as the table owner
with ``session_replication_role = replica``), every write is refused in words until an IG
officer acknowledges the break; growing the log back to the witnessed position never makes it
look intact; the acknowledgement is an audit entry and the witness keeps what it moved past.
A witness deleted or replaced by garbage is reported by ``audit verify``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from builders import facts, facts_dict
from sqlalchemy import text

from breach_desk.cli import main
from breach_desk.services.register import Register
from breach_desk.store import witness
from breach_desk.store.audit import AuditBroken


def cli(db_url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    os.environ["BREACH_DESK_DB"] = db_url
    try:
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
    finally:
        del os.environ["BREACH_DESK_DB"]
    assert "Traceback" not in err
    return status, out, err


def three_entries(register: Register) -> str:
    first = register.finalise(facts(title="First"))
    register.finalise(facts(title="Second"))
    register.reassess(first.reference, facts(title="First, corrected"), "title was wrong")
    return first.reference


def as_owner_without_guards(register: Register, *statements: str) -> None:
    """What the owner of the tables can do: SQLite by dropping the triggers, PostgreSQL by
    switching them off for the session."""
    with register.store.engine.begin() as conn:
        if register.engine_name == "sqlite":
            for trigger in (
                "audit_log_no_update",
                "audit_log_no_delete",
                "audit_head_forward",
                "audit_head_no_delete",
            ):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        else:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            conn.execute(text(statement))


def truncate_to_first(register: Register) -> None:
    with register.store.engine.connect() as conn:
        first = conn.execute(text("SELECT hash FROM audit_log WHERE seq = 1")).scalar_one()
    as_owner_without_guards(
        register,
        "DELETE FROM audit_log WHERE seq >= 2",
        f"UPDATE audit_head SET seq = 1, hash = '{first}'",
    )


def save_from_cli(db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, title: str):
    path = tmp_path / f"{title}.json"
    path.write_text(json.dumps(facts_dict(title=title)), encoding="utf-8")
    return cli(db_url, capsys, "assess", str(path), "--save")


def test_a_truncated_log_refuses_every_write_until_acknowledged(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    three_entries(register)
    truncate_to_first(register)
    # Every write is refused, naming the break, and nothing is saved.
    status, _, err = save_from_cli(db_url, capsys, tmp_path, "After the break")
    assert status == 1
    assert "the log ends at #1 but #3 was witnessed on" in err
    assert "audit acknowledge --reason" in err
    with pytest.raises(AuditBroken, match="the log ends at #1"):
        register.finalise(facts(title="Another"))
    assert len(register.list_breaches()) == 2
    # The owner grows the log back to the witnessed length: it is still not the log witnessed.
    with register.store.engine.connect() as conn:
        first = conn.execute(text("SELECT hash FROM audit_log WHERE seq = 1")).scalar_one()
    from breach_desk.store.audit import entry_hash

    stamp = "2026-03-02 10:00:00+00:00"
    from datetime import datetime

    at = datetime.fromisoformat(stamp)
    h2 = entry_hash(2, at, "mallory", "junk", None, None, None, None, first)
    h3 = entry_hash(3, at, "mallory", "junk", None, None, None, None, h2)
    as_owner_without_guards(
        register,
        f"INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash) VALUES "
        f"(2, '{stamp}', 'mallory', 'junk', '{first}', '{h2}'),"
        f" (3, '{stamp}', 'mallory', 'junk', '{h2}', '{h3}')",
        f"UPDATE audit_head SET seq = 3, hash = '{h3}'",
    )
    status, _, err = cli(db_url, capsys, "audit", "verify")
    assert status == 1
    assert "entry #3 is not the one witnessed on" in err, err
    status, _, err = save_from_cli(db_url, capsys, tmp_path, "Still broken")
    assert status == 1
    assert "entry #3 is not the one witnessed" in err
    # verify did not move the witness either.
    assert witness.read(register.store.witness_key).hash not in (h3,)  # type: ignore[union-attr]

    # An acknowledgement needs a reason, and records the break as an audit entry.
    status, _, err = cli(db_url, capsys, "audit", "acknowledge", "--reason", "  ")
    assert status == 2
    assert "--reason" in err
    status, out, err = cli(
        db_url, capsys, "audit", "acknowledge", "--reason", "Restored from Friday's backup"
    )
    assert status == 0, err
    assert "recorded as audit entry #4" in out
    status, out, err = cli(db_url, capsys, "audit", "verify")
    assert status == 0, err
    assert "audit log intact: 4 entries" in out
    assert "break acknowledged on" in out
    assert "the log had reached #3" in out
    assert "Restored from Friday's backup" in out
    with register.store.engine.connect() as conn:
        entry = conn.execute(text("SELECT action, reason FROM audit_log WHERE seq = 4")).one()
    assert tuple(entry) == ("audit.acknowledged", "Restored from Friday's backup")
    # The witness keeps the position it moved past.
    data = json.loads(witness.witness_path(register.store.witness_key or "").read_text())
    assert data["seq"] == 4
    assert [h["seq"] for h in data["history"]] == [3]
    # Writes are accepted again.
    status, _, err = save_from_cli(db_url, capsys, tmp_path, "After acknowledging")
    assert status == 0, err
    # Nothing to acknowledge now.
    status, _, err = cli(db_url, capsys, "audit", "acknowledge", "--reason", "again")
    assert status == 2
    assert "there is no break to acknowledge" in err


def test_a_deleted_or_garbled_witness_is_reported(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    three_entries(register)
    path = witness.witness_path(register.store.witness_key or "")
    assert cli(db_url, capsys, "audit", "verify")[0] == 0
    path.unlink()
    status, _, err = cli(db_url, capsys, "audit", "verify")
    assert status == 1
    assert f"the witness of this register at {path} is missing" in err
    # A save does not quietly start a new witness where one was deleted.
    register.finalise(facts(title="Fourth"))
    assert not path.exists()
    assert cli(db_url, capsys, "audit", "verify")[0] == 1
    # Said to be expected (a new machine): verify starts it.
    status, out, _ = cli(db_url, capsys, "audit", "verify", "--no-witness")
    assert status == 0
    assert "4 entries" in out
    assert path.exists()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    # Garbage in its place is reported, and no save overwrites it.
    path.write_text("not a witness at all", encoding="utf-8")
    status, _, err = cli(db_url, capsys, "audit", "verify")
    assert status == 1
    assert "is unreadable" in err
    register.finalise(facts(title="Fifth"))
    assert path.read_text(encoding="utf-8") == "not a witness at all"
    # Another register's witness copied over it is foreign.
    other = json.loads(
        json.dumps(
            {
                "register": "sqlite:/elsewhere",
                "seq": 1,
                "hash": "ab" * 32,
                "at": "2026-01-01T00:00:00+00:00",
                "by": "x",
            }
        )
    )
    path.write_text(json.dumps(other), encoding="utf-8")
    status, _, err = cli(db_url, capsys, "audit", "verify")
    assert status == 1
    assert "another register's" in err
    # An IG officer records it; the witness is replaced and keeps what it found.
    status, _, err = cli(db_url, capsys, "audit", "acknowledge", "--reason", "copied by mistake")
    assert status == 0, err
    status, out, _ = cli(db_url, capsys, "audit", "verify")
    assert status == 0
    assert "the witness was another register's" in out


def test_a_second_witness_catches_a_break_when_the_first_is_gone(
    register: Register,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share"
    monkeypatch.setenv(witness.ENV_DIR, str(share))
    three_entries(register)
    key = register.store.witness_key or ""
    first, second = witness.witness_paths(key)
    assert second.parent == share
    assert json.loads(second.read_text())["seq"] == 3
    first.unlink()
    truncate_to_first(register)
    with pytest.raises(AuditBroken, match="#3 was witnessed on"):
        register.finalise(facts(title="After the break"))
    status, _, err = cli(db_url, capsys, "audit", "verify")
    assert status == 1
    assert "#3 was witnessed on" in err


@pytest.mark.parametrize("engine_name", ["sqlite"])  # on PostgreSQL: tests/tracking/test_pg_guard
def test_a_service_manager_cannot_acknowledge(
    register: Register,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    engine_name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    three_entries(register)
    truncate_to_first(register)
    assert cli(db_url, capsys, "user", "role", "service_manager", "--service", "Housing")[0] == 0
    status, _, err = cli(db_url, capsys, "audit", "acknowledge", "--reason", "mine")
    assert status == 1
    assert "only an IG officer" in err
