"""Tracking on the worker thread: the calls the views submit, and what comes back.

One ``Tracking`` per open register (``Services.tracking``), made on the worker and only ever used
there. The views get plain values (pages of ``ActionItem``, a ``Tally``, a ``Dashboard``), never
a session, and never a whole list: the database filters, sorts, pages and counts. Services are
imported here, inside the calls, so the window's first paint never waits for them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from breach_desk.gui.actions.model import ActionsQuery, Page

if TYPE_CHECKING:
    from breach_desk.domain.lists import BreachLine, Tally
    from breach_desk.domain.register import EvidenceFile
    from breach_desk.domain.workflow import ActionItem
    from breach_desk.gui.backend import Backend, Services
    from breach_desk.services.identity import User
    from breach_desk.services.tracking import Dashboard

EXPORT_BATCH = 5000


class Latest:
    """Which of a view's requests is the newest: an older one still queued on the worker is
    skipped, and a count still running is given up (``stale``)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self.current = 0

    def next(self) -> int:
        self.current = next(self._counter)
        return self.current

    def stale(self, generation: int) -> Callable[[], bool]:
        return lambda: self.current != generation


class WorkerPages:
    """``PageSource`` over the worker: a page of the list, read by the database."""

    def __init__(self, backend: Backend, owner: QObject) -> None:
        self._backend = backend
        self._owner = owner

    def page(
        self, query: ActionsQuery, offset: int, limit: int, reply: Callable[[Page], None]
    ) -> None:
        self._backend.call(
            partial(load_page, query=query, offset=offset, limit=limit),
            on_done=reply,
            owner=self._owner,
        )


def load_page(services: Services, query: ActionsQuery, offset: int, limit: int) -> Page:
    from breach_desk.domain.clock import now

    at = now()
    items = services.tracking.action_page(
        offset=offset,
        limit=limit,
        sort=query.sort,
        descending=query.descending,
        at=at,
        **query.filters(),
    )
    return Page(at, items)


def load_tally(services: Services, query: ActionsQuery, stale: Callable[[], bool]) -> Tally | None:
    """How many the list holds (None when a newer filter made the answer pointless)."""
    from breach_desk.domain.clock import now

    if stale():
        return None
    return services.tracking.action_tally(at=now(), stale=stale, **query.filters())


def load_action(services: Services, action_id: int) -> ActionItem:
    """One recommendation in full: its history and its files."""
    return services.tracking.action(action_id)


def load_user(services: Services) -> User:
    return services.tracking.user


@dataclass(frozen=True)
class Extras:
    """What Monitoring shows beside the list: the services to filter by, and the breaches
    ready to close (the oldest, and how many)."""

    user: User
    services: list[str]
    ready: list[BreachLine]
    ready_total: int


def load_extras(services: Services) -> Extras:
    t = services.tracking
    ready, total = t.ready_to_close_first(100)
    t.prepare_filtering()
    return Extras(t.user, t.services(), ready, total)


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


def load_dashboard(services: Services) -> Dashboard:
    return services.tracking.dashboard()


def read_files(paths: list[str]) -> list[tuple[str, bytes]]:
    return [(Path(p).name, Path(p).read_bytes()) for p in paths]


def attach_files(services: Services, action_id: int, paths: list[str]) -> ActionItem:
    t = services.tracking
    for name, content in read_files(paths):
        t.attach(action_id, name, content)
    return t.action(action_id)


def evidence_file(services: Services, file_id: int) -> tuple[EvidenceFile, bytes]:
    return services.tracking.file(file_id)


def write_evidence_pack(
    services: Services, reference: str, organisation: str, path: str, with_files: bool = False
) -> str:
    """The evidence pack as a PDF at ``path``; ``with_files``: the evidence files too, in a
    folder beside it (as ``breach-desk evidence --files`` does). Returns what was written."""
    from breach_desk.domain.clock import now
    from breach_desk.gui.printing import NO_ORGANISATION, write_file
    from breach_desk.reports.document import ReportSettings

    settings = ReportSettings(organisation=organisation or NO_ORGANISATION, generated_at=now())
    written = write_file(path, services.tracking.evidence_pack(reference, settings))
    if not with_files:
        return written
    from breach_desk.files import make_private_folder, write_private

    folder = make_private_folder(Path(path).with_name(f"{Path(path).stem} files"))
    count = 0
    for rec in services.tracking.breach(reference).recommendations:
        for f in rec.files:
            _info, content = services.tracking.file(f.id)
            # The stored name, as the command line writes it: never a path of the sender's.
            name = Path(f.name.replace("\\", "/")).name.lstrip(".") or "file"
            write_private(folder / f"{f.id}-{name}", content)
            count += 1
    return f"{written} and {count:,} evidence file{'s' if count != 1 else ''} in {folder}"


def export(services: Services, query: ActionsQuery, path: str) -> str:
    """Every recommendation the list's filters keep, in its order, as CSV or XLSX: read from
    the database in batches."""
    from breach_desk.domain.clock import now
    from breach_desk.services.tracking_export import write

    at = now()
    items: list[ActionItem] = []
    while True:
        batch = services.tracking.action_page(
            offset=len(items),
            limit=EXPORT_BATCH,
            sort=query.sort,
            descending=query.descending,
            at=at,
            **query.filters(),
        )
        items += batch
        if len(batch) < EXPORT_BATCH:
            break
    count = write(items, at, Path(path))
    return f"Exported {count:,} recommendation{'s' if count != 1 else ''} to {path}"
