"""The register's commands as a person types them: assess --save, import, export, list, show,
reassess, db upgrade, audit verify; their output, and their exit status when something is
wrong. The same tests run on SQLite and, with BREACH_DESK_TEST_PG, on PostgreSQL."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from builders import facts_dict
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text
from store.conftest import db_url, engine_name, fixed_now, pg_schema  # noqa: F401 - fixtures

from breach_desk.cli import main
from breach_desk.services.register import Register
from breach_desk.store.migrate import HEAD


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        self.capsys = capsys
        self.tmp_path = tmp_path

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        status = main(list(args))
        out, err = self.capsys.readouterr()
        return status, out, err

    def file(self, name: str, value: Any) -> str:
        path = self.tmp_path / name
        if isinstance(value, list) and name.endswith(".jsonl"):
            path.write_text("\n".join(json.dumps(v) for v in value) + "\n", encoding="utf-8")
        else:
            path.write_text(json.dumps(value), encoding="utf-8")
        return str(path)


@pytest.fixture
def cli(
    db_url: str,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> Cli:
    monkeypatch.setenv("BREACH_DESK_DB", db_url)
    return Cli(capsys, tmp_path)


SEED = {
    "title": "Email address shared with people convicted of assaulting the data subject",
    "reference": "IG-2021-014",
    "service": "Children's Services",
    "subjects.people": [{"name": "Mr B", "email": "mr.b@example.org"}],
    "recipients": [
        {"label": "Person A", "kind": "member_of_public", "poses_risk_to_subject": True}
    ],
    "data.categories": ["contact_details", "mental_health"],
}


def test_assess_save_then_list_and_show(cli: Cli) -> None:
    status, out, _ = cli("assess", cli.file("seed.json", facts_dict(**SEED)), "--save")
    assert status == 0
    assert out.startswith("IG-2021-014: severity")
    status, out, _ = cli("assess", cli.file("new.json", facts_dict(title="Payslip")), "--save")
    assert out.startswith("IG-2026-0001: severity")

    status, out, _ = cli("list")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["REFERENCE", "AWARE", "RISK"]
    # Newest first; the same moment of awareness: the one recorded last first.
    assert [line.split()[0] for line in lines[1:]] == ["IG-2026-0001", "IG-2021-014"]
    status, out, _ = cli("list", "--search", "CHILDREN'S", "--json")
    (row,) = json.loads(out)
    assert (row["reference"], row["risk"], row["ico_report"]) == ("IG-2021-014", "high", True)
    status, out, _ = cli("list", "--risk", "high")
    assert "IG-2021-014" in out
    assert "IG-2026-0001" not in out

    status, out, _ = cli("show", "IG-2021-014")
    assert status == 0
    assert "Severity VERY HIGH" in out
    assert "Safety plan for the person" in out  # its name, never its code
    assert "Decision note (version 1)" in out
    status, out, _ = cli("show", "IG-2021-014", "--json")
    shown = json.loads(out)
    assert shown["row_version"] == 1
    assert shown["versions"][0]["assessment"]["risk"] == "high"
    assert shown["audit"][0]["action"] == "breach.created"


def test_assess_save_of_a_breach_already_in_the_register(cli: Cli) -> None:
    path = cli.file("seed.json", facts_dict(**SEED))
    assert cli("assess", path, "--save")[0] == 0
    status, _, err = cli("assess", path, "--save")
    assert status == 2
    assert "IG-2021-014 is already in the register" in err
    assert "breach-desk reassess IG-2021-014" in err


def test_reassess_adds_a_version_and_shows_what_changed(cli: Cli) -> None:
    cli("assess", cli.file("seed.json", facts_dict(**SEED)), "--save")
    more = facts_dict(**(SEED | {"subjects.count": 2}))
    status, out, _ = cli(
        "reassess",
        "IG-2021-014",
        cli.file("v2.json", more),
        "--reason",
        "his partner's email was in the thread too",
    )
    assert status == 0
    assert out.startswith("IG-2021-014: version 2 saved")
    status, out, _ = cli("show", "IG-2021-014")
    assert "his partner's email was in the thread too" in out
    assert "Number of people: 1 → 2" in out  # in the description's words, not a path
    status, out, err = cli(
        "reassess",
        "IG-2021-014",
        cli.file("v3.json", more),
        "--reason",
        "again",
        "--expect-version",
        "1",
    )
    assert status == 1
    assert "was saved by" in err
    assert "not saved" in err
    assert cli("reassess", "IG-2099-1", cli.file("v4.json", more), "--reason", "new facts")[0] == 2


def test_the_reasons_for_a_late_ico_report_are_kept_shown_and_printed(cli: Cli) -> None:
    why = "The service only told the IG team on 30 May"
    cli("assess", cli.file("seed.json", facts_dict(**SEED)), "--save")
    status, _, _ = cli(
        "reassess",
        "IG-2021-014",
        cli.file("v2.json", facts_dict(**SEED)),
        "--reason",
        "the ICO report was late",
        "--ico-delay-reason",
        why,
    )
    assert status == 0
    status, out, _ = cli("show", "IG-2021-014")
    assert f"reasons for the late ICO report: {why}" in out
    status, out, _ = cli("show", "IG-2021-014", "--json")
    assert [v["ico_delay_reason"] for v in json.loads(out)["versions"]] == [None, why]
    status, out, _ = cli("export", "--format", "csv")
    assert [r["Reasons the ICO report is late"] for r in csv.DictReader(out.splitlines())] == [why]
    pdf = cli.tmp_path / "ico.pdf"
    assert cli("report", "IG-2021-014", "--kind", "ico", "--pdf", str(pdf))[0] == 0
    printed = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert why in printed


def test_import_all_or_nothing_names_every_bad_line(cli: Cli) -> None:
    bad = [facts_dict(title="ok"), facts_dict(**{"subjects.count": 0}), {"title": "no format"}]
    path = cli.file("bad.jsonl", bad)
    status, out, err = cli("import", path)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "breach-desk: nothing was imported: 2 records have problems"
    assert f"breach-desk: {path}: line 2: subjects.count: must be at least 1, got 0" in lines
    assert any(line.startswith(f"breach-desk: {path}: line 3: format") for line in lines)
    assert cli("list", "--json")[1].strip() == "[]"

    status, out, _ = cli("import", cli.file("good.jsonl", bad[:1] * 3))
    assert status == 0
    assert out.strip() == "imported 3 breaches: IG-2026-0001 to IG-2026-0003"
    assert cli("import", str(cli.tmp_path / "missing.json"))[0] == 2


def test_export_formats_and_json_round_trip(cli: Cli, tmp_path: Path) -> None:
    cli("import", cli.file("in.jsonl", [facts_dict(title=f"Breach {n}") for n in range(3)]))
    status, out, _ = cli("export")
    exported = json.loads(out)
    assert [r["reference"] for r in exported] == ["IG-2026-0001", "IG-2026-0002", "IG-2026-0003"]
    status, out, err = cli("export", "-o", str(tmp_path / "register.csv"))
    assert status == 0
    assert "exported 3 breaches" in err
    with open(tmp_path / "register.csv", newline="", encoding="utf-8") as fh:
        assert [r["Title"] for r in csv.DictReader(fh)] == ["Breach 0", "Breach 1", "Breach 2"]
    cli("export", "--format", "xlsx", "-o", str(tmp_path / "register.xlsx"))
    sheet = load_workbook(tmp_path / "register.xlsx").active
    assert sheet is not None
    assert sheet.max_row == 4

    copy = f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    round_trip = cli.file("export.json", exported)
    assert main(["--db", copy, "import", round_trip]) == 0
    cli.capsys.readouterr()
    assert main(["--db", copy, "export"]) == 0
    assert json.loads(cli.capsys.readouterr().out) == exported


def test_db_upgrade_and_audit_verify(cli: Cli, db_url: str) -> None:  # noqa: F811
    status, out, _ = cli("db", "upgrade")
    assert status == 0
    assert f"from schema none to {HEAD}" in out  # a new register
    status, out, _ = cli("db", "upgrade")
    assert f"up to date (schema {HEAD})" in out
    cli("import", cli.file("in.jsonl", [facts_dict(title=f"B{n}") for n in range(3)]))
    status, out, _ = cli("audit", "verify")
    assert status == 0
    assert out.startswith("audit log intact: 3 entries")

    with Register.open(db_url) as reg, reg.store.engine.begin() as conn:
        if reg.engine_name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        conn.execute(text("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2"))
    status, out, err = cli("audit", "verify")
    assert status == 1
    assert "audit log broken at entry 2: entry 2 was edited" in err


def test_unknown_reference_and_unreachable_database(cli: Cli) -> None:
    status, _, err = cli("show", "IG-2026-0404")
    assert (status, err.strip()) == (
        2,
        "breach-desk: there is no breach IG-2026-0404 in the register",
    )
    status, _, err = cli("--db", "postgresql+psycopg://x@127.0.0.1:9/none", "list")
    assert status == 1
    assert "cannot reach the database server" in err


def test_assess_without_save_never_loads_the_database_layer(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps(facts_dict()))
    probe = (
        "import sys\n"
        "from breach_desk.cli import main\n"
        f"status = main(['assess', {str(path)!r}])\n"
        "assert status == 0\n"
        "loaded = [m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic', 'PySide6'))]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
