"""The count beside "My actions" and the start-up reminder, without making the view.

The main window makes this small object once it has painted its first frame; it asks the worker
for the user's badge (how many actions on their list, how many overdue: ``Tracking.badge``), never
for the list itself, so neither the first paint nor the worker waits for "My actions" to load.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from breach_desk.domain import vocabulary
from breach_desk.gui.actions import bridge
from breach_desk.gui.backend import RegisterInfo
from breach_desk.gui.views import ViewContext, ViewCounter


def reminder_text(count: int, overdue: int) -> str:
    if not count:
        return ""
    things = f"{vocabulary.count_of(count, 'action')} on your list"
    if overdue:
        return f"Reminder: {things}, {overdue:,} overdue. Overdue ones are at the top."
    return f"Reminder: {things}, none overdue."


class MyActionsCounter(ViewCounter):
    """The count beside "My actions"; ``reminded`` is the start-up reminder, once for each
    register opened, when its first count arrives."""

    def __init__(self, context: ViewContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = context.backend
        self.count = 0
        self.overdue = 0
        self._remind = True
        self.backend.opened.connect(self._on_opened)

    def _on_opened(self, _info: RegisterInfo) -> None:
        self._remind = True  # another register: remind again

    def refresh(self) -> None:
        if self.backend.is_open:
            self.backend.call(bridge.load_badge, on_done=self._counted, owner=self)

    def _counted(self, badge: bridge.Badge) -> None:
        self.count, self.overdue = badge.count, badge.overdue
        self.count_changed.emit(badge.count)
        text = reminder_text(badge.count, badge.overdue)
        if self._remind and text:
            self._remind = False
            self.reminded.emit(text)


def make_counter(context: ViewContext) -> ViewCounter:
    return MyActionsCounter(context)
