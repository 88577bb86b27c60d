"""``breach-desk log template`` and ``breach-desk log import`` as a person types them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from logs import northshire_xlsx, two_sheet_xlsx, westborough_csv, westborough_row
from openpyxl import load_workbook
from store.conftest import db_url, engine_name, fixed_now, pg_schema  # noqa: F401

from breach_desk.cli import main
from breach_desk.services.oldlog_read import FIELDS, read_log


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        status = main(list(args))
        out, err = self.capsys.readouterr()
        return status, out, err


@pytest.fixture
def cli(
    db_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    monkeypatch.setenv("BREACH_DESK_DB", db_url)
    return Cli(capsys)


def test_the_template_lists_the_columns_and_explains_them(cli: Cli, tmp_path: Path) -> None:
    status, _out, _ = cli("log", "template", "-o", str(tmp_path / "t.xlsx"))
    assert status == 0
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["Breach log", "How to fill it in"]
    headers = [c.value for c in book["Breach log"][1]]
    assert headers == [f.label for f in FIELDS]
    how = list(book["How to fill it in"].iter_rows(values_only=True))
    assert how[0] == ("Column", "Field name (for --map)", "What to write", "Required")
    assert ("Reported to the ICO", "log.ico_reported") in [r[:2] for r in how]
    assert ("How it was discovered", "discovered_how") in [r[:2] for r in how]
    assert any("Y or N" in str(r[2]) for r in how)
    # a template filled in is read back column for column
    sheet = book["Breach log"]
    sheet.append(["T-1", "Test", None, "Libraries", None, "01/02/2021"])
    book.save(tmp_path / "filled.xlsx")
    preview = read_log(tmp_path / "filled.xlsx")
    assert all(c.field == f.name for c, f in zip(preview.columns, FIELDS, strict=True))
    assert preview.problems == []
    status, _, _ = cli("log", "template", "-o", str(tmp_path / "t.csv"))
    assert status == 0
    with (tmp_path / "t.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle)) == [f.label for f in FIELDS]
    status, _, err = cli("log", "template", "-o", str(tmp_path / "t.pdf"))
    assert status == 2
    assert "written as .xlsx or .csv" in err


def test_import_prints_the_mapping_and_a_summary(cli: Cli, tmp_path: Path) -> None:
    path = str(northshire_xlsx(tmp_path))
    status, out, err = cli("log", "import", path, "--dry-run")
    assert status == 0, err
    assert '"Date reported" -> aware_at' in out
    assert '"Officer notes" -> ignore' in out
    assert "Rows read: 4" in out
    assert "Would import: 4" in out
    assert "Problems: none" in out
    status, out, _ = cli("list")
    assert "NS-2021-004" not in out  # a dry run writes nothing
    status, out, _ = cli("log", "import", path)
    assert status == 0
    assert "Imported: 4" in out
    status, out, _ = cli("list")
    assert "NS-2021-004" in out
    assert "old log" in out
    june = next(x for x in out.splitlines() if x.startswith("NS-2021-011"))
    assert june.split()[1] == "2021-06"  # a month alone stays a month
    status, out, _ = cli("list", "--json")
    listed = {x["reference"]: x for x in json.loads(out)}
    assert listed["NS-2022-002"]["aware_as_logged"] == "2022"
    assert listed["NS-2022-002"]["from_old_log"] is True
    status, out, _ = cli("show", "NS-2021-004")
    assert status == 0
    assert 'From the old log: northshire-breach-log.xlsx, sheet "Breach log", row 4' in out
    assert "The log records that it was reported to the ICO on 17 March 2021." in out
    assert "ICO clock:" not in out
    assert "Recommendations:" not in out
    assert "No ICO clock, no recommendations" in out
    status, out, _ = cli("show", "NS-2021-004", "--json")
    shown = json.loads(out)
    assert shown["from_old_log"]["row"] == 4
    assert shown["record"]["log.risk"] == "Red"
    assert "facts" not in shown
    # again: nothing added, each row named
    status, out, err = cli("log", "import", path)
    assert status == 2
    assert "row 4: was imported before (it is NS-2021-004 in the register)" in err
    assert err.strip().splitlines()[-1].endswith("4 problems: nothing was imported")
    status, out, _ = cli("log", "import", path, "--on-conflict", "skip")
    assert status == 0
    assert "Skipped (imported before): 4" in out


def test_a_mapping_given_saved_and_used_again(cli: Cli, tmp_path: Path) -> None:
    path = str(westborough_csv(tmp_path))
    saved = tmp_path / "map.json"
    status, out, err = cli(
        "log",
        "import",
        path,
        "--map",
        "Outcome=log.lessons",
        "--map",
        "Date of breach=ignore",
        "--save-mapping",
        str(saved),
        "--dry-run",
    )
    assert status == 0, err
    assert '"Outcome" -> log.lessons' in out
    mapping = json.loads(saved.read_text(encoding="utf-8"))
    assert mapping["Outcome"] == "log.lessons"
    assert mapping["Date of breach"] == "ignore"
    status, out, err = cli("log", "import", path, "--mapping", str(saved))
    assert status == 0, err
    assert '"Date of breach" -> ignore' in out
    status, out, _ = cli("show", "WB/21/07", "--json")
    assert json.loads(out)["record"]["log.lessons"] == "Recalled and deleted"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--map", "Ref=shoe_size"], "shoe_size is not a field"),
        (["--map", "Nope=title"], 'has no column "Nope"'),
        (["--map", "no equals sign"], 'write it as "Header text=FIELD"'),
        (["--sheet", "2021"], "is a CSV file: it has no sheets"),
        (["--mapping", "missing.json"], "missing.json: no such file"),
    ],
)
def test_bad_options_are_one_clear_line(
    cli: Cli, tmp_path: Path, args: list[str], words: str
) -> None:
    status, _out, err = cli("log", "import", str(westborough_csv(tmp_path)), *args)
    assert status == 2
    assert words in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_bad_file_names_every_problem_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    rows = [
        westborough_row(
            {
                "Ref": "WB/1",
                "Date breach reported": "31/02/2021",
                "Department": "Education",
                "Description": "A",
                "Type": "Misdirected email",
                "ICO notified": "Y",
            }
        ),
        westborough_row(
            {
                "Ref": "WB/2",
                "Date breach reported": "01/03/2021",
                "Department": "Education",
                "Description": "B",
                "Number affected": "lots",
            }
        ),
    ]
    path = str(westborough_csv(tmp_path, rows))
    status, out, err = cli("log", "import", path)
    assert status == 2
    lines = err.strip().splitlines()
    assert (
        f'breach-desk: {path}: row 2, column "Date breach reported": "31/02/2021" is not a '
        "date that exists" in lines
    )
    assert any('row 3, column "Number affected": "lots"' in line for line in lines)
    assert "Problems: 1 bad date, 1 not a number" in out
    _, listed, _ = cli("list")
    assert "WB/2" not in listed


def test_the_second_sheet_of_a_workbook(cli: Cli, tmp_path: Path) -> None:
    path = str(two_sheet_xlsx(tmp_path))
    status, out, err = cli("log", "import", path, "--sheet", "2022")
    assert status == 0, err
    assert "Imported: 2" in out
    status, out, err = cli("log", "import", path, "--sheet", "2030")
    assert status == 2
    assert 'has no sheet "2030" (its sheets: 2021, 2022)' in err


def test_exports_keep_history_where_a_table_can_hold_it(cli: Cli, tmp_path: Path) -> None:
    cli("log", "import", str(westborough_csv(tmp_path)))
    status, _, err = cli("export", "--format", "csv", "-o", str(tmp_path / "r.csv"))
    assert status == 0
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    hyperlink = next(r for r in rows if "HYPERLINK" in r["Title"])
    assert hyperlink["Title"].startswith("'=")  # inert when opened in a spreadsheet
    status, _, _ = cli("export", "-o", str(tmp_path / "r.xlsx"))
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    titles = [c.value for c in next(sheet.iter_cols(min_col=2, max_col=2, min_row=2))]
    formula = next(t for t in titles if "HYPERLINK" in str(t))
    cell = next(c for c in sheet["B"] if c.value == formula)
    assert cell.data_type == "s"  # text, never a formula
    status, _, err = cli("export", "-o", str(tmp_path / "r.json"))
    assert status == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == []
    assert "3 breaches from the old log (not assessed) left out" in err


def test_a_line_reassessed_in_full_still_says_where_it_came_from(cli: Cli, tmp_path: Path) -> None:
    cli("log", "import", str(westborough_csv(tmp_path)))
    facts = tmp_path / "facts.json"
    facts.write_text(
        json.dumps(
            {
                "format": "breach-desk/facts/1",
                "title": "SEN report emailed to the wrong parent",
                "aware_at": "2021-06-03T09:00:00",
                "subjects": {"count": 1, "people": [{"email": "lucy.ford@example.org"}]},
                "data": {"categories": ["health"]},
                "loss": {"confidentiality": "known_recipients"},
                "recipients": [{"label": "Gary Platt", "kind": "member_of_public"}],
            }
        ),
        encoding="utf-8",
    )
    status, out, err = cli("reassess", "WB/21/07", str(facts), "--reason", "Assessed in full")
    assert status == 0, err
    status, out, _ = cli("show", "WB/21/07")
    assert "First recorded in the old log: westborough-breaches.csv, row 2" in out
    assert "Version 1" in out
    status, out, _ = cli("show", "WB/21/07", "--json")
    assert json.loads(out)["from_old_log"]["row"] == 2
    status, out, _ = cli("list")
    line = next(x for x in out.splitlines() if x.startswith("WB/21/07"))
    assert "old log" not in line


def test_update_from_the_command_line_changes_only_what_the_row_holds(
    cli: Cli, tmp_path: Path
) -> None:
    cli("log", "import", str(northshire_xlsx(tmp_path)))
    later = tmp_path / "later.csv"
    later.write_text(
        "Incident No.,Date reported,Summary of incident,Date closed\n"
        "NS-2021-011,June 2021,Care plan posted to an old address,30/07/2021\n",
        encoding="utf-8",
    )
    status, out, err = cli("log", "import", str(later), "--on-conflict", "update", "--dry-run")
    assert status == 0, err
    assert "Would update: 1" in out
    status, out, err = cli("log", "import", str(later), "--on-conflict", "update")
    assert status == 0, err
    assert "Updated: 1" in out
    status, out, _ = cli("show", "NS-2021-011", "--json")
    record = json.loads(out)["record"]
    assert record["log.closed_at"] == "2021-07-30"
    assert record["log.risk"] == "Amber"  # not in the new row: kept
    assert record["subjects.people.name"] == ["Ada Quinn"]


def test_the_monitoring_report_counts_history_without_inventing_months(
    cli: Cli, tmp_path: Path
) -> None:
    import subprocess

    cli("log", "import", str(northshire_xlsx(tmp_path)))
    out_pdf = tmp_path / "monitoring.pdf"
    status, _, err = cli("report", "--kind", "monitoring", "--pdf", str(out_pdf))
    assert status == 0, err
    text = subprocess.run(
        ["pdftotext", "-layout", str(out_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Breaches in the register" in text
    assert "Of which from the old log, not assessed" in " ".join(text.split())
    # A log date given as a year or a month is not placed in a month it did not give.
    assert "Jan 2022" not in text
    assert "Jun 2021" not in text
