"""A service manager's register on SQLite: the window asks the store for their services' breaches
in one query per page, and what they see is the whole register's order with the other services
left out, page after page, whatever the column they sort by."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from builders import facts_dict

from breach_desk.facts_io import facts_from_dict
from breach_desk.gui.register import scope
from breach_desk.services.register import Register
from breach_desk.store.queries import SORTS

SERVICES = ("Children's Services", "Housing", "Adult Social Care")
MINE = ("Children's Services", "Housing")
CATEGORIES = (["basic_identifiers"], ["contact_details", "mental_health"], ["financial"])


class Spy:
    """The register, counting the queries the window makes."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.calls: list[dict[str, Any]] = []

    def list_breaches(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return self.register.list_breaches(**kwargs)

    def count_breaches(self, **kwargs: Any) -> int:
        self.calls.append(kwargs)
        return self.register.count_breaches(**kwargs)


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    path: Path = tmp_path_factory.mktemp("scope") / "register.sqlite3"
    reg = Register.open(f"sqlite:///{path}")
    facts = [
        facts_from_dict(
            facts_dict(
                **{
                    "title": f"Breach {(n * 7) % 23:02d}",
                    "service": SERVICES[n % 3],
                    # ties on purpose: the id breaks them, the same way with or without a scope
                    "aware_at": f"2024-0{1 + n % 5}-{1 + (n * 13) % 9:02d}T09:00:00",
                    "data.categories": CATEGORIES[n % 3],
                    "subjects.count": 1 + n % 4,
                }
            )
        )
        for n in range(60)
    ]
    reg.import_facts(facts)
    try:
        yield reg
    finally:
        reg.close()


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_pages_of_two_services_are_the_register_without_the_others(
    register: Register, sort: str, descending: bool
) -> None:
    spy = Spy(register)
    order = {"sort": sort, "descending": descending}
    everything = register.list_breaches(**order, limit=1000)
    expected = [s.reference for s in everything if s.service in MINE]
    total = scope.count(spy, {"service": None}, MINE)
    assert total == len(expected) == 40
    pages = [
        scope.rows(spy, {"service": None}, MINE, **order, offset=offset, limit=7)
        for offset in range(0, total, 7)
    ]
    assert [s.reference for page in pages for s in page] == expected
    assert len(spy.calls) == 1 + len(pages)  # one query for the count, one per page


def test_another_service_or_none_is_nothing_and_no_scope_is_everything(
    register: Register,
) -> None:
    spy = Spy(register)
    page = {"sort": "aware_at", "descending": True, "offset": 0, "limit": 100}
    housing = scope.rows(spy, {"service": "Housing"}, MINE, **page)
    assert {s.service for s in housing} == {"Housing"}
    assert len(housing) == scope.count(spy, {"service": "Housing"}, MINE) == 20
    assert scope.count(spy, {"service": "Adult Social Care"}, MINE) == 0
    assert scope.rows(spy, {"service": "Adult Social Care"}, MINE, **page) == []
    assert scope.count(spy, {"service": None}, ()) == 0  # no services yet: nothing
    assert scope.rows(spy, {"service": None}, (), **page) == []
    assert scope.count(spy, {"service": None}, None) == 60  # not limited: everything
    assert len(spy.calls) == 3  # nothing asked when nothing can match
