"""Recommendation tracking in the window: "My actions" and "Monitoring" (issue 6).

The main window lists the views ``views()`` returns (``gui/views.py``) once it has painted. Each
view is made the first time it is shown; the count beside "My actions" and the start-up reminder
come before that from its counter (``counter.py``), a cheap query on the worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from breach_desk.gui.views import ViewContext, ViewSpec

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def _my_actions(context: ViewContext) -> QWidget:
    from breach_desk.gui.actions.my_actions import MyActionsView

    return MyActionsView(context)


def _monitoring(context: ViewContext) -> QWidget:
    from breach_desk.gui.actions.monitoring import MonitoringView

    return MonitoringView(context)


def views() -> list[ViewSpec]:
    from breach_desk.gui.actions.counter import make_counter

    return [
        ViewSpec(
            "actions",
            "My actions",
            _my_actions,
            order=10,
            icon=":/icons/warning.svg",
            tip="Your recommendations to do (or to verify), overdue first",
            counter=make_counter,
        ),
        ViewSpec(
            "monitoring",
            "Monitoring",
            _monitoring,
            order=20,
            icon=":/icons/search.svg",
            tip="Every recommendation not yet verified, by service and age",
        ),
    ]
