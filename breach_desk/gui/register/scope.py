"""What a service manager may see of the register when the database does not limit it.

On PostgreSQL with ``breach-desk db roles`` the server returns a service manager only their
services' breaches. On SQLite (one file, the role a setting) the window limits the list itself,
through the register's ``services`` filter: one query for a page, one for the count, in any
order the store sorts by. Runs on the worker; no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from breach_desk.domain.register import Breach, BreachSummary
    from breach_desk.gui.backend import Services
    from breach_desk.services.register import Register


class RegisterFilters(TypedDict, total=False):
    """The register's filters (``Register.list_breaches`` and ``count_breaches``)."""

    search: str | None
    risk: str | None
    status: str | None
    service: str | None
    services: list[str]


def narrowed(filters: RegisterFilters, scope: Sequence[str] | None) -> RegisterFilters | None:
    """The register's filters for this user: limited to the scope's services (to the chosen
    service, when it is one of them); None when nothing can match (a service that is not
    theirs, or no services yet)."""
    if scope is None:
        return filters
    wanted = filters.get("service")
    if wanted:
        return filters if wanted in scope else None
    if not scope:
        return None
    return {**filters, "services": list(scope)}


def count(register: Register, filters: RegisterFilters, scope: Sequence[str] | None) -> int:
    chosen = narrowed(filters, scope)
    return 0 if chosen is None else int(register.count_breaches(**chosen))


def rows(
    register: Register,
    filters: RegisterFilters,
    scope: Sequence[str] | None,
    *,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[BreachSummary]:
    chosen = narrowed(filters, scope)
    if chosen is None:
        return []
    return list(
        register.list_breaches(
            **chosen, sort=sort, descending=descending, offset=offset, limit=limit
        )
    )


def get_breach(services: Services, reference: str) -> Breach:
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
