"""Hostile input: what a careless or malicious file, option or database does to each command.

Every input here once gave a traceback, a hang or a silently changed register. Each now exits 2
with one line naming the field (or option, or file) and the problem, prints nothing on standard
output and leaves the register exactly as it was, on SQLite and on the real PostgreSQL server.
Commands run in this process (fast); the few that need a real pipe or a real terminal reader
run as subprocesses.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from builders import NO_PG, facts_dict
from sqlalchemy import create_engine, inspect, text
from store.conftest import PG_URL, PgSchema

from breach_desk.cli import main
from breach_desk.domain.workflow import MAX_EVIDENCE_FILE_BYTES

NOW = "2026-03-02T10:00:00+00:00"
REF = "IG-2021-014"
SEED = facts_dict(
    reference=REF,
    title="Email address shared with people convicted of assaulting the data subject",
    service="Children's Services",
    aware_at="2021-03-15T10:00:00",
    **{
        "subjects.people": [{"name": "Mr B", "email": "mr.b@example.org"}],
        "recipients": [
            {"label": "Person A", "kind": "member_of_public", "poses_risk_to_subject": True}
        ],
        "data.categories": ["contact_details", "mental_health"],
    },
)


# --- the register under attack: one per engine, seeded once, checked unchanged by each test ---


@dataclass
class Target:
    url: str
    engine: str
    folder: Path
    action_id: int = 1
    fifo: Path = field(init=False)

    def __post_init__(self) -> None:
        self.fifo = self.folder / "pipe.json"
        os.mkfifo(self.fifo)

    def snapshot(self) -> dict[str, Any]:
        """Everything a write would change: each table's rows counted, and the versions and
        statuses of breaches and recommendations."""
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                tables = sorted(inspect(conn).get_table_names())
                counts = {
                    t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables
                }
                breaches = conn.execute(
                    text("SELECT reference, row_version, status, title FROM breaches ORDER BY id")
                ).all()
                recs = conn.execute(
                    text("SELECT id, status, row_version FROM recommendations ORDER BY id")
                ).all()
        finally:
            engine.dispose()
        return {"counts": counts, "breaches": breaches, "recommendations": recs}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    schema: PgSchema | None = None
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip(NO_PG)
        schema = PgSchema()
        url = schema.url
    else:
        url = f"sqlite:///{folder / 'register.sqlite3'}"
    found = Target(url, request.param, folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BREACH_DESK_NOW", NOW)
        mp.setenv("BREACH_DESK_DB", url)
        seed = folder / "seed.json"
        seed.write_text(json.dumps(SEED), encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["assess", str(seed), "--save"]) == 0
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            if main(["actions", "list", "--breach", REF, "--json"]) == 0:
                found.action_id = json.loads(out.getvalue())[0]["id"]
    try:
        yield found
    finally:
        if schema is not None:
            schema.drop()


@dataclass
class Refused:
    status: int
    out: str
    err: str


@pytest.fixture
def attempt(
    target: Target, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Refused]:
    """Run a command that must be refused; check the register did not change."""
    monkeypatch.setenv("BREACH_DESK_NOW", NOW)
    monkeypatch.setenv("BREACH_DESK_DB", target.url)

    def run(*args: str) -> Refused:
        before = target.snapshot()
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
        assert target.snapshot() == before, "a refused command changed the register"
        return Refused(status, out, err)

    return run


def assert_one_line(result: Refused, *fragments: str) -> None:
    assert "Traceback" not in result.err
    assert result.status == 2, result.err
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("breach-desk: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# --- facts files: each hostile payload through every command that reads facts ---------------


def _raw(base: dict[str, Any], old: str, new: str) -> bytes:
    """JSON text with one piece replaced: for what json.dumps cannot write (NaN, a key twice)."""
    text_ = json.dumps(base)
    assert old in text_
    return text_.replace(old, new, 1).encode("utf-8")


def _json(**changes: Any) -> bytes:
    return json.dumps(facts_dict(**changes)).encode("utf-8")


BASE = facts_dict(description="What happened.")
DEEP = "[" * 100_000 + "]" * 100_000

PAYLOADS: dict[str, tuple[bytes, str]] = {
    # dates at the ends of the calendar, and before any register
    "year 1 with an offset": (_json(aware_at="0001-01-01T00:30:00+01:00"), "aware_at: "),
    "year 9999 with an offset": (_json(aware_at="9999-12-31T23:30:00-05:00"), "aware_at: "),
    "occurred in year 1": (_json(occurred_at="0001-01-01T00:30:00+01:00"), "occurred_at: "),
    "occurred on day 1 of year 1": (_json(occurred_at="0001-01-01"), "occurred_at: "),
    "occurred in the year 1": (_json(occurred_at="0001"), "occurred_at: "),
    "occurred in December 9999": (_json(occurred_at="9999-12"), "occurred_at: "),
    "aware in 1066": (_json(aware_at="1066-10-14T09:00:00"), "aware_at: "),
    "a 500-character date": (_json(aware_at="2024-05-02T09:00:00" + "0" * 500), "aware_at: "),
    # text the register cannot hold
    "a lone surrogate in the title": (_raw(BASE, '"Letter', '"\\ud800Letter'), "title: "),
    "a lone surrogate in the description": (
        _raw(BASE, '"What', '"\\udfffWhat'),
        "description: ",
    ),
    "a lone surrogate in a person's name": (
        _json(**{"subjects.people": [{"name": "Mr \ud800B"}]}),
        "subjects.people[0].name: ",
    ),
    "a lone surrogate in a field name": (
        _raw(BASE, '"title"', '"t\\ud800": 1, "title"'),
        "t\\ud800: the field name contains a lone surrogate",
    ),
    "a NUL in the title": (_raw(BASE, '"Letter', '"\\u0000Letter'), "title: "),
    "a NUL in a recipient's label": (
        _json(recipients=[{"label": "Neigh\x00bour", "kind": "member_of_public"}]),
        "recipients[0].label: ",
    ),
    "a NUL in the containment": (_json(containment="Recalled\x00"), "containment: "),
    "a 30,000-character reason": (
        _json(**{"assessor.dpc_adjustment": {"value": 1, "reason": "x" * 30_000}}),
        "assessor.dpc_adjustment.reason: ",
    ),
    "a 1,000-character title": (_json(title="x" * 1_000), "title: "),
    # numbers
    "a 5,001-digit count": (
        _raw(BASE, '"count": 1', '"count": 1' + "0" * 5_000),
        "subjects.count: ",
    ),
    "a 19-digit record count": (_json(**{"data.records": 10**18}), "data.records: "),
    "a count of 20 billion": (_json(**{"subjects.count": 20_000_000_000}), "subjects.count: "),
    "a billion occurrences": (_json(occurrences=10**9), "occurrences: "),
    "NaN hours": (_raw(BASE, '"loss": {', '"loss": {"outage_hours": NaN, '), "loss.outage_hours: "),
    "Infinity hours": (
        _raw(BASE, '"loss": {', '"loss": {"outage_hours": Infinity, '),
        "loss.outage_hours: ",
    ),
    "-Infinity hours": (
        _raw(BASE, '"loss": {', '"loss": {"outage_hours": -Infinity, '),
        "loss.outage_hours: ",
    ),
    "1e400 hours": (
        _raw(BASE, '"loss": {', '"loss": {"outage_hours": 1e400, '),
        "loss.outage_hours: ",
    ),
    "1e300 hours": (_json(**{"loss.outage_hours": 1e300}), "loss.outage_hours: "),
    # shapes
    "100,000-deep nesting": (_raw(BASE, '"What happened."', DEEP), "description[0][0]…: "),
    "200,000 previous related breaches": (
        _json(previous_related_breaches=["IG-2020-001"] * 200_000),
        "previous_related_breaches: ",
    ),
    "5,000 subject groups": (
        _json(**{"subjects.groups": ["children"] * 5_000}),
        "subjects.groups: ",
    ),
    "a 2,000-category list": (
        _json(**{"data.categories": ["health"] * 2_000}),
        "data.categories: ",
    ),
    "100,000 people": (
        _json(**{"subjects.people": [{"name": "x"}] * 100_000}),
        "subjects.people: ",
    ),
    "the title twice": (_raw(BASE, '"title"', '"title": "Other", "title"'), "title: "),
    "the count twice": (_raw(BASE, '"count": 1', '"count": 1, "count": 2'), "subjects.count: "),
}


def _facts_command(kind: str, folder: Path, data: bytes) -> tuple[list[str], str]:
    """The command line for a payload, and the prefix its message starts with."""
    if kind == "import":
        path = folder / "in.json"
        path.write_bytes(b"[" + data + b"]")
        return ["import", str(path)], f"{path}: line 1 (record 1): "
    if kind == "import lines":
        path = folder / "in.jsonl"
        path.write_bytes(data + b"\n")
        return ["import", str(path)], f"{path}: line 1: "
    path = folder / "facts.json"
    path.write_bytes(data)
    prefix = f"{path}: "
    args = {
        "assess": ["assess", str(path)],
        "assess --save": ["assess", str(path), "--save"],
        "reassess": ["reassess", REF, str(path), "--reason", "new facts"],
        "report": ["report", str(path), "--pdf", str(folder / "out.pdf")],
        "monitoring report": ["report", str(path), "--kind", "monitoring", "--pdf", "-"],
    }[kind]
    if kind == "monitoring report":
        prefix = f"{path}: record 1: "
    return args, prefix


FACTS_COMMANDS = ["assess", "assess --save", "reassess", "import", "import lines", "report"]


@pytest.mark.parametrize("kind", FACTS_COMMANDS)
@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_a_hostile_facts_file_is_refused_in_one_line(
    payload: str, kind: str, attempt: Callable[..., Refused], tmp_path: Path
) -> None:
    data, where = PAYLOADS[payload]
    args, prefix = _facts_command(kind, tmp_path, data)
    assert_one_line(attempt(*args), prefix + where)


@pytest.mark.parametrize("payload", ["NaN hours", "a NUL in the title", "the title twice"])
def test_the_monitoring_report_refuses_them_too(
    payload: str, attempt: Callable[..., Refused], tmp_path: Path
) -> None:
    data, where = PAYLOADS[payload]
    args, prefix = _facts_command("monitoring report", tmp_path, data)
    assert_one_line(attempt(*args), prefix + where)


# --- files that are not files, or far too large ----------------------------------------------


def _letter(folder: Path, sentences: int) -> str:
    path = folder / "letter.txt"
    path.write_text("Dear Mr B,\n" + "We are sorry. " * sentences, encoding="utf-8")
    return str(path)


def _binary_letter(folder: Path) -> str:
    path = folder / "letter.txt"
    path.write_bytes(b"Dear Mr B,\x00\x00\x00")
    return str(path)


def _long_line(folder: Path) -> str:
    path = folder / "one-line.jsonl"
    path.write_bytes(b'{"title": "' + b"x" * (9 * 1024 * 1024))
    return str(path)


def _empty(folder: Path) -> str:
    (folder / "empty.jsonl").touch()
    return str(folder / "empty.jsonl")


def _folder(folder: Path) -> str:
    (folder / "a-folder.json").mkdir()
    return str(folder / "a-folder.json")


LETTER = [
    *("report", REF, "--kind", "letter", "--organisation", "Council"),
    *("--contact", "The DPO, dpo@example.org", "--pdf", "-"),
]
FILE_CASES: dict[str, tuple[Callable[[Target, Path], list[str]], str]] = {
    "import /dev/zero": (lambda t, f: ["import", "/dev/zero"], "/dev/zero: is a device"),
    "import a FIFO": (lambda t, f: ["import", str(t.fifo)], "pipe.json: is a pipe"),
    "import a folder": (lambda t, f: ["import", _folder(f)], "is a folder"),
    "import a 9 MB line": (lambda t, f: ["import", _long_line(f)], "line 1: the line is too long"),
    "import an empty file": (lambda t, f: ["import", _empty(f)], "the file is empty"),
    "assess /dev/zero": (lambda t, f: ["assess", "/dev/zero", "--save"], "/dev/zero: is a device"),
    "assess a FIFO": (lambda t, f: ["assess", str(t.fifo), "--save"], "pipe.json: is a pipe"),
    "reassess from a FIFO": (
        lambda t, f: ["reassess", REF, str(t.fifo), "--reason", "new facts"],
        "pipe.json: is a pipe",
    ),
    "report from a FIFO": (
        lambda t, f: ["report", str(t.fifo), "--pdf", str(f / "o.pdf")],
        "pipe.json: is a pipe",
    ),
    "monitoring report from /dev/zero": (
        lambda t, f: ["report", "/dev/zero", "--kind", "monitoring", "--pdf", "-"],
        "/dev/zero: is a device",
    ),
    "--letter-text /dev/zero": (
        lambda t, f: [*LETTER, "--letter-text", "/dev/zero"],
        "/dev/zero: is a device",
    ),
    "--letter-text a FIFO": (
        lambda t, f: [*LETTER, "--letter-text", str(t.fifo)],
        "pipe.json: is a pipe",
    ),
    "--letter-text of 420,000 characters": (
        lambda t, f: [*LETTER, "--letter-text", _letter(f, 30_000)],
        "letter.txt: the file is too large (0.4 MB; the limit is 256 KB)",
    ),
    "--letter-text of 70,000 characters": (
        lambda t, f: [*LETTER, "--letter-text", _letter(f, 5_000)],
        "letter.txt: the letter is too long (70,011 characters; at most 60,000",
    ),
    "--letter-text with NUL bytes": (
        lambda t, f: [*LETTER, "--letter-text", _binary_letter(f)],
        "letter.txt: the letter contains a NUL",
    ),
    "actions done --file /dev/zero": (
        lambda t, f: [
            "actions",
            "done",
            str(t.action_id),
            "--evidence",
            "x",
            "--file",
            "/dev/zero",
        ],
        "/dev/zero: is a device",
    ),
    "actions done --file a FIFO": (
        lambda t, f: [
            "actions",
            "done",
            str(t.action_id),
            "--evidence",
            "x",
            "--file",
            str(t.fifo),
        ],
        "pipe.json: is a pipe",
    ),
    "actions done --file a folder": (
        lambda t, f: ["actions", "done", str(t.action_id), "--evidence", "x", "--file", str(f)],
        "is a folder",
    ),
    "actions attach /dev/zero": (
        lambda t, f: ["actions", "attach", str(t.action_id), "/dev/zero"],
        "/dev/zero: is a device",
    ),
    "actions attach a FIFO": (
        lambda t, f: ["actions", "attach", str(t.action_id), str(t.fifo)],
        "pipe.json: is a pipe",
    ),
}


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_a_file_that_is_not_a_file_is_refused_without_reading_it(
    case: str, target: Target, attempt: Callable[..., Refused], tmp_path: Path
) -> None:
    build, fragment = FILE_CASES[case]
    assert_one_line(attempt(*build(target, tmp_path)), fragment)


# --- options: text the register cannot hold -------------------------------------------------

SURROGATE = "caf\udce9"  # what a Latin-1 'café' typed in a UTF-8 terminal arrives as
LONG = "x" * 25_000

OPTION_CASES: dict[str, tuple[Callable[[Target], list[str]], str]] = {
    "--reason with undecodable bytes": (
        lambda t: ["reassess", REF, "-", "--reason", SURROGATE],
        "--reason: is not UTF-8 text",
    ),
    "--reason of 25,000 characters": (
        lambda t: ["reassess", REF, "-", "--reason", LONG],
        "--reason: is too long (25,000 characters",
    ),
    "--reason with a NUL": (lambda t: ["reassess", REF, "-", "--reason", "a\x00b"], "--reason: "),
    "--ico-delay-reason with undecodable bytes": (
        lambda t: ["reassess", REF, "-", "--reason", "new facts", "--ico-delay-reason", SURROGATE],
        "--ico-delay-reason: ",
    ),
    "--evidence with undecodable bytes": (
        lambda t: ["actions", "done", str(t.action_id), "--evidence", SURROGATE],
        "--evidence: is not UTF-8 text",
    ),
    "--evidence of 25,000 characters": (
        lambda t: ["actions", "done", str(t.action_id), "--evidence", LONG],
        "--evidence: is too long",
    ),
    "--note with a NUL": (
        lambda t: ["actions", "start", str(t.action_id), "--note", "\x00"],
        "--note: contains a NUL",
    ),
    "reject --reason with undecodable bytes": (
        lambda t: ["actions", "reject", str(t.action_id), "--reason", SURROGATE],
        "--reason: ",
    ),
    "list --search with undecodable bytes": (
        lambda t: ["list", "--search", SURROGATE],
        "--search: ",
    ),
    "list --service with a NUL": (lambda t: ["list", "--service", "Child\x00"], "--service: "),
    "actions list --service with undecodable bytes": (
        lambda t: ["actions", "list", "--service", SURROGATE],
        "--service: ",
    ),
    "show a reference with undecodable bytes": (lambda t: ["show", SURROGATE], "REF: "),
    "close a reference of 25,000 characters": (lambda t: ["close", LONG], "REF: is too long"),
    "evidence --organisation with undecodable bytes": (
        lambda t: ["evidence", REF, "--pdf", "-", "--organisation", SURROGATE],
        "--organisation: ",
    ),
    "report --contact with a NUL": (
        lambda t: ["report", REF, "--pdf", "-", "--contact", "x\x00"],
        "--contact: ",
    ),
    "report --delay-reason of 25,000 characters": (
        lambda t: ["report", REF, "--kind", "ico", "--pdf", "-", "--delay-reason", LONG],
        "--delay-reason: is too long",
    ),
    "report a reference with undecodable bytes": (
        lambda t: ["report", SURROGATE, "--pdf", "-"],
        "SOURCE: no such facts file, and is not UTF-8 text",
    ),
    "report a 25,000-character reference": (
        lambda t: ["report", LONG, "--pdf", "-"],
        "SOURCE: no such facts file, and is too long",
    ),
    "report a 100-character reference": (
        lambda t: ["report", "IG-" + "9" * 97, "--pdf", "-"],
        "SOURCE: no such facts file, and is too long for a breach reference",
    ),
    "a path with a NUL": (lambda t: ["import", "in\x00.json"], "FILE: contains a NUL"),
    "a --db URL with a NUL": (
        lambda t: ["list", "--db", "sqlite:///x\x00.db"],
        "--db: contains a NUL",
    ),
}


@pytest.mark.parametrize("case", list(OPTION_CASES))
def test_an_option_the_register_cannot_hold_is_refused(
    case: str, target: Target, attempt: Callable[..., Refused]
) -> None:
    build, fragment = OPTION_CASES[case]
    assert_one_line(attempt(*build(target)), fragment)


# --- what is stored is shown, never obeyed ---------------------------------------------------


def test_escape_sequences_in_stored_text_are_printed_escaped(
    target: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "\x1b[2J\x1b]0;owned\x07Payslip \u202eexe.pdf\x9b31m"
    facts = tmp_path / "escape.json"
    facts.write_text(json.dumps(facts_dict(title=hostile, description=hostile)), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", target.url, "assess", str(facts), "--save"]) == 0
    saved = capsys.readouterr().out.split(":", 1)[0]
    for args in (["list"], ["show", saved], ["list", "--json"], ["show", saved, "--json"]):
        assert main(["--db", target.url, *args]) == 0
        out = capsys.readouterr().out
        for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert raw not in out, (args, raw)
        if "--json" not in args:
            assert "\\x1b[2J\\x1b]0;owned\\x07Payslip \\u202eexe.pdf\\x9b31m" in out
            continue
        shown = json.loads(out)  # the JSON still carries the text exactly, as escapes
        titles = [b["title"] for b in shown] if args[0] == "list" else [shown["facts"]["title"]]
        assert hostile in titles


def test_an_empty_array_imports_nothing_and_says_so(
    target: Target, attempt: Callable[..., Refused], tmp_path: Path
) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]", encoding="utf-8")
    result = attempt("import", str(path))
    assert (result.status, result.err) == (0, "")
    assert result.out == "nothing was imported: the file holds no breaches\n"


def test_an_evidence_file_over_the_limit_is_refused_by_size_without_reading_it_all(
    target: Target, attempt: Callable[..., Refused], tmp_path: Path
) -> None:
    big = tmp_path / "video.mp4"
    with big.open("wb") as fh:  # sparse: 1 GB on paper, nothing on disk
        fh.truncate(1024 * 1024 * 1024)
    result = attempt(
        "actions", "done", str(target.action_id), "--evidence", "x", "--file", str(big)
    )
    assert result.status == 1
    assert result.err.splitlines() == [
        "breach-desk: refused: video.mp4 is 1024.0 MB; evidence files are kept in the register, "
        f"up to {MAX_EVIDENCE_FILE_BYTES // 1024 // 1024} MB each. Attach a smaller copy "
        "(a PDF or a scan at lower resolution)."
    ]


# --- through a real process: pipes -----------------------------------------------------------


def _run(env: dict[str, str], *args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breach_desk", *args],
        env={**os.environ, "BREACH_DESK_NOW": NOW, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **kw,
    )


def test_import_of_a_fifo_returns_at_once_even_with_no_writer(target: Target) -> None:
    p = _run({"BREACH_DESK_DB": target.url}, "import", str(target.fifo))
    assert p.returncode == 2
    assert p.stderr == f"breach-desk: {target.fifo}: is a pipe (FIFO), not a file\n"


def test_evidence_from_a_fifo_returns_at_once_even_with_no_writer(target: Target) -> None:
    p = _run(
        {"BREACH_DESK_DB": target.url},
        *("actions", "done", str(target.action_id), "--evidence", "x", "--file", str(target.fifo)),
    )
    assert p.returncode == 2
    assert p.stderr == f"breach-desk: {target.fifo}: is a pipe (FIFO), not a file\n"


def test_standard_input_is_read_only_up_to_the_limit() -> None:
    with open("/dev/zero", "rb") as zeros:
        p = _run({}, "assess", "-", stdin=zeros)
    assert p.returncode == 2
    assert p.stderr == "breach-desk: -: the input is too large (the limit is 5 MB)\n"


def test_list_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    lines = tmp_path / "many.jsonl"
    lines.write_text(
        "\n".join(json.dumps(facts_dict(title=f"Breach {n}")) for n in range(400)), encoding="utf-8"
    )
    url = f"sqlite:///{tmp_path / 'many.sqlite3'}"
    assert _run({"BREACH_DESK_DB": url}, "import", str(lines)).returncode == 0
    env = {**os.environ, "BREACH_DESK_NOW": NOW, "BREACH_DESK_DB": url}
    for args in (["list"], ["list", "--json"], ["export"]):
        lister = subprocess.Popen(
            [sys.executable, "-m", "breach_desk", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert lister.stdout is not None
        assert lister.stderr is not None
        lister.stdout.readline()  # head -1
        lister.stdout.close()
        err = lister.stderr.read().decode()
        assert lister.wait(timeout=60) == 0, err
        assert err == "", err


# --- files written: personal data, readable by its owner only --------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A user whose umask lets everyone read new files (0022, the usual default)."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_exports_reports_and_evidence_are_written_0600(
    target: Target, tmp_path: Path, open_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", target.url]
    out = tmp_path / "out"
    out.mkdir()
    written = {
        "register.json": ["export", "-o", str(out / "register.json")],
        "register.csv": ["export", "-o", str(out / "register.csv")],
        "register.xlsx": ["export", "-o", str(out / "register.xlsx")],
        "assessment.pdf": ["report", REF, "--pdf", str(out / "assessment.pdf")],
        "letter.pdf": [
            *("report", REF, "--kind", "letter", "--organisation", "Council"),
            *("--contact", "The DPO", "--pdf", str(out / "letter.pdf")),
        ],
        "actions.csv": ["actions", "list", "-o", str(out / "actions.csv")],
        "actions.xlsx": ["actions", "list", "-o", str(out / "actions.xlsx")],
        "pack.pdf": ["evidence", REF, "--pdf", str(out / "pack.pdf")],
    }
    (out / "register.json").write_text("old, world-readable", encoding="utf-8")
    os.chmod(out / "register.json", 0o644)
    for name, args in written.items():
        status = main([*db, *args])
        assert status == 0, (name, capsys.readouterr().err)
        assert _mode(out / name) == 0o600, name
    assert sorted(p.name for p in out.iterdir()) == sorted(written), "a .part file was left"
    json.loads((out / "register.json").read_text(encoding="utf-8"))

    scan = tmp_path / "signed-plan.txt"
    scan.write_text("Safety plan agreed with Mr B", encoding="utf-8")
    os.chmod(scan, 0o644)
    capsys.readouterr()
    assert main([*db, "actions", "attach", str(target.action_id), str(scan)]) == 0
    line = capsys.readouterr().out
    file_id = line.split()[1].rstrip(":")
    files = out / "evidence"
    assert main([*db, "evidence", REF, "--pdf", str(out / "pack2.pdf"), "--files", str(files)]) == 0
    assert main([*db, "actions", "file", file_id, "-o", str(out / "copy.txt")]) == 0
    assert _mode(files) == 0o700
    assert [(p.name, _mode(p)) for p in files.iterdir()] == [(f"{file_id}-signed-plan.txt", 0o600)]
    assert _mode(out / "copy.txt") == 0o600
    assert (out / "copy.txt").read_text(encoding="utf-8") == "Safety plan agreed with Mr B"


def test_an_export_that_cannot_be_written_leaves_nothing(
    target: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--db", target.url, "export", "-o", str(tmp_path)])
    assert status == 1
    assert capsys.readouterr().err == f"breach-desk: {tmp_path}: cannot write it (it is a folder)\n"
    assert list(tmp_path.iterdir()) == []


# --- databases that are not registers, or are damaged ----------------------------------------


def _register(path: Path) -> str:
    url = f"sqlite:///{path}"
    facts = path.with_suffix(".json")
    facts.write_text(json.dumps(SEED), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", url, "assess", str(facts), "--save"]) == 0
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return url


def test_another_programs_database_is_refused_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "payroll.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO employees VALUES (1, 'A. Person')")
    con.commit()
    con.close()
    facts = tmp_path / "f.json"
    facts.write_text(json.dumps(facts_dict()), encoding="utf-8")
    for args in (["list"], ["assess", str(facts), "--save"], ["db", "upgrade"]):
        capsys.readouterr()
        assert main(["--db", f"sqlite:///{path}", *args]) == 1
        assert capsys.readouterr().err == (
            f"breach-desk: {path} is not a Breach Desk register: it holds other tables "
            "(employees) and no register schema. Nothing was changed. Give the path of a "
            "register, or of a new file\n"
        )
    con = sqlite3.connect(path)
    tables = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    con.close()
    assert tables == [("employees",)]
    assert not [p for p in tmp_path.iterdir() if ".bak" in p.name]


def test_a_damaged_register_is_read_but_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.sqlite3"
    url = _register(path)
    con = sqlite3.connect(path)
    # Damage a page the register's list never reads: an index of the audit log.
    root, page = con.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size()) FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = 'audit_log' ORDER BY name LIMIT 1"
    ).fetchone()
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page)
        fh.write(b"\x0d" + b"\xff" * 11)
    before = path.read_bytes()

    capsys.readouterr()
    assert main(["--db", url, "list"]) == 0
    assert REF in capsys.readouterr().out
    facts = tmp_path / "new.json"
    facts.write_text(json.dumps(facts_dict()), encoding="utf-8")
    for args in (
        ["assess", str(facts), "--save"],
        ["reassess", REF, str(facts), "--reason", "new facts"],
    ):
        assert main(["--db", url, *args]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"breach-desk: the register file is damaged ({path}): SQLite's check")
        assert len(err.splitlines()) == 1
    assert path.read_bytes() == before


def _mount_tiny_disk(where: Path, size: str) -> bool:
    where.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def test_the_backup_before_an_upgrade_on_a_full_disk_says_so_and_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = tmp_path / "disk"
    if not _mount_tiny_disk(disk, "1m"):
        pytest.skip("needs a small file system: mounting tmpfs needs root on Linux")
    try:
        path = disk / "register.sqlite3"
        url = _register(path)
        from breach_desk.services.register import Register
        from breach_desk.store.migrate import downgrade

        with Register.open(url) as reg:
            downgrade(reg.store, "0002")
        filler = disk / "filler"
        with filler.open("wb") as fh:  # leave less room than the register takes
            free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
            fh.write(b"\0" * max(0, free - path.stat().st_size // 2))
        before = path.read_bytes()
        capsys.readouterr()
        assert main(["--db", url, "list"]) == 1
        err = capsys.readouterr().err
        assert err.startswith(
            f"breach-desk: the register ({path}) needs a schema upgrade, and a backup is made "
            "first; it could not be made: the disk is full"
        ), err
        assert len(err.splitlines()) == 1
        assert [p.name for p in disk.iterdir() if ".bak" in p.name or ".part" in p.name] == []
        assert path.read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_nan_kept_by_an_older_register_is_never_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "older.sqlite3"
    url = _register(path)
    con = sqlite3.connect(path)  # what a register written before NaN was refused may hold
    changed = con.execute(
        "UPDATE assessment_versions SET facts = replace(facts, '\"loss\":{', "
        '\'"loss":{"outage_hours":NaN,\')'
    ).rowcount
    con.commit()
    con.close()
    assert changed == 1

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} was written out")

    capsys.readouterr()
    for args in (["export"], ["show", REF, "--json"]):
        assert main(["--db", url, *args]) == 0
        out = capsys.readouterr().out
        assert "NaN" not in out
        json.loads(out, parse_constant=refuse)


NUMBERS = {
    "actions show": lambda t: ["actions", "show", str(10**20)],
    "actions start": lambda t: ["actions", "start", "99999999999"],
    "actions file": lambda t: ["actions", "file", str(2**31), "-o", "out.bin"],
    "actions done": lambda t: ["actions", "done", "-1", "--evidence", "x"],
    "reassess --expect-version": lambda t: [
        *("reassess", REF, "-", "--reason", "new facts", "--expect-version", str(10**30)),
    ],
    "report --assessment-version": lambda t: [
        *("report", REF, "--pdf", "-", "--assessment-version", "1" + "0" * 5000),
    ],
    "list --limit": lambda t: ["list", "--limit", "-5"],
}


@pytest.mark.parametrize("case", list(NUMBERS))
def test_a_number_no_register_holds_is_a_usage_error(
    case: str, target: Target, attempt: Callable[..., Refused], capsys: pytest.CaptureFixture[str]
) -> None:
    """Ids and versions past the database's integers once overflowed in the driver."""
    before = target.snapshot()
    with pytest.raises(SystemExit) as stopped:
        attempt(*NUMBERS[case](target))
    assert stopped.value.code == 2
    assert target.snapshot() == before
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "error: argument" in err.splitlines()[-1]


@pytest.mark.parametrize("kind", ["a device", "a pipe", "a folder"])
def test_a_register_path_that_is_not_a_file_is_refused_in_words(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = {"a device": Path("/dev/zero"), "a pipe": tmp_path / "r.sqlite3", "a folder": tmp_path}
    path = paths[kind]
    if kind == "a pipe":
        os.mkfifo(path)
    said = {"a pipe": "a pipe (FIFO)"}.get(kind, kind)
    capsys.readouterr()
    assert main(["--db", f"sqlite:///{path}", "list"]) == 1
    assert capsys.readouterr().err == (
        f"breach-desk: {path} is {said}, not a file: a register is a SQLite file\n"
    )


def test_a_backup_that_fails_half_way_is_removed_and_the_register_left_as_it_was(
    tmp_path: Path,
) -> None:
    """The copy stops part-way (here: a file-size limit, as a quota would): no partial .bak."""
    path = tmp_path / "register.sqlite3"
    url = _register(path)
    from breach_desk.services.register import Register
    from breach_desk.store.migrate import downgrade

    with Register.open(url) as reg:
        downgrade(reg.store, "0002")
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = path.read_bytes()
    limit = len(before) // 2
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from breach_desk.cli import main\n"
        f"sys.exit(main(['--db', {url!r}, 'list']))\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "BREACH_DESK_NOW": NOW},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert p.returncode == 1, p.stderr
    assert p.stderr.startswith(
        f"breach-desk: the register ({path}) needs a schema upgrade, and a backup is made first; "
        "it could not be made:"
    ), p.stderr
    assert len(p.stderr.splitlines()) == 1
    assert [q.name for q in tmp_path.iterdir() if ".bak" in q.name] == []
    assert path.read_bytes() == before


def test_a_nul_kept_by_an_older_register_is_still_read_and_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "older.sqlite3"
    url = _register(path)
    con = sqlite3.connect(path)  # SQLite took a NUL before text was checked for one
    changed = con.execute(
        "UPDATE assessment_versions SET facts = replace(facts, '\"Email address', "
        "'\"Email\\u0000address')"
    ).rowcount
    con.commit()
    con.close()
    assert changed == 1
    capsys.readouterr()
    assert main(["--db", url, "show", REF]) == 0
    out = capsys.readouterr().out
    assert "\x00" not in out
    assert main(["--db", url, "export"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"].startswith("Email\x00address")


def test_text_a_window_builds_can_be_checked_by_the_same_rules() -> None:
    """For the wizard and the services: a NUL pasted into a field is named, not sent on."""
    from breach_desk.facts_io import text_problems

    built = facts_dict(**{"subjects.people": [{"name": "Mr\x00B"}, {"name": "caf\udce9"}]})
    assert [str(p) for p in text_problems(built)] == [
        "subjects.people[0].name: contains a NUL character (\\u0000), which text cannot hold",
        "subjects.people[1].name: contains a lone surrogate (\\udce9), which is not valid "
        "Unicode text",
    ]
    assert text_problems(facts_dict()) == []


def test_a_pdf_is_never_written_to_a_terminal(target: Target) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        p = subprocess.run(
            [sys.executable, "-m", "breach_desk", "report", REF, "--pdf", "-"],
            env={**os.environ, "BREACH_DESK_NOW": NOW, "BREACH_DESK_DB": target.url},
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert p.returncode == 2
    assert p.stderr.splitlines() == [
        "breach-desk: --pdf: a PDF is binary and would garble the terminal: give --pdf OUT.pdf, "
        "or send it to a program (--pdf - | lpr)"
    ]
