"""Driving the wizard as a person does: keys typed into fields, clicks on buttons and boxes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QWidget, QWizard

from breach_desk.gui.widgets.date_field import DateField
from breach_desk.gui.wizard.state import Page
from breach_desk.gui.wizard.wizard import AssessmentWizard

CTRL = Qt.KeyboardModifier.ControlModifier


def type_into(qtbot: Any, widget: QWidget, text: str, replace: bool = False) -> None:
    widget.setFocus()
    if replace:
        qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)


def type_moment(qtbot: Any, edit: DateField, text: str) -> None:
    """Tab into a date field and type the date as written: '11 Jan 2021', '15/03/2021 10:00'
    (what was there is replaced)."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(edit.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit.edit, text)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot: Any, checklist: QListWidget, values: list[str]) -> None:
    """Arrow keys to each choice, Space to tick it."""
    checklist.setFocus()
    qtbot.keyClick(checklist, Qt.Key.Key_Home)
    for row in range(checklist.count()):
        if checklist.item(row).data(Qt.ItemDataRole.UserRole) in values:
            qtbot.keyClick(checklist, Qt.Key.Key_Space)
        qtbot.keyClick(checklist, Qt.Key.Key_Down)


def choose(qtbot: Any, combo: QWidget, text: str) -> None:
    """Keyboard search in a combo box: typing the start of a choice selects it."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def next_page(qtbot: Any, wizard: AssessmentWizard) -> int:
    """Click Next; wait for the next page that matters (pages that cannot are skipped).
    Returns the page now shown."""
    button = wizard.button(QWizard.WizardButton.NextButton)
    expected = wizard.nextId()
    assert button.isEnabled(), wizard.currentPage().problems_line.text()
    click(qtbot, button)
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=3000)
    return expected


def back_page(qtbot: Any, wizard: AssessmentWizard) -> int:
    expected = wizard.visitedIds()[-2]
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=3000)
    return expected


def table_row(
    qtbot: Any, view: QAbstractItemView, add_button: QWidget, cells: list[str | bool]
) -> None:
    """Add a row, then fill it cell by cell: text is typed (Tab moves on), True ticks a check
    box cell with Space, False leaves it."""
    click(qtbot, add_button)
    model = view.model()
    row = model.rowCount() - 1
    for col, value in enumerate(cells):
        index = model.index(row, col)
        editing = view.state() == QAbstractItemView.State.EditingState
        if isinstance(value, bool) or not value:
            if editing:  # leave the open editor untouched (Escape)
                qtbot.keyClick(view.window().focusWidget(), Qt.Key.Key_Escape)
            if isinstance(value, bool) and value != _checked(index):
                view.setCurrentIndex(index)
                view.setFocus()
                qtbot.keyClick(view, Qt.Key.Key_Space)
                assert _checked(index) == value
            continue
        if not editing or view.currentIndex() != index:
            view.setCurrentIndex(index)
            view.setFocus()
            qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = view.window().focusWidget()
        qtbot.keyClicks(editor, value)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def _checked(index: Any) -> bool:
    return bool(index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked)


def cell_point(view: QAbstractItemView, row: int, col: int) -> QPoint:
    return view.visualRect(view.model().index(row, col)).center()


def fill_seed(
    qtbot: Any, w: AssessmentWizard, seed: dict[str, Any], *, variant: bool = False
) -> None:
    """The founding case, page by page (pages 1-5), into an open wizard."""
    p = w.pages
    ui = p[Page.BASICS].ui
    type_into(qtbot, ui.titleEdit, seed["title"])
    type_into(qtbot, ui.serviceCombo.lineEdit(), seed["service"])
    type_into(qtbot, ui.descriptionEdit, seed["description"])
    type_moment(qtbot, ui.occurredEdit, "11 Jan 2021")
    type_moment(qtbot, ui.awareEdit, "15 Mar 2021 10:00")
    next_page(qtbot, w)

    ui = p[Page.PEOPLE].ui
    tick(qtbot, ui.groupsList, ["service_users"])
    click(qtbot, ui.vulnerableCheck)
    ui.alreadyAwareCheck.setFocus()
    qtbot.keyClick(ui.alreadyAwareCheck, Qt.Key.Key_Space)
    table_row(qtbot, ui.peopleTable, ui.addPersonButton, ["Mr B", "mr.b@example.org"])
    next_page(qtbot, w)

    ui = p[Page.DATA].ui
    tick(
        qtbot,
        ui.categoriesList,
        ["contact_details"] if variant else ["contact_details", "mental_health"],
    )
    next_page(qtbot, w)

    ui = p[Page.HAPPENED].ui
    choose(qtbot, ui.confidentialityCombo, "Known")
    choose(qtbot, ui.causeCombo, "Human")
    if not variant:
        type_into(qtbot, ui.occurrencesSpin, "3", replace=True)
    next_page(qtbot, w)

    ui = p[Page.RECIPIENTS].ui
    if variant:
        table_row(
            qtbot,
            ui.recipientsTable,
            ui.addRecipientButton,
            ["Colleague in Finance", "Internal", False, "", True],
        )
    else:
        for label in (
            "Person A (involved with the children)",
            "Person C (involved with the children)",
        ):
            table_row(
                qtbot,
                ui.recipientsTable,
                ui.addRecipientButton,
                [label, "Member", True, "Convicted of assault against Mr B"],
            )


def select(desk: Any, reference: str) -> Any:
    """Click a breach's row in the register; wait for its detail."""
    view = desk.window.register_view
    row = view.model.row_of(reference)
    assert row is not None
    view.table.selectRow(row)
    desk.qtbot.waitUntil(
        lambda: view.current_breach() is not None and view.current_breach().reference == reference,
        timeout=10000,
    )
    return view.current_breach()
