"""Tracking on the worker thread: the calls the views submit, and what comes back.

One ``Tracking`` per open register (``Services.tracking``), made on the worker and only ever used
there. The views get plain values (``Snapshot``, ``Dashboard``), never a session. Services are
imported here, inside the calls, so the window's first paint never waits for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from breach_desk.domain.workflow import ActionItem
    from breach_desk.gui.backend import Services
    from breach_desk.services.identity import User
    from breach_desk.services.tracking import Dashboard
    from breach_desk.store.tracking import BreachLine


@dataclass(frozen=True)
class Snapshot:
    """A list of actions as loaded, with who is looking and when."""

    user: User
    at: datetime
    items: list[ActionItem]
    ready: list[BreachLine]
    """Breaches ready to close (Monitoring only)."""
    services: list[str]


def load_mine(services: Services) -> Snapshot:
    from breach_desk.domain.clock import now

    t, at = services.tracking, now()
    return Snapshot(t.user, at, t.my_actions(at), [], [])


@dataclass(frozen=True)
class Badge:
    """How many actions are on the user's list, and how many of them are overdue."""

    count: int
    overdue: int


def load_badge(services: Services) -> Badge:
    """The count beside "My actions" (``Tracking.badge``), without sending the list across."""
    from breach_desk.domain.clock import now

    count, overdue = services.tracking.badge(now())
    return Badge(int(count), int(overdue))


def load_monitoring(services: Services) -> Snapshot:
    from breach_desk.domain.clock import now

    t, at = services.tracking, now()
    return Snapshot(t.user, at, t.actions(at=at), t.ready_to_close(), t.services())


def load_dashboard(services: Services) -> Dashboard:
    return services.tracking.dashboard()


def read_files(paths: list[str]) -> list[tuple[str, bytes]]:
    return [(Path(p).name, Path(p).read_bytes()) for p in paths]


def attach_files(services: Services, action_id: int, paths: list[str]) -> int:
    t = services.tracking
    for name, content in read_files(paths):
        t.attach(action_id, name, content)
    return len(paths)


def write_evidence_pack(services: Services, reference: str, organisation: str, path: str) -> str:
    from breach_desk.domain.clock import now
    from breach_desk.gui.printing import NO_ORGANISATION, write_file
    from breach_desk.reports.document import ReportSettings

    settings = ReportSettings(organisation=organisation or NO_ORGANISATION, generated_at=now())
    return write_file(path, services.tracking.evidence_pack(reference, settings))


def export(items: Sequence[ActionItem], at: datetime, path: str) -> str:
    from breach_desk.services.tracking_export import write

    count = write(items, at, Path(path))
    return f"Exported {count} recommendation{'s' if count != 1 else ''} to {path}"
