"""The facts validator compiled ahead of time (``breach_desk/facts_validator.py``).

It must be what ``tools/build_schema.py`` writes from the declarations today, and it must never
accept a document the JSON Schema refuses: it decides alone whether a facts file is valid (the
problems of a refused one are then worded from jsonschema, as before).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from breach_desk.facts_io import FactsError, facts_from_dict
from breach_desk.facts_validator import is_valid

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "breach_desk" / "schemas" / "facts.schema.json").read_text("utf-8"))
CASES = sorted((ROOT / "tests" / "data").glob("*cases/*.json"))
ODD_VALUES: tuple[Any, ...] = (
    None, True, False, 0, 1, -1, 1.0, 1.5, 10**11, "", "x", "low", "x" * 100_001,
    [], [1], [1, 1.0], ["children", "children"], ["children"], {}, {"note": "x"},
    float("nan"),
)  # fmt: skip


def _documents() -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8"))["facts"] for p in CASES]


def _paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, (*at, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _paths(sub, (*at, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def _mutations(doc: dict[str, Any]) -> Iterator[Any]:
    """Every field of a valid document replaced by odd values, removed, and given an unknown
    neighbour; every object given an unknown field."""
    for path in _paths(doc):
        if not path:
            continue
        for odd in ODD_VALUES:
            yield _set(doc, path, odd)
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict):
            removed = copy.deepcopy(doc)
            target = removed
            for key in path[:-1]:
                target = target[key]
            del target[path[-1]]
            yield removed
            yield _set(doc, (*path[:-1], "unknown_field"), 1)
    yield from ODD_VALUES


def test_the_committed_validator_is_the_one_the_declarations_give() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_schema.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_never_accepts_what_the_schema_refuses_nor_refuses_what_it_accepts() -> None:
    reference = Draft202012Validator(SCHEMA)
    documents = _documents()
    assert len(documents) >= 20
    checked = refused = 0
    for doc in documents:
        assert is_valid(doc), "a worked case must be valid"
        for mutated in _mutations(doc):
            expected = reference.is_valid(mutated)
            assert is_valid(mutated) == expected, json.dumps(mutated, default=str)[:300]
            checked += 1
            refused += not expected
    assert refused > checked // 2  # most mutations break the schema: the test exercises refusals


def test_a_refused_document_still_names_the_field_and_the_problem() -> None:
    doc = _set(_documents()[0], ("subjects", "count"), "many")
    with pytest.raises(FactsError) as caught:
        facts_from_dict(doc)
    assert str(caught.value.problems[0]) == (
        "subjects.count: expected a whole number, got the text 'many'"
    )


def test_validation_does_not_change_the_document() -> None:
    doc = _documents()[0]
    before = copy.deepcopy(doc)
    assert is_valid(doc)
    assert doc == before
