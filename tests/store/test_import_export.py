"""Import (all or nothing, every problem with its line and field) and export (JSON re-imports;
CSV and XLSX for spreadsheets, never running a typed formula)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from builders import facts, facts_dict
from openpyxl import load_workbook

from breach_desk.services.register import ImportRejected, Register
from breach_desk.store.exporting import write_csv, write_json, write_xlsx


def jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
        encoding="utf-8",
    )
    return path


def exported(register: Register) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_json(register.export_records(), out)
    data: list[dict[str, Any]] = json.loads(out.getvalue())
    return data


def test_json_lines_import_assigns_references_and_assesses(
    register: Register, tmp_path: Path
) -> None:
    path = jsonl(tmp_path / "in.jsonl", [facts_dict(title=f"Letter {n}") for n in range(3)])
    refs = register.import_file(path)
    assert refs == ["IG-2026-0001", "IG-2026-0002", "IG-2026-0003"]
    breach = register.get("IG-2026-0002")
    assert breach.title == "Letter 1"
    assert breach.latest is not None
    assert breach.latest.assessment.reference == "IG-2026-0002"
    assert len(breach.recommendations) == len(breach.latest.assessment.recommendations)
    (entry,) = register.history("IG-2026-0002")
    assert (entry.action, entry.reason) == ("breach.created", "imported")
    assert entry.after["facts"]["title"] == "Letter 1"  # type: ignore[index]
    assert register.verify_audit().ok


def test_json_array_import(register: Register, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps([facts_dict(title="A"), facts_dict(title="B")], indent=2))
    assert register.import_file(path) == ["IG-2026-0001", "IG-2026-0002"]
    assert [s.title for s in register.list_breaches(sort="reference", descending=False)] == [
        "A",
        "B",
    ]


def test_one_bad_record_and_nothing_is_written(register: Register, tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "in.jsonl",
        [
            facts_dict(title="Good one"),
            {k: v for k, v in facts_dict().items() if k != "title"},
            facts_dict(title="Good two"),
            '{"title": "broken',
            "",
            facts_dict(**{"subjects.count": "many"}),
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        register.import_file(path)
    found = [(p.line, p.path) for p in caught.value.problems]
    assert found == [(2, "title"), (4, ""), (6, "subjects.count")]
    assert "required" in caught.value.problems[0].message
    assert "not valid JSON" in caught.value.problems[1].message
    assert str(caught.value.problems[2]).startswith("line 6: subjects.count: ")
    assert "3 records" in str(caught.value)
    assert register.count_breaches() == 0
    assert register.verify_audit().entries == 0
    assert register.finalise(facts()).reference == "IG-2026-0001"  # no number was used up


def test_a_bad_record_in_an_array_is_named_by_its_line(register: Register, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    records = [facts_dict(title="One"), facts_dict(**{"loss.confidentiality": "leaked"})]
    text = json.dumps(records, indent=2)
    path.write_text(text)
    with pytest.raises(ImportRejected) as caught:
        register.import_file(path)
    (problem,) = caught.value.problems
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == "  {"]
    second_starts = starts[1]
    assert (problem.line, problem.record, problem.path) == (
        second_starts,
        2,
        "loss.confidentiality",
    )
    assert str(problem).startswith(f"line {second_starts} (record 2): loss.confidentiality")


def test_references_already_used_are_refused(register: Register, tmp_path: Path) -> None:
    register.finalise(facts(reference="IG-2020-7"))
    path = jsonl(
        tmp_path / "in.jsonl",
        [
            facts_dict(reference="IG-2020-7"),
            facts_dict(reference="IG-2020-8"),
            facts_dict(reference="IG-2020-8"),
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        register.import_file(path)
    messages = sorted((p.line, p.message) for p in caught.value.problems)
    assert messages == [
        (1, "IG-2020-7 is already in the register"),
        (3, "IG-2020-8 is also used by record 2"),
    ]
    assert register.count_breaches() == 1


def test_a_reference_further_down_is_not_handed_out_again(
    register: Register, tmp_path: Path
) -> None:
    path = jsonl(
        tmp_path / "in.jsonl",
        [facts_dict(), facts_dict(reference="IG-2026-0001"), facts_dict()],
    )
    assert register.import_file(path) == ["IG-2026-0002", "IG-2026-0001", "IG-2026-0003"]


def test_records_match_the_register_and_earlier_records_of_the_file(
    register: Register, tmp_path: Path
) -> None:
    def only(people: list[dict[str, str]], recipient: str) -> dict[str, Any]:
        return {
            "subjects.people": people,
            "recipients": [{"label": recipient, "kind": "member_of_public"}],
        }

    before = register.finalise(facts(title="Old", **only([{"identifier": "C-1"}], "Flat 1")))
    path = jsonl(
        tmp_path / "in.jsonl",
        [
            facts_dict(
                title="First", **only([{"email": "Kim@Example.org", "identifier": "C-1"}], "Flat 2")
            ),
            facts_dict(title="Second", **only([{"email": "kim@example.org"}], "Flat 3")),
        ],
    )
    first, second = register.import_file(path)
    assert [m.reference for m in register.get(first).related] == [before.reference]
    related = register.get(second).related
    assert [m.reference for m in related] == [first]
    assert "kim@example.org" in related[0].matched_on
    assert register.get(second).latest.assessment.is_repeat  # type: ignore[union-attr]


def test_helper_processes_store_exactly_what_one_process_does(db_url: str, tmp_path: Path) -> None:
    people = [{"name": f"Person {n % 7}", "email": f"p{n % 11}@example.org"} for n in range(40)]
    records = [
        facts_dict(title=f"Breach {n}", **{"subjects.people": [people[n]]}) for n in range(40)
    ]
    path = jsonl(tmp_path / "in.jsonl", records)
    results = []
    for helpers in (0, 2):
        url = db_url if helpers else f"sqlite:///{tmp_path / 'alone.sqlite3'}"
        with Register.open(url) as reg:
            refs = reg.import_file(path, helpers=helpers)
            summaries = [
                (s.reference, s.risk, s.is_repeat, s.open_recommendations)
                for s in reg.list_breaches(sort="reference")
            ]
            related = [[m.reference for m in reg.get(r).related] for r in refs[::7]]
            results.append((refs, summaries, related, exported(reg)))
            assert reg.verify_audit().ok
    assert results[0] == results[1]


def test_json_export_round_trips_through_import(register: Register, tmp_path: Path) -> None:
    first = register.finalise(
        facts(title='Café <b>&</b> "quotes"', description="Line one\nline two", service="HR")
    )
    register.reassess(first.reference, facts(title="Corrected title", service="HR"), "typo")
    register.finalise(facts(reference="IG-1999-42", **{"subjects.people": [{"name": "Zoë"}]}))
    original = exported(register)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(original))
    with Register.open(f"sqlite:///{tmp_path / 'copy.sqlite3'}") as copy:
        assert copy.import_file(path) == ["IG-2026-0001", "IG-1999-42"]
        assert exported(copy) == original
    assert original[0]["title"] == "Corrected title"


def test_csv_export_is_the_register_and_neutralises_formulas(register: Register) -> None:
    register.finalise(facts(title='=HYPERLINK("http://evil","click")', service="+Payroll"))
    out = io.StringIO()
    assert write_csv(register.export_records(), out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["Reference"] == "IG-2026-0001"
    assert rows[0]["Title"] == '\'=HYPERLINK("http://evil","click")'
    assert rows[0]["Service"] == "'+Payroll"
    # values in the one vocabulary's words, never the program's own names
    assert rows[0]["Risk"] == "Unlikely to result in a risk"
    assert rows[0]["Status"] == "Assessed"
    assert "_" not in rows[0]["Cause"] + rows[0]["Kinds of data"]
    assert rows[0]["Open recommendations"] == "6"


def test_xlsx_export_keeps_a_formula_as_text(register: Register, tmp_path: Path) -> None:
    register.finalise(facts(title="=1+1"))
    target = tmp_path / "register.xlsx"
    assert write_xlsx(register.export_records(), target) == 1
    sheet = load_workbook(target).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    title = sheet.cell(row=2, column=header.index("Title") + 1)
    assert title.value == "=1+1"
    assert title.data_type == "s"


def test_an_empty_file_is_refused_and_an_empty_array_imports_nothing(
    register: Register, tmp_path: Path
) -> None:
    (tmp_path / "empty.jsonl").write_text("  \n")
    with pytest.raises(ImportRejected, match="nothing was imported"):
        register.import_file(tmp_path / "empty.jsonl")
    (tmp_path / "none.json").write_text("[ ]")
    assert register.import_file(tmp_path / "none.json") == []


def test_a_large_import_leaves_the_planner_fresh_statistics(
    engine_name: str, register: Register, tmp_path: Path
) -> None:
    """Without them, after 100,000: PostgreSQL's first page took 90 ms instead of 6; SQLite's
    Dashboard 0.9 s instead of 0.5 s and a filtered list 280 ms instead of 150 ms."""
    from sqlalchemy import text

    from breach_desk.services.preparing import PARALLEL_FROM

    path = jsonl(tmp_path / "in.jsonl", [facts_dict(title=f"B{n}") for n in range(PARALLEL_FROM)])
    register.import_file(path)
    query = (
        "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema() "
        "AND relname IN ('breaches', 'recommendations') AND last_analyze IS NOT NULL"
        if engine_name == "postgresql"
        else "SELECT count(DISTINCT tbl) FROM sqlite_stat1 WHERE tbl IN ('breaches', "
        "'recommendations') AND CAST(stat AS INTEGER) >= :n"
    )
    with register.store.engine.connect() as conn:
        analysed = conn.execute(text(query), {"n": PARALLEL_FROM}).scalar_one()
        if engine_name == "postgresql":
            # Vacuumed too, so that its pages are marked all-visible once no older transaction
            # needs them, and the overdue count is read from the index alone rather than row by
            # row from the table (for good where autovacuum is off).
            vacuumed = conn.execute(
                text(
                    "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
                    "WHERE schemaname = current_schema() AND relname = 'recommendations'"
                )
            ).scalar_one()
            assert vacuumed
    assert analysed == 2


def test_a_register_made_before_statistics_gets_them_when_upgraded(tmp_path: Path) -> None:
    """A SQLite register from before 0010 is analysed once by the upgrade (the start of the app
    or any command), so its lists are quick without a bulk import."""
    import sqlite3

    from breach_desk.store.migrate import downgrade, ensure_schema

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    with Register.open(url) as reg:
        reg.import_file(jsonl(tmp_path / "in.jsonl", [facts_dict(title=f"B{n}") for n in range(5)]))
        downgrade(reg.store, "0006")
    with sqlite3.connect(tmp_path / "old.sqlite3") as conn:
        conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
    with Register.open(url) as reg:
        ensure_schema(reg.store)
    with sqlite3.connect(tmp_path / "old.sqlite3") as conn:
        tables = {row[0] for row in conn.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"breaches", "recommendations"} <= tables


def test_a_large_array_is_read_in_chunks_with_the_right_lines(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exported register is read a piece at a time; records and lines cross the pieces."""
    from breach_desk.store import sources

    monkeypatch.setattr(sources._Buffer, "CHUNK", 97)
    records = [facts_dict(title=f"Breach {n}", description="é" * n) for n in range(30)]
    path = tmp_path / "in.json"
    text = json.dumps(records, indent=2, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    assert len(register.import_file(path)) == 30
    assert exported(register)[29]["description"] == "é" * 29

    records[17]["subjects"]["count"] = -1
    path.write_text(json.dumps(records, indent=2, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        register.import_file(path)
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == "  {"]
    (problem,) = caught.value.problems
    assert (problem.record, problem.line, problem.path) == (18, starts[17], "subjects.count")


def test_an_import_gives_back_the_page_cache_it_borrowed(tmp_path: Path) -> None:
    """SQLite: the import writes with a large page cache (its indexes outgrow the default 2 MB),
    then the connection goes back to the pool, and to the window, with the default again."""
    from sqlalchemy import text

    with Register.open(f"sqlite:///{tmp_path / 'r.sqlite3'}") as reg:
        with reg.store.engine.connect() as conn:
            usual = conn.execute(text("PRAGMA cache_size")).scalar_one()
        reg.import_file(jsonl(tmp_path / "in.jsonl", [facts_dict(title=f"B{n}") for n in range(3)]))
        with reg.store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA cache_size")).scalar_one() == usual


def test_a_large_import_matches_records_surveyed_by_its_helpers(
    register: Register, tmp_path: Path
) -> None:
    """Past the first few thousand records, what each record brings is read by the import's
    helper processes: a record far down the file still finds the earlier one about the same
    person, and only that one."""
    from breach_desk.services.preparing import SURVEY_HERE

    def one(n: int) -> dict[str, Any]:
        return facts_dict(
            title=f"B{n}", recipients=[{"label": f"Recipient {n}", "kind": "member_of_public"}]
        )

    records = [one(n) for n in range(SURVEY_HERE + 2500)]
    ann = {"count": 1, "people": [{"name": "Ann Example", "email": "ann@example.org"}]}
    records[10]["subjects"] = ann
    records[SURVEY_HERE + 2400]["subjects"] = ann
    refs = register.import_file(jsonl(tmp_path / "in.jsonl", records))
    later = register.get(refs[SURVEY_HERE + 2400]).versions[-1].assessment
    assert [m.reference for m in later.repeat] == [refs[10]]
    assert not register.get(refs[SURVEY_HERE + 1000]).versions[-1].assessment.repeat
