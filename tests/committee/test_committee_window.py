"""Reports ▸ Committee report… in the real window (offscreen) over a real register: the
presets fill the dates, own dates are checked, Preview shows the report, and the spreadsheet
saved holds only the services ticked."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from committee_register import AT, build
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from breach_desk.gui import committee_dialog
from breach_desk.gui.app import make_app
from breach_desk.gui.backend import Backend
from breach_desk.gui.main_window import MainWindow
from breach_desk.gui.settings import UiSettings
from breach_desk.gui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def register_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    mp = pytest.MonkeyPatch()
    mp.setenv("BREACH_DESK_NOW", AT.isoformat())
    try:
        path = tmp_path_factory.mktemp("window") / "register.sqlite3"
        return build(f"sqlite:///{path}").url
    finally:
        mp.undo()


@pytest.fixture
def window(qtbot: Any, register_url: str, tmp_path: Path) -> Any:
    make_app()
    runner = TaskRunner()
    backend = Backend(runner)
    settings = UiSettings(str(tmp_path / "ui.ini"))
    settings.set_text("organisation", "Anytown Borough Council")
    win = MainWindow(backend, settings)
    qtbot.addWidget(win)
    win.show()
    backend.open(register_url)
    qtbot.waitUntil(lambda: backend.is_open, timeout=30000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=30000)
    yield win, runner
    win.close()
    runner.shutdown()


def open_dialog(win: MainWindow, qtbot: Any) -> committee_dialog.CommitteeDialog:
    (reports,) = [a for a in win.menuBar().actions() if a.text() == "Re&ports"]
    (item,) = [a for a in reports.menu().actions() if a.property("key") == "committee"]
    assert item.text() == "&Committee report…"
    item.trigger()
    dialog = win.findChild(committee_dialog.CommitteeDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.services.count() > 0, timeout=20000)
    return dialog


def test_presets_fill_the_dates_and_own_dates_are_checked(window: Any, qtbot: Any) -> None:
    win, _runner = window
    dialog = open_dialog(win, qtbot)
    # Last quarter, by default: January to March 2026 (the report is made on 20 April 2026).
    assert dialog.start.date() == QDate(2026, 1, 1)
    assert dialog.end.date() == QDate(2026, 3, 31)
    assert not dialog.start.isEnabled()
    dialog.preset.setCurrentIndex(1)
    assert dialog.start.date() == QDate(2025, 4, 1)
    assert dialog.end.date() == QDate(2026, 3, 31)
    assert "1 Apr 2025 to 31 Mar 2026" in dialog.status.text()
    dialog.preset.setCurrentIndex(2)
    assert dialog.start.isEnabled()
    dialog.end.setDate(QDate(2025, 1, 1))
    assert "ends before it starts" in dialog.status.text()
    assert not dialog.buttons["preview"].isEnabled()
    dialog.end.setDate(QDate(2026, 1, 31))
    assert dialog.buttons["preview"].isEnabled()


def test_preview_shows_the_report(window: Any, qtbot: Any) -> None:
    win, _runner = window
    dialog = open_dialog(win, qtbot)
    dialog.preset.setCurrentIndex(1)
    qtbot.mouseClick(dialog.buttons["preview"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60000)
    preview = dialog.preview
    assert preview is not None
    assert preview.page_count >= 8
    assert preview.data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(preview.data)).pages[0].extract_text()
    assert "Anytown Borough Council" in text
    assert "1 Apr 2025 to 31 Mar 2026" in text
    preview.close()


def test_the_spreadsheet_holds_only_the_services_ticked(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, runner = window
    dialog = open_dialog(win, qtbot)
    dialog.preset.setCurrentIndex(1)
    names = [dialog.services.item(i).text() for i in range(dialog.services.count())]
    assert "Housing" in names
    dialog.services.item(names.index("Housing")).setCheckState(Qt.CheckState.Checked)
    target = tmp_path / "figures.xlsx"
    asked: list[str] = []

    def ask(_cls: Any, _parent: Any, suggested: str) -> str:
        asked.append(suggested)
        return str(target)

    monkeypatch.setattr(committee_dialog.SaveSheet, "ask", classmethod(ask))
    qtbot.mouseClick(dialog.buttons["xlsx"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and not runner.busy, timeout=60000)
    assert asked == ["Breach report Apr 2025 to Mar 2026.xlsx"]
    assert "Saved" in dialog.status.text()
    book = load_workbook(target, read_only=True)
    rows = [r for r in book["By service"].iter_rows(values_only=True)][4:]
    assert [r[0] for r in rows] == ["Housing", "All breaches"]


def test_print_asks_for_a_printer(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from breach_desk.gui import printing

    win, _runner = window
    dialog = open_dialog(win, qtbot)
    asked: list[str] = []

    def ask(_cls: Any, _parent: Any, printer: Any) -> bool:
        asked.append(printer.docName())
        return False  # the person cancels

    monkeypatch.setattr(printing.PrintDialog, "ask", classmethod(ask))
    qtbot.mouseClick(dialog.buttons["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=60000)
    assert asked == ["Committee report"]
    qtbot.waitUntil(lambda: dialog.buttons["print"].isEnabled(), timeout=10000)
