"""Editable tables for the named people and the recipients: every cell editable by keyboard
(F2 or typing edits, Space ticks a check box, Tab moves from cell to cell, Ctrl+Tab leaves the
table)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from breach_desk.domain import vocabulary as words
from breach_desk.domain.vocabulary import Choice

Index = QModelIndex | QPersistentModelIndex
Kind = Literal["text", "check"] | tuple[Choice, ...]
"""What a column holds: free text, a tick, or one of these choices."""


def keyboard_table(view: QAbstractItemView) -> None:
    """Tab and Shift+Tab move from cell to cell (an open editor is committed first); Ctrl+Tab
    and Ctrl+Shift+Tab leave the table for the next or previous field."""
    view.setTabKeyNavigation(True)
    context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    for keys, forward in (("Ctrl+Tab", True), ("Ctrl+Shift+Tab", False), ("Ctrl+Backtab", False)):
        shortcut = QShortcut(QKeySequence(keys), view)
        shortcut.setContext(context)
        shortcut.activated.connect(lambda forward=forward: leave_table(view, forward))


def leave_table(view: QAbstractItemView, forward: bool = True) -> None:
    widget: QWidget = view
    for _ in range(500):
        found = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if found is None or found is view:
            return
        widget = found
        if view.isAncestorOf(widget):
            continue
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(
                Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
            )
            return


class RowsModel(QAbstractTableModel):
    """A list of dicts edited as a table. ``columns``: (key, title, kind) with kind 'text',
    'check' or a tuple of Choices."""

    edited = Signal()

    columns: Sequence[tuple[str, str, Kind]] = ()
    tips: ClassVar[Mapping[str, str]] = MappingProxyType({})
    blank: ClassVar[Mapping[str, Any]] = MappingProxyType({})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    # content ----------------------------------------------------------------------------------

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [{**self.blank, **r} for r in rows]
        self.endResetModel()

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(dict(self.blank))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.edited.emit()

    # Qt model API -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section][1]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self.columns[section][1].replace("\n", " ")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tips.get(self.columns[section][0])
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()][2] == "check":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, _title, kind = self.columns[index.column()]
        value = self._rows[index.row()].get(key)
        if kind == "check":
            ticked = self.ticked(index.row(), key)
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return "yes" if ticked else "no"
            return None
        if isinstance(kind, tuple):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return words.choice_label(kind, value)
            if role == Qt.ItemDataRole.EditRole:
                return value or ""
            if role == Qt.ItemDataRole.ToolTipRole:
                for c in kind:
                    if c.value == value:
                        return c.tip or None
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return value or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return value or None  # the whole text where the cell is too narrow
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        key, _title, kind = self.columns[index.column()]
        if kind == "check" and role == Qt.ItemDataRole.CheckStateRole:
            state = value.value if hasattr(value, "value") else value
            new: bool | str = state == Qt.CheckState.Checked.value
            if self.tick(index.row(), key, bool(new)):
                self._changed(index, role)
                return True
        elif kind != "check" and role == Qt.ItemDataRole.EditRole:
            new = str(value or "")
        else:
            return False
        if self._rows[index.row()].get(key) == new:
            return True
        self._rows[index.row()][key] = new
        self._changed(index, role)
        return True

    def _changed(self, index: Index, role: int) -> None:
        left, right = self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1)
        self.dataChanged.emit(left, right, [role, Qt.ItemDataRole.DisplayRole])
        self.edited.emit()

    def ticked(self, row: int, key: str) -> bool:
        """Whether a check box cell shows ticked."""
        return bool(self._rows[row].get(key))

    def tick(self, row: int, key: str, on: bool) -> bool:
        """A check box cell ticked or unticked: True when handled here (else stored as is)."""
        return False

    def is_blank(self, row: int) -> bool:
        """A row with nothing said in it (added, then left)."""
        return not any(
            str(self._rows[row].get(key) or "").strip()
            for key, _title, kind in self.columns
            if kind == "text"
        )


class PeopleModel(RowsModel):
    columns = (
        ("name", "Name", "text"),
        ("email", "Email", "text"),
        ("identifier", "Case number", "text"),
    )
    blank: ClassVar[Mapping[str, Any]] = MappingProxyType(
        {"name": "", "email": "", "identifier": ""}
    )


class RecipientsModel(RowsModel):
    columns = (
        ("label", "Who", "text"),
        ("kind", "Kind", words.RECIPIENT_KIND),
        ("poses_risk_to_subject", "Poses a risk", "check"),
        ("risk_note", "What is known", "text"),
        ("deletion_confirmed", "Deletion\nconfirmed", "check"),
        ("email", "Email", "text"),
    )
    tips = MappingProxyType(
        {
            "poses_risk_to_subject": "Known to pose a risk of harm to the person: violence, abuse, "
            "harassment, a hostile party in proceedings",
            "deletion_confirmed": "The recipient confirmed in writing that the data was deleted "
            "or returned unread",
            "email": "For finding earlier breaches involving the same recipient",
        }
    )
    blank: ClassVar[Mapping[str, Any]] = MappingProxyType(
        {
            "label": "",
            "kind": "member_of_public",
            "poses_risk_to_subject": False,
            "risk_note": "",
            "deletion_confirmed": False,
            "email": "",
        }
    )


class RecipientsWithRecordModel(RecipientsModel):
    """Recipients, with what the register already records about each (METHOD.md 2): a row the
    register knows as posing a risk to the same person shows ticked and says so; unticking it
    asks for the reason (``set_aside_requested``), and a set-aside row keeps that reason."""

    set_aside_requested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._recorded: dict[int, str] = {}

    def set_recorded(self, recorded: dict[int, str]) -> None:
        if recorded == self._recorded:
            return
        rows = set(recorded) | set(self._recorded)
        self._recorded = dict(recorded)
        for row in sorted(rows):
            if row < len(self._rows):
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def recorded(self, row: int) -> str:
        return self._recorded.get(row, "")

    def set_aside(self, row: int, reason: str) -> None:
        if 0 <= row < len(self._rows):
            self._rows[row].update(
                poses_risk_to_subject=False, set_aside=True, risk_note=reason.strip()
            )
            self._changed(self.index(row, 2), Qt.ItemDataRole.CheckStateRole)

    def ticked(self, row: int, key: str) -> bool:
        values = self._rows[row]
        if key == "poses_risk_to_subject" and row in self._recorded:
            return bool(values.get(key)) or not values.get("set_aside")
        return bool(values.get(key))

    def tick(self, row: int, key: str, on: bool) -> bool:
        if key != "poses_risk_to_subject":
            return False
        values = self._rows[row]
        if not on and row in self._recorded and not values.get("set_aside"):
            values[key] = False
            self.set_aside_requested.emit(row)  # the page asks why; nothing changes until then
            return False
        if on and values.get("set_aside"):
            values.update(set_aside=False, risk_note="")
        values[key] = on
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self._rows):
            row, key = index.row(), self.columns[index.column()][0]
            recorded = self._recorded.get(row)
            own = str(self._rows[row].get("risk_note") or "")
            if key == "risk_note" and recorded:
                if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                    return own or recorded
                if role == Qt.ItemDataRole.ToolTipRole:
                    return f"{recorded}\n{own}" if own else recorded
                if role == Qt.ItemDataRole.FontRole and not own:
                    font = QFont()
                    font.setItalic(True)
                    return font
            if key == "poses_risk_to_subject" and recorded and role == Qt.ItemDataRole.ToolTipRole:
                return recorded
        return super().data(index, role)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for a column of Choices."""

    def __init__(self, choices: tuple[Choice, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for c in self._choices:
            combo.addItem(c.label, c.value)
            combo.setItemData(combo.count() - 1, c.tip, Qt.ItemDataRole.ToolTipRole)
        combo.setAccessibleName("Kind of recipient")
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, i))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
