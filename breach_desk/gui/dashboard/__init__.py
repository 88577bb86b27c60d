"""The dashboard (issue 6): open breaches by risk, ICO clocks still running, overdue actions by
service, repeat breaches, and the share of recommendations done on time and verified."""

from __future__ import annotations

from typing import TYPE_CHECKING

from breach_desk.gui.views import ViewContext, ViewSpec

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def _dashboard(context: ViewContext) -> QWidget:
    from breach_desk.gui.dashboard.view import DashboardView

    return DashboardView(context)


def views() -> list[ViewSpec]:
    return [
        ViewSpec(
            "dashboard",
            "Dashboard",
            _dashboard,
            order=30,
            icon=":/icons/register.svg",
            tip="Open breaches, ICO clocks, overdue actions, repeats, timeliness",
        ),
    ]
