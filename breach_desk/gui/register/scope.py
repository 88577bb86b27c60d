"""What a service manager may see of the register when the database does not limit it.

On PostgreSQL with ``breach-desk db roles`` the server returns a service manager only their
services' breaches. On SQLite (one file, the role a setting) the window limits the list itself,
through the register's own filters: one query per service, merged in the register's order.
Runs on the worker; no Qt.

The register API filters by one service at a time, so for several services a page is the merge
of each service's first ``offset + limit`` rows: correct in any order the store sorts by, but it
reads more rows the further the page. A ``services=`` filter in the store would make it one
query (see the hand-over notes).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from breach_desk.domain.enums import Band, Risk


def visible_services(scope: Sequence[str] | None, wanted: str | None) -> list[str | None]:
    """The service filters to query: [wanted] (or [None], every service) without a scope; else
    the scope's services, narrowed to ``wanted`` when one is chosen (nothing when it is not
    theirs)."""
    if scope is None:
        return [wanted]
    if wanted:
        return [wanted] if wanted in scope else []
    return list(scope)


def count(register: Any, filters: dict[str, Any], scope: Sequence[str] | None) -> int:
    services = visible_services(scope, filters.get("service"))
    return sum(register.count_breaches(**{**filters, "service": s}) for s in services)


def rows(
    register: Any,
    filters: dict[str, Any],
    scope: Sequence[str] | None,
    *,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[Any]:
    services = visible_services(scope, filters.get("service"))
    if not services:
        return []
    if len(services) == 1:
        return list(
            register.list_breaches(
                **{**filters, "service": services[0]},
                sort=sort,
                descending=descending,
                offset=offset,
                limit=limit,
            )
        )
    # Each service's rows are in the store's order; the first N of their stable merge are the
    # first N of the whole list, so every page agrees with the pages before and after it.
    runs = [
        register.list_breaches(
            **{**filters, "service": s},
            sort=sort,
            descending=descending,
            offset=0,
            limit=offset + limit,
        )
        for s in services
    ]
    merged = heapq.merge(*runs, key=sort_key(sort), reverse=descending)
    return list(itertools.islice(merged, offset, offset + limit))


def _rank(order: Sequence[str]) -> Callable[[Any], int]:
    ranks = {v: i for i, v in enumerate(order)}

    def rank(value: Any) -> int:
        return ranks.get(str(value), -1) if value is not None else -1

    return rank


def sort_key(sort: str) -> Callable[[Any], Any]:
    """The store's sort order (``store/queries``) as a key on a BreachSummary."""
    if sort == "risk":
        risk = _rank([r.value for r in Risk])
        return lambda row: risk(row.risk)
    if sort == "band":
        band = _rank([b.value for b in Band])
        return lambda row: band(row.band)
    if sort == "status":
        return lambda row: str(row.status)
    if sort in ("service", "title", "reference"):
        return lambda row: getattr(row, sort) or ""
    return lambda row: getattr(row, sort)


def get_breach(services: Any, reference: str) -> Any:
    """A breach in full, if this user may see it."""
    breach = services.register.get(reference)
    scope = services.info.scope
    if scope is not None and breach.facts.service not in scope:
        raise OutOfScope(reference)
    return breach


class OutOfScope(LookupError):
    """A breach of a service that is not the service manager's."""

    def __init__(self, reference: str) -> None:
        super().__init__(
            f"{reference} is not a breach of your services: a service manager sees the breaches "
            "of their own services only."
        )
