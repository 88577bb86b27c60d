"""``audit verify`` on a log someone damaged, on both engines: whatever was done to the rows
(edited, deleted, reordered, truncated, a time that is not a time, NULLs, binary data, broken
JSON, a missing head or table), it exits 1 naming the first bad entry and what is wrong with
it, never with a traceback. A log whose tail was deleted with the head moved back to match is
caught by the position witnessed outside the database, or copied from a report's footer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from builders import facts, facts_dict
from sqlalchemy import text

from breach_desk.cli import main
from breach_desk.domain.description import day
from breach_desk.services.register import Register

GUARDS = {
    "sqlite": (
        "DROP TRIGGER audit_log_no_update",
        "DROP TRIGGER audit_log_no_delete",
        "DROP TRIGGER audit_head_forward",
        "DROP TRIGGER audit_head_no_delete",
    ),
    "postgresql": (
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "DROP TRIGGER audit_log_no_truncate ON audit_log",
        "DROP TRIGGER audit_head_forward ON audit_head",
        "DROP TRIGGER audit_head_no_truncate ON audit_head",
    ),
}


def three_entries(register: Register) -> str:
    first = register.finalise(facts(title="First"))
    register.finalise(facts(title="Second"))
    register.reassess(first.reference, facts(title="First, corrected"), "title was wrong")
    return first.reference


def tamper(register: Register, *statements: str) -> None:
    """What someone who owns the tables does: the guards first, then the damage."""
    with register.store.engine.begin() as conn:
        for statement in (*GUARDS[register.engine_name], *statements):
            conn.execute(text(statement))


def loosen(register: Register) -> str:
    """Take the NOT NULL and type constraints off the log, as a tamperer would."""
    if register.engine_name == "sqlite":
        return (
            "CREATE TABLE loose AS SELECT * FROM audit_log; DROP TABLE audit_log;"
            " ALTER TABLE loose RENAME TO audit_log"
        )
    return "ALTER TABLE audit_log ALTER COLUMN actor DROP NOT NULL"


def verify_cli(
    db_url: str, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, str]:
    os.environ["BREACH_DESK_DB"] = db_url
    try:
        capsys.readouterr()
        status = main(["audit", "verify", *extra])
        out, err = capsys.readouterr()
    finally:
        del os.environ["BREACH_DESK_DB"]
    return status, out, err


def assert_named(
    db_url: str, capsys: pytest.CaptureFixture[str], entry: int | None, *words: str
) -> None:
    status, _, err = verify_cli(db_url, capsys)
    assert status == 1, err
    assert "Traceback" not in err
    first = err.strip().splitlines()[0]
    if entry is not None:
        assert f"audit log broken at entry {entry}:" in first, first
    for w in words:
        assert w in first, first


DAMAGE = {
    "edited": (["UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2"], 2, "edited"),
    "deleted": (["DELETE FROM audit_log WHERE seq = 2"], 2, "entry 2 is missing"),
    "reordered": (
        [
            "UPDATE audit_log SET seq = 0 - 2 WHERE seq = 2",
            "UPDATE audit_log SET seq = 2 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = 0 - 2",
        ],
        2,
        "does not follow",
    ),
    "truncated": (["DELETE FROM audit_log"], 1, "#3 was witnessed on"),
    "broken JSON": (
        ["UPDATE audit_log SET after = '{\"facts\": {broken' WHERE seq = 2"],
        2,
        "its after value is not valid JSON",
    ),
    "missing head": (["DELETE FROM audit_head"], None, "head record is missing"),
    "dropped log": (["DROP TABLE audit_log"], 1, "cannot be read"),
    "dropped head": (["DROP TABLE audit_head"], None, "head cannot be read"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damage_is_named_never_a_traceback(
    case: str, register: Register, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    three_entries(register)
    assert verify_cli(db_url, capsys)[0] == 0  # intact, and witnessed at #3
    statements, entry, words = DAMAGE[case]
    tamper(register, *statements)
    assert_named(db_url, capsys, entry, words)


def test_type_damage_is_named_on_either_engine(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    three_entries(register)
    tamper(register, *loosen(register).split("; "))
    # A NULL where the actor was.
    with register.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = NULL WHERE seq = 2"))
    assert_named(db_url, capsys, 2, "its actor is empty (NULL), not text")
    with register.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'x' WHERE seq = 2"))
        if register.engine_name == "sqlite":
            # SQLite keeps whatever it is given: text in the time column, bytes in another.
            conn.execute(text("UPDATE audit_log SET at = 'yesterday' WHERE seq = 2"))
        else:
            conn.execute(text("UPDATE audit_log SET at = 'infinity' WHERE seq = 2"))
    assert_named(db_url, capsys, 2, "its time is", "not a date and time")
    if register.engine_name == "sqlite":
        with register.store.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET at = X'00ff', before = X'00ff' WHERE seq = 2"))
        assert_named(db_url, capsys, 2, "its time is binary data")
        with register.store.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET at = '2026-01-01 00:00:00' WHERE seq = 2"))
        assert_named(db_url, capsys, 2, "its before is binary data, not text")
    else:
        with register.store.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET at = '-infinity' WHERE seq = 2"))
        assert_named(db_url, capsys, 2, "'-infinity', not a date and time")


# SQLite only: PostgreSQL keeps the column's type, only SQLite takes text in it.
@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_number_that_is_not_a_number_is_named(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    three_entries(register)
    tamper(register, *loosen(register).split("; "))
    with register.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET seq = 'three' WHERE seq = 3"))
    assert_named(db_url, capsys, 3, "entry #3 is damaged: its number is 'three'")


def test_show_reads_a_damaged_entry(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    reference = three_entries(register)
    tamper(register, "UPDATE audit_log SET after = '{broken' WHERE seq = 1")
    history = register.history(reference)
    assert history[0].after == "(damaged: the after value is not valid JSON: '{broken')"
    monkeypatch.setenv("BREACH_DESK_DB", db_url)
    capsys.readouterr()
    assert main(["show", reference]) == 0
    assert reference in capsys.readouterr().out
    assert main(["show", reference, "--json"]) == 0
    assert '"action": "breach.created"' in capsys.readouterr().out


def test_deleting_the_tail_and_rewinding_the_head_is_caught_by_the_witness(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    three_entries(register)  # every save witnessed the position it reached
    with register.store.engine.connect() as conn:
        first = conn.execute(text("SELECT hash FROM audit_log WHERE seq = 1")).scalar_one()
    # The head cannot be moved back while its guard is there, even by the owner.
    with pytest.raises(Exception, match="only moves forward"), register.store.engine.begin() as c:
        c.execute(text("UPDATE audit_head SET seq = 1, hash = :h"), {"h": first})
    tamper(
        register,
        "DELETE FROM audit_log WHERE seq >= 2",
        f"UPDATE audit_head SET seq = 1, hash = '{first}'",
    )
    status, _, err = verify_cli(db_url, capsys)
    assert status == 1
    today = day(datetime.now(UTC))  # '29 Nov 2026', the London day, as the README shows it
    assert f"the log ends at #1 but #3 was witnessed on {today} by {register.user}" in err, err
    assert "breach-desk audit acknowledge --reason" in err


def test_a_position_from_a_report_footer_is_checked(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    three_entries(register)
    status, out, _ = verify_cli(db_url, capsys)
    assert status == 0
    position = out.splitlines()[1]  # "position audit #3 · 7ca8e0f3b2a1…"
    assert position.startswith("position audit #3 · ")
    seq_hash = position.removeprefix("position audit #").replace(" · ", ":")
    assert verify_cli(db_url, capsys, "--expect", seq_hash)[0] == 0
    wrong = "3:" + ("0" if seq_hash[2] != "0" else "1") + seq_hash[3:]
    status, _, err = verify_cli(db_url, capsys, "--expect", wrong)
    assert status == 1
    assert "is not the one expected" in err
    status, _, err = verify_cli(db_url, capsys, "--expect", "99:abcd")
    assert status == 1
    assert "the log ends at #3 but #99 was expected" in err
    for bad in ("3", "x:abcd", "3:xyz", "0:abcd"):
        status, _, err = verify_cli(db_url, capsys, "--expect", bad)
        assert status == 2, bad
        assert len(err.strip().splitlines()) == 1
        assert "--expect" in err


def test_the_footer_of_a_report_carries_the_position(
    register: Register, db_url: str, tmp_path: Path, monkeypatch
) -> None:
    from pypdf import PdfReader

    reference = three_entries(register)
    monkeypatch.setenv("BREACH_DESK_DB", db_url)
    with register.store.engine.connect() as conn:
        digest = conn.execute(text("SELECT hash FROM audit_head")).scalar_one()
    for name, command in (
        ("assessment", ["report", reference]),
        ("monitoring", ["report", "--kind", "monitoring"]),
        ("evidence", ["evidence", reference]),
    ):
        out = tmp_path / f"{name}.pdf"
        assert main([*command, "--pdf", str(out)]) == 0, name
        pages = PdfReader(str(out)).pages
        assert all(f"audit #3 · {digest[:12]}…" in p.extract_text() for p in pages), name


def test_a_frozen_clock_never_dates_what_the_register_records(db_url: str, tmp_path: Path) -> None:
    """``BREACH_DESK_NOW`` moves the day people see; the audit entry and the breach carry the
    moment the save really happened, on either engine."""
    path = tmp_path / "f.json"
    path.write_text(json.dumps(facts_dict(aware_at="2026-11-01T09:00:00")), encoding="utf-8")
    env = {**os.environ, "BREACH_DESK_DB": db_url, "BREACH_DESK_NOW": "2031-01-01T09:00:00+00:00"}
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
    finished = datetime.now(UTC)
    with Register.open(db_url) as register:
        (summary,) = register.list_breaches()
        assert summary.reference.startswith("IG-2031-")  # the frozen year names it
        (entry,) = register.history(summary.reference)
        breach = register.get(summary.reference)
    skew = timedelta(seconds=5)
    for moment in (entry.at, breach.created_at, breach.updated_at):
        assert started - skew <= moment <= finished + skew, moment
    assert entry.at.date() != date(2031, 1, 1)


def test_a_junk_entry_after_the_head_stops_saves_cleanly(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    three_entries(register)
    with register.store.engine.begin() as conn:  # the owner may insert; nobody else can
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash)"
                " VALUES (4, :at, 'mallory', 'junk', :h, :h)"
            ),
            {"at": datetime(2026, 1, 1), "h": "0" * 64},
        )
    path = tmp_path / "f.json"
    path.write_text(json.dumps(facts_dict(title="Another")), encoding="utf-8")
    os.environ["BREACH_DESK_DB"] = db_url
    try:
        capsys.readouterr()
        status = main(["assess", str(path), "--save"])
        err = capsys.readouterr().err
    finally:
        del os.environ["BREACH_DESK_DB"]
    assert status == 1
    assert "Traceback" not in err
    assert "the audit log has entries after its head (#3)" in err
    assert len(register.list_breaches()) == 2  # nothing was saved
    assert_named(db_url, capsys, 4, "inserted out of order")
