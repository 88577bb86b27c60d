"""Reading a council's own log: headers it was never told about, UK dates in every form,
yes/no and RAG words, several people in a cell, and every problem beside its row."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import pytest
from logs import northshire_xlsx, two_sheet_xlsx, westborough_csv, westborough_row

from breach_desk.domain.facts import Facts
from breach_desk.services.oldlog_read import (
    FIELDS,
    BadValue,
    LogDate,
    LogFileError,
    read_date,
    read_log,
    suggest,
)


def _paths(cls: type, prefix: str = "") -> set[str]:
    """Every dotted path of the facts, walking the dataclasses (tuples of them included)."""
    out: set[str] = set()
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        path = f"{prefix}{f.name}"
        out.add(path)
        hint = hints[f.name]
        candidates = [hint, *typing.get_args(hint)]
        for c in candidates:
            inner = typing.get_args(c) if typing.get_origin(c) is tuple else (c,)
            for i in inner:
                if dataclasses.is_dataclass(i) and isinstance(i, type):
                    out |= _paths(i, path + ".")
    return out


def test_every_facts_field_the_import_accepts_exists_in_the_facts() -> None:
    paths = _paths(Facts)
    accepted = [f.name for f in FIELDS if not f.name.startswith("log.")]
    missing = [name for name in accepted if name not in paths]
    assert missing == [], f"the import maps to fields the facts no longer have: {missing}"
    assert "subjects.people.name" in accepted
    assert "recipients.email" in accepted


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("15/03/2021", "2021-03-15"),
        ("15/3/21", "2021-03-15"),
        ("15-Mar-21", "2021-03-15"),
        ("15 March 2021", "2021-03-15"),
        ("15th March 2021", "2021-03-15"),
        ("March 15, 2021", "2021-03-15"),
        ("15.03.2021", "2021-03-15"),
        ("2021-03-15", "2021-03-15"),
        ("15/03/2021 14:30", "2021-03-15T14:30"),
        ("44270", "2021-03-15"),
        (44270, "2021-03-15"),
        ("March 2021", "2021-03"),
        ("Mar-21", "2021-03"),
        ("03/2021", "2021-03"),
        ("2021", "2021"),
    ],
)
def test_uk_dates_in_any_common_form(text: object, iso: str) -> None:
    found = read_date(text)
    assert found is not None
    assert found.isoformat() == iso


@pytest.mark.parametrize("text", ["31/02/2021", "29/02/2021", "13/13/2021", "next Tuesday"])
def test_a_date_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(BadValue):
        read_date(text)


def test_a_partial_date_is_kept_at_its_precision() -> None:
    assert LogDate.parse("2021-06").isoformat() == "2021-06"
    assert LogDate.parse("2021").isoformat() == "2021"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Date reported", "aware_at"),
        ("Directorate/Service", "service"),
        ("Summary of incident", "description"),
        ("No. of individuals affected", "subjects.count"),
        ("Reported to ICO? (Y/N)", "log.ico_reported"),
        ("Date ICO informed", "log.ico_reported_at"),
        ("Data subjects informed", "log.people_told"),
        ("RAG / Severity", "log.risk"),
        ("Actions taken", "log.actions"),
        ("Lessons learned", "log.lessons"),
        ("Date breach reported", "aware_at"),
        ("Officer notes", "ignore"),
    ],
)
def test_headers_suggest_fields(header: str, field: str) -> None:
    assert suggest(header) == field


def test_northshire_workbook_read_under_its_merged_title(tmp_path: Path) -> None:
    preview = read_log(northshire_xlsx(tmp_path))
    assert preview.header_row == 3
    assert preview.sheet == "Breach log"
    assert preview.sheets == ("Breach log", "Summary")
    assert preview.problems == []
    rows = {r.values["reference"]: r.values for r in preview.rows}
    first = rows["NS-2021-004"]
    assert first["aware_at"].isoformat() == "2021-03-15T10:30"
    assert first["subjects.people.name"] == ("Mr Brian Hollis", "Mrs Jean Hollis")
    assert first["log.ico_reported"] is True
    assert first["log.ico_reported_at"].isoformat() == "2021-03-17"
    assert first["log.risk"] == "Red"
    # a month alone stays a month; a blank count stays unknown (no zero, no default)
    assert rows["NS-2021-011"]["aware_at"].isoformat() == "2021-06"
    assert "subjects.count" not in rows["NS-2021-011"]
    # an Excel serial number; a formula with no saved value is not evaluated: unknown
    assert rows["NS-2021-019"]["aware_at"].isoformat() == "2021-10-01"
    assert "subjects.count" not in rows["NS-2021-019"]
    assert rows["NS-2021-019"]["log.risk"] == "3"
    assert rows["NS-2022-002"]["aware_at"].isoformat() == "2022"
    assert rows["NS-2022-002"]["subjects.people.name"] == ("Peter Yeo", "Sandra Yeo")
    assert rows["NS-2022-002"]["log.ico_reported"] is False


def test_westborough_csv_with_its_own_words(tmp_path: Path) -> None:
    preview = read_log(westborough_csv(tmp_path))
    assert preview.problems == []
    mapped = preview.mapping()
    assert mapped["Date of breach"] == "occurred_at"
    assert mapped["Type"] == "cause"
    assert mapped["Recipient poses a risk"] == "recipients.poses_risk_to_subject"
    rows = {r.values["reference"]: r.values for r in preview.rows}
    assert rows["WB/21/07"]["cause"].value == "human_error"
    assert [c.value for c in rows["WB/21/07"]["data.categories"]] == ["health", "social_care"]
    assert rows["WB/21/12"]["cause"].value == "malicious_external"  # lost/stolen: taken
    assert rows["WB/22/01"]["cause"].value == "malicious_external"
    assert rows["WB/22/01"]["subjects.count"] == 1250
    assert rows["WB/22/01"]["subjects.people.email"] == ("a.one@example.org", "b.two@example.org")
    assert rows["WB/22/01"]["aware_at"].isoformat() == "2022-01-14"


def test_a_sheet_is_chosen_by_name(tmp_path: Path) -> None:
    path = two_sheet_xlsx(tmp_path)
    assert [r.values["reference"] for r in read_log(path).rows] == ["Y21-1"]
    later = read_log(path, sheet="2022")
    assert [r.values["reference"] for r in later.rows] == ["Y22-1", "Y22-2"]
    with pytest.raises(LogFileError, match='no sheet "2023"'):
        read_log(path, sheet="2023")


def test_every_problem_names_row_column_and_value(tmp_path: Path) -> None:
    bad = [
        westborough_row(
            {
                "Ref": "WB/1",
                "Date breach reported": "31/02/2021",
                "Department": "Education",
                "Description": "A",
                "Type": "Misdirected email",
                "Data involved": "health",
                "ICO notified": "Y",
            }
        ),
        westborough_row(
            {
                "Ref": "WB/2",
                "Date breach reported": "01/03/2021",
                "Department": "Education",
                "Description": "B",
                "Type": "Act of God",
                "Data involved": "telepathy",
                "Number affected": "many",
                "ICO notified": "Maybe",
                "Risk rating": "Purple",
                "Data subject email": "not-an-email",
            }
        ),
        westborough_row({"Ref": "WB/3", "Department": "Education"}),
        westborough_row(
            {
                "Ref": "WB/1",
                "Date breach reported": "02/03/2021",
                "Department": "Education",
                "Description": "C",
            }
        ),
    ]
    preview = read_log(westborough_csv(tmp_path, bad))
    lines = [str(p) for p in preview.problems]
    assert 'row 2, column "Date breach reported": "31/02/2021" is not a date that exists' in lines
    assert any(
        line.startswith('row 3, column "Type": "Act of God" is not a cause') for line in lines
    )
    assert any(line.startswith('row 3, column "Data involved": "telepathy"') for line in lines)
    assert any(
        line.startswith('row 3, column "Number affected": "many" is not a whole number')
        for line in lines
    )
    assert any("Maybe" in line and "accepted: Y, Yes" in line for line in lines)
    assert any('"Purple" is not a severity' in line for line in lines)
    assert any('"not-an-email"' in line for line in lines)
    assert any(line.startswith('row 4, column "Description": is empty') for line in lines)
    assert any(line.startswith('row 4, column "Date breach reported": is empty') for line in lines)
    assert any(line.startswith('row 5, column "Ref": "WB/1" repeats row 2') for line in lines)
    kinds = preview.problems_by_kind()
    assert {
        "bad date",
        "unknown value",
        "not a number",
        "bad email",
        "required field empty",
        "repeated in the file",
    } <= set(kinds)


def test_a_mapping_overrides_the_suggestions(tmp_path: Path) -> None:
    path = westborough_csv(tmp_path)
    preview = read_log(path, mapping={"Date of breach": "ignore", "Outcome": "log.lessons"})
    mapped = preview.mapping()
    assert mapped["Date of breach"] == "ignore"
    assert mapped["Outcome"] == "log.lessons"
    with pytest.raises(LogFileError, match='no column "Nope"'):
        read_log(path, mapping={"Nope": "title"})
    with pytest.raises(LogFileError, match="not a field"):
        read_log(path, mapping={"Ref": "subjects.shoe_size"})


def test_the_stream_reader_gives_what_openpyxl_gives(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from breach_desk.services.xlsx_fast import FastBook

    for path in (northshire_xlsx(tmp_path), two_sheet_xlsx(tmp_path)):
        fast = FastBook(path)
        slow = load_workbook(path, read_only=True, data_only=True)
        try:
            assert fast.sheetnames == slow.sheetnames
            for name in slow.sheetnames:
                expected = [
                    (n, [v for v in row])
                    for n, row in enumerate(slow[name].iter_rows(values_only=True), 1)
                    if any(v is not None for v in row)
                ]
                got = [(n, row) for n, row in fast.rows(name)]
                trimmed = [
                    (n, row[: max(i for i, v in enumerate(row) if v is not None) + 1])
                    for n, row in expected
                ]
                assert got == trimmed, name
        finally:
            fast.close()
            slow.close()


def test_a_damaged_workbook_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(LogFileError, match="cannot be read as an Excel workbook"):
        read_log(path)


def test_how_it_was_discovered_is_read_in_a_logs_words(tmp_path: Path) -> None:
    path = tmp_path / "found.csv"
    path.write_text(
        "Ref,Date reported,Summary,How discovered\n"
        "A1,01/02/2021,Letter to the wrong house,Recipient rang us\n"
        "A2,02/02/2021,Laptop left on a train,Reported by staff member\n"
        "A3,03/02/2021,Records in a skip,Local press\n"
        "A4,04/02/2021,Email to the wrong school,Telepathy\n",
        encoding="utf-8",
    )
    preview = read_log(path)
    assert preview.mapping()["How discovered"] == "discovered_how"
    found = {r.values["reference"]: r.values.get("discovered_how") for r in preview.rows}
    assert found["A1"].value == "recipient_told_us"
    assert found["A2"].value == "staff_reported"
    assert found["A3"].value == "media"
    assert [str(p) for p in preview.problems] == [
        'row 5, column "How discovered": "Telepathy" is not a way of finding out Breach Desk '
        "knows (accepted: reported by staff, told by the recipient, told by the person "
        "affected, complaint, audit, third party, police or ICO, media, other)"
    ]


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p, "is a folder, not a file"),
        (lambda p: p / "missing.csv", "no such file"),
        (lambda p: _written(p / "empty.csv", b""), "is empty"),
        (
            lambda p: _written(p / "nul.csv", b"Ref,Date reported\nA\x00,01/02/2021\n"),
            "is not a readable CSV file",
        ),
    ],
)
def test_a_file_that_is_not_a_log_is_one_clear_line(tmp_path: Path, make: Any, words: str) -> None:
    with pytest.raises(LogFileError, match=words):
        read_log(make(tmp_path))


def test_words_for_not_known_leave_a_value_unknown(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(
        "Ref,Date reported,Summary,No. of individuals affected,Reported to ICO?,Date ICO informed\n"
        "G1,01/02/2021,Letter to the wrong house,Unknown,N/A,TBC\n",
        encoding="utf-8",
    )
    preview = read_log(path)
    assert preview.problems == []
    values = preview.rows[0].values
    assert "subjects.count" not in values
    assert "log.ico_reported" not in values
    assert "log.ico_reported_at" not in values


def test_a_semicolon_separated_log_and_semicolons_inside_cells(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text(
        "Ref;Date reported;Summary;Data subject\n"
        'S1;01/02/2021;Letter to the wrong house;"Ann Lee; Bob Lee"\n',
        encoding="cp1252",
    )
    row = read_log(path).rows[0].values
    assert row["subjects.people.name"] == ("Ann Lee", "Bob Lee")
    comma = tmp_path / "comma.csv"
    comma.write_text(
        "Ref,Date reported,Summary,Data subject\n"
        'C1,01/02/2021,Letter to the wrong house,"Ann Lee; Bob Lee; Cy Lee"\n'
        'C2,02/02/2021,"Email; then a call",Dee Lee\n',
        encoding="utf-8",
    )
    rows = read_log(comma).rows
    assert rows[0].values["subjects.people.name"] == ("Ann Lee", "Bob Lee", "Cy Lee")
    assert rows[1].values["description"] == "Email; then a call"


def test_excels_sep_line_names_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text(
        "sep=;\nRef;Date reported;Summary\nE1;01/02/2021;Letter, to the wrong house\n",
        encoding="utf-8",
    )
    preview = read_log(path)
    assert preview.header_row == 1
    assert preview.rows[0].row == 2
    assert preview.rows[0].values["description"] == "Letter, to the wrong house"
