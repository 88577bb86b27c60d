"""No key press puts a word into the record that the officer did not type as words."""

from __future__ import annotations

from typing import Any

import pytest
from gui_drive import choose, next_page, tick, type_into, type_moment
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QWidget,
    QWizard,
)
from test_wizard_keyboard import open_wizard

from breach_desk.gui.dialogs import ReasonDialog
from breach_desk.gui.wizard.state import Page

ALT = Qt.KeyboardModifier.AltModifier
_KINDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QTableView)


def _late_breach_at_decisions(qtbot: Any, desk: Any) -> Any:
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    type_into(qtbot, ui.titleEdit, "Health records emailed to a journalist")
    type_moment(qtbot, ui.awareEdit, "15 Mar 2021 10:00")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["basic_identifiers", "health"])
    next_page(qtbot, wizard)
    choose(qtbot, wizard.pages[Page.HAPPENED].ui.confidentialityCombo, "Unknown")
    for _ in range(3):
        next_page(qtbot, wizard)
    return wizard


def test_alt_n_with_next_disabled_types_nothing_into_the_delay_reasons(
    qtbot: Any, desk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", "2021-03-25T12:00:00+00:00")
    wizard = _late_breach_at_decisions(qtbot, desk)
    decisions = wizard.pages[Page.DECISIONS]
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    decisions.ui.delayEdit.setFocus()
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, ALT)
        qtbot.wait(100)
    assert decisions.ui.delayEdit.toPlainText() == ""
    assert wizard.state().ico_delay_reason == ""
    assert wizard.currentId() == Page.DECISIONS
    assert not next_button.isEnabled()


@pytest.mark.parametrize("reason", ["n", " n ", "   ", "x.", "--"])
def test_a_one_letter_or_blank_reason_is_refused(
    qtbot: Any, desk: Any, monkeypatch: pytest.MonkeyPatch, reason: str
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", "2021-03-25T12:00:00+00:00")
    wizard = _late_breach_at_decisions(qtbot, desk)
    decisions = wizard.pages[Page.DECISIONS]
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_into(qtbot, decisions.ui.delayEdit, reason)
    assert not next_button.isEnabled()
    type_into(qtbot, decisions.ui.delayEdit, "Confirmed only on 24 March", replace=True)
    assert next_button.isEnabled()


def test_every_page_with_every_kind_of_field_focused_takes_no_letter_from_alt(
    qtbot: Any, desk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", "2021-03-25T12:00:00+00:00")
    wizard = _late_breach_at_decisions(qtbot, desk)
    tried = 0
    for page in wizard.pages[: Page.DECISIONS + 1]:  # Next is disabled from Decisions on
        wizard.go_to(page.page_id)
        qtbot.waitUntil(lambda page=page: wizard.currentId() == page.page_id, timeout=3000)
        for widget in page.content.findChildren(QWidget):
            if not isinstance(widget, _KINDS) or not widget.isVisibleTo(page):
                continue
            if not widget.isEnabled() or isinstance(widget.parentWidget(), QComboBox):
                continue
            before = wizard.state().to_json()
            widget.setFocus()
            # Alt+N while Next is disabled (late, no reason yet) and a letter no button has.
            for key in (Qt.Key.Key_N, Qt.Key.Key_J):
                focused = QApplication.focusWidget()
                qtbot.keyClick(focused, key, ALT)
            qtbot.wait(10)
            after = wizard.state().to_json()
            assert after == before, f"{page.page_id.name}: {widget.objectName()}"
            tried += 1
            if wizard.currentId() != page.page_id:
                wizard.go_to(page.page_id)
    assert tried > 20


def test_return_on_a_closed_drop_down_opens_it(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Letter to the wrong address")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["basic_identifiers"])
    next_page(qtbot, wizard)
    combo = wizard.pages[Page.HAPPENED].ui.confidentialityCombo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert wizard.currentId() == Page.HAPPENED  # not moved on
    qtbot.waitUntil(combo.view().isVisible, timeout=2000)
    combo.hidePopup()


def test_the_reason_dialog_refuses_a_stray_letter_beside_the_box(qtbot: Any) -> None:
    dialog = ReasonDialog(None, "Reject", "Why is it rejected?")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.edit, "n")
    assert not ok.isEnabled()
    assert dialog.problem.isVisible()
    assert "in words" in dialog.problem.text()
    qtbot.keyClicks(dialog.edit, "ot needed: the ward closed")
    assert ok.isEnabled()
    assert not dialog.problem.isVisible()


def test_return_on_a_dialogs_closed_drop_down_opens_it_instead_of_recording(
    qtbot: Any, demo: Any
) -> None:
    from gui_drive import select

    from breach_desk.gui.notify_dialogs import PeopleToldDialog

    breach = select(demo, "IG-2021-014")
    dialog = PeopleToldDialog(demo.window, breach)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.how.setFocus()
    qtbot.keyClick(dialog.how, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.how.view().isVisible, timeout=2000)
    assert dialog.result() == 0  # nothing recorded
    assert dialog.isVisible()
    dialog.how.hidePopup()
    dialog.reject()
