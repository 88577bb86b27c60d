"""The summary page previews the assessment report before Finalise: the real PDF, built on the
worker, shown in the preview (which saves and prints), and nothing stored yet."""

from __future__ import annotations

import io
from typing import Any

from gui_drive import click, fill_seed, next_page
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from breach_desk.gui.wizard.state import Page


def test_summary_page_previews_the_report_before_finalise(
    qtbot: Any, desk: Any, seed_facts_dict: Any
) -> None:
    window = desk.window
    click(qtbot, window.register_view.empty.new_button)
    wizard = window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    fill_seed(qtbot, wizard, seed_facts_dict)
    for _ in range(4):
        next_page(qtbot, wizard)
    assert wizard.currentId() == int(Page.SUMMARY)

    button = wizard.pages[Page.SUMMARY].ui.previewButton
    assert button.isVisible()
    assert button.accessibleName() == "Preview the assessment report"
    click(qtbot, button)
    qtbot.waitUntil(lambda: wizard.preview_dialog is not None, timeout=30000)
    dialog = wizard.preview_dialog
    qtbot.waitUntil(lambda: dialog.page_count >= 2, timeout=10000)
    assert "not yet saved" in dialog.windowTitle()

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.data)).pages)
    assert "SEVERITY: VERY HIGH (SE 4.25)" in text
    assert "Safety plan for the person" in text
    assert "Person A (involved with the children)" in text
    dialog.close()

    desk.wait_idle()
    assert window.register_view.stack.currentWidget() is window.register_view.empty
