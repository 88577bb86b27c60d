"""A table of recommendations beside the selected one's detail, and what its buttons do.

The table is read a page at a time (``model.ActionsModel``); the selected recommendation is read
in full (history, files) on its own. Every change runs on the worker; when it is saved the
backend says the register changed, the list is read again and the selection stays on what was
acted on, with a line in the status bar saying what was done. A refusal comes back in the
rules' words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QWidget

from breach_desk.domain import vocabulary
from breach_desk.domain.workflow import Action
from breach_desk.gui.actions import bridge
from breach_desk.gui.actions.detail import ActionDetail
from breach_desk.gui.actions.dialogs import DoneDialog, OpenFiles, SaveFile
from breach_desk.gui.actions.model import ActionsModel, Column, ItemRole
from breach_desk.gui.actions.viewer import Desktop
from breach_desk.gui.backend import Backend, Services, describe_error
from breach_desk.gui.dialogs import Notice, ReasonDialog
from breach_desk.gui.views import ViewContext
from breach_desk.gui.widgets.badges import BadgeDelegate

if TYPE_CHECKING:
    from breach_desk.domain.register import EvidenceFile
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

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.context = context
        self.backend = context.backend
        self.model = ActionsModel(bridge.WorkerPages(self.backend, self), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setAccessibleName("Recommendations")
        self._widths()
        self.detail = ActionDetail()
        self.addWidget(self.table)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.user: User | None = None
        self._keep: int | None = None
        """The recommendation to select again once the list is read again."""
        self._acted: ActionItem | None = None
        """What was just acted on, as saved, until the list is read again."""
        self._orphan: ActionItem | None = None
        """What was acted on and is no longer listed: shown until something else is selected."""
        self._fresh: ActionItem | None = None
        """What was acted on and is still listed, as saved (history and files included)."""
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.doubleClicked.connect(self._open_breach_of)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._reselect)
        self.detail.requested.connect(self.run)
        self.detail.file_requested.connect(self.evidence_file)

    def _widths(self) -> None:
        """Columns as wide as what they say (badges included); the action's text takes the
        rest. Fixed from samples: a list read a page at a time is never measured whole."""
        fm = self.table.fontMetrics()
        pad = fm.averageCharWidth() * 4
        samples = {
            Column.BREACH: "IG-2026-000000",
            Column.CODE: max(vocabulary.RECOMMENDATION_TITLES.values(), key=len),
            Column.SERVICE: "Revenues and Benefits",
            Column.OWNER: "Service manager",
            Column.DUE: "30 Sep 2026",
            Column.STATUS: "Done — to verify",
            Column.OVERDUE: "1,000 d late",
            Column.AGE: "1,000 d",
        }
        for column, text in samples.items():
            self.table.setColumnWidth(column, fm.horizontalAdvance(text) + pad)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.ACTION, QHeaderView.ResizeMode.Stretch)

    # showing ----------------------------------------------------------------------------------

    def set_user(self, user: User) -> None:
        self.user = user
        self._show_current()

    def current_id(self) -> int | None:
        item = self.detail.item
        return int(item.recommendation.id) if item is not None else None

    def _remember(self) -> None:
        if self._keep is None:
            self._keep = self.current_id()

    def _reselect(self) -> None:
        keep, self._keep = self._keep, None
        row = self.model.row_of(keep) if keep is not None else -1
        acted, self._acted = self._acted, None
        if row < 0 and acted is not None and acted.recommendation.id == keep:
            self._orphan = acted  # acted on, and no longer listed here: still what is looked at
        elif row < 0:
            row = 0 if self.model.rowCount() else -1
        elif acted is not None and acted.recommendation.id == keep:
            self._fresh = acted
        self._select_row(row)

    def select(self, action_id: int | None) -> None:
        """Select a recommendation of the list (the first when it is not listed)."""
        row = self.model.row_of(action_id) if action_id is not None else -1
        self._select_row(row if row >= 0 else (0 if self.model.rowCount() else -1))

    def _select_row(self, row: int) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)  # one showing, below, not one per change
        try:
            self._change_selection(row)
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()
        self._show_current()

    def _change_selection(self, row: int) -> None:
        selection = self.table.selectionModel()
        if row < 0:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        else:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _show_current(self, *_args: object) -> None:
        item = self._item_at(self.table.currentIndex())
        fresh, self._fresh = self._fresh, None
        if item is not None:
            self._orphan = None
            if fresh is not None and fresh.recommendation.id == item.recommendation.id:
                item = fresh  # as just saved, history and files included
                self._show(item)
                return
        elif self._orphan is not None:
            self._show(self._orphan)
            return
        self._show(item)
        if item is not None:
            self.backend.call(
                partial(bridge.load_action, action_id=int(item.recommendation.id)),
                on_done=self._full,
                owner=self,
            )

    def _show(self, item: ActionItem | None) -> None:
        actor = self.user.actor if self.user is not None else None
        self.detail.show_item(item, actor, self.model.at or _now())

    def _full(self, item: ActionItem) -> None:
        """The recommendation in full (history, files), if it is still the one shown."""
        if self.current_id() == item.recommendation.id:
            self._show(item)

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
        elif key in ("pack", "pack_files"):
            self.save_evidence_pack(item.recommendation.breach_reference, key == "pack_files")
        elif key == "attach":
            paths = OpenFiles.ask(self)
            if paths:
                self._submit(key, item, lambda s: bridge.attach_files(s, action_id, paths))
        elif key == "done":
            answer = DoneDialog.ask(self, naming(item))
            if answer is not None:
                evidence, paths = answer
                self._submit(
                    key,
                    item,
                    lambda s: s.tracking.done(action_id, evidence, bridge.read_files(paths)),
                )
        else:
            self._move(Action(key), action_id, item)

    def _move(self, action: Action, action_id: int, item: ActionItem) -> None:
        reason: str | None = None
        if action in _ASK:
            title, prompt = _ASK[action]
            r = item.recommendation
            if action is Action.REJECT:
                prompt = (
                    f"Rejecting drops it for good: it will not be done, and it no longer stops "
                    f"{r.breach_reference} from being closed. To send the work back to its owner "
                    "instead, cancel and choose Reopen. Why is it rejected? The reason is kept "
                    "with the change."
                )
            reason = ReasonDialog.ask(
                self,
                f"{title}: {r.breach_reference}, {vocabulary.recommendation_title(r.code, r.text)}",
                f"{naming(item)}\n\n{prompt}",
            )
            if reason is None:
                return
        expected = item.recommendation.status
        self._submit(
            action.value,
            item,
            lambda s: s.tracking.move(action, action_id, reason=reason, expected=expected),
        )

    def _submit(self, key: str, item: ActionItem, call: Callable[[Services], object]) -> None:
        self.backend.call(
            call, on_done=partial(self._saved, key, item), on_error=self._failed, owner=self
        )

    def _saved(self, key: str, before: ActionItem, result: object) -> None:
        from breach_desk.domain.workflow import ActionItem as Item

        acted = result if isinstance(result, Item) else before
        self._keep = int(acted.recommendation.id)
        self._acted = acted
        self._show(acted)
        r = acted.recommendation
        title = vocabulary.recommendation_title(r.code, r.text)
        tell(self, f"“{title}” of {r.breach_reference} {vocabulary.ACTED.get(key, key)}.")
        self.changed.emit()
        self.backend.notify_changed()

    def _failed(self, exc: BaseException) -> None:
        Notice.tell(self, "Not saved", describe_error(exc))

    # evidence ---------------------------------------------------------------------------------

    def evidence_file(self, what: str, file_id: int) -> None:
        """Open a temporary copy of an evidence file in the desktop's viewer, or save a copy."""
        self.backend.call(
            partial(bridge.evidence_file, file_id=file_id),
            on_done=partial(self._got_file, what),
            on_error=self._failed,
            owner=self,
        )

    def _got_file(self, what: str, found: tuple[EvidenceFile, bytes]) -> None:
        from breach_desk.files import write_private

        info, content = found
        name = Path(info.name.replace("\\", "/")).name.lstrip(".") or "file"
        if what == "save":
            path = SaveFile.ask(self, "Save the evidence file", name, "All files (*)")
            if not path:
                return
            try:
                write_private(path, content)
            except OSError as exc:
                Notice.tell(self, "Not saved", f"{path}: {exc.strerror or exc}")
                return
            tell(self, f"Saved {path}")
            return
        from breach_desk.gui import evidence_copies

        folder = evidence_copies.new_folder()
        path = str(folder / name)
        write_private(path, content)
        if not Desktop.open(path):
            Notice.tell(self, "Not opened", f"No program on this computer opens {name}.")
            return
        tell(self, f"Opened {name} (a copy, in {folder})")

    def save_evidence_pack(self, reference: str, with_files: bool = False) -> None:
        organisation = self.context.settings.text("organisation")
        save_evidence_pack(self, self.backend, organisation, reference, with_files)

    def _tell(self, prefix: str, path: str) -> None:
        tell(self, f"{prefix} {path}".strip())


def naming(item: ActionItem) -> str:
    """Which recommendation of which breach, in words, for a dialog's body: 'IG-2026-0003
    (Email given to assailants), recommendation 42, Safety plan for the person: <its text>'."""
    r = item.recommendation
    title = vocabulary.recommendation_title(r.code, r.text)
    breach = f"{r.breach_reference} ({item.title})" if item.title else r.breach_reference
    said = f"{breach}, recommendation {r.id}, {title}"
    return said if title == r.text else f"{said}: {r.text}"


def _now() -> datetime:
    from breach_desk.domain.clock import now

    return now()


def tell(widget: QWidget, text: str) -> None:
    """A line in the main window's status bar."""
    bar = getattr(widget.window(), "statusBar", None)
    if callable(bar):
        bar().showMessage(text, 10000)


def save_evidence_pack(
    parent: QWidget,
    backend: Backend,
    organisation: str,
    reference: str,
    with_files: bool = False,
) -> None:
    """Ask where, then write the evidence pack of ``reference`` on the worker (the buttons in
    these views; the Breach menu's commands too); ``with_files``: its evidence files as well, in
    a folder beside the PDF, as ``breach-desk evidence --files`` does."""
    path = SaveFile.ask(
        parent, "Save the evidence pack", f"{reference} evidence pack.pdf", "PDF (*.pdf)"
    )
    if not path:
        return
    backend.call(
        partial(
            bridge.write_evidence_pack,
            reference=reference,
            organisation=organisation,
            path=path,
            with_files=with_files,
        ),
        on_done=partial(_pack_saved, parent),
        on_error=partial(_pack_failed, parent),
        owner=parent,
    )


def _pack_saved(parent: QWidget, written: str) -> None:
    tell(parent, f"Evidence pack saved: {written}")
    from breach_desk.gui.actions.saved import SavedNotice

    SavedNotice.show_saved(parent, "Evidence pack saved", written.split(" and ")[0])


def _pack_failed(parent: QWidget, exc: BaseException) -> None:
    Notice.tell(parent, "Not saved", describe_error(exc))
