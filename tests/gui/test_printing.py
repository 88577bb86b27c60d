"""Print to File gives the exported PDF: the same vector document, private, written on the
worker after the print dialog has closed."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from gui_drive import select
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from breach_desk.gui.printing import PrintDialog, SaveAs

SEED = "IG-2021-014"


def _text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_print_to_file_is_the_exported_pdf(
    qtbot: Any, demo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", "2026-06-10T09:00:00+00:00")
    select(demo, SEED)
    exported = tmp_path / "exported.pdf"
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(SaveAs, "ask", classmethod(lambda cls, parent, suggested: str(exported)))
    demo.window.commands.actions["export"].trigger()
    qtbot.waitUntil(exported.exists, timeout=30000)
    demo.wait_idle()

    closed: list[bool] = []

    def print_to_file(_cls: Any, _parent: Any, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        closed.append(True)
        return True

    monkeypatch.setattr(PrintDialog, "ask", classmethod(print_to_file))
    demo.window.commands.actions["print"].trigger()
    qtbot.waitUntil(printed.exists, timeout=30000)
    demo.wait_idle()
    assert closed == [True]
    assert stat.S_IMODE(printed.stat().st_mode) == 0o600
    assert _text(printed) == _text(exported)
    # A vector document the size of the export, not a 1200-dpi picture of each page.
    assert printed.stat().st_size < exported.stat().st_size * 1.5
    assert "Sent to" in demo.window.statusBar().currentMessage()
