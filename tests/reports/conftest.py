"""Fixtures for the report tests: the founding case as a breach, and fixed report settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest
from report_cases import ORGANISATION, PRINTED, make_breach

from breach_desk.domain.register import Breach
from breach_desk.reports import ReportSettings


@pytest.fixture
def settings() -> ReportSettings:
    return ReportSettings(
        organisation=ORGANISATION,
        generated_at=PRINTED,
        contact="the Data Protection Officer, dpo@anytown.gov.uk, 01234 567890",
    )


@pytest.fixture
def seed_breach(seed_facts_dict: dict[str, Any]) -> Breach:
    return make_breach(seed_facts_dict)


@pytest.fixture
def on_time_settings(settings: ReportSettings) -> ReportSettings:
    """Printed before the ICO deadline and before any action is due."""
    return replace(settings, generated_at=datetime.fromisoformat("2021-03-16T12:00:00+00:00"))
