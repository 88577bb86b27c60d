"""My actions: the current user's recommendations, overdue first; for an IG officer also those
waiting for them to verify. Made the first time it is shown; until then the count beside its
name and the start-up reminder come from ``counter.MyActionsCounter``. Read a page at a time and
counted by the database, like Monitoring."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from breach_desk.gui import style
from breach_desk.gui.actions import bridge
from breach_desk.gui.actions.counter import reminder_text
from breach_desk.gui.actions.model import ActionsQuery, Column
from breach_desk.gui.actions.panel import ActionsPanel
from breach_desk.gui.views import ViewContext

if TYPE_CHECKING:
    from breach_desk.domain.lists import Tally
    from breach_desk.services.identity import User


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
        self.panel.model.set_query(ActionsQuery(mine=True))
        self.panel.table.setSortingEnabled(True)
        self.panel.table.horizontalHeader().setSortIndicator(
            Column.OVERDUE, Qt.SortOrder.DescendingOrder
        )
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.intro)
        lay.addWidget(self.panel, 1)
        self.count = 0
        self.overdue = 0
        self.latest = bridge.Latest()
        self.panel.model.loaded.connect(self._count)

    def refresh(self) -> None:
        """Read the list again (the window calls this when the view is first shown, when the
        register changed while it is shown, and on F5)."""
        if self.backend.is_open:
            self.backend.call(bridge.load_user, on_done=self._user, owner=self)
            self.panel.model.refresh()

    def _user(self, user: User) -> None:
        self.panel.set_user(user)
        who = user.describe()
        if user.role == "ig_officer":
            what = "the IG team's and IT's actions, and what others marked done for you to verify"
        elif user.role == "service_manager":
            what = "the actions of your services"
        else:
            what = "nothing: an auditor reads everything and changes nothing"
        self.intro.setText(f"{who}: {what}. Overdue first; double-click to open the breach.")

    def _count(self) -> None:
        generation = self.latest.next()
        self.backend.call(
            partial(
                bridge.load_tally,
                query=self.panel.model.query,
                stale=self.latest.stale(generation),
            ),
            on_done=partial(self._counted, generation),
            owner=self,
        )

    def _counted(self, generation: int, tally: Tally | None) -> None:
        if tally is None or generation != self.latest.current:
            return
        self.count, self.overdue = tally.total, tally.overdue
        text = reminder_text(self.count, self.overdue)
        self.banner.setText(text)
        self.banner.setVisible(bool(self.overdue))
        self.banner.setStyleSheet(style.badge_css("late") if self.overdue else "")
        self.count_changed.emit(self.count)
