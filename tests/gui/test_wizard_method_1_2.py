"""METHOD 1.2 in the wizard: the presence question on the Data page, harm already reported and how
the breach was found on the What happened page; what is entered reaches the facts and the result."""

from __future__ import annotations

from typing import Any

from gui_drive import choose, click, next_page, tick, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from breach_desk.facts_io import facts_to_dict
from breach_desk.gui.wizard.state import FormState, Page


def open_wizard(qtbot: Any, desk: Any) -> Any:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def test_the_method_1_2_facts_are_asked_and_decide(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Clinic newsletter sent with To")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)

    data = wizard.pages[Page.DATA].ui
    tick(qtbot, data.categoriesList, ["contact_details"])
    choose(qtbot, data.extentCombo, "Minimal")
    assert not data.presenceCheck.isVisible()  # no special category: nothing to reveal
    tick(qtbot, data.categoriesList, ["health"])
    assert data.presenceCheck.isVisible()  # a special category with minimal extent: asked
    qtbot.keyClick(data.extentCombo, Qt.Key.Key_Down)
    assert data.extentCombo.currentText() == "Limited"
    assert not data.presenceCheck.isVisible()
    qtbot.keyClick(data.extentCombo, Qt.Key.Key_Up)
    click(qtbot, data.presenceCheck)
    assert wizard.state().presence_reveals_category
    assert wizard.outcome.assessment is not None
    assert wizard.outcome.assessment.severity.dpc == 4
    next_page(qtbot, wizard)

    happened = wizard.pages[Page.HAPPENED].ui
    choose(qtbot, happened.confidentialityCombo, "Exposed")
    assert not happened.harmNoteEdit.isEnabled()
    click(qtbot, happened.harmCheck)
    assert happened.harmNoteEdit.isEnabled()
    type_into(qtbot, happened.harmNoteEdit, "A patient was contacted by another")
    happened.discoveredCombo.setFocus()
    while happened.discoveredCombo.currentData() != "complaint":  # arrow keys down the list
        qtbot.keyClick(happened.discoveredCombo, Qt.Key.Key_Down)
    assert happened.discoveredCombo.currentText() == "A complaint"
    type_into(qtbot, happened.discoveredNoteEdit, "Letter from a patient")

    facts = facts_to_dict(wizard.state().to_facts())
    assert facts["data"]["presence_reveals_category"] is True
    assert facts["harm_reported"] == {"note": "A patient was contacted by another"}
    assert facts["discovered_how"] == {"kind": "complaint", "note": "Letter from a patient"}
    a = wizard.outcome.assessment
    assert a is not None
    assert (a.likelihood.value, a.likelihood_rule) == ("occurred", "harm_reported")

    # What a reassessment prefills is what was entered.
    again = FormState.from_facts(wizard.state().to_facts())
    for name in (
        "presence_reveals_category",
        "harm_reported",
        "harm_note",
        "discovered_how",
        "discovered_note",
    ):
        assert getattr(again, name) == getattr(wizard.state(), name), name


def test_a_harm_date_given_in_the_facts_survives_the_wizard(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    page = wizard.pages[Page.HAPPENED]
    state = FormState(harm_reported=True, harm_note="Fraud", harm_at="2025-10")
    page.write(state)
    out = FormState()
    page.read(out)
    assert (out.harm_reported, out.harm_note, out.harm_at) == (True, "Fraud", "2025-10")
    page.write(FormState())
    page.read(out)
    assert (out.harm_reported, out.harm_at, out.discovered_how) == (False, "", "")
