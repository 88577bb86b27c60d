"""One recommendation in full: what, whose, when due, its evidence and every change so far, with
the buttons for what the person may do next (and only those)."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import format_local
from breach_desk.domain.workflow import Actor, Subject, allowed_actions, attach_refusal
from breach_desk.gui.actions.model import STATUS_WORDS, owner_words

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
    ("breach", "Open &breach", "Show the breach in the register"),
)


def history_html(item: ActionItem) -> str:
    r = item.recommendation
    rows = []
    for t in r.history:
        change = (
            f"{escape(vocabulary.label(t.from_status))} → "
            f"<b>{escape(vocabulary.label(t.to_status))}</b>"
            if t.from_status is not None
            else f"made, <b>{escape(vocabulary.label(t.to_status))}</b>"
        )
        extra = "".join(
            f"<br><i>{label}:</i> {escape(text).replace(chr(10), '<br>')}"
            for label, text in (("Evidence", t.evidence), ("Reason", t.reason))
            if text
        )
        rows.append(f"<p>{escape(format_local(t.at))} · {escape(t.by)}: {change}{extra}</p>")
    for f in r.files:
        rows.append(
            f"<p>File: {escape(f.name)} ({f.size:,} bytes), added by {escape(f.added_by)} "
            f"on {escape(format_local(f.added_at))}</p>"
        )
    return "".join(rows)


class ActionDetail(QWidget):
    requested = Signal(str, int)
    """(button key, recommendation id): the view does the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: ActionItem | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Recommendation")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.history = QTextBrowser()
        self.history.setAccessibleName("History")
        self.history.setOpenLinks(False)
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
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.facts)
        lay.addLayout(row)
        lay.addWidget(self.history, 1)
        self.show_item(None, None, None)

    def _request(self, key: str) -> None:
        if self.item is not None:
            self.requested.emit(key, int(self.item.recommendation.id))

    def show_item(self, item: ActionItem | None, actor: Actor | None, at: datetime | None) -> None:
        self.item = item
        if item is None or actor is None or at is None:
            self.title.setText("Select a recommendation to see its history and act on it.")
            self.facts.setText("")
            self.history.setHtml("")
            for button in self.buttons.values():
                button.setVisible(False)
            return
        r = item.recommendation
        self.title.setText(
            f"<b>{escape(r.code)}</b> · {escape(r.breach_reference)} "
            f"({escape(item.title)})<br>{escape(r.text)}"
        )
        late = f" · <b>OVERDUE by {item.overdue_days(at)} d</b>" if r.overdue(at) else ""
        self.facts.setText(
            f"Owner: {escape(owner_words(item))} · Service: {escape(item.service or '—')} · "
            f"Due {r.due_date.day} {r.due_date.strftime('%b %Y')} · "
            f"Status: {escape(STATUS_WORDS[r.status])}{late}"
        )
        self.history.setHtml(history_html(item))
        subject = Subject.of(r, item.breach_closed)
        allowed = {a.value for a in allowed_actions(subject, actor)}
        for key in ("start", "done", "verify", "reject", "reopen"):
            self.buttons[key].setVisible(key in allowed)
        self.buttons["attach"].setVisible(attach_refusal(subject, actor) is None)
        self.buttons["pack"].setVisible(True)
        self.buttons["breach"].setVisible(True)
