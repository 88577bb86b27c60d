"""A table of recommendations beside the selected one's detail, and what its buttons do.

Every change runs on the worker; when it is saved the backend says the register changed, so
every view (the register's too) reads it again. A refusal comes back in the rules' words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QWidget

from breach_desk.domain.workflow import Action
from breach_desk.gui.actions import bridge
from breach_desk.gui.actions.detail import ActionDetail
from breach_desk.gui.actions.dialogs import DoneDialog, OpenFiles, SaveFile
from breach_desk.gui.actions.model import ActionsModel, Column, ItemRole
from breach_desk.gui.backend import Backend, Services, describe_error
from breach_desk.gui.dialogs import Notice, ReasonDialog
from breach_desk.gui.views import ViewContext
from breach_desk.gui.widgets.badges import BadgeDelegate

if TYPE_CHECKING:
    from breach_desk.domain.workflow import ActionItem
    from breach_desk.services.identity import User

_ASK = {
    Action.VERIFY: ("Verify", "What did you check? It is kept with the verification."),
    Action.REJECT: ("Reject", "Why is it rejected? The reason is kept with the change."),
    Action.REOPEN: ("Reopen", "Why is it sent back? The reason is kept with the change."),
}


class ActionsPanel(QSplitter):
    changed = Signal()
    """A change was saved."""

    def __init__(
        self,
        context: ViewContext,
        proxy: QSortFilterProxyModel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.context = context
        self.backend = context.backend
        self.model = ActionsModel(self)
        self.proxy = proxy or QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.ACTION, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Recommendations")
        self.detail = ActionDetail()
        self.addWidget(self.table)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.user: User | None = None
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.doubleClicked.connect(self._open_breach_of)
        self.detail.requested.connect(self.run)

    # showing ----------------------------------------------------------------------------------

    def set_snapshot(self, user: User, items: list[ActionItem], at: datetime) -> None:
        keep = self.current_id()
        self.user = user
        self.model.set_rows(items, at)
        self.table.resizeColumnsToContents()
        pad = self.table.fontMetrics().averageCharWidth() * 4  # room for the badge's rounded box
        for column in (Column.STATUS, Column.OVERDUE):
            self.table.setColumnWidth(column, self.table.columnWidth(column) + pad)
        self.table.horizontalHeader().setSectionResizeMode(
            Column.ACTION, QHeaderView.ResizeMode.Stretch
        )
        self.select(keep)

    def current_id(self) -> int | None:
        item = self.detail.item
        return int(item.recommendation.id) if item is not None else None

    def select(self, action_id: int | None) -> None:
        row = self.model.row_of(action_id) if action_id is not None else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_current()

    def _show_current(self, *_args: object) -> None:
        index = self.table.currentIndex()
        item = self._item_at(index)
        actor = self.user.actor if self.user is not None else None
        self.detail.show_item(item, actor, self.model.at)

    @staticmethod
    def _item_at(index: QModelIndex) -> ActionItem | None:
        """The recommendation behind a row of the table."""
        item: ActionItem | None = index.data(ItemRole) if index.isValid() else None
        return item

    def _open_breach_of(self, index: QModelIndex) -> None:
        item = self._item_at(index)
        if item is not None:
            self.context.open_breach(item.recommendation.breach_reference)

    # acting -----------------------------------------------------------------------------------

    def run(self, key: str, action_id: int) -> None:
        item = self.detail.item
        if item is None:
            return
        if key == "breach":
            self.context.open_breach(item.recommendation.breach_reference)
        elif key == "pack":
            self.save_evidence_pack(item.recommendation.breach_reference)
        elif key == "attach":
            paths = OpenFiles.ask(self)
            if paths:
                self._submit(lambda s: bridge.attach_files(s, action_id, paths))
        elif key == "done":
            answer = DoneDialog.ask(self, f"{item.recommendation.code}: {item.recommendation.text}")
            if answer is not None:
                evidence, paths = answer
                self._submit(
                    lambda s: s.tracking.done(action_id, evidence, bridge.read_files(paths))
                )
        else:
            self._move(Action(key), action_id, item)

    def _move(self, action: Action, action_id: int, item: ActionItem) -> None:
        reason: str | None = None
        if action in _ASK:
            title, prompt = _ASK[action]
            reason = ReasonDialog.ask(self, f"{title} {item.recommendation.code}", prompt)
            if reason is None:
                return
        expected = item.recommendation.status
        self._submit(lambda s: s.tracking.move(action, action_id, reason=reason, expected=expected))

    def _submit(self, call: Callable[[Services], object]) -> None:
        self.backend.call(call, on_done=self._saved, on_error=self._failed, owner=self)

    def _saved(self, _result: object) -> None:
        self.changed.emit()
        self.backend.notify_changed()

    def _failed(self, exc: BaseException) -> None:
        Notice.tell(self, "Not saved", describe_error(exc))

    def save_evidence_pack(self, reference: str) -> None:
        save_evidence_pack(
            self, self.backend, self.context.settings.text("organisation"), reference
        )

    def _tell(self, prefix: str, path: str) -> None:
        tell(self, f"{prefix} {path}".strip())


def tell(widget: QWidget, text: str) -> None:
    """A line in the main window's status bar."""
    bar = getattr(widget.window(), "statusBar", None)
    if callable(bar):
        bar().showMessage(text, 10000)


def save_evidence_pack(
    parent: QWidget, backend: Backend, organisation: str, reference: str
) -> None:
    """Ask where, then write the evidence pack of ``reference`` on the worker (the button in
    these views; the Breach menu can call it too)."""
    path = SaveFile.ask(
        parent, "Save the evidence pack", f"{reference} evidence pack.pdf", "PDF (*.pdf)"
    )
    if not path:
        return
    backend.call(
        partial(
            bridge.write_evidence_pack, reference=reference, organisation=organisation, path=path
        ),
        on_done=partial(_pack_saved, parent),
        on_error=partial(_pack_failed, parent),
        owner=parent,
    )


def _pack_saved(parent: QWidget, path: str) -> None:
    tell(parent, f"Evidence pack saved: {path}")


def _pack_failed(parent: QWidget, exc: BaseException) -> None:
    Notice.tell(parent, "Not saved", describe_error(exc))
