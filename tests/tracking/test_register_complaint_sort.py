"""Clicking the register's Complaint heading sorts it by what the column shows, on both engines:
the most pressing acknowledgement first (late, then due soonest), the breaches with no
complaint waiting last whichever the direction; the database sorts (the filters still apply)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from tracking_desk import Desk
from tracking_people import CHILDRENS, PgPeople, SqlitePeople, pg_url, seed_facts

from breach_desk.domain.register import Role
from breach_desk.gui.register.model import COL
from breach_desk.services.remind import acknowledge, record_complaint

pytestmark = pytest.mark.gui

# title: service, complaints as (received, acknowledged)
BREACHES: dict[str, tuple[str, list[tuple[date, date | None]]]] = {
    "Late": (CHILDRENS, [(date(2021, 1, 4), None)]),
    "Acknowledged": (CHILDRENS, [(date(2021, 1, 2), date(2021, 1, 20))]),
    "Due soon": (CHILDRENS, [(date(2021, 3, 1), None)]),
    "None": (CHILDRENS, []),
    "Two": (CHILDRENS, [(date(2021, 3, 10), None), (date(2021, 2, 5), None)]),
    "Elsewhere": ("Adult Social Care", [(date(2021, 1, 1), None)]),
}
ASCENDING = ["Elsewhere", "Late", "Two", "Due soon"]
"""With a complaint waiting: the earliest received is due (or late) first."""
NONE_WAITING = ["Acknowledged", "None"]
"""In the order they were recorded."""


def _register(people: Any) -> Any:  # type: ignore[no-untyped-def]
    alice = people("ig_alice", Role.IG_OFFICER)
    base = seed_facts()
    for title, (service, complaints) in BREACHES.items():
        ref = alice.register.finalise(
            replace(base, reference=None, title=title, service=service)
        ).reference
        for received, acknowledged in complaints:
            cid = record_complaint(
                alice.register, ref, received, "Mr B", "letter", f"About {title}"
            )
            if acknowledged is not None:
                acknowledge(alice.register, cid, acknowledged)
    return alice


def _titles(alice: Any, **query: Any) -> list[str]:
    return [s.title for s in alice.register.list_breaches(sort="complaint", **query)]


def test_the_store_sorts_by_the_complaint_clock(people, frozen) -> None:  # type: ignore[no-untyped-def]
    frozen("2021-03-15T14:00:00+00:00")
    alice = _register(people)
    assert _titles(alice, descending=False) == ASCENDING + NONE_WAITING
    assert _titles(alice, descending=True) == ASCENDING[::-1] + NONE_WAITING[::-1]
    # A page at a time, as the window reads it: the same order across the pages.
    paged = [
        s.title
        for offset in range(0, 6, 2)
        for s in alice.register.list_breaches(
            sort="complaint", descending=False, offset=offset, limit=2
        )
    ]
    assert paged == ASCENDING + NONE_WAITING
    # The filters still apply: a service, a search.
    assert _titles(alice, descending=False, service=CHILDRENS) == [
        *ASCENDING[1:],
        *NONE_WAITING,
    ]
    assert _titles(alice, descending=False, search="Due soon") == ["Due soon"]
    # A service manager sees their services' breaches only, in the same order.
    # (PostgreSQL keeps the others from them; on SQLite the window asks for their services.)
    sam = people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    theirs = {} if isinstance(people, PgPeople) else {"services": [CHILDRENS]}
    assert _titles(sam, descending=False, **theirs) == [*ASCENDING[1:], *NONE_WAITING]


def _click_header(desk: Desk, key: str) -> None:
    table = desk.window.register_view.table
    table.scrollTo(table.model().index(0, COL[key]))
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(COL[key]) + header.sectionSize(COL[key]) // 2
    desk.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def _shown(desk: Desk, descending: bool) -> list[tuple[str, str]]:
    view = desk.window.register_view
    desk.qtbot.waitUntil(
        lambda: view.model.query.sort == "complaint" and view.model.query.descending == descending,
        timeout=5000,
    )
    desk.qtbot.waitUntil(lambda: view.model.loaded, timeout=10000)
    desk.qtbot.waitUntil(lambda: view.model.row_object(0) is not None, timeout=10000)
    desk.wait_idle()
    return [
        (view.proxy.index(r, COL["title"]).data(), view.proxy.index(r, COL["complaint"]).data())
        for r in range(view.model.total)
    ]


def test_clicking_the_complaint_heading_sorts_the_register(
    people, frozen, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    frozen("2021-03-15T14:00:00+00:00")
    _register(people)
    if isinstance(people, PgPeople):
        url = pg_url(people.schema, people.login("ig_alice"))
    else:
        assert isinstance(people, SqlitePeople)
        for key, value in people.env("ig_alice").items():
            people.monkeypatch.setenv(key, value)
        url = people.url
    desk = Desk(qtbot, url, tmp_path / "ui.ini")
    try:
        view = desk.window.register_view
        qtbot.waitUntil(lambda: view.model.loaded, timeout=20000)
        qtbot.waitUntil(lambda: not view.table.isColumnHidden(COL["complaint"]), timeout=10000)
        _click_header(desk, "complaint")  # the first click: the most pressing first
        shown = _shown(desk, descending=False)
        assert [t for t, _c in shown] == ASCENDING + NONE_WAITING
        clocks = [c for _t, c in shown]
        assert clocks[0] == "late by 44 days (was due 30 Jan 2021)"
        assert clocks[1] == "late by 41 days (was due 2 Feb 2021)"
        assert clocks[2] == "late by 9 days (was due 6 Mar 2021)"
        assert "30 Mar 2021" in clocks[3]
        assert clocks[4:] == ["", ""]
        header = view.table.horizontalHeader()
        assert header.sortIndicatorSection() == COL["complaint"]
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        _click_header(desk, "complaint")
        again = [t for t, _c in _shown(desk, descending=True)]
        assert again == ASCENDING[::-1] + NONE_WAITING[::-1]
    finally:
        desk.close()
