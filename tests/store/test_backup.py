"""The register is one safe file: ``db backup`` writes a consistent copy (SQLite's online backup
API, even while another process writes; pg_dump on PostgreSQL, or the command to run), and
``mode=ro`` opens a SQLite register read-only for every command."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import facts, facts_dict

from breach_desk.cli import main
from breach_desk.services import audit as checks
from breach_desk.services.register import Register


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


def test_a_backup_taken_while_another_process_writes_is_whole_and_consistent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    Register.open(url).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, url],
        env={**os.environ, "BREACH_DESK_DB": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    copies: list[Path] = []
    try:
        deadline = time.monotonic() + 60
        while writer.poll() is None and time.monotonic() < deadline and len(copies) < 6:
            out = tmp_path / f"copy-{len(copies)}.sqlite3"
            status, said, err = cli(url, capsys, "db", "backup", str(out))
            assert status == 0, err
            assert f"backed up the register to {out}" in said
            copies.append(out)
            time.sleep(0.2)
    finally:
        _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert len(copies) >= 2
    sizes = []
    for copy in copies:
        assert oct(copy.stat().st_mode & 0o777) == "0o600"
        assert not Path(f"{copy}-wal").exists()
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            breaches = conn.execute("SELECT count(*) FROM breaches").fetchone()[0]
            created = conn.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'breach.created'"
            ).fetchone()[0]
        assert breaches == created  # one snapshot: every breach with its audit entry
        sizes.append(breaches)
        with Register.open(f"sqlite:///{copy}") as restored:
            report = checks.verify(restored, no_witness=True)
            assert report.ok, report.problem
    assert sizes == sorted(sizes)


_WRITER = """
import sys
from breach_desk.services.register import Register
sys.path.insert(0, "tests")
from builders import facts
with Register.open(sys.argv[1]) as reg:
    for i in range(40):
        reg.finalise(facts(title=f"Written while backing up {i}"))
"""


def test_a_backup_never_replaces_a_file_nor_the_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.sqlite3"
    url = f"sqlite:///{path}"
    with Register.open(url) as reg:
        reg.finalise(facts())
    existing = tmp_path / "old-backup.sqlite3"
    existing.write_bytes(b"last week's")
    for out, words in (
        (existing, "already exists"),
        (path, "already exists"),
        (tmp_path, "is a folder"),
        (tmp_path / "no" / "such.sqlite3", "no such folder"),
    ):
        status, _, err = cli(url, capsys, "db", "backup", str(out))
        assert status == 2, out
        assert words in err
        assert len(err.strip().splitlines()) == 1
    assert existing.read_bytes() == b"last week's"


@pytest.mark.postgres
def test_a_team_register_is_backed_up_with_pg_dump_or_told_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.conftest import PG_URL, PgSchema

    if not PG_URL:
        pytest.skip("BREACH_DESK_TEST_PG is not set")
    schema = PgSchema()
    try:
        with Register.open(schema.url) as reg:
            reg.finalise(facts())
        out = tmp_path / "team.dump"
        status, said, err = cli(schema.url, capsys, "db", "backup", str(out))
        assert status == 0, err
        assert "pg_dump" in said
        assert oct(out.stat().st_mode & 0o777) == "0o600"
        listed = subprocess.run(
            ["pg_restore", "--list", str(out)], capture_output=True, text=True, check=True
        ).stdout
        assert "TABLE DATA" in listed
        assert "breaches" in listed
        assert "audit_log" in listed
        # Where pg_dump is not installed, the command to run, without any password.
        monkeypatch.setenv("PATH", str(tmp_path))
        status, _, err = cli(schema.url, capsys, "db", "backup", str(tmp_path / "other.dump"))
        assert status == 1
        assert "pg_dump is not installed here" in err
        assert f"pg_dump --format=custom --file={tmp_path / 'other.dump'}" in err
        assert f"--schema={schema.name}" in err
    finally:
        schema.drop()


def test_mode_ro_opens_the_register_read_only_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.sqlite3"
    with Register.open(f"sqlite:///{path}") as reg:
        first = reg.finalise(facts(title="Already there"))
    ro = f"sqlite:///{path}?mode=ro"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(facts_dict(title="Must not be saved")), encoding="utf-8")
    status, _, err = cli(ro, capsys, "assess", str(new), "--save")
    assert status == 1
    assert "read-only" in err
    status, _, err = cli(ro, capsys, "reassess", first.reference, str(new), "--reason", "new facts")
    assert status == 1
    assert "read-only" in err
    status, out, _ = cli(ro, capsys, "list")
    assert status == 0
    assert first.reference in out
    assert "Must not be saved" not in out
    with Register.open(f"sqlite:///{path}") as reg:
        assert [b.title for b in reg.list_breaches()] == ["Already there"]
