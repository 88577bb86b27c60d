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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_facts())
def test_the_register_writes_the_json_the_formats_define(facts: Facts) -> None:
    """The stored facts and assessment are the compact JSON of the interchange formats, the
    same text Python's own json module writes (non-ASCII characters as they are), whatever the
    facts hold."""
    import json
    from datetime import UTC, datetime

    from breach_desk.assessment_io import assessment_to_dict
    from breach_desk.facts_io import facts_to_dict
    from breach_desk.method import assess
    from breach_desk.store.records import assessment_json, facts_json

    def plain(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    facts = dataclasses.replace(facts, reference="IG-2026-0001")
    assert facts_json(facts) == plain(facts_to_dict(facts))
    whole = assessment_to_dict(assess(facts, datetime(2026, 3, 2, 10, tzinfo=UTC)))
    assert assessment_json(assess(facts, datetime(2026, 3, 2, 10, tzinfo=UTC))) == plain(
        {k: v for k, v in whole.items() if k != "facts"}
    )
