"""A list of checkable choices with a ``values`` property, so a QWizard field can hold it.

Registered as ``registerField(name, widget, "values", "valuesChanged")``: a property with a change
signal, so a mandatory field never leaves Next stuck (pitfall P3). Space toggles the current item.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from breach_desk.domain.vocabulary import Choice

_VALUE = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    valuesChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Ticks say what is chosen; a highlighted row would look chosen too.
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setUniformItemSizes(True)
        self.itemChanged.connect(self._on_item_changed)
        self._quiet = False

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        self._quiet = True
        self.clear()
        for choice in choices:
            item = QListWidgetItem(choice.label, self)
            item.setData(_VALUE, choice.value)
            item.setToolTip(choice.tip)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
        self._quiet = False
        if self.count():
            self.setCurrentRow(0)
            # It grows with the window (every choice in sight), never past its last choice.
            self.setMaximumHeight(self.sizeHintForRow(0) * self.count() + 2 * self.frameWidth() + 2)

    def get_values(self) -> list[str]:
        return [
            str(self.item(i).data(_VALUE))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_values(self, values: list[str]) -> None:
        wanted = set(values or [])
        self._quiet = True
        for i in range(self.count()):
            item = self.item(i)
            state = (
                Qt.CheckState.Checked if item.data(_VALUE) in wanted else Qt.CheckState.Unchecked
            )
            item.setCheckState(state)
        self._quiet = False
        self.valuesChanged.emit(self.get_values())

    values = Property(list, get_values, set_values, notify=valuesChanged)

    def item_for(self, value: str) -> QListWidgetItem | None:
        for i in range(self.count()):
            if self.item(i).data(_VALUE) == value:
                return self.item(i)
        return None

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        if not self._quiet:
            self.valuesChanged.emit(self.get_values())

    def sizeHint(self) -> QSize:
        rows = min(self.count(), 8) or 4
        height = self.sizeHintForRow(0) * rows + 2 * self.frameWidth() if self.count() else 120
        return QSize(super().sizeHint().width(), height)
