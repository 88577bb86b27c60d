"""Any valid Facts, saved in the register and read back, are the same Facts (facts declared once:
a new fact is stored with no change to the store)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from facts_strategies import any_facts
from hypothesis import HealthCheck, given, settings

from breach_desk.domain.facts import Facts
from breach_desk.services.register import Register


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    path: Path = tmp_path_factory.mktemp("register") / "register.sqlite3"
    reg = Register.open(f"sqlite:///{path}")
    try:
        yield reg
    finally:
        reg.close()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(any_facts())
def test_any_valid_facts_survive_the_register(saved: Register, facts: Facts) -> None:
    facts = dataclasses.replace(facts, reference=None)
    [reference] = saved.import_facts([facts])
    assert saved.get(reference).facts == dataclasses.replace(facts, reference=reference)
