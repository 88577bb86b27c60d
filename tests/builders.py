"""Small builders for facts in format v1, shared by the test folders."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from breach_desk.domain.facts import Facts
from breach_desk.facts_io import facts_from_dict

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPO = Path(__file__).resolve().parents[1]
# The worked cases live in ../shared/cases beside the checkout; a vendored copy keeps the suite
# runnable from a lone clone.
CASES_DIR = SHARED / "cases" if (SHARED / "cases").is_dir() else REPO / "tests" / "data" / "cases"


NO_PG = (
    "needs a PostgreSQL server: set BREACH_DESK_TEST_PG to a database URL the tests may create "
    "schemas in, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
"""Why a PostgreSQL test skips (CI sets BREACH_DESK_REQUIRE_PG=1: there such a skip fails)."""


def load_case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES_DIR / name).read_text(encoding="utf-8"))
    return data


DECIDED = datetime.fromisoformat("2024-06-01T12:00:00+01:00")
"""A fixed decision moment, after every aware_at used in the tests."""


def facts_dict(**changes: Any) -> dict[str, Any]:
    """A minimal valid breach (one person's contact details sent to a known member of the public)
    with dotted-path changes applied: ``facts_dict(**{"subjects.count": 5})``."""
    base: dict[str, Any] = {
        "format": "breach-desk/facts/1",
        "title": "Letter sent to the wrong address",
        "aware_at": "2024-05-02T09:00:00",
        "subjects": {"count": 1},
        "data": {"categories": ["basic_identifiers"]},
        "loss": {"confidentiality": "known_recipients"},
        "cause": "human_error",
        "recipients": [{"label": "Neighbour", "kind": "member_of_public"}],
    }
    return apply(base, changes)


def apply(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for path, value in changes.items():
        target = out
        parts = path.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        if value is DELETE:
            target.pop(parts[-1], None)
        else:
            target[parts[-1]] = value
    return out


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()


def facts(**changes: Any) -> Facts:
    return facts_from_dict(facts_dict(**changes), at=DECIDED)
