"""My actions: the current user's recommendations, overdue first; for an IG officer also those
waiting for them to verify. Made the first time it is shown; until then the count beside its
name and the start-up reminder come from ``counter.MyActionsCounter``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from breach_desk.gui import style
from breach_desk.gui.actions import bridge
from breach_desk.gui.actions.counter import reminder_text
from breach_desk.gui.actions.panel import ActionsPanel
from breach_desk.gui.views import ViewContext


class MyActionsView(QWidget):
    count_changed = Signal(int)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myActionsView")
        self.context = context
        self.backend = context.backend
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Reminder")
        self.banner.setVisible(False)
        self.panel = ActionsPanel(context)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.intro)
        lay.addWidget(self.panel, 1)
        self.count = 0
        self.overdue = 0

    def refresh(self) -> None:
        """Load the list (the window calls this when the view is shown or the register changed
        while it is shown)."""
        if self.backend.is_open:
            self.backend.call(bridge.load_mine, on_done=self._loaded, owner=self)

    def _loaded(self, snapshot: bridge.Snapshot) -> None:
        user, at = snapshot.user, snapshot.at
        items = snapshot.items
        self.count = len(items)
        self.overdue = sum(1 for i in items if i.recommendation.overdue(at))
        self.panel.set_snapshot(user, items, at)
        who = user.describe()
        if user.role == "ig_officer":
            what = "the IG team's and IT's actions, and what others marked done for you to verify"
        elif user.role == "service_manager":
            what = "the actions of your services"
        else:
            what = "nothing: an auditor reads everything and changes nothing"
        self.intro.setText(f"{who}: {what}. Overdue first; double-click to open the breach.")
        text = reminder_text(self.count, self.overdue)
        self.banner.setText(text)
        self.banner.setVisible(bool(self.overdue))
        self.banner.setStyleSheet(style.badge_css("late") if self.overdue else "")
        self.count_changed.emit(self.count)
