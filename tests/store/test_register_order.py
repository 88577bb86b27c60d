"""The register list as a person narrows and orders it: several services at once (a service
manager's register), and the columns that are not plain fields of a breach (the ICO deadline,
the overdue recommendations)."""

from __future__ import annotations

from datetime import date

import pytest
from builders import facts
from sqlalchemy import text

from breach_desk.domain.register import BreachSummary
from breach_desk.services.register import Register

CHILDRENS, HOUSING, ADULTS = "Children's Services", "Housing", "Adult Social Care"


def test_several_services_in_one_query(register: Register) -> None:
    for n, service in enumerate([CHILDRENS, HOUSING, ADULTS, CHILDRENS, None, HOUSING]):
        changes = {"title": f"Letter {n}", "aware_at": f"2024-05-0{n + 1}T09:00:00"}
        register.finalise(facts(**changes, **({"service": service} if service else {})))
    mine = [CHILDRENS, HOUSING]
    listed = register.list_breaches(services=mine)
    assert [s.title for s in listed] == ["Letter 5", "Letter 3", "Letter 1", "Letter 0"]
    assert register.count_breaches(services=mine) == 4
    assert register.count_breaches(services=[*mine, CHILDRENS]) == 4
    assert register.count_breaches(services=mine, search="letter 3") == 1
    assert register.count_breaches(services=mine, service=HOUSING) == 2
    assert register.count_breaches(services=mine, service=ADULTS) == 0
    assert register.list_breaches(services=[]) == []
    assert register.count_breaches(services=[]) == 0
    assert register.count_breaches() == 6


OVERDUE = [0, 2, 1, 0, 3, 2, 0, 1, 0, 2, 0, 0]
"""Overdue recommendations of each breach, ties on purpose."""


def _sorted_register(register: Register) -> None:
    """Twelve breaches: every other one reportable, two with the same deadline, each with its
    own recipient (a repeat would change what is reportable), and OVERDUE recommendations."""
    for n, overdue in enumerate(OVERDUE):
        changes: dict[str, object] = {
            "title": f"Breach {n}",
            "aware_at": f"2024-05-{min(n, 10) + 1:02d}T09:00:00",  # 10 and 11: the same day
            "service": (CHILDRENS, HOUSING, ADULTS)[n % 3],
            "recipients": [{"label": f"Neighbour {n}", "kind": "member_of_public"}],
        }
        if n % 2 == 0 or n == 11:
            changes["data.categories"] = ["contact_details", "mental_health"]
        reference = register.finalise(facts(**changes)).reference
        with register.store.engine.begin() as conn:
            # Nothing overdue but what this test makes so (a report to the ICO is due by its
            # statutory deadline, which has passed for these breaches).
            conn.execute(
                text(
                    "UPDATE recommendations SET due_date = :future WHERE breach_id ="
                    " (SELECT id FROM breaches WHERE reference = :ref)"
                ),
                {"future": date(2099, 1, 1), "ref": reference},
            )
            conn.execute(
                text(
                    "UPDATE recommendations SET due_date = :past WHERE id IN (SELECT r.id FROM"
                    " recommendations r JOIN breaches b ON b.id = r.breach_id"
                    " WHERE b.reference = :ref ORDER BY r.id LIMIT :n)"
                ),
                {"past": date(2025, 1, 1), "ref": reference, "n": overdue},
            )


def _expected(rows: list[BreachSummary], sort: str, descending: bool) -> list[str]:
    """The order a person expects, ties by the breach's number in the same direction."""
    if sort == "overdue":
        ordered = sorted(rows, key=lambda s: (s.overdue_recommendations, s.reference))
        return [s.reference for s in (ordered[::-1] if descending else ordered)]
    dated = sorted((s for s in rows if s.ico_deadline), key=lambda s: (s.ico_deadline, s.reference))
    undated = sorted((s for s in rows if not s.ico_deadline), key=lambda s: s.reference)
    if descending:
        dated, undated = dated[::-1], undated[::-1]
    return [s.reference for s in dated + undated]  # no deadline: last, either way


@pytest.mark.parametrize("sort", ["ico_deadline", "overdue"])
@pytest.mark.parametrize("descending", [True, False])
def test_sorted_by_ico_deadline_and_by_overdue_page_after_page(
    register: Register, sort: str, descending: bool
) -> None:
    _sorted_register(register)
    everything = register.list_breaches(sort="reference", limit=100)
    assert sorted(s.overdue_recommendations for s in everything) == sorted(OVERDUE)
    assert 0 < sum(1 for s in everything if s.ico_deadline is None) < len(everything)
    order = {"sort": sort, "descending": descending}
    for filters in ({}, {"services": [CHILDRENS, HOUSING]}, {"search": "neighbour 1"}):
        kept = [s for s in everything if s.reference in _refs(register, filters)]
        expected = _expected(kept, sort, descending)
        assert [s.reference for s in register.list_breaches(**order, **filters)] == expected
        for size in (1, 3, 5):
            pages = [
                register.list_breaches(**order, **filters, offset=offset, limit=size)
                for offset in range(0, len(expected) + size, size)
            ]
            assert [s.reference for page in pages for s in page] == expected, (filters, size)


def _refs(register: Register, filters: dict[str, object]) -> set[str]:
    return {s.reference for s in register.list_breaches(**filters, limit=100)}  # type: ignore[arg-type]
