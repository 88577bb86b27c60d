"""Every model passes qtmodeltester; the register model loads lazily and lets the store sort."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from breach_desk.domain.clock import local_date, now
from breach_desk.domain.enums import BreachStatus, OwnerRole, RecommendationStatus
from breach_desk.domain.register import BreachSummary, Recommendation
from breach_desk.facts_io import facts_from_dict
from breach_desk.gui.register.model import COL, PAGE_SIZE, ObjectRole, RegisterModel, RegisterQuery
from breach_desk.gui.register.proxy import RegisterProxy
from breach_desk.gui.register.recommendations import TrackedRecommendationsModel
from breach_desk.gui.wizard.plan import Plan, PlanModel
from breach_desk.gui.wizard.tables import PeopleModel, RecipientsModel, RecipientsWithRecordModel
from breach_desk.method import assess

BASE = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


def summary(n: int) -> BreachSummary:
    return BreachSummary(
        reference=f"IG-2024-{n:06d}",
        title=f"Breach number {n}",
        service=("Housing", "Children's Services", None)[n % 3],
        status=BreachStatus.ASSESSED,
        aware_at=BASE + timedelta(hours=n),
        band=None,
        risk=None,
        ico_report=n % 2 == 0,
        ico_deadline=BASE + timedelta(hours=n + 72),
        ico_reported=n % 4 == 0,
        is_repeat=n % 5 == 0,
        open_recommendations=3,
        overdue_recommendations=n % 3,
        updated_at=BASE,
        ico_reported_at=BASE + timedelta(hours=n + 5) if n % 4 == 0 else None,
    )


class ListSource:
    """A register in memory that answers at once, or later when ``deferred``."""

    def __init__(self, rows: list[BreachSummary], deferred: bool = False) -> None:
        self.all = rows
        self.deferred = deferred
        self.asked: list[tuple[str, int]] = []
        self.queries: list[RegisterQuery] = []
        self.waiting: list[Callable[[], None]] = []

    def _select(self, q: RegisterQuery) -> list[BreachSummary]:
        rows = [r for r in self.all if not q.search or q.search.lower() in r.title.lower()]
        rows.sort(key=lambda r: getattr(r, q.sort) or "", reverse=q.descending)
        return rows

    def _answer(self, fn: Callable[[], None]) -> None:
        if self.deferred:
            self.waiting.append(fn)
        else:
            fn()

    def count(self, q: RegisterQuery, first: int, reply: Callable[[int, list[Any]], None]) -> None:
        self.queries.append(q)
        rows = self._select(q)
        self._answer(lambda: reply(len(rows), rows[:first]))

    def rows(
        self, q: RegisterQuery, offset: int, limit: int, reply: Callable[[list[Any]], None]
    ) -> None:
        self.asked.append(("rows", offset))
        rows = self._select(q)[offset : offset + limit]
        self._answer(lambda: reply(rows))

    def deliver(self) -> None:
        waiting, self.waiting = self.waiting, []
        for fn in waiting:
            fn()


@pytest.fixture
def register_model(qtbot: Any) -> tuple[RegisterModel, ListSource]:
    source = ListSource([summary(n) for n in range(1000)])
    model = RegisterModel(source)
    model.clock = lambda: BASE + timedelta(hours=500)
    model.start()
    return model, source


def test_register_model_and_proxy_pass_the_model_tester(
    qtmodeltester: Any, register_model: tuple[RegisterModel, ListSource]
) -> None:
    model, _source = register_model
    qtmodeltester.check(model)
    qtmodeltester.check(RegisterProxy(model))


def test_a_large_register_loads_only_the_pages_looked_at(qtbot: Any) -> None:
    source = ListSource([summary(n) for n in range(100_000)])
    model = RegisterModel(source)
    model.start()
    assert model.rowCount() == 100_000
    assert source.asked == []  # the first page came with the count
    index = model.index(50_000, COL["title"])
    assert index.data() == "Breach number 49999"  # newest first
    assert source.asked == [("rows", 50_000 - 50_000 % PAGE_SIZE)]
    for row in range(50_000, 50_000 + 150):
        model.index(row, 0).data()
    assert len(source.asked) == 1


def test_rows_not_yet_loaded_show_a_placeholder_then_update(qtbot: Any) -> None:
    source = ListSource([summary(n) for n in range(1000)], deferred=True)
    model = RegisterModel(source)
    model.start()
    assert model.rowCount() == 0
    source.deliver()
    assert model.rowCount() == 1000
    assert model.index(700, 0).data() == "…"
    assert model.index(700, 0).data(ObjectRole) is None
    with qtbot.waitSignal(model.dataChanged) as changed:
        source.deliver()
    assert changed.args[0].row() == 600
    assert model.index(700, 0).data() == "IG-2024-000299"


def test_the_store_sorts_and_filters(register_model: tuple[RegisterModel, ListSource]) -> None:
    model, source = register_model
    proxy = RegisterProxy(model)
    proxy.sort(COL["title"], Qt.SortOrder.AscendingOrder)
    assert source.queries[-1].sort == "title"
    assert source.queries[-1].descending is False
    asked = len(source.queries)
    proxy.sort(COL["repeat"], Qt.SortOrder.AscendingOrder)  # not sortable by the store
    assert len(source.queries) == asked
    proxy.set_search("number 99")
    assert model.rowCount() == 11
    assert proxy.filtered()
    proxy.set_filters(status="assessed", risk="high", service="Housing")
    assert source.queries[-1].filters() == {
        "search": "number 99",
        "risk": "high",
        "status": "assessed",
        "service": "Housing",
    }


def test_register_cells_say_it_in_words(register_model: tuple[RegisterModel, ListSource]) -> None:
    model, _ = register_model
    row = {k: model.index(999 - 10, c).data() for k, c in COL.items()}  # summary(10)
    assert row["ico"] == "late by 18 d"  # London days past the deadline's day, after a week
    assert row["overdue"] == "1"
    assert row["repeat"] == "repeat"
    reported = model.index(999 - 8, COL["ico"])
    # The column's short form; the whole sentence, in the same words, in its tooltip.
    assert reported.data() == "reported 1 Jan 2024 22:00"
    assert reported.data(Qt.ItemDataRole.ToolTipRole).startswith(
        "reported 1 Jan 2024 22:00 (5 h after awareness)"
    )
    assert model.index(999 - 9, COL["ico"]).data() == "—"  # no report, no band yet
    assert model.index(999 - 499, COL["ico"]).data() == "—"


def _recommendation(n: int, due_days: int) -> Recommendation:
    return Recommendation(
        id=n,
        breach_reference="IG-2021-014",
        code=f"CODE_{n}",
        text="Do it",
        owner_role=OwnerRole.IG,
        due_date=(now() + timedelta(days=due_days)).date(),
        status=RecommendationStatus.OPEN,
    )


def test_tracked_recommendations_model(qtmodeltester: Any) -> None:
    model = TrackedRecommendationsModel()
    model.set_rows([_recommendation(1, -3), _recommendation(2, 10)])
    qtmodeltester.check(model)
    late = (local_date(now()) - (now() + timedelta(days=-3)).date()).days
    assert model.index(0, 5).data() == f"{late} d late"  # as My actions says it
    assert model.index(1, 5).data() == ""


def test_people_and_recipient_tables(qtmodeltester: Any) -> None:
    people = PeopleModel()
    people.set_rows([{"name": "Mr B", "email": "mr.b@example.org"}])
    people.add_row()
    qtmodeltester.check(people)
    recipients = RecipientsModel()
    recipients.set_rows(
        [{"label": "Person A", "kind": "member_of_public", "poses_risk_to_subject": True}]
    )
    qtmodeltester.check(recipients)
    index = recipients.index(0, 2)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert recipients.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert recipients.rows()[0]["poses_risk_to_subject"] is False
    assert recipients.index(0, 1).data() == "Member of the public"
    people.remove_row(1)
    assert people.rowCount(QModelIndex()) == 1


def test_the_recipients_table_the_wizard_uses_passes_the_model_tester(
    qtmodeltester: Any, qtbot: Any
) -> None:
    """The wizard's recipients table carries what the register records about each row."""
    model = RecipientsWithRecordModel()
    model.set_rows(
        [
            {"label": "Person A", "kind": "member_of_public"},
            {"label": "Head of service", "kind": "internal_staff"},
        ]
    )
    model.set_recorded({0: "Recorded in IG-2020-044 as posing a risk to Mr B"})
    qtmodeltester.check(model)
    ticked = model.index(0, 2)
    assert ticked.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "IG-2020-044" in ticked.data(Qt.ItemDataRole.ToolTipRole)
    # Unticking a recorded risk asks why, and changes nothing until the reason is given.
    with qtbot.waitSignal(model.set_aside_requested) as asked:
        model.setData(ticked, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert asked.args == [0]
    assert ticked.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_aside(0, "Moved away; no contact since 2019")
    assert ticked.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(0, 3).data() == "Moved away; no contact since 2019"
    qtmodeltester.check(model)
    model.add_row()
    model.set_recorded({})
    qtmodeltester.check(model)
    model.remove_row(0)
    qtmodeltester.check(model)
    assert model.rowCount(QModelIndex()) == 2


def test_plan_model_keeps_the_officers_edits(qtmodeltester: Any, seed_facts_dict: Any) -> None:
    assessment = assess(facts_from_dict(seed_facts_dict), BASE)
    plan = Plan()
    model = PlanModel(plan)
    model.set_items(plan.items(assessment))
    qtmodeltester.check(model)
    first = model.items()[0]
    assert model.setData(model.index(0, 2), "J Smith")
    plan.remove("LESSONS_LEARNED", "Covered by the service review", proposed=True)
    plan.add("REVIEW_SEVERITY")
    model.set_items(plan.items(replace(assessment)))
    items = {i.code: i for i in model.items()}
    assert items[first.code].owner == "J Smith"
    assert "LESSONS_LEARNED" not in items
    assert items["REVIEW_SEVERITY"].added
    assert plan.removed_pairs(assessment) == [("LESSONS_LEARNED", "Covered by the service review")]
    restored = Plan.from_json(plan.to_json())
    assert restored == plan
