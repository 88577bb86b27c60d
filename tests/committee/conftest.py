"""Fixtures for the committee report: one test register per engine, built once per module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from committee_register import AT, Built, build
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("BREACH_DESK_TEST_PG")
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", AT.isoformat())
    monkeypatch.delenv("BREACH_DESK_DB", raising=False)


@pytest.fixture(scope="module", params=ENGINES)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    """The test register on this engine (see ``committee_register``)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("BREACH_DESK_NOW", AT.isoformat())
    try:
        if request.param == "postgresql":
            if not PG_URL:
                pytest.skip("BREACH_DESK_TEST_PG is not set")
            yield from _on_postgres()
        else:
            path: Path = tmp_path_factory.mktemp("committee") / "register.sqlite3"
            yield build(f"sqlite:///{path}")
    finally:
        mp.undo()


def _on_postgres() -> Iterator[Built]:
    """In a throw-away schema of the test server, dropped afterwards."""
    assert PG_URL is not None
    name = f"bd_committee_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield build(url.render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()
