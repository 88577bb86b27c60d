"""Tracking on the worker thread: the calls the views submit, and what comes back.

One ``Tracking`` per open register, made on the worker and only ever used there. The views get
plain values (``Snapshot``, ``Dashboard``), never a session. Services are imported here, inside
the calls, so the window's first paint never waits for them.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

_by_register: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def tracking(services: Any) -> Any:
    """The register's ``Tracking`` (on the worker)."""
    found = _by_register.get(services.register)
    if found is None:
        from breach_desk.services.tracking import Tracking

        found = Tracking(services.register)
        _by_register[services.register] = found
    return found


@dataclass(frozen=True)
class Snapshot:
    """A list of actions as loaded, with who is looking and when."""

    user: Any
    at: datetime
    items: list[Any]
    ready: list[Any]
    """Breaches ready to close (Monitoring only)."""
    services: list[str]


def load_mine(services: Any) -> Snapshot:
    from breach_desk.domain.clock import now

    t, at = tracking(services), now()
    return Snapshot(t.user, at, t.my_actions(at), [], [])


@dataclass(frozen=True)
class Badge:
    """How many actions are on the user's list, and how many of them are overdue."""

    count: int
    overdue: int


def load_badge(services: Any) -> Badge:
    """The count beside "My actions" (``Tracking.badge``), without sending the list across."""
    from breach_desk.domain.clock import now

    count, overdue = tracking(services).badge(now())
    return Badge(int(count), int(overdue))


def load_monitoring(services: Any) -> Snapshot:
    from breach_desk.domain.clock import now

    t, at = tracking(services), now()
    return Snapshot(t.user, at, t.actions(at=at), t.ready_to_close(), t.services())


def load_dashboard(services: Any) -> Any:
    return tracking(services).dashboard()


def read_files(paths: list[str]) -> list[tuple[str, bytes]]:
    return [(Path(p).name, Path(p).read_bytes()) for p in paths]


def attach_files(services: Any, action_id: int, paths: list[str]) -> int:
    t = tracking(services)
    for name, content in read_files(paths):
        t.attach(action_id, name, content)
    return len(paths)


def write_evidence_pack(services: Any, reference: str, organisation: str, path: str) -> str:
    from breach_desk.domain.clock import now
    from breach_desk.gui.printing import NO_ORGANISATION, write_file
    from breach_desk.reports.document import ReportSettings

    settings = ReportSettings(organisation=organisation or NO_ORGANISATION, generated_at=now())
    return write_file(path, tracking(services).evidence_pack(reference, settings))


def export(items: list[Any], at: datetime, path: str) -> str:
    from breach_desk.services.tracking_export import write

    count = write(items, at, Path(path))
    return f"Exported {count} recommendation{'s' if count != 1 else ''} to {path}"
