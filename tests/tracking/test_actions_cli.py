"""The command line as the people of the founding council would use it: ``actions``, ``close``,
``evidence``, ``user role`` and ``db roles``; refusals exit 1 with the reason, bad input 2."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, SqlitePeople, pg_url, seed_facts

from breach_desk.domain.register import Role
from breach_desk.domain.workflow import MAX_EVIDENCE_FILE_BYTES
from breach_desk.services.tracking import Tracking


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breach_desk", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@dataclass
class Council:
    """The founding case in a register: each person's environment for the command line, and
    each person in this process for the steps that are not what a test is about."""

    env: dict[str, dict[str, str]]
    people: dict[str, Tracking]

    def __getitem__(self, login: str) -> dict[str, str]:
        return self.env[login]


@pytest.fixture
def council(sqlite_people: SqlitePeople) -> Council:
    people = {
        "ig_alice": sqlite_people("ig_alice", Role.IG_OFFICER),
        "ig_carol": sqlite_people("ig_carol", Role.IG_OFFICER),
        "sm_childrens": sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS),
    }
    people["ig_alice"].register.finalise(seed_facts())
    base = {"BREACH_DESK_DB": sqlite_people.url, "BREACH_DESK_NOW": "2021-03-16T09:00:00+00:00"}
    env = {login: {**base, **sqlite_people.env(login)} for login in people}
    return Council(env, people)


def ids(env: dict[str, str]) -> dict[str, int]:
    import json

    listed = run(env, "actions", "list", "--breach", SEED_REFERENCE, "--json")
    assert listed.returncode == 0, listed.stderr
    return {a["code"]: a["id"] for a in json.loads(listed.stdout)}


def test_tick_off_verify_and_close_from_the_command_line(council, tmp_path: Path) -> None:
    alice, carol, bob = council["ig_alice"], council["ig_carol"], council["sm_childrens"]
    code = ids(alice)
    safety = str(code["SAFETY_PLAN"])

    no_evidence = run(bob, "actions", "done", safety, "--evidence", "   ")
    assert no_evidence.returncode == 1
    assert "refused: Say what was done as evidence" in no_evidence.stderr
    missing = run(bob, "actions", "done", safety)
    assert missing.returncode == 2
    assert "--evidence" in missing.stderr

    too_big = tmp_path / "video.mp4"
    too_big.write_bytes(b"\0" * (MAX_EVIDENCE_FILE_BYTES + 1))
    refused_file = run(bob, "actions", "done", safety, "--evidence", "x", "--file", str(too_big))
    assert refused_file.returncode == 1
    assert "up to 10 MB each" in refused_file.stderr
    letter = tmp_path / "safety-plan.txt"
    letter.write_text("Safety plan agreed with Mr B on 16 March", encoding="utf-8")
    done = run(
        bob, "actions", "done", safety, "--evidence", "Safety plan agreed", "--file", str(letter)
    )
    assert done.returncode == 0, done.stderr
    assert "is now done" in done.stdout

    by_manager = run(bob, "actions", "verify", safety)
    assert by_manager.returncode == 1
    assert "refused: Only an IG officer can verify" in by_manager.stderr
    assert run(alice, "actions", "verify", safety, "--note", "Plan seen").returncode == 0

    not_yet = run(alice, "close", SEED_REFERENCE)
    assert not_yet.returncode == 1
    assert "12 recommendations are not yet verified or rejected" in not_yet.stderr

    rejected = run(carol, "actions", "reject", str(code["SECURE_EMAIL"]), "--reason", "In place")
    assert rejected.returncode == 0, rejected.stderr
    ig_actions = ("NOTIFY_ICO", "NOTIFY_SUBJECTS", "EXPLAIN_DECISION", "ROOT_CAUSE_REVIEW")
    for name, number in code.items():
        if name not in ("SAFETY_PLAN", "SECURE_EMAIL"):
            doer = "ig_alice" if name in ig_actions else "sm_childrens"
            council.people[doer].done(number, f"{name} done")
            council.people["ig_carol"].verify(number)
    closed = run(alice, "close", SEED_REFERENCE, "--note", "All verified")
    assert closed.returncode == 0, closed.stderr
    assert f"{SEED_REFERENCE} closed by ig_alice" in closed.stdout

    pack = tmp_path / "pack.pdf"
    out = run(carol, "evidence", SEED_REFERENCE, "--pdf", str(pack), "--files", str(tmp_path / "f"))
    assert out.returncode == 0, out.stderr
    text = " ".join(p.extract_text() for p in PdfReader(pack).pages)
    assert "In place" in text
    assert "Safety plan agreed" in text
    assert "Plan seen" in text
    saved = list((tmp_path / "f").iterdir())
    assert [p.read_text(encoding="utf-8") for p in saved] == [letter.read_text(encoding="utf-8")]


def test_monitoring_export_as_csv_and_xlsx(council, tmp_path: Path) -> None:
    alice = {**council["ig_alice"], "BREACH_DESK_NOW": "2021-03-20T09:00:00+00:00"}
    for name in ("open.csv", "open.xlsx"):
        out = run(alice, "actions", "list", "-o", str(tmp_path / name))
        assert out.returncode == 0, out.stderr
        assert "wrote 13 recommendations" in out.stdout
    with (tmp_path / "open.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["Code"] == "SAFETY_PLAN"
    assert rows[0]["Days overdue"] == "4"
    assert {r["Service"] for r in rows} == {CHILDRENS}
    sheet = load_workbook(tmp_path / "open.xlsx").active
    values = list(sheet.values)
    assert values[0][:5] == ("No.", "Breach", "Breach title", "Service", "Code")
    assert len(values) == 14


def test_bad_numbers_and_roles_are_told_plainly(council) -> None:
    bob = council["sm_childrens"]
    missing = run(bob, "actions", "show", "9999")
    assert missing.returncode == 2
    assert "there is no recommendation 9999" in missing.stderr
    wrong = run(bob, "user", "role", "auditor", "--service", "Housing")
    assert wrong.returncode == 2
    assert "only a service manager has services" in wrong.stderr
    shown = run(bob, "user", "show")
    assert "sm_childrens (Service manager: Children's Services)" in shown.stdout
    assert "role from your setting" in shown.stdout
    on_sqlite = run(bob, "db", "roles")
    assert on_sqlite.returncode == 2
    assert "only on a PostgreSQL register" in on_sqlite.stderr


def test_mine_lists_only_the_service_managers_actions(council) -> None:
    out = run(council["sm_childrens"], "actions", "list", "--mine")
    lines = out.stdout.splitlines()
    assert "Actions for sm_childrens" in out.stderr
    assert len(lines) == 1 + 9
    assert not any("NOTIFY_ICO" in line for line in lines)


@pytest.mark.postgres
def test_db_roles_gives_a_login_its_role(pg_people: PgPeople) -> None:
    login = pg_people.login("sm_housing")
    pg_people.logins.append(login)
    owner = {"BREACH_DESK_DB": pg_people.url}
    given = run(
        owner, "db", "roles", "--user", login, "--role", "service_manager", "--service", "Housing"
    )
    assert given.returncode == 0, given.stderr
    assert "roles, grants and row-level security are in place" in given.stdout
    assert f"{login}" in given.stdout
    assert "Service manager: Housing" in given.stdout
    # It says what each role can do, and that no role writes a table directly.
    assert "breach_service_manager (Service manager): reads their services' breaches;" in (
        given.stdout
    )
    assert "breach_auditor (Auditor): reads everything; changes nothing" in given.stdout
    assert "no role writes a table directly" in given.stdout
    # The limits, the hold limit among them: how long any transaction may hold the register.
    assert "idle_in_transaction_session_timeout 5s" in given.stdout
    assert "hold limit 10s per transaction holding the register" in given.stdout
    assert "no transaction holds the register for longer than 10s" in given.stdout
    shown = run({"BREACH_DESK_DB": pg_url(pg_people.schema, login)}, "user", "show")
    assert shown.returncode == 0, shown.stderr
    assert f"{login} (Service manager: Housing)" in shown.stdout
    assert "enforced by the database" in shown.stdout
    removed = run(owner, "db", "roles", "--remove", login)
    assert login not in removed.stdout
    denied = run({"BREACH_DESK_DB": pg_url(pg_people.schema, login)}, "actions", "list")
    assert denied.returncode == 1
