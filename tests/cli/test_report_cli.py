"""``breach-desk report``: the PDFs from the command line, read back with pypdf."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from breach_desk.cli import main

NOW = "2021-04-20T09:00:00+01:00"


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture
def facts_file(tmp_path: Path, seed_facts_dict: dict[str, Any]) -> Path:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed_facts_dict), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", NOW)
    monkeypatch.delenv("BREACH_DESK_ORGANISATION", raising=False)
    monkeypatch.delenv("BREACH_DESK_MARKING", raising=False)
    monkeypatch.delenv("BREACH_DESK_CONTACT", raising=False)


@pytest.mark.parametrize(
    ("kind", "expect"),
    [
        ("assessment", "SEVERITY: VERY HIGH"),
        ("ico", "Report a personal data breach: draft for the ICO"),
        ("letter", "Dear Mr B,"),
        ("monitoring", "Breach register: monitoring report"),
    ],
)
def test_each_kind_from_a_facts_file(
    facts_file: Path, tmp_path: Path, kind: str, expect: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{kind}.pdf"
    args = [str(facts_file), "--pdf", str(out), "--kind", kind, "--organisation", "Anytown"]
    args += ["--contact", "the Data Protection Officer, dpo@anytown.gov.uk"]
    assert main(["report", *args]) == 0
    text = text_of(out)
    assert expect in text
    assert "Anytown" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "Page 1 of" in text
    assert f"Wrote {out}" in capsys.readouterr().err


def test_settings_come_from_the_environment(
    facts_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREACH_DESK_ORGANISATION", "Borough of Env")
    monkeypatch.setenv("BREACH_DESK_MARKING", "OFFICIAL")
    out = tmp_path / "a.pdf"
    assert main(["report", str(facts_file), "--pdf", str(out)]) == 0
    text = text_of(out)
    assert "Borough of Env" in text
    assert "OFFICIAL-SENSITIVE" not in text


def test_same_command_same_bytes(facts_file: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["report", str(facts_file), "--pdf", str(a)]) == 0
    assert main(["report", str(facts_file), "--pdf", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_letter_draft_then_edited_letter(
    facts_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    who = ["--organisation", "Anytown", "--contact", "the DPO, dpo@anytown.gov.uk"]
    assert main(["report", str(facts_file), "--kind", "letter", "--letter-draft", *who]) == 0
    draft = capsys.readouterr().out
    assert draft.startswith("Dear Mr B,")
    assert "What we have done and what we will do" in draft
    edited = tmp_path / "letter.txt"
    edited.write_text("Dear Mr B,\n\nWe are sorry & <b>truly</b> so.\n", encoding="utf-8")
    out = tmp_path / "letter.pdf"
    args = ["report", str(facts_file), "--kind", "letter", "--letter-text", str(edited), *who]
    assert main([*args, "--pdf", str(out)]) == 0
    text = text_of(out)
    assert "We are sorry & <b>truly</b> so." in text
    assert "What we have done" not in text


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ([], "--organisation (or BREACH_DESK_ORGANISATION)"),
        (["--organisation", "Anytown"], "--contact (or BREACH_DESK_CONTACT)"),
    ],
)
def test_a_letter_without_who_it_is_from_or_whom_to_contact_is_refused(
    facts_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    given: list[str],
    named: str,
) -> None:
    out = tmp_path / "letter.pdf"
    for extra in (["--pdf", str(out)], ["--letter-draft"]):
        code = main(["report", str(facts_file), "--kind", "letter", *given, *extra])
        assert code == 2
        err = capsys.readouterr().err
        assert named in err
        assert len(err.strip().splitlines()) == 1
        assert not out.exists()


def test_ico_delay_reason(facts_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "ico.pdf"
    args = ["report", str(facts_file), "--kind", "ico", "--pdf", str(out)]
    assert main([*args, "--delay-reason", "Legal advice was needed"]) == 0
    text = " ".join(text_of(out).split())
    assert "ICO clock late by" in text
    assert "Legal advice was needed" in text


def test_pdf_to_stdout(facts_file: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["report", str(facts_file), "--pdf", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"%PDF-")


def test_problems_are_told_in_words(
    facts_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(facts_file)]) == 2
    assert "--pdf OUT.pdf" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.json"), "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "breach-desk/facts/1"}', encoding="utf-8")
    assert main(["report", str(bad), "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert "title" in capsys.readouterr().err
    args = ["report", str(facts_file), "--pdf", str(tmp_path / "x.pdf")]
    assert main([*args, "--assessment-version", "4"]) == 1
    assert "no version 4" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_report_does_not_import_reportlab_until_it_runs() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from breach_desk.cli import build_parser; build_parser(); "
        "print('reportlab' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_reports_from_the_register(
    tmp_path: Path, seed_facts_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    register_module = pytest.importorskip("breach_desk.services.register")
    from breach_desk.facts_io import facts_from_dict

    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv("BREACH_DESK_NOW", "2021-03-16T09:00:00+00:00")
    register = register_module.Register.open(url)
    try:
        (reference,) = register.import_facts([facts_from_dict(seed_facts_dict)])
    finally:
        register.close()
    monkeypatch.setenv("BREACH_DESK_NOW", NOW)
    out = tmp_path / "stored.pdf"
    assert main(["report", reference, "--db", url, "--pdf", str(out)]) == 0
    text = " ".join(text_of(out).split())
    assert "SEVERITY: VERY HIGH" in text
    assert "IG-2021-014" in text
    monitoring = tmp_path / "monitoring.pdf"
    assert main(["report", "--kind", "monitoring", "--db", url, "--pdf", str(monitoring)]) == 0
    text = " ".join(text_of(monitoring).split())
    assert "Breaches in the register 1" in text
    assert "Children's Services" in text
    assert main(["report", "IG-1999-001", "--db", url, "--pdf", str(out)]) == 1
