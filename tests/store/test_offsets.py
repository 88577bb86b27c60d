"""An offset from UTC no place keeps (beyond ±14:00) is refused by validation on both engines,
naming the field, before PostgreSQL could refuse it with a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from builders import facts, facts_dict

from breach_desk.cli import main
from breach_desk.services.register import Register


def cli(db_url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    os.environ["BREACH_DESK_DB"] = db_url
    try:
        capsys.readouterr()
        status = main(list(args))
        err = capsys.readouterr().err
    finally:
        del os.environ["BREACH_DESK_DB"]
    return status, err


@pytest.mark.parametrize("offset", ["+23:59", "-14:01", "+14:30"])
def test_offsets_beyond_fourteen_hours_are_refused_everywhere(
    offset: str,
    register: Register,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    existing = register.finalise(facts(title="Already there"))
    bad = facts_dict(aware_at=f"2021-03-15T10:00:00{offset}")
    one, many = tmp_path / "one.json", tmp_path / "many.json"
    one.write_text(json.dumps(bad), encoding="utf-8")
    many.write_text(json.dumps([facts_dict(), bad]), encoding="utf-8")
    for args in (
        ["assess", str(one), "--save"],
        ["import", str(many)],
        ["reassess", existing.reference, str(one), "--reason", "new facts"],
    ):
        status, err = cli(db_url, capsys, *args)
        assert status == 2, (args, err)
        assert "Traceback" not in err
        assert "aware_at" in err, err
        assert "beyond ±14:00" in err, err
    assert [b.reference for b in register.list_breaches()] == [existing.reference]
    status, err = cli(
        db_url, capsys, "notify", "ico", existing.reference, "--at", f"2026-03-01T10:00{offset}"
    )
    assert status == 2
    assert "beyond ±14:00" in err


def test_the_widest_real_offsets_are_kept(register: Register) -> None:
    for offset in ("+14:00", "-12:00"):
        saved = register.finalise(facts(aware_at=f"2021-03-01T10:00:00{offset}"))
        assert saved.facts.aware_at.utcoffset() is not None
