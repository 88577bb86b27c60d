"""Keys that never write into the record by accident.

A mnemonic such as Alt+N is the wizard's, whatever has the focus: while Next is disabled its
shortcut does not fire, and Qt then delivers the key to the focused widget, where a text box
took it as the letter "n" (a one-letter "reason for the delay" that satisfied the check) and a
drop-down as a search for a choice starting with N. Alt with a letter or digit (without Ctrl:
AltGr on Windows is Ctrl+Alt) is therefore never typed into anything in the window.

Return on a closed drop-down opens it instead of pressing the default button: a half-set
answer never moves the officer on.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

_ALT = Qt.KeyboardModifier.AltModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


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
        if key_event.key() in _RETURN and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            combo = watched if isinstance(watched, QComboBox) else watched.parentWidget()
            if isinstance(combo, QComboBox) and not combo.view().isVisible():
                combo.showPopup()
                return True
        return False
