"""The report tests' fixed moments, organisation and a breach made from facts."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Any

from breach_desk.domain.facts import Facts
from breach_desk.domain.register import Breach
from breach_desk.facts_io import facts_from_dict
from breach_desk.reports import breach_from_facts

DECIDED = datetime.fromisoformat("2021-03-16T09:00:00+00:00")
PRINTED = datetime.fromisoformat("2021-04-20T09:00:00+01:00")
"""After every due date but REVIEW_POLICIES and REPORT_BACK: most actions are overdue."""
ORGANISATION = "Anytown Borough Council"


def make_breach(facts: dict[str, Any], at: datetime = DECIDED) -> Breach:
    return breach_from_facts(facts_from_dict(facts, at=at), at)


def shared_dir() -> Path:
    """The developers' reference folder beside the checkout (or beside the worktrees)."""
    root = Path(__file__).resolve().parents[2]
    for candidate in (root.parent / "shared", root.parent.parent / "shared"):
        if candidate.is_dir():
            return candidate
    return root.parent / "shared"


def worked_case_paths() -> list[Path]:
    """Every worked case: the suite's own, and the reference folder's when it is there (its
    METHOD 1.2 cases once the facts can hold what they say)."""
    root = Path(__file__).resolve().parents[2]
    paths = sorted((root / "tests" / "data" / "cases").glob("*.json"))
    paths += sorted((root / "tests" / "data" / "more_cases").glob("*.json"))
    shared = shared_dir() / "cases"
    paths += sorted(shared.glob("*.json"))
    if "harm_reported" in {f.name for f in fields(Facts)}:
        paths += sorted((shared / "method-1.2").glob("*.json"))
    # one of each case: the suite's copy first
    return list({p.name: p for p in reversed(paths)}.values())[::-1]
