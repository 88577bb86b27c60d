"""The wizard at an officer's pace (issue 12), through the real window, by keyboard.

Every key here goes through the focus widget as a person's would: Alt+letter mnemonics, Tab,
Space, typing. Keys besides typing are counted.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWizard

from breach_desk.gui.wizard.state import Page
from breach_desk.method.recommendations import CATALOGUE

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


class Keys:
    """A person at the keyboard: ``press`` counts a key (or chord), ``type`` is typing."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.pressed: list[str] = []

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None
        self.pressed.append(f"{modifier.name}+{key.name}" if modifier != NONE else key.name)
        self.qtbot.keyClick(widget, key, modifier)
        if modifier == ALT:  # a mnemonic "presses" its button for a moment (animateClick)
            self.qtbot.wait(200)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # a cell's editor commits queued
            self.qtbot.wait(50)

    def type(self, text: str) -> None:
        """Each character to whatever has the focus then (typing in a table cell opens its
        editor at the first character: the rest go into the editor)."""
        for char in text:
            widget = QApplication.focusWidget()
            assert widget is not None
            self.qtbot.keyClicks(widget, char)


def open_wizard(qtbot: Any, desk: Any) -> Any:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def shown_pages(wizard: Any) -> list[int]:
    seen: list[int] = [wizard.currentId()]
    wizard.currentIdChanged.connect(lambda page: page >= 0 and seen.append(page))
    return seen


def test_an_internal_slip_is_finalised_in_six_pages_by_keyboard(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    pages = shown_pages(wizard)
    keys = Keys(qtbot)
    basics = wizard.pages[Page.BASICS].ui
    qtbot.waitUntil(lambda: QApplication.focusWidget() is basics.titleEdit)  # ready to type
    keys.type("Payslip emailed to a colleague in Finance")
    keys.press(Qt.Key.Key_N, ALT)  # aware: now (the default)
    assert wizard.currentId() == Page.PEOPLE
    keys.press(Qt.Key.Key_N, ALT)  # one person
    data = wizard.pages[Page.DATA].ui
    assert QApplication.focusWidget() is data.categoriesList
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Space)
    assert data.categoriesList.get_values() == ["contact_details"]
    keys.press(Qt.Key.Key_N, ALT)
    happened = wizard.pages[Page.HAPPENED].ui
    assert QApplication.focusWidget() is happened.confidentialityCombo
    keys.type("Known")
    keys.press(Qt.Key.Key_U, ALT)  # Ca&use
    keys.type("Human")
    keys.press(Qt.Key.Key_N, ALT)
    recipients = wizard.pages[Page.RECIPIENTS].ui
    table = recipients.recipientsTable
    keys.press(Qt.Key.Key_D, ALT)  # A&dd recipient: the new row's first cell is open
    keys.type("Colleague in Finance")
    keys.press(Qt.Key.Key_Tab)  # to Kind, its list open
    keys.type("Int")
    keys.press(Qt.Key.Key_Tab)  # to "Poses a risk"
    keys.press(Qt.Key.Key_Tab)  # to "What is known"
    keys.press(Qt.Key.Key_Tab)  # to "Deletion confirmed"
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_Tab, CTRL)  # out of the table
    assert not table.isAncestorOf(QApplication.focusWidget())
    rows = wizard.pages[Page.RECIPIENTS].recipients.rows()
    assert len(rows) == 1
    assert rows[0]["label"] == "Colleague in Finance"
    assert rows[0]["kind"] == "internal_staff"
    assert rows[0]["deletion_confirmed"] is True
    assert not rows[0]["poses_risk_to_subject"]
    keys.press(Qt.Key.Key_N, ALT)
    assert wizard.currentId() == Page.SUMMARY
    with qtbot.waitSignal(wizard.finalised, timeout=20000) as done:
        keys.press(Qt.Key.Key_F, ALT)
    breach = done.args[0]
    assessment = breach.latest.assessment
    assert assessment.likelihood.value == "remote"
    assert not assessment.ico.report
    assert len(pages) <= 6, [Page(p).name for p in pages]
    assert len(keys.pressed) <= 25, keys.pressed
    print(f"internal slip: {len(pages)} pages, {len(keys.pressed)} keys: {keys.pressed}")


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


WIZARD_KEYS = {"N", "B", "S", "F", "H"}
"""Next, Back, Save and close, Finalise, Help: the wizard's own."""


def test_no_two_mnemonics_on_a_page_share_a_letter(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    own: dict[str, str] = {}
    for which in (
        QWizard.WizardButton.BackButton,
        QWizard.WizardButton.NextButton,
        QWizard.WizardButton.CustomButton1,
        QWizard.WizardButton.FinishButton,
        QWizard.WizardButton.HelpButton,
    ):
        text = wizard.button(which).text()
        letter = _mnemonic(text)
        assert letter is not None, text
        assert letter not in own, (text, own)
        own[letter] = text
    assert set(own) == WIZARD_KEYS
    checked = 0
    for page in wizard.pages:
        taken = dict(own)
        for widget in page.content.findChildren(QLabel) + page.content.findChildren(
            QAbstractButton
        ):
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue
            letter = _mnemonic(widget.text())
            if letter is None:
                continue
            checked += 1
            where = f"{Page(page.page_id).name}: {widget.text()!r}"
            assert letter not in taken, f"{where} clashes with {taken[letter]!r}"
            taken[letter] = widget.text()
    assert checked > 35  # every labelled field on the nine pages


def _to_recipients(qtbot: Any, wizard: Any, keys: Keys, confidentiality: str = "Known") -> Any:
    keys.type("Letter to the wrong address")
    keys.press(Qt.Key.Key_N, ALT)
    keys.press(Qt.Key.Key_N, ALT)
    keys.press(Qt.Key.Key_Space)  # basic identifiers
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Space)  # contact details
    keys.press(Qt.Key.Key_N, ALT)
    keys.type(confidentiality)
    keys.press(Qt.Key.Key_N, ALT)
    assert wizard.currentId() == Page.RECIPIENTS
    return wizard.pages[Page.RECIPIENTS]


def test_empty_rows_and_known_recipients_with_nobody_are_refused(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    keys = Keys(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.BASICS].ui.titleEdit)
    page = _to_recipients(qtbot, wizard, keys)
    ui = page.ui
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    keys.press(Qt.Key.Key_N, ALT)  # tried anyway: held, the reason beside the table
    assert wizard.currentId() == Page.RECIPIENTS
    assert ui.recipientsError.isVisible()
    assert "add who received it" in ui.recipientsError.text()

    keys.press(Qt.Key.Key_D, ALT)  # Add recipient, then Esc: an empty row
    keys.press(Qt.Key.Key_Escape)
    assert page.recipients.rowCount() == 1
    assert not next_button.isEnabled()
    assert ui.recipientsError.isVisible()
    assert "Recipient 1: An empty row" in ui.recipientsError.text()
    assert wizard.outcome.facts.recipients == ()  # never read as a member of the public
    keys.press(Qt.Key.Key_M, ALT)  # Re&move recipient
    assert page.recipients.rowCount() == 0
    keys.press(Qt.Key.Key_D, ALT)
    keys.type("Neighbour at number 12")
    keys.press(Qt.Key.Key_Return)
    assert next_button.isEnabled()
    assert not ui.recipientsError.isVisible()


def test_tab_moves_cell_to_cell_and_ctrl_tab_leaves_the_recipients_table(
    qtbot: Any, desk: Any
) -> None:
    wizard = open_wizard(qtbot, desk)
    keys = Keys(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.BASICS].ui.titleEdit)
    page = _to_recipients(qtbot, wizard, keys)
    table = page.ui.recipientsTable
    keys.press(Qt.Key.Key_D, ALT)
    keys.type("Person A")
    keys.press(Qt.Key.Key_Tab)
    keys.type("Member")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Space)  # poses a risk
    keys.press(Qt.Key.Key_Tab)  # stays in the table: on to "What is known"
    assert table.hasFocus() or table.isAncestorOf(QApplication.focusWidget())
    assert table.currentIndex().column() == 3
    keys.type("Threatened Mr B")  # typing opens the cell
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    keys.type("person.a@example.net")
    keys.press(Qt.Key.Key_Return)
    assert wizard.currentId() == Page.RECIPIENTS  # Return ends the cell's editing, nothing more
    assert page.recipients.rowCount() == 1  # no junk row from a stray Space
    row = page.recipients.rows()[0]
    assert (row["label"], row["kind"], row["poses_risk_to_subject"], row["risk_note"]) == (
        "Person A",
        "member_of_public",
        True,
        "Threatened Mr B",
    )
    assert row["email"] == "person.a@example.net"
    keys.press(Qt.Key.Key_Tab, CTRL)
    assert QApplication.focusWidget() is page.ui.addRecipientButton


def test_tab_from_the_last_cell_leaves_the_table_keeping_the_edit(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    keys = Keys(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.BASICS].ui.titleEdit)
    page = _to_recipients(qtbot, wizard, keys)
    table = page.ui.recipientsTable
    keys.press(Qt.Key.Key_D, ALT)
    keys.type("Person A")
    for _ in range(5):  # Kind, Poses a risk, What is known, Deletion confirmed, Email
        keys.press(Qt.Key.Key_Tab)
    assert table.currentIndex().column() == 5
    keys.type("person.a@example.net")  # the email cell's editor is open
    keys.press(Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not table
    assert not table.isAncestorOf(focused)  # out of the table, not back to its first cell
    assert page.recipients.rows()[0]["email"] == "person.a@example.net"
    assert page.recipients.rows()[0]["label"] == "Person A"
    assert (
        page.recipients.headerData(4, Qt.Orientation.Horizontal).replace("\n", " ")
        == "Deletion confirmed"
    )


def test_the_recommendations_table_keeps_its_row_through_every_update(
    qtbot: Any, desk: Any, answers: Any, qtlog: Any
) -> None:
    wizard = open_wizard(qtbot, desk)
    keys = Keys(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.BASICS].ui.titleEdit)
    page = _to_recipients(qtbot, wizard, keys, confidentiality="Unknown")
    assert page  # unknown recipients: nobody to list
    while wizard.currentId() != Page.RECOMMENDATIONS:
        keys.press(Qt.Key.Key_N, ALT)
    recs = wizard.pages[Page.RECOMMENDATIONS]
    table = recs.ui.recommendationsTable
    qtbot.waitUntil(lambda: table.hasFocus())  # the page's first field
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    row = table.currentIndex().row()
    code = recs.model.items()[row].code
    keys.press(Qt.Key.Key_Tab)  # What -> Owner
    assert table.currentIndex().column() == 2
    keys.type("A Patel")  # typing opens the owner cell
    keys.press(Qt.Key.Key_Tab)  # commits, moves to Due (its editor opens)
    keys.press(Qt.Key.Key_Escape)
    assert wizard.plan.owners[code] == "A Patel"
    assert table.currentIndex().row() == row
    assert table.hasFocus()
    # add from the catalogue: the new row becomes the current one
    recs.ui.catalogueCombo.setCurrentIndex(recs.ui.catalogueCombo.findData("REVIEW_SEVERITY"))
    keys.press(Qt.Key.Key_D, ALT)  # A&dd from the catalogue (to the list)
    recs.ui.addRecommendationButton.setFocus()
    keys.press(Qt.Key.Key_Space)
    codes = [i.code for i in recs.model.items()]
    assert table.currentIndex().row() == codes.index("REVIEW_SEVERITY")
    combo = recs.ui.catalogueCombo
    for i in range(combo.count()):  # the catalogue offers each recommendation by its text
        entry = CATALOGUE[combo.itemData(i)]
        assert combo.itemText(i).endswith(entry.text)
        assert not combo.itemText(i).startswith(combo.itemData(i))
    # remove one: the row after it becomes current, the table keeps the focus
    table.setFocus()
    table.setCurrentIndex(recs.model.index(1, 1))
    removed = recs.model.items()[1].code
    following = recs.model.items()[2].code
    answers.reasons = ["Covered by the service's own review"]
    keys.press(Qt.Key.Key_M, ALT)  # Re&move…
    assert removed not in [i.code for i in recs.model.items()]
    assert recs.model.items()[table.currentIndex().row()].code == following
    assert table.hasFocus()
    warnings = [r.message for r in qtlog.records if "commitData" in r.message]
    assert warnings == []


def test_a_risk_the_register_knows_is_carried_forward_in_the_window(
    qtbot: Any, desk: Any, answers: Any
) -> None:
    from builders import facts_dict

    from breach_desk.facts_io import facts_from_dict

    first = facts_from_dict(
        facts_dict(
            reference="IG-2026-0001",
            title="Mr B's email address sent to Person A",
            aware_at="2021-02-01T09:00:00",
            **{
                "subjects.people": [{"name": "Mr B", "email": "mr.b@example.org"}],
                "data.categories": ["contact_details"],
                "recipients": [
                    {
                        "label": "Person A",
                        "kind": "member_of_public",
                        "poses_risk_to_subject": True,
                        "risk_note": "Convicted of assault against Mr B",
                    }
                ],
            },
        )
    )
    stored: list[Any] = []
    desk.backend.call(lambda s: s.register.finalise(first), on_done=stored.append)
    qtbot.waitUntil(lambda: bool(stored), timeout=20000)

    wizard = open_wizard(qtbot, desk)
    keys = Keys(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.BASICS].ui.titleEdit)
    keys.type("Mr B's address sent to Person A again")
    keys.press(Qt.Key.Key_N, ALT)
    keys.press(Qt.Key.Key_D, ALT)  # A&dd person
    keys.type("Mr B")
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_N, ALT)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Space)  # contact details
    keys.press(Qt.Key.Key_N, ALT)
    keys.type("Known")
    keys.press(Qt.Key.Key_N, ALT)
    page = wizard.pages[Page.RECIPIENTS]
    model, table = page.recipients, page.ui.recipientsTable
    keys.press(Qt.Key.Key_D, ALT)
    keys.type("Person A")
    keys.press(Qt.Key.Key_Return)
    risk = model.index(0, 2)
    known = model.index(0, 3)
    qtbot.waitUntil(lambda: risk.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked)
    assert known.data() == (
        "Recorded as posing a risk to Mr B in IG-2026-0001: Convicted of assault against Mr B"
    )
    assert "Recorded as posing a risk to Mr B in IG-2026-0001" in page.ui.recipientsMatches.text()
    a = wizard.outcome.assessment
    assert (a.likelihood.value, a.risk.value) == ("likely", "high")
    assert "A high risk" in wizard.panel.likelihood.text()

    # Unticking asks why; the reason sets the risk aside.
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    assert table.currentIndex() == risk
    answers.reasons = ["Injunction expired; no contact since 2019"]
    keys.press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ("reason", "Set aside a recorded risk") in answers.asked)
    qtbot.waitUntil(lambda: risk.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked)
    assert known.data() == "Injunction expired; no contact since 2019"
    facts = wizard.outcome.facts
    assert facts.recipients[0].poses_risk_to_subject is False
    assert "likelihood.risk_set_aside" in [f.id for f in wizard.outcome.assessment.factors]
    assert wizard.outcome.assessment.risk.value != "high"
    # Cancelling the question leaves the risk carried.
    keys.press(Qt.Key.Key_Space)  # ticked again: carried again
    assert risk.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    answers.reasons = []
    keys.press(Qt.Key.Key_Space)
    qtbot.wait(50)
    assert risk.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert wizard.outcome.assessment.risk.value == "high"

    keys.press(Qt.Key.Key_Tab, CTRL)
    while wizard.currentId() != Page.SUMMARY:
        keys.press(Qt.Key.Key_N, ALT)
    with qtbot.waitSignal(wizard.finalised, timeout=20000) as done:
        keys.press(Qt.Key.Key_F, ALT)
    saved = done.args[0].latest.assessment
    carried = [f for f in saved.factors if f.id == "likelihood.carried_risk"]
    assert carried
    assert "IG-2026-0001" in carried[0].effect
    assert saved.risk.value == "high"
    assert "SAFETY_PLAN" in [r.code for r in saved.recommendations]


def test_when_it_happened_at_the_precision_known(qtbot: Any, desk: Any) -> None:
    from PySide6.QtCore import QUrl

    from breach_desk.domain.facts import PartialDate

    wizard = open_wizard(qtbot, desk)
    keys = Keys(qtbot)
    ui = wizard.pages[Page.BASICS].ui
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.titleEdit)
    keys.type("Old files found in a skip")
    keys.press(Qt.Key.Key_O, ALT)  # &Occurred: typed as precisely as it is known
    assert QApplication.focusWidget() is ui.occurredEdit.edit
    assert ui.occurredEdit.said.text() == "Not known"
    keys.type("Jan 2021")
    assert ui.occurredEdit.said.text() == "January 2021"
    assert wizard.outcome.facts.occurred_at == PartialDate(2021, 1)
    keys.press(Qt.Key.Key_N, ALT)
    keys.press(Qt.Key.Key_N, ALT)
    keys.press(Qt.Key.Key_Space)  # basic identifiers
    keys.press(Qt.Key.Key_N, ALT)
    keys.type("None")
    keys.press(Qt.Key.Key_N, ALT)  # nobody received it: nothing more matters
    assert wizard.currentId() == Page.SUMMARY
    summary = wizard.pages[Page.SUMMARY].ui.summaryText
    assert "When it happened\nJanuary 2021" in summary.toPlainText()
    summary.anchorClicked.emit(QUrl(f"edit:{int(Page.BASICS)}"))
    assert wizard.currentId() == Page.BASICS
    ui.occurredEdit.setFocus()
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("2021")
    assert ui.occurredEdit.said.text() == "the year 2021"
    assert wizard.state().to_facts(stand_ins=True).occurred_at == PartialDate(2021)
    assert wizard.outcome.facts.occurred_at == PartialDate(2021)


def _luminance(colour: Any) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def _contrast(a: Any, b: Any) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _indicator_contrast(image: Any, rect: Any, background: Any) -> float:
    """The most visible pixel of the indicator against the background it sits on."""
    return max(
        _contrast(image.pixelColor(x, y), background)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def test_unticked_check_boxes_are_visible_in_a_dark_palette(qtbot: Any, desk: Any) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2b2b2b"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e8e8e8"),
        (QPalette.ColorRole.Highlight, "#2a82da"),
        (QPalette.ColorRole.HighlightedText, "#000000"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        wizard = open_wizard(qtbot, desk)
        qtbot.keyClicks(wizard.pages[Page.BASICS].ui.titleEdit, "Seen in the dark")
        wizard.go_to(Page.PEOPLE)
        box = wizard.pages[Page.PEOPLE].ui.vulnerableCheck
        assert not box.isChecked()
        option = QStyleOptionButton()
        option.initFrom(box)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        background = image.pixelColor(rect.right() + 2, rect.center().y())
        assert _indicator_contrast(image, rect, background) >= 3.0

        wizard.go_to(Page.DATA)
        listed = wizard.pages[Page.DATA].ui.categoriesList
        qtbot.waitUntil(listed.isVisible)
        item = listed.visualItemRect(listed.item(0))
        image = listed.viewport().grab().toImage()
        height = item.height()
        square = item.adjusted(0, 0, -(item.width() - height - 8), 0)
        base = image.pixelColor(item.right() - 2, item.center().y())
        assert _indicator_contrast(image, square, base) >= 3.0
    finally:
        app.setPalette(before)
