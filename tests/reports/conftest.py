"""Fixtures for the report tests: the founding case as a breach, and fixed report settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from breach_desk.domain.register import Breach
from breach_desk.facts_io import facts_from_dict
from breach_desk.reports import ReportSettings, breach_from_facts

DECIDED = datetime.fromisoformat("2021-03-16T09:00:00+00:00")
PRINTED = datetime.fromisoformat("2021-04-20T09:00:00+01:00")
"""After every due date but REVIEW_POLICIES and REPORT_BACK: most actions are overdue."""
ORGANISATION = "Anytown Borough Council"


def make_breach(facts: dict[str, Any], at: datetime = DECIDED) -> Breach:
    return breach_from_facts(facts_from_dict(facts, at=at), at)


@pytest.fixture
def settings() -> ReportSettings:
    return ReportSettings(organisation=ORGANISATION, generated_at=PRINTED)


@pytest.fixture
def seed_breach(seed_facts_dict: dict[str, Any]) -> Breach:
    return make_breach(seed_facts_dict)


@pytest.fixture
def on_time_settings(settings: ReportSettings) -> ReportSettings:
    """Printed before the ICO deadline and before any action is due."""
    return replace(settings, generated_at=datetime.fromisoformat("2021-03-16T12:00:00+00:00"))
