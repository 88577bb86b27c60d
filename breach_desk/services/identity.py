"""Who the current user is to Breach Desk: their login, their role and their services.

SQLite (one person's file): the role is a setting of that person, kept in ``identity.json`` in
their config folder and set with ``breach-desk user role``. Nothing stops them changing it: it
decides what the window offers, not what the file allows. Without the setting they are the IG
officer, the usual owner of a private register.

PostgreSQL: the database decides. ``breach-desk db roles`` makes the group roles and the
user-to-service table; a user's role is the group they belong to, their services are their
rows in that table, and the server refuses whatever the role does not allow. Until ``db roles``
has been run on a database, it behaves like SQLite (the local setting applies).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text

from breach_desk.domain.register import Role
from breach_desk.domain.workflow import Actor, parse_role
from breach_desk.files import read_input
from breach_desk.store.pg_roles import GROUP_ROLES, USER_SERVICES_TABLE
from breach_desk.store.session import Store

APP_DIR_NAME = "breach-desk"
FILE_NAME = "identity.json"


@dataclass(frozen=True, slots=True)
class User:
    login: str
    role: str
    services: tuple[str, ...]
    source: str
    """Where the role comes from, in words: 'the database' or the setting's file."""
    enforced: bool
    """True when the database itself refuses what the role does not allow (PostgreSQL)."""

    @property
    def actor(self) -> Actor:
        return Actor(self.login, self.role, frozenset(self.services))

    @property
    def may_assess(self) -> bool:
        """Only an IG officer records breaches, assesses and reassesses them, and closes them."""
        return self.role == Role.IG_OFFICER

    @property
    def role_label(self) -> str:
        return Role.LABELS.get(self.role, "no role")

    def describe(self) -> str:
        """'jsmith (Service manager: Children's Services)'."""
        label = self.role_label
        if self.role == Role.SERVICE_MANAGER:
            label += ": " + (", ".join(self.services) if self.services else "no services yet")
        return f"{self.login} ({label})"


class IdentityError(ValueError):
    """A role setting that cannot be used, in words."""


def settings_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_DIR_NAME, appauthor=False)) / FILE_NAME


def read_setting(path: Path | None = None) -> tuple[str, tuple[str, ...]] | None:
    """The role and services this user set, or None when they never set one."""
    path = path or settings_path()
    try:
        # a regular file of at most 64 KB: a FIFO or a device in its place never hangs us
        data = json.loads(read_input(path, 64 * 1024).decode("utf-8"))
        return parse_role(str(data["role"]), [str(s) for s in data.get("services", [])])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IdentityError(
            f"the role setting in {path} cannot be read ({exc}): set it again "
            "with 'breach-desk user role'"
        ) from None


def write_setting(role: str, services: Iterable[str], path: Path | None = None) -> Path:
    role, cleaned = parse_role(role, services)
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(
        json.dumps({"role": role, "services": list(cleaned)}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    os.replace(tmp, path)
    return path


def local_user(login: str, path: Path | None = None) -> User:
    path = path or settings_path()
    setting = read_setting(path)
    if setting is None:
        return User(login, Role.IG_OFFICER, (), "the default for a private register", False)
    role, services = setting
    return User(login, role, services, f"your setting in {path}", False)


def roles_installed(conn: Connection) -> bool:
    """Has ``db roles`` been run on this database (group roles and the services table)?"""
    found = conn.execute(
        text(
            "SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"
            " AND to_regclass(:table) IS NOT NULL"
        ),
        {"names": list(GROUP_ROLES.values()), "table": USER_SERVICES_TABLE},
    ).scalar_one()
    return bool(found == len(GROUP_ROLES))


def database_user(conn: Connection) -> User | None:
    """The role the PostgreSQL server gives the connected user; None before ``db roles``."""
    if not roles_installed(conn):
        return None
    login = str(conn.execute(text("SELECT current_user")).scalar_one())
    superuser = bool(
        conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    )
    member = {
        role
        for role, group in GROUP_ROLES.items()
        if conn.execute(
            text("SELECT pg_has_role(current_user, :g, 'MEMBER')"), {"g": group}
        ).scalar_one()
    }
    # The most a person may do wins: an IG officer who is also an auditor acts as IG officer.
    for role in (Role.IG_OFFICER, Role.SERVICE_MANAGER, Role.AUDITOR):
        if role in member:
            services = _services(conn) if role == Role.SERVICE_MANAGER else ()
            return User(login, role, services, "the database", True)
    if superuser:
        return User(login, Role.IG_OFFICER, (), "the database (superuser)", True)
    return User(login, "", (), "the database (no Breach Desk role)", True)


def _services(conn: Connection) -> tuple[str, ...]:
    rows = conn.execute(
        text(f"SELECT service FROM {USER_SERVICES_TABLE} WHERE login = current_user ORDER BY 1")
    ).scalars()
    return tuple(str(s) for s in rows)


def identify(store: Store) -> User:
    """Who is using this register: the database's word on PostgreSQL once ``db roles`` has run,
    else the person's own setting."""
    if store.engine_name == "postgresql":
        with store.engine.connect() as conn:
            found = database_user(conn)
        if found is not None:
            return found
    return local_user(store.actor)
