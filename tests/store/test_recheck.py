"""Every stored assessment agrees with its facts, and anyone can check it: ``audit recheck`` (and
``audit verify``) recompute each stored version from its stored facts and name any version
whose severity, likelihood, risk or decisions were forged, on both engines."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import facts
from sqlalchemy import text

from breach_desk.cli import main
from breach_desk.domain.facts import Facts
from breach_desk.facts_io import facts_from_dict
from breach_desk.services import audit as checks
from breach_desk.services.register import Register
from breach_desk.store.models import packed_for, unpack


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


def forge(register: Register, reference: str, number: int, **changes: object) -> None:
    """What someone able to write the tables does: a low assessment beside facts that say high,
    with the register's line made to match so nothing looks out of place."""
    with register.store.engine.begin() as conn:
        row = conn.execute(
            text(
                "SELECT v.id, v.assessment FROM assessment_versions v JOIN breaches b"
                " ON b.id = v.breach_id WHERE b.reference = :r AND v.number = :n"
            ),
            {"r": reference, "n": number},
        ).one()
        stored = json.loads(unpack(row.assessment))
        stored["severity"]["band"] = changes.get("band", "low")
        stored["risk"] = changes.get("risk", "unlikely")
        stored["ico"]["report"] = False
        conn.execute(
            text("UPDATE assessment_versions SET assessment = :a WHERE id = :i"),
            {"a": packed_for(register.engine_name, json.dumps(stored)), "i": row.id},
        )
        sqlite = register.engine_name == "sqlite"
        if sqlite:  # a value the method never produces needs the file's checks set aside
            conn.execute(text("PRAGMA ignore_check_constraints = ON"))
        conn.execute(
            text(
                "UPDATE breaches SET band = :b, risk = :k, ico_report = false WHERE reference = :r"
            ),
            {"b": stored["severity"]["band"], "k": stored["risk"], "r": reference},
        )
        if sqlite:
            conn.execute(text("PRAGMA ignore_check_constraints = OFF"))


def founding_case(seed: dict[str, Any]) -> Facts:
    """The founding case: a child's details sent to the wrong person, high risk, reportable."""
    return facts_from_dict(seed, at=datetime(2021, 3, 15, 14, tzinfo=UTC))


def test_a_forged_but_valid_looking_assessment_is_found(
    register: Register,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    seed_facts_dict: dict[str, Any],
) -> None:
    serious = register.finalise(founding_case(seed_facts_dict))
    other = register.finalise(facts(title="A letter to the wrong flat"))
    assert serious.latest is not None
    assert serious.latest.assessment.risk.value != "unlikely"  # the facts say it matters
    status, out, err = cli(db_url, capsys, "audit", "recheck")
    assert status == 0, err
    assert "stored assessments rechecked: 2 versions, 0 differ" in out
    forge(register, serious.reference, 1)
    report = checks.recheck(register)
    assert [(f.reference, f.version) for f in report.mismatches] == [(serious.reference, 1)]
    assert "risk stored unlikely, recomputed" in report.mismatches[0].problem
    status, _, err = cli(db_url, capsys, "audit", "recheck")
    assert status == 1
    assert f"assessment differs: {serious.reference} version 1: the stored assessment" in err
    assert "report to the ICO stored no, recomputed yes" in err
    assert other.reference not in err
    # audit verify runs the same check: the chain is intact, the register is not.
    status, _, err = cli(db_url, capsys, "audit", "verify")
    assert status == 1
    assert "1 stored assessment does not agree with its facts" in err
    # Checking the log alone (a large register) leaves the assessments to audit recheck.
    status, out, _ = cli(db_url, capsys, "audit", "verify", "--no-recheck")
    assert status == 0
    assert "stored assessments rechecked" not in out
    # Only the breaches asked for, and a reference not in the register is bad input.
    assert cli(db_url, capsys, "audit", "recheck", other.reference)[0] == 0
    assert cli(db_url, capsys, "audit", "recheck", "IG-1999-0001")[0] == 2


def test_a_register_line_that_disagrees_with_its_version_is_found(
    register: Register,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    seed_facts_dict: dict[str, Any],
) -> None:
    breach = register.finalise(founding_case(seed_facts_dict))
    assert breach.latest is not None
    truth = breach.latest.assessment.risk.value
    lie = "unlikely" if truth != "unlikely" else "high"
    with register.store.engine.begin() as conn:
        conn.execute(text("UPDATE breaches SET risk = :k"), {"k": lie})
    status, _, err = cli(db_url, capsys, "audit", "recheck")
    assert status == 1
    assert f"risk {lie} in the register, {truth} in version 1" in err


def test_a_version_of_another_method_cannot_be_rechecked_and_is_not_a_mismatch(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    breach = register.finalise(facts())
    with register.store.engine.begin() as conn:
        stored = conn.execute(text("SELECT id, assessment FROM assessment_versions")).one()
        d = json.loads(unpack(stored.assessment))
        d["method"] = "enisa-2013+uk/0.9"
        conn.execute(
            text("UPDATE assessment_versions SET assessment = :a WHERE id = :i"),
            {"a": packed_for(register.engine_name, json.dumps(d)), "i": stored.id},
        )
    status, out, _ = cli(db_url, capsys, "audit", "recheck")
    assert status == 0
    assert f"note: {breach.reference} version 1: cannot be rechecked" in out
    assert "1 cannot be rechecked" in out


def test_a_value_no_method_produces_is_reported_and_reading_goes_on(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A row written before the database refused such values (or by its owner, the guard
    dropped): every reader still works, and the recheck names the breach."""
    breach = register.finalise(facts(title="Forged long ago"))
    other = register.finalise(facts(title="Honest"))
    with register.store.engine.begin() as conn:
        if register.engine_name == "postgresql":
            conn.execute(text("ALTER TABLE breaches DROP CONSTRAINT ck_breaches_risk_known"))
    forge(register, breach.reference, 1, risk="low")
    status, out, err = cli(db_url, capsys, "list")
    assert status == 0, err
    assert breach.reference in out
    assert other.reference in out
    status, out, err = cli(db_url, capsys, "export", "--format", "csv")
    assert status == 0, err
    assert breach.reference in out
    status, _, err = cli(db_url, capsys, "show", breach.reference)
    assert status == 1
    assert "version 1 of this breach holds a value Breach Desk cannot read" in err
    assert cli(db_url, capsys, "show", other.reference)[0] == 0
    status, _, err = cli(db_url, capsys, "audit", "recheck")
    assert status == 1
    assert f"{breach.reference} version 1: the stored assessment differs: risk stored low" in err


def test_helper_processes_find_what_a_recheck_in_process_finds(register: Register) -> None:
    """A large register is rechecked in helper processes while this one reads: the same
    versions counted and the same findings, in the register's order."""
    from breach_desk.services import recheck as module

    # The same neighbour each time: every breach after the first is a repeat, judged higher.
    neighbour = [{"label": "Mr A, the neighbour at number 3", "kind": "member_of_public"}]
    made = [
        register.finalise(facts(title=f"Letter {i} to the wrong flat", recipients=neighbour))
        for i in range(7)
    ]
    forge(register, made[2].reference, 1)
    forge(register, made[5].reference, 1, band="medium")
    module.BATCH, old = 2, module.BATCH  # several batches, so several helpers take part
    try:
        with register.store.unit(snapshot=True) as uow:
            here = module.recheck(uow.session, workers=0)
            helped = module.recheck(uow.session, workers=2)
    finally:
        module.BATCH = old
    assert helped.checked == here.checked == 7
    assert [str(f) for f in helped.mismatches] == [str(f) for f in here.mismatches]
    assert [f.reference for f in helped.mismatches if f.version] == [
        made[2].reference,
        made[5].reference,
    ]


def test_facts_that_cannot_be_read_are_reported_and_the_export_goes_on(
    register: Register, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A damaged row never stops the register being taken away: every other breach is
    exported, and the damaged one is named on the command line."""
    damaged = register.finalise(facts(title="Damaged"))
    kept = register.finalise(facts(title="Kept whole"))
    with register.store.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE assessment_versions SET facts = '{\"title\": ' WHERE breach_id = "
                "(SELECT id FROM breaches WHERE reference = :r)"
            ),
            {"r": damaged.reference},
        )
    for fmt in ("csv", "json", "xlsx"):
        out = tmp_path / f"register.{fmt}"
        status, _, err = cli(db_url, capsys, "export", "--format", fmt, "-o", str(out))
        assert status == 0, err
        assert f"warning: {damaged.reference}: its stored facts cannot be read" in err
        if fmt == "csv":
            written = out.read_text(encoding="utf-8")
            assert kept.reference in written
            assert damaged.reference in written  # its register line, without the facts
        elif fmt == "json":
            exported = json.loads(out.read_text(encoding="utf-8"))
            assert [f["reference"] for f in exported] == [kept.reference]
