"""Every document of every worked case, and of hostile data, prints clean and reads in words.

``../shared/tools/pdf-check --headings`` finds fonts that are not embedded, words drawn over
each other, text too near the paper's edge, blank pages and a heading left alone at the foot of
a page; ``../shared/tools/reader-words`` finds the
program's insides (identifiers, codes, internal file names, escaped HTML, Python values) in
what a person reads. Both are run on the real PDFs, as a reviewer would.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from report_cases import make_breach, shared_dir, worked_case_paths

from breach_desk.domain.description import one_line
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.register import Breach
from breach_desk.method.note import decision_note
from breach_desk.method.recommendations import CATALOGUE
from breach_desk.reports import (
    ReportSettings,
    render_assessment,
    render_ico_report,
    render_letter,
    render_monitoring,
)
from breach_desk.reports.evidence_pack import render_evidence_pack

ROOT = Path(__file__).resolve().parents[2]
SHARED = shared_dir()
TOOLS = SHARED / "tools"
CASES = worked_case_paths()
SEED = ROOT / "tests" / "data" / "cases" / "seed-ombudsman-21007914.json"
AT = datetime.fromisoformat("2026-06-01T09:00:00+00:00")
"""After every worked case happened."""
SETTINGS = ReportSettings(
    organisation="Northshire County Council",
    generated_at=AT,
    contact="Data Protection Officer, dpo@example.org, 01234 567890",
)

pytestmark = pytest.mark.skipif(
    not (TOOLS / "pdf-check").exists() or shutil.which("pdftotext") is None,
    reason="needs the reference tools ../shared/tools/pdf-check and reader-words beside the "
    "checkout, and pdftotext (Debian package poppler-utils)",
)


def _run(tool: str, *paths: Path) -> str:
    done = subprocess.run(
        [str(TOOLS / tool), *map(str, paths)], capture_output=True, text=True, check=False
    )
    return done.stdout if done.returncode else ""


def _case_breach(path: Path) -> Breach:
    facts: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["facts"]
    return make_breach(facts, AT)


def test_every_document_of_every_worked_case_prints_clean_in_words(tmp_path: Path) -> None:
    assert len(CASES) >= 20
    pdfs: list[Path] = []
    notes: list[Path] = []
    for case in CASES:
        breach = _case_breach(case)
        for kind, pdf in (
            ("assessment", render_assessment(breach, SETTINGS)),
            ("ico", render_ico_report(breach, SETTINGS)),
            ("letter", render_letter(breach, SETTINGS)),
            ("evidence", render_evidence_pack(breach, SETTINGS)),
            ("monitoring", render_monitoring([breach], SETTINGS, total=1)),
        ):
            target = tmp_path / f"{case.stem}-{kind}.pdf"
            target.write_bytes(pdf)
            pdfs.append(target)
        note = tmp_path / f"{case.stem}-note.txt"
        note.write_text(decision_note(breach.versions[-1].assessment), encoding="utf-8")
        notes.append(note)
    assert _run("pdf-check", "--headings", *pdfs) == ""
    assert _run("reader-words", *pdfs, *notes) == ""


def _hostile() -> Breach:
    """A 64-character reference, 200 newlines in the title, a 5,000-character word, and every
    recommendation of the catalogue."""
    facts = json.loads(SEED.read_text())
    f = facts["facts"]
    f["reference"] = ("NCC/IG/2026/00123-" + "X" * 64)[:64]
    f["title"] = "Letters" + "\n" * 170 + "to the wrong people"
    f["service"] = "Children's Services\n\nManufacturing and Procurement Directorate"
    f["description"] = "W" * 5000 + " and then some ordinary words."
    breach = make_breach(f, AT)
    template = breach.recommendations[0]
    every = [
        replace(
            template,
            id=n,
            code=code,
            text=entry.text,
            owner_role=entry.owner_role,
            status=RecommendationStatus.OPEN,
        )
        for n, (code, entry) in enumerate(CATALOGUE.items(), start=1)
    ]
    every.append(replace(template, id=99, code="Z" * 64, text="An action the officer wrote."))
    return replace(breach, recommendations=tuple(every))


def test_hostile_data_prints_clean_in_every_kind(tmp_path: Path) -> None:
    breach = _hostile()
    kinds = {
        "assessment": render_assessment(breach, SETTINGS),
        "ico": render_ico_report(breach, SETTINGS),
        "letter": render_letter(breach, SETTINGS),
        "evidence": render_evidence_pack(breach, SETTINGS),
        "monitoring": render_monitoring([breach, breach], SETTINGS, total=2),
    }
    paths = []
    for kind, pdf in kinds.items():
        target = tmp_path / f"{kind}.pdf"
        target.write_bytes(pdf)
        paths.append(target)
    assert _run("pdf-check", "--headings", *paths) == ""
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "assessment.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # the title's newlines are spaces: the report is no longer than with a one-line title
    assert one_line(breach.facts.title)[:40] in " ".join(text.split())
    plain = replace(breach, facts=replace(breach.facts, title=one_line(breach.facts.title)))
    assert _pages(kinds["assessment"]) == _pages(render_assessment(plain, SETTINGS))


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("kind", ["assessment", "ico", "letter", "evidence", "monitoring"])
def test_page_one_of_every_kind_renders_as_a_page_with_text(kind: str, tmp_path: Path) -> None:
    from PIL import Image

    breach = _case_breach(SEED)
    pdf = {
        "assessment": lambda: render_assessment(breach, SETTINGS),
        "ico": lambda: render_ico_report(breach, SETTINGS),
        "letter": lambda: render_letter(breach, SETTINGS),
        "evidence": lambda: render_evidence_pack(breach, SETTINGS),
        "monitoring": lambda: render_monitoring([breach], SETTINGS, total=1),
    }[kind]()
    target = tmp_path / "doc.pdf"
    target.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    assert abs(image.width / image.height - 210 / 297) < 0.01  # A4 portrait
    data = image.tobytes()
    dark = sum(1 for i in range(0, len(data), 3) if data[i] + data[i + 1] + data[i + 2] < 450)
    assert dark > 1000, "text was drawn"
    # nothing is drawn in the outer 10 mm where printers clip, but the protective marking
    # starts below it
    band = round(image.height * 10 / 297)
    edge = image.crop((0, 0, image.width, band)).tobytes()
    assert sum(1 for i in range(0, len(edge), 3) if sum(edge[i : i + 3]) < 300) == 0


def test_runs_of_blank_lines_collapse_in_every_kind() -> None:
    """200 newlines in free text are one blank line, not pages of nothing."""
    breach = _case_breach(SEED)
    gaps = "Waited." + "\n" * 200 + "Then wrote."
    spaced = replace(breach, facts=replace(breach.facts, description=gaps))
    once = replace(breach, facts=replace(breach.facts, description="Waited.\n\nThen wrote."))
    for render in (render_assessment, render_ico_report, render_evidence_pack):
        assert _pages(render(spaced, SETTINGS)) == _pages(render(once, SETTINGS)), render
    letter = "Dear Mr B,\n\nWe are sorry." + "\n" * 200 + "Yours sincerely,\n\n\n[Name]"
    assert _pages(render_letter(breach, SETTINGS, letter)) == 1


def test_headers_and_footers_draw_emoji_and_never_cut_the_marking() -> None:
    breach = _case_breach(SEED)
    marked = replace(breach, reference="IG-2026-0042 \U0001f600")
    settings = replace(
        SETTINGS,
        organisation="Northshire \u2615 County Council",
        marking="OFFICIAL-SENSITIVE PERSONAL",
    )
    for pdf in (
        render_assessment(marked, settings),
        render_monitoring([marked], replace(settings, organisation="Northshire"), total=1),
    ):
        for page in PdfReader(io.BytesIO(pdf)).pages:
            text = page.extract_text()
            lines = text.split("\n")
            assert lines[0].strip() == "OFFICIAL-SENSITIVE PERSONAL"
            assert text.count("OFFICIAL-SENSITIVE PERSONAL") == 3  # top, footer line, bottom
            assert "OFFICIAL-SE\u2026" not in text
    # page 2 starts with the running header: the marking, the organisation, the reference
    page = PdfReader(io.BytesIO(render_assessment(marked, settings))).pages[1].extract_text()
    header = page.split("\n")
    assert header[1] == "Northshire \u2615 County Council"
    assert header[2] == "IG-2026-0042 \U0001f600"
