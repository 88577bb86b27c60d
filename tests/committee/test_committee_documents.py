"""The committee report as a reader gets it: the PDF read back (its text, pages, contents,
pictures and captions), the spreadsheet opened with openpyxl, and the command line. Nothing
personal reaches either, however hostile the names and descriptions in the register."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from committee_register import AT, HOSTILE_WORDS, LESSON_NAMING, LESSON_SAFE, ODD_SERVICE, Built
from openpyxl import load_workbook

from breach_desk.domain.committee import Compare, Period, last_financial_year
from breach_desk.reports import ReportSettings
from breach_desk.reports.committee import (
    FEWER,
    NOT_SHOWN,
    SECTIONS,
    committee_xlsx,
    figure_tables,
    render_committee,
)
from breach_desk.services.committee import CommitteeRequest, committee_figures
from breach_desk.services.register import Register

TOOLS = Path("/work/shared/tools")
if not TOOLS.is_dir():
    TOOLS = Path(__file__).resolve().parents[3] / "shared" / "tools"
YEAR = last_financial_year(AT.date())
SETTINGS = ReportSettings(
    organisation="Anytown Borough Council", generated_at=AT, marking="OFFICIAL"
)
CAPTIONS = (
    "Figure: breaches recorded each month",
    "Figure: breaches by cause",
    "Figure: breaches by service",
    "Figure: the period's breaches by likelihood and severity band",
    "Figure: overdue recommendations for the period's breaches, by service",
)


def made(built: Built, request: CommitteeRequest) -> Any:
    with Register.open(built.url) as reg:
        return committee_figures(reg, request, AT)


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = False) -> list[str]:
    """Each page's text, as pdftotext reads it (the drawings' words too)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def sheet_values(xlsx: bytes) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(xlsx), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


@pytest.fixture(scope="module")
def year_report(built: Built) -> tuple[Any, bytes, bytes]:
    f = made(built, CommitteeRequest(YEAR, Compare.PREVIOUS))
    return f, render_committee(f, SETTINGS), committee_xlsx(f, SETTINGS)


def test_nothing_personal_reaches_the_pdf_or_the_spreadsheet(year_report, tmp_path) -> None:
    f, pdf, xlsx = year_report
    text = "\n".join(pdf_text(pdf, tmp_path)).casefold()
    cells = " ".join(
        str(v) for rows in sheet_values(xlsx).values() for row in rows for v in row if v
    ).casefold()
    for word in HOSTILE_WORDS:
        assert word.casefold() not in text, word
        assert word.casefold() not in cells, word
    # The lesson that names a person is left out and counted; the others print.
    assert f.lists.lessons_withheld >= 1
    assert LESSON_NAMING.casefold() not in text
    assert LESSON_SAFE.casefold() in flat(text)
    assert "not printed because they name a person" in flat(text)


@pytest.mark.parametrize("which", ["year", "quarter"])
def test_every_page_passes_the_reader_checks(built: Built, year_report, tmp_path, which) -> None:
    """The year, and a quarter whose small numbers leave many counts hidden in the narrow
    columns of the recommendation tables."""
    pdf = year_report[1]
    if which == "quarter":
        quarter = Period(YEAR.end.replace(month=1, day=1), YEAR.end)
        pdf = render_committee(made(built, CommitteeRequest(quarter, Compare.YEAR)), SETTINGS)
    path = tmp_path / "committee.pdf"
    path.write_bytes(pdf)
    check = subprocess.run(
        [sys.executable, str(TOOLS / "pdf-check"), "--headings", str(path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
    words = subprocess.run(
        [sys.executable, str(TOOLS / "reader-words"), str(path)], capture_output=True, text=True
    )
    assert words.returncode == 0, words.stdout


def test_cover_contents_and_page_numbers(year_report, tmp_path) -> None:
    _f, pdf, _x = year_report
    pages = pdf_text(pdf, tmp_path)
    cover = flat(pages[0])
    assert "Anytown Borough Council" in cover
    assert "Report to the committee" in cover
    assert f"Period: {YEAR.words()}" in cover
    assert "Compared with: the previous period, 1 Apr 2024 to 31 Mar 2025" in cover
    assert cover.count("OFFICIAL") >= 3  # header, cover, footer
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    contents = flat(pages[1])
    assert contents.startswith("OFFICIAL")
    assert "Contents" in contents
    for n, (_key, title) in enumerate(SECTIONS, start=1):
        found = re.search(rf"{n}\. {re.escape(title)} (\d+)", contents)
        assert found, title
        page = int(found.group(1))
        assert f"{n}. {title}" in flat(pages[page - 1]), (title, page)


def test_each_chart_is_drawn_with_its_caption_and_no_picture_is_a_raster(
    year_report, tmp_path
) -> None:
    _f, pdf, _x = year_report
    text = flat("\n".join(pdf_text(pdf, tmp_path)))
    for caption in CAPTIONS:
        assert caption in text, caption
    assert "Most common: human error" in text
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(images) == 2  # the heading lines only: no raster image


def test_small_numbers_show_as_fewer_than_5_unless_asked(built: Built, tmp_path) -> None:
    hidden = made(built, CommitteeRequest(YEAR, Compare.PREVIOUS))
    exact = made(built, CommitteeRequest(YEAR, Compare.PREVIOUS, suppress_small=False))
    small = [k for k, n in exact.current.services.items() if 0 < n < 5]
    assert small, "the test register has a service with fewer than 5 breaches this year"
    for name in ("By cause", "By service", "Per month", "How found", "By severity"):
        for row in figure_tables(hidden)[name].rows:
            for value in row[1:]:
                assert not (isinstance(value, int) and 0 < value < 5 and row[0] != "All breaches")
    # A column with one count hidden has another left out, so the total cannot give it away.
    for name in ("By cause", "By service", "Per month", "How found", "ICO responses"):
        rows = figure_tables(hidden)[name].rows
        for col in range(1, len(rows[0])):
            values = [r[col] for r in rows if r[0] != "All breaches"]
            if values.count(FEWER) == 1:
                assert values.count(NOT_SHOWN) == 1, (name, col, values)
    by_service = {r[0]: r[1] for r in figure_tables(hidden)["By service"].rows}
    exact_service = {r[0]: r[1] for r in figure_tables(exact)["By service"].rows}
    assert FEWER in by_service.values()
    assert sorted(k for k, v in by_service.items() if v == FEWER) == sorted(
        k for k, v in exact_service.items() if isinstance(v, int) and 0 < v < 5
    )
    # The matrix drawing hides them too, and says so on the cover.
    text = flat("\n".join(pdf_text(render_committee(hidden, SETTINGS), tmp_path)))
    assert "shown as 'fewer than 5'" in text
    exact_text = flat("\n".join(pdf_text(render_committee(exact, SETTINGS), tmp_path)))
    assert "Every count is shown exactly" in exact_text
    assert FEWER not in exact_text


def test_the_spreadsheet_holds_the_same_tables_and_definitions(year_report) -> None:
    f, _pdf, xlsx = year_report
    sheets = sheet_values(xlsx)
    tables = figure_tables(f)
    assert list(sheets) == ["About", *tables]
    for key, t in tables.items():
        rows = sheets[key[:31]]
        assert rows[0][0] == t.title
        assert rows[1][0] == t.definition
        assert rows[3] == t.head
        assert [[v for v in r] for r in rows[4:]] == [list(r) for r in t.rows], key
    about = {r[0]: r[1] for r in sheets["About"] if len(r) > 1}
    assert about["Period"] == YEAR.words()
    assert about["Protective marking"] == "OFFICIAL"
    # The figures a clerk reuses are numbers, not text.
    total = sheets["Summary"][4]
    assert total[0] == "Breaches recorded"
    assert total[1] == f.current.breaches


def test_an_empty_period_says_so_in_words(built: Built, tmp_path) -> None:
    empty = Period(YEAR.start.replace(year=2030), YEAR.end.replace(year=2031))
    f = made(built, CommitteeRequest(empty, Compare.PREVIOUS))
    pdf = render_committee(f, SETTINGS)
    text = flat("\n".join(pdf_text(pdf, tmp_path)))
    assert "No breaches were recorded in this period (1 Apr 2030 to 31 Mar 2031)" in text
    path = tmp_path / "empty.pdf"
    path.write_bytes(pdf)
    check = subprocess.run(
        [sys.executable, str(TOOLS / "pdf-check"), "--headings", str(path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout


def test_the_service_filter_is_named_and_keeps_other_services_out(built: Built, tmp_path) -> None:
    f = made(built, CommitteeRequest(YEAR, Compare.YEAR, services=("Housing",)))
    text = flat("\n".join(pdf_text(render_committee(f, SETTINGS), tmp_path)))
    assert "Covering: Services: Housing" in text
    assert "Compared with: the same period a year earlier" in text
    services = [r[0] for r in figure_tables(f)["By service"].rows]
    assert services == ["Housing", "All breaches"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breach_desk", "report", *args],
        capture_output=True,
        text=True,
    )


def test_the_command_writes_both_files(built: Built, tmp_path) -> None:
    pdf, xlsx = tmp_path / "q.pdf", tmp_path / "q.xlsx"
    done = run_cli(
        "--kind", "period", "--from", "2026-01-01", "--to", "2026-03-31",
        "--compare", "year", "--service", "housing", "--service", "Libraries",
        "--pdf", str(pdf), "--xlsx", str(xlsx), "--db", built.url,
        "--organisation", "Anytown Borough Council",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "report to the committee" in done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_mode & 0o077 == 0  # readable by its owner only
    sheets = sheet_values(xlsx.read_bytes())
    services = [r[0] for r in sheets["By service"][4:]]
    assert set(services) <= {"Housing", "Libraries", "All breaches"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--from", "2026-02-30", "--to", "2026-03-31"), "--from: '2026-02-30' is not a date"),
        (("--from", "2026-03-01", "--to", "2026-01-31"), "--to: 2026-01-31 is before --from"),
        (("--to", "2026-01-31"), "--from: give the date"),
    ],
)
def test_bad_dates_are_one_line_and_write_nothing(tmp_path, args, says) -> None:
    """Checked before the register is opened: it is never created."""
    pdf, db = tmp_path / "bad.pdf", tmp_path / "none.sqlite3"
    done = run_cli("--kind", "period", *args, "--pdf", str(pdf), "--db", f"sqlite:///{db}")
    assert done.returncode == 2
    assert says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not pdf.exists()
    assert not db.exists()


def test_an_unknown_service_is_one_line_and_writes_nothing(built: Built, tmp_path) -> None:
    pdf = tmp_path / "bad.pdf"
    done = run_cli(
        "--kind", "period", "--from", "2026-01-01", "--to", "2026-03-31",
        "--service", "Nowhere", "--pdf", str(pdf), "--db", built.url,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "breach-desk: --service: no breach in the register names the service 'Nowhere'"
    )
    assert not pdf.exists()


def test_a_service_typed_like_a_formula_or_markup_stays_text(year_report, tmp_path) -> None:
    f, pdf, xlsx = year_report
    assert ODD_SERVICE in f.current.services
    assert ODD_SERVICE in flat("\n".join(pdf_text(pdf, tmp_path)))
    book = load_workbook(io.BytesIO(xlsx))
    cells = [c for row in book["By service"].iter_rows() for c in row if c.value == ODD_SERVICE]
    assert cells
    assert all(c.data_type == "s" for c in cells)  # text, never a formula


def test_hidden_counts_are_not_given_away_by_a_share_or_an_order(built: Built, tmp_path) -> None:
    """In a quarter where every cause and service has fewer than 5 breaches, the caption gives
    no share and the services stand in the order of their names."""
    quarter = Period(YEAR.end.replace(month=1, day=1), YEAR.end)
    exact = made(built, CommitteeRequest(quarter, None, suppress_small=False))
    assert all(0 <= n < 5 for n in exact.current.causes.values())
    assert all(0 <= n < 5 for n in exact.current.services.values())
    assert len(set(exact.current.services.values())) > 1  # exact counts would order them
    f = made(built, CommitteeRequest(quarter, None))
    text = flat("\n".join(pdf_text(render_committee(f, SETTINGS), tmp_path)))
    assert "Figure: breaches by cause. Each cause had fewer than 5 breaches." in text
    assert "Each service had fewer than 5 breaches." in text
    names = [r[0] for r in figure_tables(f)["By service"].rows[:-1]]
    assert names == sorted(names, key=str.casefold)


def test_the_same_figures_give_the_same_bytes(year_report) -> None:
    f, pdf, _x = year_report
    assert render_committee(f, SETTINGS) == pdf


def test_recommendations_stand_beside_the_comparison_period(built: Built, tmp_path) -> None:
    """Each service's and each owner's recommendations have the comparison period's figures
    beneath them, in the spreadsheet and in the PDF, and the tables end with all of them for
    both periods (each figure checked against the rows in ``test_committee_figures``)."""
    f = made(built, CommitteeRequest(YEAR, Compare.PREVIOUS, suppress_small=False))
    assert f.comparison is not None
    sheets = sheet_values(committee_xlsx(f, SETTINGS))
    text = flat("\n".join(pdf_text(render_committee(f, SETTINGS), tmp_path, layout=True)))
    for key, counts in (
        ("Actions by service", f.current.actions_by_service),
        ("Actions by owner", f.current.actions_by_role),
    ):
        rows = sheets[key][4:]
        assert sheets[key][3][:3] == [sheets[key][3][0], "Period", "Made"]
        assert [r[1] for r in rows] == ["This period", "Comparison"] * (len(rows) // 2)
        assert all(a[0] == b[0] for a, b in zip(rows[::2], rows[1::2], strict=True))
        assert len(rows) // 2 >= len(counts) + 1
        for tag, pf in (("This period", f.current), ("Comparison", f.comparison)):
            assert ["All", tag] + [
                getattr(pf.actions, n)
                for n in ("made", "open", "overdue", "done", "verified", "rejected")
            ] in rows
        for r in rows:  # the PDF prints the same lines
            numbers = " ".join(f"{v:,}" for v in r[2:])
            assert f"{r[1]} {numbers}" in text, (key, r)
    assert "Beneath each row, the same figures for the comparison period" in text
