"""Text no register can keep (a NUL character pasted from another program) is refused beside
its field, never sent to the database to fail there."""

from __future__ import annotations

from typing import Any

from gui_drive import type_into
from PySide6.QtWidgets import QApplication, QWizard

from breach_desk.gui.wizard.state import Page


def test_a_nul_character_in_the_title_is_refused_beside_the_field(qtbot: Any, desk: Any) -> None:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    ui = wizard.pages[Page.BASICS].ui
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    type_into(qtbot, ui.titleEdit, "Letter to the wrong address")
    assert next_button.isEnabled()
    ui.titleEdit.setText("Letter to the\x00 wrong address")  # as a paste would
    qtbot.waitUntil(lambda: not next_button.isEnabled(), timeout=5000)
    assert ui.titleError.isVisible()
    assert "NUL" in ui.titleError.text() or "character" in ui.titleError.text()
    type_into(qtbot, ui.titleEdit, "Letter to the wrong address", replace=True)
    qtbot.waitUntil(next_button.isEnabled, timeout=5000)
