"""Clicking the ICO and Overdue headers sorts the register by the store: the soonest deadline
first (breaches needing no report last, either way), and the most overdue first."""

from __future__ import annotations

from typing import Any

import pytest
from builders import facts_dict
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import create_engine, text

from breach_desk.facts_io import facts_from_dict
from breach_desk.gui.register.model import COL
from breach_desk.services.register import Register

pytestmark = pytest.mark.gui

REPORTABLE = {"data.categories": ["contact_details", "mental_health"]}
BREACHES = {
    # title: (aware at, reportable, recommendations overdue)
    "A": ("2021-03-10T09:00:00", True, 2),
    "B": ("2021-03-15T09:00:00", True, 0),
    "C": ("2021-03-12T09:00:00", False, 1),
    "D": ("2021-03-01T09:00:00", True, 3),
}


@pytest.fixture
def register_url(db_url: str, fixed_now: str) -> str:
    with Register.open(db_url) as reg:
        for title, (aware, reportable, _) in BREACHES.items():
            changes = {"title": title, "aware_at": aware, **(REPORTABLE if reportable else {})}
            # a recipient of its own: a repeat would make C reportable too
            changes["recipients"] = [{"label": f"Neighbour {title}", "kind": "member_of_public"}]
            reg.finalise(facts_from_dict(facts_dict(**changes)))
    engine = create_engine(db_url)
    with engine.begin() as conn:
        for title, (_, _, overdue) in BREACHES.items():
            conn.execute(
                text(
                    "UPDATE recommendations SET due_date = '2021-03-01' WHERE id IN (SELECT r.id"
                    " FROM recommendations r JOIN breaches b ON b.id = r.breach_id"
                    " WHERE b.title = :t ORDER BY r.id LIMIT :n)"
                ),
                {"t": title, "n": overdue},
            )
    engine.dispose()
    return db_url


def click_header(desk: Any, key: str) -> None:
    table = desk.window.register_view.table
    header = table.horizontalHeader()
    section = COL[key]
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    desk.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def titles(desk: Any, sort: str, descending: bool) -> list[str]:
    view = desk.window.register_view
    desk.qtbot.waitUntil(
        lambda: view.model.query.sort == sort and view.model.query.descending == descending,
        timeout=5000,
    )
    desk.wait_loaded()
    desk.qtbot.waitUntil(lambda: view.model.row_object(0) is not None, timeout=5000)
    return [view.proxy.index(r, COL["title"]).data() for r in range(view.model.total)]


def test_clicking_the_ico_and_overdue_headers_sorts_the_register(
    desk_factory: Any, register_url: str, answers: Any
) -> None:
    desk = desk_factory(register_url)
    assert titles(desk, "aware_at", True) == ["B", "C", "A", "D"]
    click_header(desk, "ico")
    assert titles(desk, "ico_clock", False) == ["D", "A", "B", "C"]
    click_header(desk, "ico")
    assert titles(desk, "ico_clock", True) == ["B", "A", "D", "C"]
    click_header(desk, "overdue")
    assert titles(desk, "overdue", True) == ["D", "A", "C", "B"]
    view = desk.window.register_view
    assert [view.proxy.index(r, COL["overdue"]).data() for r in range(4)] == ["3", "2", "1", ""]
    click_header(desk, "overdue")
    assert titles(desk, "overdue", False) == ["B", "C", "A", "D"]
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL["overdue"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
