"""Recommendation tracking in the window: "My actions" and "Monitoring" (issue 6).

The main window lists the views ``views()`` returns (``gui/views.py``). "My actions" is made as
soon as the window is, so that its count and the start-up reminder appear without opening it.
"""

from __future__ import annotations

from typing import Any

from breach_desk.gui.views import ViewContext, ViewSpec


def _my_actions(context: ViewContext) -> Any:
    from breach_desk.gui.actions.my_actions import MyActionsView

    return MyActionsView(context)


def _monitoring(context: ViewContext) -> Any:
    from breach_desk.gui.actions.monitoring import MonitoringView

    return MonitoringView(context)


def _make_my_actions_now() -> None:
    """Make "My actions" with the window, not when first shown, so its count and the start-up
    reminder need no click (``MainWindow.ensure_view``)."""
    from PySide6.QtWidgets import QApplication

    for window in QApplication.topLevelWidgets():
        ensure = getattr(window, "ensure_view", None)
        if window.objectName() == "mainWindow" and callable(ensure):
            ensure("actions")


def views() -> list[ViewSpec]:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, _make_my_actions_now)
    return [
        ViewSpec(
            "actions",
            "My actions",
            _my_actions,
            order=10,
            icon=":/icons/warning.svg",
            tip="Your recommendations to do (or to verify), overdue first",
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
