"""Fixtures for recommendation tracking: a frozen clock, and people on both engines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from builders import NO_PG
from tracking_people import DECIDED, PG_URL, PgPeople, SqlitePeople


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Freeze the clock for the whole process (and its subprocesses): ``frozen(ISO)``."""
    monkeypatch.delenv("BREACH_DESK_DB", raising=False)

    def at(moment: str) -> None:
        monkeypatch.setenv("BREACH_DESK_NOW", moment)

    at(DECIDED)
    return at


HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests here that drive the window (those using ``qtbot``) are ``gui`` tests."""
    for item in items:
        if item.path.is_relative_to(HERE) and "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def people(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SqlitePeople | PgPeople]:
    """``people(login, role, *services)`` opens the register as that person."""
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip(NO_PG)
        found: SqlitePeople | PgPeople = PgPeople()
    else:
        found = SqlitePeople(tmp_path, monkeypatch)
    try:
        yield found
    finally:
        found.close()


@pytest.fixture
def sqlite_people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SqlitePeople]:
    found = SqlitePeople(tmp_path, monkeypatch)
    try:
        yield found
    finally:
        found.close()


@pytest.fixture
def pg_people() -> Iterator[PgPeople]:
    if not PG_URL:
        pytest.skip(NO_PG)
    found = PgPeople()
    try:
        yield found
    finally:
        found.close()
