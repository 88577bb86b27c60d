"""People for the tracking tests, and the founding case.

A person is a real login and a real role: on SQLite the OS login (LOGNAME) and the role setting
file in their own config folder; on PostgreSQL a LOGIN role made for the test run, given its
Breach Desk role by ``db roles`` (``pg_roles``), connecting as itself to a schema of its own.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url

from breach_desk.domain.facts import Facts
from breach_desk.facts_io import facts_from_dict
from breach_desk.services.identity import write_setting
from breach_desk.services.register import Register
from breach_desk.services.tracking import Tracking
from breach_desk.store import pg_roles

PG_URL = os.environ.get("BREACH_DESK_TEST_PG")
DECIDED = "2021-03-15T14:00:00+00:00"
"""The founding case is assessed four hours after the council became aware."""
CHILDRENS = "Children's Services"
SEED_REFERENCE = "IG-2021-014"

Person = Callable[..., Tracking]


CASES = Path(__file__).resolve().parents[1] / "data" / "cases"


def seed_facts() -> Facts:
    """The founding case (Ombudsman 21 007 914), as the tests' copy of the worked case holds it."""
    data = json.loads((CASES / "seed-ombudsman-21007914.json").read_text(encoding="utf-8"))
    return facts_from_dict(data["facts"])


class SqlitePeople:
    """Everyone works on one SQLite file, each with their own login and role setting."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.url = f"sqlite:///{folder / 'register.sqlite3'}"
        self.monkeypatch = monkeypatch
        self.opened: list[Tracking] = []

    def env(self, login: str) -> dict[str, str]:
        return {"LOGNAME": login, "XDG_CONFIG_HOME": str(self.folder / "home" / login)}

    def __call__(self, login: str, role: str, *services: str) -> Tracking:
        for key, value in self.env(login).items():
            self.monkeypatch.setenv(key, value)
        write_setting(role, services)
        tracking = Tracking(Register.open(self.url))
        assert tracking.user.login == login  # read now, while the environment is theirs
        assert tracking.store.actor == login
        self.opened.append(tracking)
        return tracking

    def close(self) -> None:
        for t in self.opened:
            t.close_register()


def pg_url(schema: str, user: str | None = None) -> str:
    assert PG_URL is not None
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    if user is not None:
        url = url.set(username=user, password=None)
    return url.render_as_string(hide_password=False)


class PgPeople:
    """A schema of its own and LOGIN roles of its own, all dropped afterwards. ``plain_owner``:
    the tables belong to a login of its own that is no superuser (one that may create roles,
    as a database administrator's account for Breach Desk would be), not to the server's
    superuser."""

    def __init__(self, plain_owner: bool = False) -> None:
        assert PG_URL is not None
        self.suffix = uuid.uuid4().hex[:8]
        self.schema = f"bd_tracking_{self.suffix}"
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self.owner: str | None = f"bd_owner_{self.suffix}" if plain_owner else None
        with self.admin.connect() as conn:
            if self.owner is not None:
                conn.execute(text(f"CREATE ROLE {self.owner} LOGIN NOSUPERUSER CREATEROLE"))
                conn.execute(text(f"CREATE SCHEMA {self.schema} AUTHORIZATION {self.owner}"))
            else:
                conn.execute(text(f"CREATE SCHEMA {self.schema}"))
        self.url = pg_url(self.schema, self.owner)
        Register.open(self.url).close()  # the schema, made by its owner
        self.run_as_owner(pg_roles.install)
        self.logins: list[str] = []
        self.opened: list[Tracking] = []

    def login(self, name: str) -> str:
        return f"{name}_{self.suffix}"

    def __call__(self, name: str, role: str, *services: str) -> Tracking:
        login = self.login(name)
        self.logins.append(login)
        self.run_as_owner(lambda conn: pg_roles.set_member(conn, login, role, services))
        tracking = Tracking(Register.open(pg_url(self.schema, login)))
        assert tracking.user.login == login
        assert tracking.user.enforced
        self.opened.append(tracking)
        return tracking

    def run_as_owner(self, work: Callable[[Connection], object]) -> None:
        """What ``breach-desk db roles`` does, as the owner of the tables."""
        owner = create_engine(self.url)
        with owner.begin() as conn:
            work(conn)
        owner.dispose()

    def connect_as(self, name: str) -> Engine:
        """A plain connection as that login: what psql would be."""
        return create_engine(pg_url(self.schema, self.login(name)))

    def close(self) -> None:
        for t in self.opened:
            t.close_register()
        with self.admin.connect() as conn:
            conn.execute(text("SET lock_timeout = '20s'"))
            conn.execute(text(f"DROP SCHEMA {self.schema} CASCADE"))
            if self.owner is not None:
                conn.execute(text(f"DROP OWNED BY {self.owner} CASCADE"))
                conn.execute(text(f"DROP ROLE IF EXISTS {self.owner}"))
            for login in dict.fromkeys(self.logins):
                conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
            # The group roles stay, as `breach-desk db roles` leaves them: they are the server's
            # standing roles, shared by every register on it, and a run beside this one may be
            # between creating them and granting to its own logins.
        self.admin.dispose()


def wait_until_it_holds(pg_people: PgPeople, name: str, doing_nothing: bool = False) -> int:
    """The process id of ``name``'s session once it holds the audit log's head (``doing_nothing``:
    and sits idle in its transaction, or asleep, rather than running a statement)."""
    import time

    login = pg_people.login(name)
    holds = "a.usename = :u AND l.relation = to_regclass(:t) AND l.granted"
    idle = " AND (a.state <> 'active' OR a.wait_event = 'PgSleep')" if doing_nothing else ""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with pg_people.admin.connect() as conn:
            pid = conn.execute(
                text(
                    "SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                    f" WHERE {holds}{idle}"
                ),
                {"u": login, "t": f"{pg_people.schema}.audit_head"},
            ).scalar()
        if pid is not None:
            return int(pid)
        time.sleep(0.05)
    raise AssertionError(f"{login} never took the register")


def record_done_at(people: SqlitePeople | PgPeople, action_id: int, moment: str) -> None:
    """Set when an action was done, as the database's owner would: the register itself records
    the real moment (BREACH_DESK_NOW moves only the day people see), so a test about work done
    on past days writes those days in directly."""
    from sqlalchemy import update

    from breach_desk.store.models import RecommendationRow

    statement = (
        update(RecommendationRow)
        .where(RecommendationRow.id == action_id)
        .values(done_at=datetime.fromisoformat(moment))
    )
    if isinstance(people, PgPeople):
        people.run_as_owner(lambda conn: conn.execute(statement))
        return
    engine = create_engine(people.url)
    with engine.begin() as conn:
        conn.execute(statement)
    engine.dispose()
