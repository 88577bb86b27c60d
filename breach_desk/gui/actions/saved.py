"""Saying where a file was saved, with a button that opens its folder (not modal: the work goes
on behind it)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from breach_desk.gui.actions.viewer import Desktop


class SavedNotice(QMessageBox):
    def __init__(self, parent: QWidget | None, title: str, path: str) -> None:
        super().__init__(parent)
        self.path = path
        self.folder = str(Path(path).parent)
        self.setWindowTitle(title)
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(f"Saved to {path}")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.open_folder: QPushButton = self.addButton(
            "&Open folder", QMessageBox.ButtonRole.ActionRole
        )
        self.open_folder.setToolTip(f"Open {self.folder} in the file manager")
        self.addButton(QMessageBox.StandardButton.Close)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        if button is self.open_folder:
            Desktop.open(self.folder)

    last: ClassVar[SavedNotice | None] = None

    @classmethod
    def show_saved(cls, parent: QWidget | None, title: str, path: str) -> SavedNotice:
        notice = cls(parent, title, path)
        notice.show()
        cls.last = notice
        return notice
