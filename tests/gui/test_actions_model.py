"""The tracking lists' model (issue 13): a page at a time, never the whole list; Qt's model
tester over it while it fetches more; a new filter starts again from the top; an answer to an
older filter is dropped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import Qt

from breach_desk.domain.enums import OwnerRole, RecommendationStatus
from breach_desk.domain.register import Recommendation, Transition
from breach_desk.domain.workflow import ActionItem
from breach_desk.gui.actions.model import PAGE, ActionsModel, ActionsQuery, Column, Page

AT = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def item(n: int) -> ActionItem:
    made = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    rec = Recommendation(
        id=n,
        breach_reference=f"IG-2026-{n:05d}",
        code="SECURE_EMAIL",
        text=f"Use secure email ({n})",
        owner_role=OwnerRole.SERVICE,
        due_date=date(2026, 3, 1) if n % 2 else date(2026, 4, 1),
        status=RecommendationStatus.OPEN,
        service="Children's Services",
        history=(Transition(made, "ig", None, RecommendationStatus.OPEN),),
    )
    return ActionItem(rec, f"Breach {n}", "Children's Services", False)


class Pages:
    """A list of ``total`` recommendations that answers at once, or when told (``deferred``)."""

    def __init__(self, total: int, deferred: bool = False) -> None:
        self.items = [item(n) for n in range(1, total + 1)]
        self.asked: list[tuple[ActionsQuery, int, int]] = []
        self.deferred = deferred
        self.waiting: list[Callable[[], None]] = []

    def page(
        self, query: ActionsQuery, offset: int, limit: int, reply: Callable[[Page], None]
    ) -> None:
        self.asked.append((query, offset, limit))
        listed = [i for i in self.items if query.words.lower() in i.recommendation.text.lower()]
        answer = Page(AT, listed[offset : offset + limit])
        if self.deferred:
            self.waiting.append(lambda: reply(answer))
        else:
            reply(answer)


def test_the_model_reads_a_page_at_a_time_and_passes_the_model_tester(qtmodeltester: Any) -> None:
    source = Pages(PAGE * 2 + 10)
    model = ActionsModel(source)
    model.refresh()
    assert model.rowCount() == PAGE
    assert [(o, n) for _q, o, n in source.asked] == [(0, PAGE)]
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == PAGE * 2 + 10
    assert [(o, n) for _q, o, n in source.asked][-2:] == [(PAGE, PAGE), (PAGE * 2, PAGE)]
    qtmodeltester.check(model)


def test_cells_say_it_in_words_with_thousands_separators() -> None:
    model = ActionsModel(Pages(3))
    model.refresh()
    first = model.index(0, Column.OVERDUE)
    assert first.data() == "19 d late"
    assert model.index(0, Column.STATUS).data() == "Open"
    assert model.index(0, Column.DUE).data() == "1 Mar 2026"
    assert model.index(1, Column.OVERDUE).data() == ""
    assert model.index(0, Column.AGE).data() == "78 d"
    assert (
        model.headerData(
            Column.OVERDUE, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole
        )
        == Qt.SortOrder.DescendingOrder.value
    )


def test_a_new_filter_starts_from_the_top_and_older_answers_are_dropped() -> None:
    source = Pages(500, deferred=True)
    model = ActionsModel(source)
    model.refresh()
    model.update_query(words="(7")
    assert len(source.waiting) == 2
    source.waiting.pop()()  # the newer answer first
    assert model.rowCount() == sum(1 for i in source.items if "(7" in i.recommendation.text)
    source.waiting.pop()()  # then the older one: dropped
    assert all("(7" in model.row_at(r).recommendation.text for r in range(model.rowCount()))


def test_sorting_by_a_column_asks_the_database() -> None:
    source = Pages(10)
    model = ActionsModel(source)
    model.refresh()
    model.sort(Column.DUE, Qt.SortOrder.AscendingOrder)
    assert source.asked[-1][0].sort == "due"
    assert not source.asked[-1][0].descending
