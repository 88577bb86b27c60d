"""The report tests' fixed moments, organisation and a breach made from facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from breach_desk.domain.register import Breach
from breach_desk.facts_io import facts_from_dict
from breach_desk.reports import breach_from_facts

DECIDED = datetime.fromisoformat("2021-03-16T09:00:00+00:00")
PRINTED = datetime.fromisoformat("2021-04-20T09:00:00+01:00")
"""After every due date but REVIEW_POLICIES and REPORT_BACK: most actions are overdue."""
ORGANISATION = "Anytown Borough Council"


def make_breach(facts: dict[str, Any], at: datetime = DECIDED) -> Breach:
    return breach_from_facts(facts_from_dict(facts, at=at), at)
