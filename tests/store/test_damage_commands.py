"""Damaged audit tables are named by every command, never a traceback, on both engines: a head
whose number is not a number, a NULL hash, a dropped log or head. Reading commands still read
the register (the damage is the log's); writing commands refuse in words (exit 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from builders import facts, facts_dict
from sqlalchemy import text

from breach_desk.services.register import Register

GUARDS = {
    "sqlite": (
        "DROP TRIGGER IF EXISTS audit_head_forward",
        "DROP TRIGGER IF EXISTS audit_head_no_delete",
        "DROP TRIGGER IF EXISTS audit_log_no_update",
        "DROP TRIGGER IF EXISTS audit_log_no_delete",
    ),
    "postgresql": ("SET LOCAL session_replication_role = replica",),
}

DAMAGE = {
    "head number not a number": {
        "sqlite": ["UPDATE audit_head SET seq = 'x'"],
        "postgresql": [
            "ALTER TABLE audit_head ALTER COLUMN seq TYPE text",
            "UPDATE audit_head SET seq = 'x'",
        ],
    },
    "NULL hash": {
        "sqlite": [
            "CREATE TABLE loose AS SELECT * FROM audit_head; DROP TABLE audit_head;"
            " ALTER TABLE loose RENAME TO audit_head",
            "UPDATE audit_head SET hash = NULL",
        ],
        "postgresql": [
            "ALTER TABLE audit_head ALTER COLUMN hash DROP NOT NULL",
            "UPDATE audit_head SET hash = NULL",
        ],
    },
    "dropped log": {"sqlite": ["DROP TABLE audit_log"], "postgresql": ["DROP TABLE audit_log"]},
    "dropped head": {
        "sqlite": ["DROP TABLE audit_head"],
        "postgresql": ["DROP TABLE audit_head"],
    },
}


def run(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BREACH_DESK_DB": db_url}
    return subprocess.run(
        [sys.executable, "-m", "breach_desk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("case", list(DAMAGE))
def test_every_command_names_damaged_audit_tables(
    case: str, register: Register, db_url: str, tmp_path: Path
) -> None:
    breach = register.finalise(facts(title="First"))
    action = breach.recommendations[0].id
    statements = DAMAGE[case][register.engine_name]
    with register.store.engine.begin() as conn:
        for statement in (*GUARDS[register.engine_name], *statements):
            for part in statement.split("; "):
                conn.execute(text(part))
    path = tmp_path / "new.json"
    path.write_text(json.dumps(facts_dict(title="Second")), encoding="utf-8")
    for args in (
        ["show", breach.reference],
        ["show", breach.reference, "--json"],
        ["list"],
        ["actions", "start", str(action)],
        ["assess", str(path), "--save"],
        ["audit", "verify"],
    ):
        done = run(db_url, *args)
        assert "Traceback" not in done.stderr, (args, done.stderr[-1500:])
        assert done.returncode in (0, 1), (args, done.returncode, done.stderr)
        if done.returncode == 1 or args[0] in ("actions", "assess", "audit"):
            assert done.returncode == 1, (args, done.stdout)
            assert "audit" in done.stderr, (args, done.stderr)
            assert len(done.stderr.strip().splitlines()) <= 3, done.stderr
    listed = run(db_url, "list")  # the register itself is still readable
    assert listed.returncode == 0, listed.stderr
    assert breach.reference in listed.stdout
