"""``breach-desk assess`` through the real command line: worked cases, JSON format, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from builders import CASES_DIR, SHARED, facts_dict
from jsonschema import Draft202012Validator

BIN = Path(sys.executable).with_name("breach-desk")
# The shared worked cases, and more published outcomes (EDPB 01/2021, WP250 Annex B, ICO) encoded
# the same way: the method must reproduce them too (METHOD.md section 7).
MORE_CASES_DIR = Path(__file__).resolve().parents[1] / "data" / "more_cases"
# The suite's own worked cases (tests/data/cases, METHOD 1.2's among them) count even when the
# shared folder is read first.
VENDORED_DIR = Path(__file__).resolve().parents[1] / "data" / "cases"
_SHARED_NAMES = {c.name for c in CASES_DIR.glob("*.json")}
CASES = (
    sorted(CASES_DIR.glob("*.json"))
    + sorted(c for c in VENDORED_DIR.glob("*.json") if c.name not in _SHARED_NAMES)
    + sorted(MORE_CASES_DIR.glob("*.json"))
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args],
        capture_output=True,
        text=True,
        timeout=60,
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
    )


def dig(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = obj[part]
    return obj


@pytest.fixture(scope="module")
def assessment_validator() -> Draft202012Validator:
    spec = SHARED / "spec" / "assessment.schema.json"
    if not spec.exists():
        spec = Path(__file__).resolve().parents[2] / "breach_desk" / "schemas" / spec.name
    return Draft202012Validator(json.loads(spec.read_text(encoding="utf-8")))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_worked_case_through_the_command_line(
    case: Path, tmp_path: Path, assessment_validator: Draft202012Validator
) -> None:
    data = json.loads(case.read_text(encoding="utf-8"))
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(data["facts"]), encoding="utf-8")
    p = run("assess", str(facts), "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    errors = [e.message for e in assessment_validator.iter_errors(out)]
    assert errors == []
    for path, want in data["expect"].items():
        assert dig(out, path) == want, f"{path} in {case.name} ({data['source']})"


def test_shared_check_cases_tool_passes() -> None:
    tool = SHARED / "tools" / "check-cases"
    if not tool.exists():
        pytest.skip("../shared/tools is not beside this checkout")
    p = subprocess.run(
        [sys.executable, str(tool), "--cmd", str(BIN)], capture_output=True, text=True, timeout=300
    )
    assert p.returncode == 0, p.stdout
    assert "0 mismatches" in p.stdout


def test_text_output_is_the_decision_note(tmp_path: Path) -> None:
    seed = json.loads((CASES_DIR / "seed-ombudsman-21007914.json").read_text())["facts"]
    facts = tmp_path / "seed.json"
    facts.write_text(json.dumps(seed), encoding="utf-8")
    p = run("assess", str(facts))
    assert p.returncode == 0
    assert p.stdout.startswith("IG-2021-014: severity VERY HIGH (SE 4.25), likelihood likely")
    assert "ICO: REPORT by Thu 18 Mar 2021 10:00 GMT" in p.stdout
    assert "Tell the people: YES" in p.stdout
    assert "Decision note: IG-2021-014" in p.stdout


def test_facts_from_standard_input() -> None:
    p = run("assess", "-", "--json", stdin=json.dumps(facts_dict()).encode())
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["reference"] == "(not yet saved)"


BAD_INPUTS: dict[str, tuple[bytes, list[str]]] = {
    "malformed JSON": (b'{"title": "x",', ["not valid JSON"]),
    "wrong types": (
        json.dumps(facts_dict(**{"subjects.count": "many", "occurrences": 1.5})).encode(),
        ["subjects.count: expected a whole number", "occurrences: expected a whole number"],
    ),
    "unknown category": (
        json.dumps(facts_dict(**{"data.categories": ["astrology"]})).encode(),
        ["data.categories[0]: 'astrology' is not one of"],
    ),
    "missing required fields": (
        json.dumps({"format": "breach-desk/facts/1", "title": "t"}).encode(),
        [
            "aware_at: required field is missing",
            "subjects: required field is missing",
            "data: required field is missing",
            "loss: required field is missing",
        ],
    ),
    "impossible dates": (
        json.dumps(facts_dict(aware_at="2023-02-29T10:00:00", occurred_at="2023-04-31")).encode(),
        [
            "aware_at: '2023-02-29T10:00:00' is not a valid ISO 8601 date-time",
            "occurred_at: '2023-04-31' is not a valid ISO 8601 date",
        ],
    ),
    "aware before occurred": (
        json.dumps(facts_dict(occurred_at="2024-06-01")).encode(),
        ["aware_at: '2024-05-02T09:00:00' is before the breach happened"],
    ),
    "aware in the future": (
        json.dumps(facts_dict(aware_at="2999-01-01T09:00:00")).encode(),
        ["aware_at: '2999-01-01T09:00:00' is in the future"],
    ),
    "a 10 MB file": (
        json.dumps(facts_dict(description="x" * 10_000_000)).encode(),
        ["the file is too large (9.5 MB; the limit is 5 MB)"],
    ),
    "non-UTF-8 bytes": (
        json.dumps(facts_dict(title="caf\u00e9"), ensure_ascii=False).encode("latin-1"),
        ["the file is not UTF-8 text"],
    ),
    "an empty file": (b"", ["the file is empty"]),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_exits_2_with_one_clear_message_per_problem(name: str, tmp_path: Path) -> None:
    data, expected = BAD_INPUTS[name]
    facts = tmp_path / "facts.json"
    facts.write_bytes(data)
    p = run("assess", str(facts), "--json")
    assert p.returncode == 2
    assert p.stdout == ""
    assert "Traceback" not in p.stderr
    lines = sorted(p.stderr.strip().splitlines())
    assert len(lines) == len(expected), lines
    for line, want in zip(lines, sorted(expected), strict=True):
        assert line.startswith(f"breach-desk: {facts}: {want}"), line


def test_missing_file_and_folder(tmp_path: Path) -> None:
    p = run("assess", str(tmp_path / "nope.json"))
    assert (p.returncode, p.stderr.strip()) == (
        2,
        f"breach-desk: {tmp_path / 'nope.json'}: no such file",
    )
    p = run("assess", str(tmp_path))
    assert p.returncode == 2
    assert "is a folder" in p.stderr


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(facts_dict()), encoding="utf-8")
    code = (
        "import sys, contextlib, io\n"
        "from breach_desk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['assess', {str(facts)!r}, '--json']) == 0\n"
        "import breach_desk.method, breach_desk.domain.register, breach_desk.facts_io\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
