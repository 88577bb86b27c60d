"""Setting up who may do what on a team (PostgreSQL) register: ``breach-desk db roles``.

The roles, grants and row-level security are the database's own (``store/pg_roles``); this is
the one action that installs them and names a member, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from breach_desk.domain.errors import InvalidChange, StoreError
from breach_desk.store import pg_roles
from breach_desk.store.engine import resolve_url
from breach_desk.store.migrate import ensure_schema
from breach_desk.store.session import Store, translate_errors


@dataclass(frozen=True, slots=True)
class RolesInPlace:
    location: str
    """Where the register is, for a person (no password)."""
    described: tuple[str, ...]
    """What each role can do, and how the database sees to it."""
    members: tuple[pg_roles.Member, ...]


def set_up_roles(
    user: str | None = None,
    role: str | None = None,
    services: Sequence[str] | None = None,
    remove: str | None = None,
    url: str | None = None,
) -> RolesInPlace:
    """Install the roles on the register of ``url`` (default: --db / BREACH_DESK_DB), then
    remove ``remove`` and make ``user`` a ``role`` (of ``services``). A SQLite register, a bad
    login or role (InvalidChange) or the server's refusal (StoreError) changes nothing."""
    store = Store(resolve_url(url))
    try:
        if store.engine_name != "postgresql":
            raise InvalidChange(
                "roles are enforced only on a PostgreSQL register: on SQLite each person sets "
                "their own with 'breach-desk user role'"
            )
        ensure_schema(store)
        with translate_errors(store.display_location), store.engine.begin() as conn:
            pg_roles.install(conn)
            if remove:
                pg_roles.remove_member(conn, remove)
            if user and role:
                pg_roles.set_member(conn, user, role, services or ())
            members = pg_roles.members(conn)
    except ValueError as exc:
        raise InvalidChange(str(exc)) from None
    except DBAPIError as exc:  # a refusal from the server, in its words
        first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "no reason"
        raise StoreError(f"the database refused: {first}") from None
    finally:
        store.dispose()
    return RolesInPlace(
        store.display_location,
        tuple(pg_roles.describe()),
        tuple(members),
    )
