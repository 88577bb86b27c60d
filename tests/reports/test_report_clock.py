"""Every time and count a document prints is computed once and true of the records: a day
recorded without a time prints as a day, one lateness is one number, the monitoring report
counts the reports recorded apart from the breaches that needed one, and the PDF's metadata
carries the moment it was made."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from pdf_reading import body_text, flat, reader
from report_cases import ORGANISATION, make_breach

from breach_desk.domain.clock import LONDON, local_date
from breach_desk.domain.notification import (
    IcoHow,
    IcoOutcome,
    IcoReport,
    IcoResponse,
    Notifications,
)
from breach_desk.domain.register import Breach
from breach_desk.reports import ReportSettings, render_assessment, render_monitoring
from breach_desk.reports.evidence_pack import render_evidence_pack

AT = datetime.fromisoformat("2021-04-20T09:00:00+01:00")
SETTINGS = ReportSettings(organisation=ORGANISATION, generated_at=AT)
REPORTED = datetime.fromisoformat("2021-03-17T09:00:00+00:00")


def _reported(breach: Breach, responses: tuple[IcoResponse, ...] = ()) -> Breach:
    report = IcoReport(REPORTED, IcoHow.ONLINE, "IC-1", None, False, "j.smith", REPORTED)
    return replace(breach, notifications=Notifications(ico=report, responses=responses))


def test_an_ico_response_recorded_by_date_prints_as_a_date(seed_breach: Breach) -> None:
    response = IcoResponse(
        date(2021, 4, 6), next(iter(IcoOutcome)), "IC-1", "Closed", "j.smith", REPORTED
    )
    text = flat(body_text(render_evidence_pack(_reported(seed_breach, (response,)), SETTINGS)))
    chronology = text.split("Chronology", 1)[1]
    row = chronology[chronology.index("6 Apr 2021") - 12 :][:60]
    assert "6 Apr 2021" in row
    assert "12:00" not in row
    assert "BST" not in row.split("j.smith")[0]


@pytest.mark.parametrize("hour", [0, 1, 8, 12, 23])
def test_one_lateness_is_one_number_in_the_clock_and_the_action(
    seed_breach: Breach, hour: int
) -> None:
    """At any hour of a day years after the deadline, the ICO clock and the overdue NOTIFY_ICO
    action count the same days late."""
    at = datetime(2026, 12, 6, hour, 30, tzinfo=LONDON)
    notify = next(r for r in seed_breach.recommendations if r.code == "NOTIFY_ICO")
    days = (local_date(at) - notify.due_date).days
    assert notify.overdue(at)
    assert seed_breach.clock(at).text == f"late by {days:,} d"


def test_monitoring_counts_reports_recorded_apart_from_reports_needed(
    seed_breach: Breach, seed_facts_dict: dict[str, object]
) -> None:
    needs = [seed_breach, make_breach({**seed_facts_dict, "reference": "IG-2021-015"})]
    needs.append(make_breach({**seed_facts_dict, "reference": "IG-2021-016"}))
    assert all(b.versions[-1].assessment.ico.report for b in needs)
    breaches = [_reported(needs[0]), _reported(needs[1]), needs[2]]
    text = flat(body_text(render_monitoring(breaches, SETTINGS)))
    assert "Needed a report to the ICO (our assessment) 3" in text
    assert "Reported to the ICO (a report recorded) 2" in text


def test_the_pdf_is_dated_when_it_was_made(seed_breach: Breach) -> None:
    meta = reader(render_assessment(seed_breach, SETTINGS)).metadata
    assert meta is not None
    assert meta.creation_date is not None
    assert meta.creation_date.year == 2021
    assert abs(meta.creation_date - AT) < timedelta(seconds=1)


def test_service_not_given_reads_the_same_in_every_document(
    seed_facts_dict: dict[str, object],
) -> None:
    facts = {k: v for k, v in seed_facts_dict.items() if k != "service"}
    breach = make_breach(facts)
    for pdf in (render_assessment(breach, SETTINGS), render_evidence_pack(breach, SETTINGS)):
        text = flat(body_text(pdf))
        assert "Service Not given" in text or "Service: Not given" in text
        assert "Service not yet known" not in text
