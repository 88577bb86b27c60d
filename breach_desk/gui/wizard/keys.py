"""Keys that never write into the record by accident.

A mnemonic such as Alt+N is the wizard's, whatever has the focus: while Next is disabled its
shortcut does not fire, and Qt then delivers the key to the focused widget, where a text box
took it as the letter "n" (a one-letter "reason for the delay" that satisfied the check) and a
drop-down as a search for a choice starting with N. Alt with a letter or digit (without Ctrl:
AltGr on Windows is Ctrl+Alt) is therefore never typed into anything in the window.

Return on a closed drop-down opens it instead of pressing the default button: a half-set
answer never moves the officer on. Tab from a table's last cell (its editor open or not) leaves
the table, the edit kept, instead of wrapping round to the first cell; Shift+Tab from the first
cell leaves it backwards.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QTableView,
    QWidget,
)

from breach_desk.gui.wizard.tables import leave_table

_ALT = Qt.KeyboardModifier.AltModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _table_of(widget: QWidget) -> tuple[QAbstractItemView, QWidget | None] | None:
    """The table a widget is (or edits a cell of), and the cell's editor if it is one."""
    if isinstance(widget, QAbstractItemView):
        return widget, None
    node: QWidget | None = widget
    while node is not None:
        parent = node.parentWidget()
        if parent is not None and isinstance(parent.parentWidget(), QAbstractItemView):
            view = parent.parentWidget()
            assert isinstance(view, QAbstractItemView)
            if parent is view.viewport():
                return view, node
        node = parent
    return None


def _leave_at_the_edge(widget: QWidget, forward: bool) -> bool:
    found = _table_of(widget)
    if found is None:
        return False
    view, editor = found
    model = view.model()
    index = view.currentIndex()
    if model is None or not index.isValid() or not view.tabKeyNavigation():
        return False
    hidden = view.isColumnHidden if isinstance(view, QTableView) else (lambda _c: False)
    columns = [c for c in range(model.columnCount()) if not hidden(c)]
    if not columns:
        return False
    last_row = model.rowCount() - 1
    at_edge = (
        (index.row() == last_row and index.column() == columns[-1])
        if forward
        else (index.row() == 0 and index.column() == columns[0])
    )
    if not at_edge:
        return False
    if editor is not None:  # the cell's edit is kept, then the table is left
        view.commitData(editor)
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    leave_table(view, forward)
    return True


def _typable(key: int) -> bool:
    return Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value or (
        Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value
    )


class KeyGuard(QObject):
    """Installed on the application for one window (the guard goes with the window)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._window:
            return False
        key_event = cast(QKeyEvent, event)
        modifiers = key_event.modifiers()
        if modifiers & _ALT and not modifiers & _CTRL and _typable(key_event.key()):
            return True  # a shortcut that did not fire is not a letter for the record
        if key_event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not modifiers & _CTRL:
            forward = key_event.key() == Qt.Key.Key_Tab and not modifiers & _SHIFT
            if _leave_at_the_edge(watched, forward):
                return True
        if key_event.key() in _RETURN and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            combo = watched if isinstance(watched, QComboBox) else watched.parentWidget()
            # (a table cell's drop-down is an editor: Return there commits the cell, as ever)
            if (
                isinstance(combo, QComboBox)
                and not combo.view().isVisible()
                and _table_of(combo) is None
            ):
                combo.showPopup()
                return True
        return False
