"""Validation beside the field, Back keeps answers, Cancel asks keep or discard, Reassess."""

from __future__ import annotations

from typing import Any

import pytest
from gui_drive import (
    back_page,
    choose,
    click,
    next_page,
    table_row,
    tick,
    type_into,
    type_moment,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from breach_desk.gui.dialogs import KeepOrDiscard, ReasonDialog
from breach_desk.gui.wizard.state import Page


def open_wizard(qtbot: Any, desk: Any) -> Any:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def drafts(desk: Any) -> list[Any]:
    got: list[Any] = []
    desk.backend.call(lambda s: s.drafts.list(), on_done=got.append)
    desk.qtbot.waitUntil(lambda: bool(got), timeout=10000)
    return list(got[0])


def test_problems_are_shown_beside_the_field_and_hold_next(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    page = wizard.pages[Page.BASICS]
    ui = page.ui
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    assert page.problems_line.text() == "To go on: Give the breach a short title."
    assert not ui.titleError.isVisible()  # not touched yet: waits in the line at the bottom

    type_into(qtbot, ui.titleEdit, "Letter to the wrong address")
    assert next_button.isEnabled()
    type_into(qtbot, ui.titleEdit, "", replace=True)
    qtbot.keyClick(ui.titleEdit, "\b")
    assert ui.titleError.isVisible()
    assert "short title" in ui.titleError.text()
    assert not next_button.isEnabled()
    type_into(qtbot, ui.titleEdit, "Letter to the wrong address")

    type_moment(qtbot, ui.occurredEdit, "14 Mar 2021")
    type_moment(qtbot, ui.awareEdit, "13 Mar 2021 10:00")
    assert ui.awareError.isVisible()
    assert ui.awareError.text() == (
        "⚠ You became aware before the breach happened: check both dates."
    )
    assert not next_button.isEnabled()
    type_moment(qtbot, ui.occurredEdit, "11 Mar 2021")
    assert not ui.awareError.isVisible()
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)

    data = wizard.pages[Page.DATA]
    assert not next_button.isEnabled()
    assert "Tick at least one kind of data" in data.problems_line.text()
    tick(qtbot, data.ui.categoriesList, ["health"])
    health = data.ui.categoriesList.item_for("health")
    assert health is not None
    assert health.text() == "Health (special category)"
    next_page(qtbot, wizard)
    choose(qtbot, wizard.pages[Page.HAPPENED].ui.confidentialityCombo, "Known")
    next_page(qtbot, wizard)

    # Known recipients with nobody listed is refused, beside the table.
    recipients = wizard.pages[Page.RECIPIENTS]
    assert not next_button.isEnabled()
    assert recipients.ui.recipientsError.isVisible()
    assert "add who received it" in recipients.ui.recipientsError.text()
    table_row(qtbot, recipients.ui.recipientsTable, recipients.ui.addRecipientButton, ["Head"])
    assert next_button.isEnabled()
    next_page(qtbot, wizard)

    assessment = wizard.pages[Page.ASSESSMENT].ui
    type_into(qtbot, assessment.dpcAdjustSpin, "1", replace=True)
    assert assessment.dpcError.isVisible()
    assert assessment.dpcError.text() == "⚠ Give a reason."
    assert not next_button.isEnabled()
    type_into(qtbot, assessment.dpcReasonEdit, "Details of a rare condition")
    assert not assessment.dpcError.isVisible()
    assert next_button.isEnabled()


def test_a_late_report_needs_the_reasons_for_the_delay(
    qtbot: Any, desk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", "2021-03-25T12:00:00+00:00")
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    type_into(qtbot, ui.titleEdit, "Health records emailed to a journalist")
    type_moment(qtbot, ui.awareEdit, "15 Mar 2021 10:00")
    assert "late by" in ui.clockLabel.text()
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["basic_identifiers", "health"])
    next_page(qtbot, wizard)
    choose(qtbot, wizard.pages[Page.HAPPENED].ui.confidentialityCombo, "Unknown")
    for _ in range(3):
        next_page(qtbot, wizard)
    decisions = wizard.pages[Page.DECISIONS]
    assert decisions.ui.delayEdit.isVisible()
    assert "late by" in decisions.ui.icoDecisionLabel.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "reasons for the delay" in decisions.problems_line.text()
    type_into(qtbot, decisions.ui.delayEdit, "The breach was only confirmed on 24 March.")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # Finalised, the reasons stay with the version: the detail shows them, and the ICO report
    # draft offers them back instead of asking again from nothing.
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.finalised, timeout=20000) as done:
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    breach = done.args[0]
    assert breach.latest.ico_delay_reason == "The breach was only confirmed on 24 March."
    view = desk.window.register_view
    qtbot.waitUntil(lambda: view.detail.breach is not None, timeout=10000)
    assert "Reasons the ICO report is late" in view.detail.assessment.toPlainText()
    offered: list[str] = []

    def ask(_cls: Any, _parent: Any, _title: str, _prompt: str, text: str = "") -> None:
        offered.append(text)

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(ask))
    desk.window.commands.breach.ico_report()
    assert offered == ["The breach was only confirmed on 24 March."]
    # Reassessing starts from them too.
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda *_a, **_k: "New facts"))
    desk.window.commands.reassess()
    again = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    delay = again.pages[Page.DECISIONS].ui.delayEdit.toPlainText()
    assert delay == "The breach was only confirmed on 24 March."


def test_back_keeps_every_answer(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    basics = wizard.pages[Page.BASICS].ui
    type_into(qtbot, basics.titleEdit, "Spreadsheet sent to the wrong school")
    type_into(qtbot, basics.descriptionEdit, "Sent to a head teacher")
    qtbot.keyClick(basics.descriptionEdit, Qt.Key.Key_Return)
    qtbot.keyClicks(basics.descriptionEdit, "in error")
    next_page(qtbot, wizard)
    people = wizard.pages[Page.PEOPLE].ui
    type_into(qtbot, people.countSpin, "250", replace=True)
    tick(qtbot, people.groupsList, ["children", "students"])
    click(qtbot, people.vulnerableCheck)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["basic_identifiers"])
    back_page(qtbot, wizard)
    back_page(qtbot, wizard)
    assert basics.titleEdit.text() == "Spreadsheet sent to the wrong school"
    assert basics.descriptionEdit.toPlainText() == "Sent to a head teacher\nin error"
    next_page(qtbot, wizard)
    assert people.countSpin.value() == 250
    assert people.groupsList.get_values() == ["children", "students"]
    assert people.vulnerableCheck.isChecked()
    next_page(qtbot, wizard)
    assert wizard.state().categories == ["basic_identifiers"]


def test_cancel_keeps_the_draft_then_discards_it(qtbot: Any, desk: Any, answers: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    with qtbot.waitSignal(wizard.draft_saved, timeout=5000):
        type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Laptop left on a train")
    desk.wait_idle()
    answers.keep_or_discard = KeepOrDiscard.KEEP
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    qtbot.waitUntil(lambda: desk.window.commands.wizard is None)
    desk.wait_idle()
    kept = drafts(desk)
    assert [d.title for d in kept] == ["Laptop left on a train"]
    assert desk.window.drafts.text() == "1 draft"

    answers.draft_choice = kept[0].id
    desk.window.commands.actions["drafts"].trigger()
    qtbot.waitUntil(lambda: desk.window.commands.wizard is not None, timeout=10000)
    again = desk.window.commands.wizard
    assert again.pages[Page.BASICS].ui.titleEdit.text() == "Laptop left on a train"
    answers.keep_or_discard = KeepOrDiscard.DISCARD
    again.reject()
    qtbot.waitUntil(lambda: desk.window.commands.wizard is None)
    desk.wait_idle()
    assert drafts(desk) == []
    assert ("keep_or_discard", None) in answers.asked


def test_cancel_and_go_back_leaves_the_wizard_open(qtbot: Any, desk: Any, answers: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Unsure yet")
    answers.keep_or_discard = None
    wizard.reject()
    assert wizard.isVisible()
    assert desk.window.commands.wizard is wizard


def test_save_and_close_then_resume_can_go_back(qtbot: Any, desk: Any, answers: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Minutes sent to the wrong list")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["basic_identifiers"])
    next_page(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.CustomButton1))  # Save and close
    qtbot.waitUntil(lambda: desk.window.commands.wizard is None)
    desk.wait_idle()
    (kept,) = drafts(desk)
    assert kept.page == Page.HAPPENED

    answers.draft_choice = kept.id
    desk.window.commands.actions["drafts"].trigger()
    qtbot.waitUntil(lambda: desk.window.commands.wizard is not None, timeout=10000)
    again = desk.window.commands.wizard
    assert again.currentId() == Page.HAPPENED
    assert again.visitedIds() == [Page.BASICS, Page.PEOPLE, Page.DATA, Page.HAPPENED]
    assert not again.pages[Page.BASICS].ui.titleError.isVisible()  # nothing marked as wrong
    assert back_page(qtbot, again) == Page.DATA
    assert again.pages[Page.DATA].ui.categoriesList.get_values() == ["basic_identifiers"]
    assert back_page(qtbot, again) == Page.PEOPLE
    assert back_page(qtbot, again) == Page.BASICS
    assert again.pages[Page.BASICS].ui.titleEdit.text() == "Minutes sent to the wrong list"
