"""One recommendation in full: what, whose, when due, its evidence and every change so far, with
the buttons for what the person may do next. A step they may not take is not hidden when it is
the next one (verifying what they marked done themselves): its button is disabled and the reason
is written beside it. Each evidence file opens in the desktop's viewer or is saved elsewhere."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import format_local
from breach_desk.domain.workflow import (
    Action,
    Actor,
    Refused,
    Subject,
    allowed_actions,
    attach_refusal,
    decide,
)
from breach_desk.gui.actions.model import STATUS_WORDS, due_words, owner_words
from breach_desk.gui.html import esc

if TYPE_CHECKING:
    from breach_desk.domain.workflow import ActionItem

BUTTONS = (
    ("start", "&Start", "Mark it in progress"),
    ("done", "Mark &done…", "Say what was done, with files of evidence"),
    ("verify", "&Verify…", "Check the evidence and verify it (not your own work)"),
    ("reject", "Re&ject…", "Reject it, with a reason"),
    ("reopen", "Re&open…", "Send it back, with a reason"),
    ("attach", "Add &files…", "Add files of evidence"),
    ("pack", "&Evidence pack…", "One PDF of the breach: facts, decisions, every change"),
    (
        "pack_files",
        "Pack &with files…",
        "The evidence pack, and every evidence file of the breach in a folder beside it",
    ),
    ("breach", "Open &breach", "Show the breach in the register"),
)
FileRole = Qt.ItemDataRole.UserRole + 30
"""An evidence file's number in the register."""


def history_html(item: ActionItem) -> str:
    r = item.recommendation
    rows = []
    for t in r.history:
        change = (
            f"{esc(vocabulary.label(t.from_status))} → <b>{esc(vocabulary.label(t.to_status))}</b>"
            if t.from_status is not None
            else f"recorded as <b>{esc(vocabulary.label(t.to_status))}</b>"
        )
        extra = "".join(
            f"<br><i>{label}:</i> {esc(text).replace(chr(10), '<br>')}"
            for label, text in ((vocabulary.EVIDENCE, t.evidence), ("Reason", t.reason))
            if text
        )
        rows.append(f"<p>{esc(format_local(t.at))} · {esc(t.by)}: {change}{extra}</p>")
    for f in r.files:
        rows.append(
            f"<p>{vocabulary.EVIDENCE_FILE}: {esc(f.name)} ({f.size:,} bytes), added by "
            f"{esc(f.added_by)} on {esc(format_local(f.added_at))}</p>"
        )
    return "".join(rows)


def verify_refusal(item: ActionItem, actor: Actor, at: datetime) -> str | None:
    """Why this IG officer may not verify a recommendation marked done (None: they may), in
    the rules' words."""
    if not actor.is_ig or item.recommendation.status.value != "done":
        return None
    try:
        subject = Subject.of(item.recommendation, item.breach_closed)
        decide(Action.VERIFY, subject, actor, at, reason="checked", evidence="checked")
    except Refused as exc:
        return str(exc)
    return None


class ActionDetail(QWidget):
    requested = Signal(str, int)
    """(button key, recommendation id): the view does the work."""
    file_requested = Signal(str, int)
    """("open" or "save", evidence file id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: ActionItem | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAccessibleName("Recommendation")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setAccessibleName("Owner, service, due date and status")
        self.why_not = QLabel()
        self.why_not.setWordWrap(True)
        self.why_not.setObjectName("verifyWhyNot")
        self.why_not.setAccessibleName("Why you cannot verify it")
        self.why_not.setVisible(False)
        self.history = QTextBrowser()
        self.history.setAccessibleName("History")
        self.history.setOpenLinks(False)
        self.files = QListWidget()
        self.files.setAccessibleName("Evidence files")
        self.files.setMaximumHeight(self.fontMetrics().height() * 5)
        self.open_file = QPushButton("O&pen file")
        self.open_file.setToolTip("Open a copy of the evidence file in your desktop's viewer")
        self.save_file = QPushButton("Save file &as…")
        self.save_file.setToolTip("Save a copy of the evidence file where you choose")
        self.open_file.clicked.connect(lambda: self._file("open"))
        self.save_file.clicked.connect(lambda: self._file("save"))
        self.files.itemDoubleClicked.connect(lambda _item: self._file("open"))
        self.files.currentRowChanged.connect(self._file_buttons)
        self.buttons: dict[str, QPushButton] = {}
        steps, tools = QHBoxLayout(), QHBoxLayout()
        for n, (key, text, tip) in enumerate(BUTTONS):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(lambda _=False, k=key: self._request(k))
            self.buttons[key] = button
            (steps if n < 5 else tools).addWidget(button)
        steps.addStretch(1)
        tools.insertStretch(0, 1)
        row = QHBoxLayout()
        row.addLayout(steps, 1)
        row.addLayout(tools)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(self.open_file)
        file_buttons.addWidget(self.save_file)
        file_buttons.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)
        self.files_label = QLabel("Evidence &files:")
        self.files_label.setBuddy(self.files)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.facts)
        lay.addLayout(row)
        lay.addWidget(self.why_not)
        lay.addWidget(self.history, 1)
        lay.addWidget(self.files_label)
        lay.addLayout(file_row)
        self.show_item(None, None, None)

    def _request(self, key: str) -> None:
        if self.item is not None:
            self.requested.emit(key, int(self.item.recommendation.id))

    def _file(self, what: str) -> None:
        current = self.files.currentItem()
        if current is not None:
            self.file_requested.emit(what, int(current.data(FileRole)))

    def _file_buttons(self, *_args: object) -> None:
        chosen = self.files.currentItem() is not None
        self.open_file.setEnabled(chosen)
        self.save_file.setEnabled(chosen)

    def show_item(self, item: ActionItem | None, actor: Actor | None, at: datetime | None) -> None:
        self.item = item
        self.files.clear()
        if item is None or actor is None or at is None:
            self.title.setText("Select a recommendation to see its history and act on it.")
            self.facts.setText("")
            self.history.setHtml("")
            self.why_not.setVisible(False)
            for button in self.buttons.values():
                button.setVisible(False)
            for widget in (self.files, self.files_label, self.open_file, self.save_file):
                widget.setVisible(False)
            return
        r = item.recommendation
        self.title.setText(
            f"<b>{esc(vocabulary.recommendation_title(r.code, r.text))}</b> · "
            f"{esc(r.breach_reference)} ({esc(item.title)}), recommendation {r.id}"
            f"<br>{esc(r.text)}"
        )
        late = (
            f" · <b>OVERDUE by {esc(vocabulary.days(item.overdue_days(at)))}</b>"
            if r.overdue(at)
            else ""
        )
        self.facts.setText(
            f"Owner: {esc(owner_words(item))} · Service: {esc(item.service or '—')} · "
            f"Due {esc(due_words(item))} · Status: {esc(STATUS_WORDS[r.status])}{late}"
        )
        self.history.setHtml(history_html(item))
        subject = Subject.of(r, item.breach_closed)
        allowed = {a.value for a in allowed_actions(subject, actor)}
        for key in ("start", "done", "verify", "reject", "reopen"):
            self.buttons[key].setVisible(key in allowed)
            self.buttons[key].setEnabled(True)
        refusal = verify_refusal(item, actor, at)
        if refusal is not None:  # the next step, but not theirs to take: say why, in place
            self.buttons["verify"].setVisible(True)
            self.buttons["verify"].setEnabled(False)
        self.why_not.setText(refusal or "")
        self.why_not.setVisible(refusal is not None)
        self.buttons["attach"].setVisible(attach_refusal(subject, actor) is None)
        self.buttons["pack"].setVisible(True)
        self.buttons["pack_files"].setVisible(True)
        self.buttons["breach"].setVisible(True)
        for f in r.files:
            entry = QListWidgetItem(f"{f.name} ({f.size:,} bytes, {f.added_by})")
            entry.setData(FileRole, int(f.id))
            self.files.addItem(entry)
        for widget in (self.files, self.files_label, self.open_file, self.save_file):
            widget.setVisible(bool(r.files))
        if r.files:
            self.files.setCurrentRow(0)
        self._file_buttons()
