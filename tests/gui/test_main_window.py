"""The main window over the demo register: first run, filters, detail, reassessment, reports,
remembered layout."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from gui_drive import click, next_page, select, type_into
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTabBar, QWizard

from breach_desk.gui.main_window import MainWindow
from breach_desk.gui.printing import SaveAs
from breach_desk.gui.register.model import COL
from breach_desk.gui.wizard.state import Page

SEED = "IG-2021-014"


def test_demo_register_filters_and_detail(qtbot: Any, demo: Any) -> None:
    window = demo.window
    view = window.register_view
    assert window.location.text().startswith("DEMO register · SQLite")
    assert view.stack.currentWidget() is not view.empty
    row = view.model.row_of(SEED)
    cells = {k: view.proxy.index(row, c).data() for k, c in COL.items()}
    assert cells["band"] == "VERY HIGH"
    assert cells["risk"] == "High risk"
    assert cells["repeat"] == "repeat"
    assert cells["ico"].startswith("late by")

    breach = select(demo, SEED)
    assert window.commands.actions["reassess"].isEnabled()
    assert "IG-2020-044" in view.detail.assessment.toPlainText()
    assert "Decision note: IG-2021-014" in view.detail.note.toPlainText()
    assert view.detail.recommendations.rowCount() == len(breach.recommendations)
    assert view.detail.tabs.tabText(1) == "Assess&ment v1"
    assert SEED in window.settings.recent(demo.backend.info.url)

    window.commands.actions["find"].trigger()
    type_into(qtbot, view.search, "assault")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=5000)
    assert view.proxy.index(0, COL["reference"]).data() == SEED
    assert view.count_label.text() == "1 breach (filtered)"
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.total == 8, timeout=5000)
    view.risk.setCurrentIndex(view.risk.findData("unlikely"))
    qtbot.waitUntil(lambda: view.model.total < 8, timeout=5000)
    demo.wait_idle()
    risks = {view.proxy.index(r, COL["risk"]).data() for r in range(view.model.total)}
    assert risks == {"Unlikely"}


def test_reassess_adds_version_two_with_what_changed(qtbot: Any, demo: Any, answers: Any) -> None:
    select(demo, SEED)
    answers.reasons = ["Both recipients confirmed deletion in writing"]
    demo.window.commands.actions["reassess"].trigger()
    wizard = demo.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert wizard.windowTitle().startswith(f"Reassess {SEED}")
    assert wizard.pages[Page.BASICS].ui.titleEdit.text().startswith("Email address shared")
    for _ in range(4):
        next_page(qtbot, wizard)
    recipients = wizard.pages[Page.RECIPIENTS]
    table = recipients.ui.recipientsTable
    for row in range(2):
        table.setCurrentIndex(recipients.recipients.index(row, 4))
        table.setFocus()
        qtbot.keyClick(table, " ")
    assert all(r["deletion_confirmed"] for r in wizard.state().recipients)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    decisions = wizard.pages[Page.DECISIONS]
    type_into(qtbot, decisions.ui.delayEdit, "Reassessment of a breach reported in 2021")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    summary = wizard.pages[Page.SUMMARY].ui
    assert summary.reasonEdit.text() == "Both recipients confirmed deletion in writing"
    with qtbot.waitSignal(wizard.finalised, timeout=20000) as done:
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    breach = done.args[0]
    assert [v.number for v in breach.versions] == [1, 2]
    assert breach.versions[-1].reason == "Both recipients confirmed deletion in writing"
    assert breach.versions[-1].ico_delay_reason == "Reassessment of a breach reported in 2021"
    view = demo.window.register_view
    qtbot.waitUntil(
        lambda: view.detail.breach is not None and len(view.detail.breach.versions) == 2,
        timeout=10000,
    )
    text = view.detail.assessment.toPlainText()
    assert "What changed since version 1" in text
    assert "deletion confirmed" in text.lower()
    # A change to a reason is a change like any other: in What changed, and in the History.
    changed = text.split("What changed since version 1", 1)[1]
    assert "Reasons the ICO report is late" in changed
    assert "Reassessment of a breach reported in 2021" in changed
    qtbot.waitUntil(
        lambda: "Reassessment of a breach reported in 2021" in view.detail.history.toPlainText(),
        timeout=10000,
    )


def test_export_and_preview_the_assessment_report(
    qtbot: Any, demo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(demo, SEED)
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(SaveAs, "ask", classmethod(lambda cls, parent, suggested: str(target)))
    demo.window.commands.actions["export"].trigger()
    qtbot.waitUntil(target.exists, timeout=30000)
    assert target.read_bytes().startswith(b"%PDF")
    demo.window.commands.actions["preview"].trigger()
    qtbot.waitUntil(
        lambda: getattr(demo.window.commands, "preview_dialog", None) is not None, timeout=30000
    )
    dialog = demo.window.commands.preview_dialog
    assert dialog.page_count >= 2
    dialog.close()


def test_layout_is_remembered(qtbot: Any, demo: Any) -> None:
    window = demo.window
    window.resize(720, 520)
    table = window.register_view.table
    table.setColumnWidth(COL["service"], 333)
    window.close()
    again = MainWindow(demo.backend, demo.settings)
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) == (720, 520)
    assert again.register_view.table.columnWidth(COL["service"]) == 333


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def test_no_mnemonic_clash_across_the_main_window_its_tabs_and_menus(qtbot: Any, demo: Any) -> None:
    """Alt+letter reaches one thing in the window: a menu, a tab, a labelled field."""
    window = demo.window
    select(demo, SEED)  # the detail and its tabs are made
    taken: dict[str, str] = {}
    clashes: list[str] = []

    def take(text: str) -> None:
        letter = _mnemonic(text)
        if letter is None:
            return
        if letter in taken:
            clashes.append(f"{text!r} and {taken[letter]!r}")
        taken[letter] = text

    for action in window.menuBar().actions():
        take(action.text())
    for tabs in window.findChildren(QTabBar):
        if tabs.window() is window and tabs.isVisibleTo(window):
            for i in range(tabs.count()):
                take(tabs.tabText(i))
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and buddy.window() is window and label.isVisibleTo(window):
            take(label.text())
    for button in window.findChildren(QPushButton):
        if button.isVisibleTo(window):
            take(button.text())
    assert clashes == []
    assert {"F", "B", "A", "V", "H"} <= set(taken)  # the menus keep their letters
    assert len(taken) >= 12
