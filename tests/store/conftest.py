"""Fixtures for the register's tests: the same tests on SQLite and, when BREACH_DESK_TEST_PG is
set, on PostgreSQL (each test in a fresh schema of its own, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import NO_PG
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from breach_desk.services.register import Register

PG_URL = os.environ.get("BREACH_DESK_TEST_PG")
NOW = "2026-03-02T10:00:00+00:00"
"""Tests run at a fixed moment: references are IG-2026-NNNN and due dates are predictable."""


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BREACH_DESK_NOW", NOW)
    monkeypatch.delenv("BREACH_DESK_DB", raising=False)
    return NOW


def pg_schema_url(schema: str, user: str | None = None) -> str:
    assert PG_URL is not None
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    if user is not None:
        url = url.set(username=user, password=None)
    return url.render_as_string(hide_password=False)


class PgSchema:
    """A throw-away schema on the test server."""

    def __init__(self) -> None:
        assert PG_URL is not None
        self.name = f"bd_test_{uuid.uuid4().hex[:12]}"
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {self.name}"))

    @property
    def url(self) -> str:
        return pg_schema_url(self.name)

    def drop(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text("SET lock_timeout = '20s'"))
            conn.execute(text(f"DROP SCHEMA {self.name} CASCADE"))
        self.admin.dispose()


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name == "postgresql" and not PG_URL:
        pytest.skip(NO_PG)
    return name


@pytest.fixture
def pg_schema(engine_name: str) -> Iterator[PgSchema | None]:
    if engine_name != "postgresql":
        yield None
        return
    schema = PgSchema()
    try:
        yield schema
    finally:
        schema.drop()


@pytest.fixture
def db_url(engine_name: str, pg_schema: PgSchema | None, tmp_path: Path) -> str:
    """A fresh, empty register database on each engine."""
    if pg_schema is not None:
        return pg_schema.url
    return f"sqlite:///{tmp_path / 'register.sqlite3'}"


@pytest.fixture
def register(db_url: str) -> Iterator[Register]:
    reg = Register.open(db_url)
    try:
        yield reg
    finally:
        reg.close()


class People:
    """Open the register as different people: OS logins on SQLite, database roles on PG."""

    def __init__(self, db_url: str, pg: PgSchema | None, monkeypatch: pytest.MonkeyPatch):
        self.db_url = db_url
        self.pg = pg
        self.monkeypatch = monkeypatch
        self.opened: list[Register] = []
        self.suffix = uuid.uuid4().hex[:8]
        """Logins are unique to this run (other runs share the server) and dropped at the end."""
        self.logins: list[str] = []

    def open(self, name: str) -> Register:
        if self.pg is None:
            self.monkeypatch.setenv("LOGNAME", name)
            reg = Register.open(self.db_url)
            assert reg.user == name  # read now, while LOGNAME says so
        else:
            role = f"bd_test_{name}_{self.suffix}"
            self.logins.append(role)
            with self.pg.admin.connect() as conn:
                conn.execute(
                    text(
                        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                        f"'{role}') THEN CREATE ROLE {role} LOGIN; END IF; END $$"
                    )
                )
            Register.open(self.pg.url).close()  # the schema exists before the grants
            with self.pg.admin.connect() as conn:
                for grant in (
                    f"GRANT USAGE ON SCHEMA {self.pg.name} TO {role}",
                    f"GRANT ALL ON ALL TABLES IN SCHEMA {self.pg.name} TO {role}",
                    f"GRANT ALL ON ALL SEQUENCES IN SCHEMA {self.pg.name} TO {role}",
                ):
                    conn.execute(text(grant))
            reg = Register.open(pg_schema_url(self.pg.name, user=role))
            assert reg.user == role
        self.opened.append(reg)
        return reg

    def close(self) -> None:
        for reg in self.opened:
            reg.close()
        if self.pg is None or not self.logins:
            return
        with self.pg.admin.connect() as conn:
            conn.execute(text("SET lock_timeout = '20s'"))
            for role in dict.fromkeys(self.logins):
                conn.execute(text(f"DROP OWNED BY {role}"))
                conn.execute(text(f"DROP ROLE IF EXISTS {role}"))


@pytest.fixture
def people(
    db_url: str, pg_schema: PgSchema | None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[People]:
    crowd = People(db_url, pg_schema, monkeypatch)
    try:
        yield crowd
    finally:
        crowd.close()
