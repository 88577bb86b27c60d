"""A breach's tracked recommendations, read-only, for the detail pane: how late each overdue one
is, in the words My actions uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import english, local_date, now
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.gui.read_only import ReadOnlyTableModel
from breach_desk.gui.register.model import BadgeRole

if TYPE_CHECKING:
    from breach_desk.domain.register import Recommendation


STATUS_WORDS = {RecommendationStatus.DONE: vocabulary.STATUS_DONE_TO_VERIFY}


class TrackedRecommendationsModel(ReadOnlyTableModel["Recommendation"]):
    HEAD = ("Recommendation", "What", "Owner", "Due", "Status", "Overdue")

    def cell(self, r: Recommendation, col: int, role: int) -> object:
        at = now()
        overdue = bool(r.overdue(at))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                vocabulary.recommendation_title(r.code, r.text),
                r.text,
                r.owner or vocabulary.label(r.owner_role),
                english(r.due_date, "%d %b %Y"),
                # the words My actions and Monitoring use for the same state and lateness
                STATUS_WORDS.get(r.status) or vocabulary.label(r.status),
                vocabulary.days_late((local_date(at) - r.due_date).days) if overdue else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return f"{r.text}\n{r.why}" if r.why else r.text
        if role == BadgeRole and col == 5 and overdue:
            return "late"
        return None
