"""A service manager's register on SQLite: one query per service, merged so that every page
agrees with the single list the store would give, whatever the order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from breach_desk.gui.register import scope


@dataclass(frozen=True)
class Row:
    id: int
    reference: str
    title: str
    service: str
    status: str
    risk: str | None
    band: str | None
    aware_at: datetime
    updated_at: datetime


class FakeRegister:
    """``list_breaches``/``count_breaches`` as the store does them: by one service, sorted with
    the id as the tie-break."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.calls: list[str | None] = []

    def _match(self, service: str | None, risk: str | None = None, **_: Any) -> list[Row]:
        return [
            r
            for r in self.rows
            if (service is None or r.service == service) and (risk is None or r.risk == risk)
        ]

    def count_breaches(self, *, service: str | None = None, **f: Any) -> int:
        return len(self._match(service, **f))

    def list_breaches(
        self,
        *,
        service: str | None = None,
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        **f: Any,
    ) -> list[Row]:
        self.calls.append(service)
        key = scope.sort_key(sort)
        rows = sorted(self._match(service, **f), key=lambda r: (key(r), r.id), reverse=descending)
        return rows[offset : offset + limit]


def _rows() -> list[Row]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    services = ("Children's Services", "Housing", "Adult Social Care")
    risks = ("unlikely", "risk", "high", None)
    return [
        Row(
            id=n,
            reference=f"IG-2024-{n:04d}",
            title=f"Breach {(n * 7) % 23:02d}",
            service=services[n % 3],
            status=("assessed", "closed")[n % 2],
            risk=risks[n % 4],
            band=("low", "medium", "high", "very_high")[n % 4],
            aware_at=start + timedelta(hours=(n * 13) % 40),  # ties on purpose
            updated_at=start,
        )
        for n in range(1, 61)
    ]


@pytest.mark.parametrize("sort", ["aware_at", "title", "risk", "band", "reference", "status"])
@pytest.mark.parametrize("descending", [True, False])
def test_pages_of_two_services_are_the_pages_of_their_merged_list(
    sort: str, descending: bool
) -> None:
    register = FakeRegister(_rows())
    mine = ("Children's Services", "Housing")
    total = scope.count(register, {"service": None}, mine)
    assert total == 40
    pages = [
        scope.rows(
            register,
            {"service": None},
            mine,
            sort=sort,
            descending=descending,
            offset=offset,
            limit=7,
        )
        for offset in range(0, total, 7)
    ]
    listed = [r for page in pages for r in page]
    assert len(listed) == total
    assert len({r.id for r in listed}) == total  # no row twice, none missing
    assert {r.service for r in listed} == set(mine)
    key = scope.sort_key(sort)
    keys = [key(r) for r in listed]
    assert keys == sorted(keys, reverse=descending)


def test_one_service_is_one_query_and_another_service_is_nothing() -> None:
    register = FakeRegister(_rows())
    mine = ("Housing",)
    rows = scope.rows(
        register, {"service": None}, mine, sort="aware_at", descending=True, offset=0, limit=100
    )
    assert {r.service for r in rows} == {"Housing"}
    assert register.calls == ["Housing"]
    assert scope.count(register, {"service": "Adult Social Care"}, mine) == 0
    assert (
        scope.rows(
            register,
            {"service": "Adult Social Care"},
            mine,
            sort="aware_at",
            descending=True,
            offset=0,
            limit=100,
        )
        == []
    )
    assert scope.count(register, {"service": None}, ()) == 0  # no services yet: nothing
    assert scope.count(register, {"service": None}, None) == 60  # not limited: everything
