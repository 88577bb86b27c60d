"""Every fact the wizard asks is edited in the widget its declaration names, and every input
widget on the wizard's pages edits a declared fact (or is listed here as asking something that
is not a fact of the breach): a fact declared without its widget, or a widget added to a form
and never bound, fails here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from breach_desk.domain.declared import declared_fields
from breach_desk.domain.facts import Facts
from breach_desk.gui.widgets.checklist import CheckList
from breach_desk.gui.widgets.date_field import DateField
from breach_desk.gui.wizard.state import SIMPLE, page_named

INPUTS = (
    QCheckBox,
    QComboBox,
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QAbstractItemView,
    DateField,
)
NOT_FACTS = {
    "delayEdit": "the reasons the ICO report is late: kept with the version",
    "recommendationsTable": "the recommendations planned: the register's, not the facts'",
    "catalogueCombo": "a recommendation to add from the catalogue",
    "reasonEdit": "why the breach is reassessed: kept with the version",
}
DECLARED = [d for d in declared_fields(Facts) if d.fact.widget]


def open_wizard(qtbot: Any, desk: Any) -> Any:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def _inputs(page: QWidget) -> list[QWidget]:
    """The page's own input widgets (not the line inside a date field or a combo box)."""
    out = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.objectName():
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not page:
            inside = inside or isinstance(parent, INPUTS)
            parent = parent.parentWidget()
        if not inside:
            out.append(widget)
    return out


def test_every_input_on_the_wizard_edits_a_declared_fact(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    declared = {d.fact.widget for d in DECLARED}
    seen = {w.objectName() for page in wizard.pages for w in _inputs(page)}
    unbound = sorted(seen - declared - set(NOT_FACTS))
    assert unbound == []
    # and each declared widget is on its fact's page
    misplaced = [
        d.path
        for d in DECLARED
        if d.page is not None
        and wizard.pages[page_named(d.page)].findChild(QWidget, d.fact.widget) is None
    ]
    assert misplaced == []


def _edit(widget: QWidget) -> None:
    """Change what a widget holds, as the officer would, through its own Qt API."""
    if isinstance(widget, QCheckBox):
        widget.toggle()
    elif isinstance(widget, CheckList):
        first = widget.item(0)  # ticked as the space bar does
        ticked = first.checkState() == Qt.CheckState.Checked
        first.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)
    elif isinstance(widget, QComboBox):
        if widget.isEditable():
            widget.setEditText(widget.currentText() + " Unit")
        else:
            widget.setCurrentIndex((widget.currentIndex() + 1) % widget.count())
    elif isinstance(widget, QDateEdit):
        widget.setDate(QDate(2021, 3, 1))
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        widget.setValue(widget.value() + 2 if widget.value() < widget.maximum() else 1)
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.setText(widget.text() + "Z")
        else:
            widget.setPlainText(widget.toPlainText() + "Z")
    elif isinstance(widget, DateField):
        widget.set_iso("2021-03-01T09:00" if widget.get_iso() != "2021-03-01T09:00" else "2020")
    elif isinstance(widget, QAbstractItemView):
        widget.model().add_row()  # type: ignore[attr-defined]
        widget.model().setData(widget.model().index(0, 0), "Someone")
    else:  # pragma: no cover - a new kind of widget needs a way to be edited here
        raise AssertionError(f"no way to edit a {type(widget).__name__}")


def test_editing_each_declared_widget_changes_the_answers(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    unbound = []
    for d in DECLARED:
        assert d.page is not None
        assert d.fact.widget is not None
        page = wizard.pages[page_named(d.page)]
        widget = page.findChild(QWidget, d.fact.widget)
        before = wizard.state().to_json()
        _edit(widget)
        if wizard.state().to_json() == before:
            unbound.append(f"{d.path} ({d.fact.widget})")
    assert unbound == []


def test_a_plain_fact_is_read_from_its_widget_alone(qtbot: Any, desk: Any) -> None:
    """The plain facts (a yes or no, a choice, a number, a text, a list of choices) are bound
    from their declarations: each answer follows its widget."""
    wizard = open_wizard(qtbot, desk)
    for d in SIMPLE:
        if d.fact.widget is None:
            continue
        page = wizard.pages[page_named(str(d.page))]
        widget = page.findChild(QWidget, d.fact.widget)
        before = wizard.state().answer(d.path)
        _edit(widget)
        assert wizard.state().answer(d.path) != before, d.path
