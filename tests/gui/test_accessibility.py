"""Every control named and reachable by keyboard; the summary's Edit links; removing with a
reason; the draft saved within two seconds."""

from __future__ import annotations

import time
from typing import Any

from gui_drive import click, next_page, table_row, tick, type_into
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)

from breach_desk.gui.wizard.state import Page

INPUTS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextBrowser,
    QAbstractItemView,
    QAbstractButton,
)


def open_wizard(qtbot: Any, desk: Any) -> Any:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def _inside_another_control(widget: QWidget) -> bool:
    """A combo box's line edit and popup list, a date edit's calendar: part of that control."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def _control(widget: QWidget) -> QWidget:
    parent = widget.parentWidget()
    return parent if isinstance(parent, QComboBox) else widget


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName() or id(widget) in buddies:
        return True
    return isinstance(widget, QAbstractButton) and bool(widget.text().replace("&", "").strip())


def test_every_control_on_every_page_has_a_name(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    unnamed = []
    for page in wizard.pages:
        buddies = {
            id(label.buddy())
            for label in page.content.findChildren(QLabel)
            if label.buddy() is not None
        }
        for widget in page.content.findChildren(QWidget):
            if not isinstance(widget, INPUTS) or _inside_another_control(widget):
                continue
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if not _named(widget, buddies):
                unnamed.append(
                    f"{page.page_id.name}: {type(widget).__name__} {widget.objectName()}"
                )
    assert unnamed == []


def test_tab_order_follows_the_form(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    expected = [
        ui.titleEdit,
        ui.referenceEdit,
        ui.serviceCombo,
        ui.descriptionEdit,
        ui.occurredEdit.edit,
        ui.awareEdit.edit,
    ]
    ui.titleEdit.setFocus()
    seen: list[QWidget] = [QApplication.focusWidget()]
    for _ in expected[1:]:
        before = _control(QApplication.focusWidget())
        for _press in range(4):  # a date edit takes Tab through its day, month and year first
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            if _control(QApplication.focusWidget()) is not before:
                break
        seen.append(_control(QApplication.focusWidget()))
    assert seen == expected


def test_main_window_commands_have_keys_and_words(desk: Any) -> None:
    actions = desk.window.commands.actions
    keys = {
        name: actions[name].shortcut().toString()
        for name in ("new", "reassess", "export", "print", "find", "help", "refresh")
    }
    assert keys == {
        "new": "Ctrl+N",
        "reassess": "Ctrl+R",
        "export": "Ctrl+E",
        "print": "Ctrl+P",
        "find": "Ctrl+F",
        "help": "F1",
        "refresh": "F5",
    }
    assert all(actions[name].toolTip() for name in keys)
    assert desk.window.view_list.accessibleName() == "Views"
    assert desk.window.register_view.table.accessibleName() == "Breach register"


def _to_summary(qtbot: Any, wizard: Any) -> None:
    type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Payslips posted to old addresses")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["financial"])
    next_page(qtbot, wizard)
    wizard.pages[Page.HAPPENED].ui.confidentialityCombo.setFocus()
    qtbot.keyClicks(wizard.pages[Page.HAPPENED].ui.confidentialityCombo, "Known")
    next_page(qtbot, wizard)
    recipients = wizard.pages[Page.RECIPIENTS].ui
    table_row(qtbot, recipients.recipientsTable, recipients.addRecipientButton, ["Old address"])
    while wizard.currentId() != Page.SUMMARY:
        next_page(qtbot, wizard)


def test_summary_edit_links_go_back_with_answers_kept(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    _to_summary(qtbot, wizard)
    summary = wizard.pages[Page.SUMMARY].ui.summaryText
    assert "Payslips posted to old addresses" in summary.toPlainText()
    assert summary.toHtml().count("Edit") >= 8
    summary.anchorClicked.emit(QUrl(f"edit:{int(Page.DATA)}"))
    assert wizard.currentId() == Page.DATA
    assert wizard.state().categories == ["financial"]
    assert wizard.pages[Page.BASICS].ui.titleEdit.text() == "Payslips posted to old addresses"


def test_removing_a_recommendation_asks_why(qtbot: Any, desk: Any, answers: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    _to_summary(qtbot, wizard)
    wizard.go_to(Page.RECOMMENDATIONS)
    page = wizard.pages[Page.RECOMMENDATIONS]
    codes = [i.code for i in page.model.items()]
    row = codes.index("LESSONS_LEARNED")
    page.ui.recommendationsTable.setCurrentIndex(page.model.index(row, 1))
    answers.reasons = ["Covered by the service's own review"]
    click(qtbot, page.ui.removeRecommendationButton)
    assert "LESSONS_LEARNED" not in [i.code for i in page.model.items()]
    assert "Covered by the service" in page.ui.removedLabel.text()
    page.ui.catalogueCombo.setCurrentIndex(page.ui.catalogueCombo.findData("REVIEW_SEVERITY"))
    click(qtbot, page.ui.addRecommendationButton)
    assert "REVIEW_SEVERITY" in [i.code for i in page.model.items()]
    owner = page.model.index([i.code for i in page.model.items()].index("REVIEW_SEVERITY"), 2)
    assert page.model.setData(owner, "A Patel")
    assert wizard.plan.owners["REVIEW_SEVERITY"] == "A Patel"


def test_every_change_is_saved_as_a_draft_within_two_seconds(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    started = time.monotonic()
    with qtbot.waitSignal(wizard.draft_saved, timeout=2000):
        type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Card details read out")
    assert time.monotonic() - started < 2.0
    assert wizard.steps.saved.text().startswith("Draft saved")
