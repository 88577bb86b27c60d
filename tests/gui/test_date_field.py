"""Dates typed into the wizard as officers write them: kept exactly, said in words beside the
field, or refused there with Next disabled."""

from __future__ import annotations

import re
from typing import Any

import pytest
from gui_drive import type_into, type_moment
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from test_wizard_keyboard import open_wizard

from breach_desk.domain.clock import LONDON, now
from breach_desk.facts_io import facts_to_dict
from breach_desk.gui.widgets.date_field import DateField
from breach_desk.gui.wizard.state import Page

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize(
    ("typed", "stored", "words"),
    [
        ("15/03/2021 10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("15/3/21 10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("15 Mar 2021 10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("15 March 2021 10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("2021-03-15T10:00", "2021-03-15T10:00", "Monday 15 March 2021, 10:00 GMT"),
        ("11 Jan 2021 9:05", "2021-01-11T09:05", "Monday 11 January 2021, 09:05 GMT"),
        ("1 Jul 2020 14:30", "2020-07-01T14:30", "Wednesday 1 July 2020, 14:30 BST"),
        ("25 Oct 2020 01:30", "2020-10-25T01:30", "Sunday 25 October 2020, 01:30 BST"),
        ("25 Oct 2020 01:30 GMT", "2020-10-25T01:30+00:00", "Sunday 25 October 2020, 01:30 GMT"),
    ],
)
def test_the_aware_moment_is_kept_as_typed(
    qtbot: Any, desk: Any, typed: str, stored: str, words: str
) -> None:
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    type_into(qtbot, ui.titleEdit, "Letter to the wrong address")
    type_moment(qtbot, ui.awareEdit, typed)
    assert ui.awareEdit.text() == typed  # never rewritten into another date
    assert ui.awareEdit.said.text().startswith(words)
    assert wizard.state().aware == stored
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # Shown again as it was typed (a draft, a reassessment): the second 01:30 stays the second.
    again = wizard.state()
    type_moment(qtbot, ui.awareEdit, "1 Jan 2021 09:00")
    wizard.pages[Page.BASICS].write(again)
    assert ui.awareEdit.said.text().startswith(words)
    assert (
        wizard.state().to_facts(stand_ins=True).aware_at == again.to_facts(stand_ins=True).aware_at
    )


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("31 Nov 2020 10:00", "31 November 2020 does not exist: November has 30 days"),
        ("29/02/2021 10:00", "2021 is not a leap year"),
        ("29 Mar 2020 01:30", "the clocks went forward"),
        ("15 Mar 2021", "add the time as well"),
        ("15 Marhc 2021 10:00", "is not a month"),
    ],
)
def test_what_cannot_be_taken_is_refused_beside_the_field(
    qtbot: Any, desk: Any, typed: str, problem: str
) -> None:
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_into(qtbot, ui.titleEdit, "Letter to the wrong address")
    assert next_button.isEnabled()
    type_moment(qtbot, ui.awareEdit, typed)
    assert ui.awareEdit.text() == typed
    assert ui.awareEdit.said.isVisible()
    assert problem in ui.awareEdit.said.text()
    assert not ui.awareError.isVisible()  # said once, beside the field: no 'Required.' too
    assert not next_button.isEnabled()
    # The officer corrects it; nothing was kept from the refused text.
    type_moment(qtbot, ui.awareEdit, "30 Nov 2020 10:00")
    assert next_button.isEnabled()
    assert wizard.state().aware == "2020-11-30T10:00"


def test_digits_and_spaces_never_jump_between_sections(qtbot: Any, desk: Any) -> None:
    """Typed character by character, with the focus wherever Qt puts it."""
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    ui.awareEdit.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL)
    for char in "15 Mar 2021 10:00":
        qtbot.keyClicks(QApplication.focusWidget(), char)
    assert wizard.state().aware == "2021-03-15T10:00"


@pytest.mark.parametrize(
    ("typed", "occurred_at", "words"),
    [
        ("11 Jan 2021", "2021-01-11", "Monday 11 January 2021"),
        ("11/01/21", "2021-01-11", "Monday 11 January 2021"),
        ("15 Mar 2021 09:30", "2021-03-15T09:30:00+00:00", "Monday 15 March 2021, 09:30 GMT"),
        ("14/03/21 23:15", "2021-03-14T23:15:00+00:00", "Sunday 14 March 2021, 23:15 GMT"),
        ("June 2020", "2020-06", "June 2020"),
        ("2020", "2020", "the year 2020"),
        ("", None, "Not known"),
    ],
)
def test_when_it_happened_at_the_precision_typed(
    qtbot: Any, desk: Any, typed: str, occurred_at: str | None, words: str
) -> None:
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    type_into(qtbot, ui.titleEdit, "Old files found in a skip")
    type_moment(qtbot, ui.awareEdit, "15 Mar 2021 10:00")
    type_moment(qtbot, ui.occurredEdit, typed)
    assert ui.occurredEdit.said.text() == words
    assert facts_to_dict(wizard.state().to_facts(stand_ins=True)).get("occurred_at") == occurred_at
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_resumed_date_shows_as_it_was_understood(qtbot: Any) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.configure(with_time=True)
    field.set_iso("2021-10-31T01:30")
    assert field.said.text().startswith("Sunday 31 October 2021, 01:30 BST")
    assert field.get_iso() == "2021-10-31T01:30"
    field.configure(partial=True, optional=True)
    field.set_iso("2022-06")
    assert field.text() == "Jun 2022"
    assert field.get_iso() == "2022-06"


def test_a_due_date_is_typed_as_written_in_its_cell(qtbot: Any, desk: Any) -> None:
    from test_wizard_keyboard import ALT, Keys, _to_recipients

    wizard = open_wizard(qtbot, desk)
    keys = Keys(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.BASICS].ui.titleEdit)
    _to_recipients(qtbot, wizard, keys, confidentiality="Unknown")
    while wizard.currentId() != Page.RECOMMENDATIONS:
        keys.press(Qt.Key.Key_N, ALT)
    recs = wizard.pages[Page.RECOMMENDATIONS]
    table = recs.ui.recommendationsTable
    qtbot.waitUntil(table.hasFocus)
    keys.press(Qt.Key.Key_Down)
    row = table.currentIndex().row()
    assert row >= 0
    code = recs.model.items()[row].code
    table.setCurrentIndex(recs.model.index(row, 3))
    keys.press(Qt.Key.Key_F2)
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("31/11/2021")
    keys.press(Qt.Key.Key_Return)
    assert code not in wizard.plan.due  # not turned into 30 November, nor 1 December
    assert "31 November 2021 does not exist" in recs.ui.recommendationsError.text()
    keys.press(Qt.Key.Key_F2)
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("30 Nov 2021")
    keys.press(Qt.Key.Key_Return)
    assert wizard.plan.due[code] == "2021-11-30"


def test_a_breach_keeps_its_own_reference_and_never_takes_another(qtbot: Any, demo: Any) -> None:
    """A breach known as IG-2021-099 keeps it; one already in the register is refused."""
    desk = demo
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    ui = wizard.pages[Page.BASICS].ui
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_into(qtbot, ui.titleEdit, "Old breach logged on paper")
    type_moment(qtbot, ui.awareEdit, "15 Mar 2021 10:00")
    # Proposed when empty: the number a save now would be given.
    proposed = re.compile(rf"Given when saved: IG-{now().astimezone(LONDON).year}-\d{{4}} ")
    qtbot.waitUntil(lambda: bool(proposed.search(ui.referenceEdit.placeholderText())), timeout=5000)
    assert "Given when saved" in ui.referenceEdit.placeholderText()
    type_into(qtbot, ui.referenceEdit, "IG-2021-014")  # the demo's founding case
    qtbot.waitUntil(ui.referenceError.isVisible, timeout=5000)
    assert "IG-2021-014 is already in the register" in ui.referenceError.text()
    assert not next_button.isEnabled()
    type_into(qtbot, ui.referenceEdit, "IG-2021-099", replace=True)
    qtbot.waitUntil(lambda: not ui.referenceError.isVisible(), timeout=5000)
    assert next_button.isEnabled()
    assert wizard.state().to_facts(stand_ins=True).reference == "IG-2021-099"


def test_the_time_it_happened_is_kept_through_the_register_a_draft_and_a_reassessment(
    qtbot: Any, desk: Any
) -> None:
    """A time typed with the day it happened is not cut to the day: it is in the facts, kept
    as the register keeps them, in a draft, shown again when reassessed, and printed."""
    import json
    from datetime import datetime

    from breach_desk.domain.description import describe_facts
    from breach_desk.gui.wizard.state import FormState
    from breach_desk.store.records import facts_json, load_facts

    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    type_into(qtbot, ui.titleEdit, "Letter handed to the wrong visitor")
    type_moment(qtbot, ui.awareEdit, "15 Mar 2021 10:00")
    type_moment(qtbot, ui.occurredEdit, "15 Mar 2021 09:30")
    assert ui.occurredEdit.said.text() == "Monday 15 March 2021, 09:30 GMT"
    facts = wizard.state().to_facts(stand_ins=True)
    assert facts.occurred_at == datetime(2021, 3, 15, 9, 30, tzinfo=LONDON)

    stored = load_facts(facts_json(facts))  # as a version keeps them
    assert stored == facts
    state = FormState.from_facts(stored)
    drafted = FormState.from_json(json.loads(json.dumps(state.to_json())))
    assert drafted.occurred_at() == "2021-03-15T09:30"
    for page in wizard.pages:
        page.write(drafted)
    assert ui.occurredEdit.text() == "15 Mar 2021 09:30"
    assert wizard.state().to_facts(stand_ins=True).occurred_at == facts.occurred_at

    lines = {ln.key: ln.value for s in describe_facts(stored) for ln in s.lines}
    assert lines["occurred_at"] == "Mon 15 Mar 2021 09:30 GMT"
