"""The ICO report draft and the letter to the affected person."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest
from pdf_reading import body_text, flat, page_texts, reader
from report_cases import ORGANISATION, make_breach

from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.notification import IcoHow, IcoReport, Notifications
from breach_desk.domain.register import Breach
from breach_desk.reports import (
    ReportSettings,
    default_letter_text,
    render_ico_report,
    render_letter,
)


def test_ico_draft_follows_the_form_and_marks_unknowns(
    seed_breach: Breach, on_time_settings: ReportSettings
) -> None:
    text = flat(body_text(render_ico_report(seed_breach, on_time_settings)))
    # the ICO form's sections, in the form's order
    order = [
        text.index(section)
        for section in (
            "Report type",
            "About the breach",
            "Personal data and people",
            "Consequences",
            "Taking action",
            "About you",
        )
    ]
    assert order == sorted(order)
    # the reminder about names, and the description with the named person replaced
    assert "Do not put people's names in the ICO's form" in text
    assert "gave the person affected's email address" in text
    assert "Mr B" not in text.split("Do not put", 1)[1]
    # consequences for people in words, not scoring text
    assert "Physical harm: someone who poses a risk to the person affected" in text
    assert "ENISA" not in text
    assert "Report type Initial report" in text
    assert "72-hour deadline Thu 18 Mar 2021 10:00 GMT" in text
    assert "Caused by a cyber incident? No" in text
    assert "How did you find out? not yet known" in text
    assert "ICO registration number not yet known" in text
    assert "When did you discover it? Mon 15 Mar 2021 10:00 GMT" in text
    assert "Mental health (special category) (on the ICO form: Health data)" in text
    assert "Vulnerable people: Yes (on the ICO form: Vulnerable adults)" in text
    assert "Likelihood of significant consequences Likely" in text
    assert "Have you told the data subjects? We are about to, or planning to" in text
    assert "Late by" not in text


def test_ico_draft_past_72_hours_asks_for_the_reasons(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    text = flat(body_text(render_ico_report(seed_breach, settings)))
    # London days past the deadline's day, as the overdue NOTIFY_ICO action counts them
    assert "ICO clock late by 33 d" in text
    assert "Reasons for the delay (Art. 33(1)) not yet known" in text
    given = flat(
        body_text(
            render_ico_report(
                seed_breach, settings, delay_reason="Waited for the <police> & legal advice"
            )
        )
    )
    assert "Reasons for the delay (Art. 33(1)) Waited for the <police> & legal advice" in given


def test_ico_draft_once_reported_says_when_and_how_late(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    reported = datetime.fromisoformat("2021-03-19T12:00:00+00:00")  # 26 h after the deadline
    record = IcoReport(reported, IcoHow.PHONE, "IC-55", "Staff absence", False, "j.smith", reported)
    breach = replace(seed_breach, notifications=Notifications(ico=record))
    text = flat(body_text(render_ico_report(breach, settings)))
    assert "Report type Follow-up report (the ICO case reference: IC-55)" in text
    assert "ICO clock reported 1 d 2 h late, on 19 Mar 2021 12:00 (reasons recorded)" in text
    assert "Reported Fri 19 Mar 2021 12:00 GMT (telephone to the ICO helpline)" in text
    assert "Reasons for the delay (Art. 33(1)) Staff absence" in text
    assert "late by" not in text  # the clock stopped when it was reported
    # Ticking NOTIFY_ICO done is not a record of the report: the draft does not guess one.
    done = tuple(
        replace(r, status=RecommendationStatus.DONE, done_at=reported)
        if r.code == "NOTIFY_ICO"
        else r
        for r in seed_breach.recommendations
    )
    ticked = flat(
        body_text(render_ico_report(replace(seed_breach, recommendations=done), settings))
    )
    assert "Report type Initial report" in ticked
    assert "ICO clock late by" in ticked


def test_ico_draft_for_a_breach_that_needs_no_report_has_no_clock(
    settings: ReportSettings, seed_facts_dict: dict[str, Any]
) -> None:
    low = make_breach(
        {
            **seed_facts_dict,
            "recipients": [
                {"label": "Colleague", "kind": "internal_staff", "deletion_confirmed": True}
            ],
            "occurrences": 1,
            "subjects": {"count": 1},
            "data": {"categories": ["contact_details"], "extent": "limited"},
        }
    )
    assert not low.versions[-1].assessment.ico.report
    text = flat(body_text(render_ico_report(low, settings)))
    assert "No report is required: a voluntary report" in text
    for clock in ("Late by", "late", "deadline", "Reasons for the delay"):
        assert clock not in text, clock


def test_ico_draft_metadata(seed_breach: Breach, settings: ReportSettings) -> None:
    meta = reader(render_ico_report(seed_breach, settings)).metadata
    assert meta is not None
    assert meta.title == "IG-2021-014"
    assert meta.author == ORGANISATION
    assert "Mr B" not in " ".join(str(v) for v in meta.values())


def test_default_letter_meets_art_34_2_point_by_point(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    text = default_letter_text(seed_breach, settings)
    assert text.startswith("Dear Mr B,")
    assert "IG-2021-014" in text
    assert "apologise" in text
    # the nature of the breach, to the person about their own information
    assert "What happened to your information" in text
    assert (
        "On 11 Jan 2021, and on two further occasions, we gave your contact details and "
        "information about your mental health to two people who should not have had it: "
        "Person A (involved with the children) and Person C (involved with the children)." in text
    )
    # the likely consequences, in concrete terms drawn from the facts
    assert "What this could mean for you" in text
    assert "Someone who has harmed you, or may wish to, now has your contact details" in text
    assert "Information about your mental health has been seen by people" in text
    # what has been done and will be done, only what the person benefits from
    assert "What we have done and what we will do" in text
    assert "We are reporting the breach to the Information Commissioner's Office" in text
    assert "We will contact you about your safety" in text
    # what the person can do
    assert "What you can do" in text
    assert "call 999 in an emergency" in text
    # the contact point and the right to complain
    assert settings.contact is not None
    assert settings.contact in text
    assert "complain to the Information Commissioner's Office" in text
    # never the officer's third-person description, scoring words or internal steps
    assert seed_breach.facts.description is not None
    assert seed_breach.facts.description[:40] not in text
    for internal in ("SIRO", "severity", "likelihood", "his children", "Mr B's", "escalate"):
        assert internal not in text, internal


def test_a_rejected_recommendation_is_never_promised(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    rejected = tuple(
        replace(r, status=RecommendationStatus.REJECTED) if r.code == "SECURE_EMAIL" else r
        for r in seed_breach.recommendations
    )
    before = default_letter_text(seed_breach, settings)
    after = default_letter_text(replace(seed_breach, recommendations=rejected), settings)
    assert "secure email" in before
    assert "secure email" not in after


def test_default_letter_says_reported_only_once_the_report_is_recorded(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    done = tuple(
        replace(r, status=RecommendationStatus.DONE)
        if r.code in ("NOTIFY_ICO", "RECALL_DATA")
        else r
        for r in seed_breach.recommendations
    )
    ticked = replace(seed_breach, recommendations=done)
    # a ticked recommendation is not a report: only the record of one is
    assert "We are reporting the breach" in default_letter_text(ticked, settings)
    report = IcoReport(
        reported_at=datetime.fromisoformat("2021-03-17T09:00:00+00:00"),
        how=IcoHow.ONLINE,
        ico_reference="IC-1234",
        delay_reason=None,
        voluntary=False,
        recorded_by="j.smith",
        recorded_at=datetime.fromisoformat("2021-03-17T09:05:00+00:00"),
    )
    text = default_letter_text(replace(ticked, notifications=Notifications(ico=report)), settings)
    assert "We have reported the breach to the Information Commissioner's Office" in text
    assert "We are reporting" not in text
    assert "Everyone who received your information has confirmed in writing" in text


def test_a_letter_that_is_not_required_says_it_is_a_courtesy(
    settings: ReportSettings, seed_facts_dict: dict[str, Any]
) -> None:
    low = make_breach(
        {
            **seed_facts_dict,
            "recipients": [
                {"label": "Colleague", "kind": "internal_staff", "deletion_confirmed": True}
            ],
            "occurrences": 1,
            "subjects": {"count": 1, "people": [{"name": "Ms C"}]},
            "data": {"categories": ["contact_details"], "extent": "limited"},
        }
    )
    assert not low.versions[-1].assessment.data_subjects.notify
    text = default_letter_text(low, settings)
    assert "The law does not require us to write to you about it" in text
    assert "reporting the breach" not in text


def test_letter_prints_the_default_when_not_edited(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    pdf = render_letter(seed_breach, settings)
    body = flat(body_text(pdf))
    assert flat(default_letter_text(seed_breach, settings)) in body
    assert page_texts(pdf)[0].count("Page 1 of") == 1


def test_letter_prints_the_officers_text_exactly(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    edited = (
        "Dear Mr B,\n\nWe are sorry. S&P <b>not bold</b> a <b &amp; 😀 Zażółć Việt\n"
        "Second line of the same paragraph\n\n\n\nAfter extra blank lines\tand a tab\n\nשלום"
    )
    pdf = render_letter(seed_breach, settings, edited)
    lines = [line.strip() for line in body_text(pdf).split("\n") if line.strip()]
    assert "We are sorry. S&P <b>not bold</b> a <b &amp; 😀 Zażółć Việt" in lines
    assert "Second line of the same paragraph" in lines
    assert "After extra blank lines    and a tab" in lines
    assert lines[-1] == "שלום"
    assert "What happened" not in body_text(pdf)


def test_letter_contact_comes_from_the_settings(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    mine = replace(
        settings,
        contact="Data Protection Officer, dpo@anytown.gov.uk, 01234 567890",
        generated_at=datetime.fromisoformat("2021-03-18T09:00:00+00:00"),
    )
    text = default_letter_text(seed_breach, mine)
    assert "please contact Data Protection Officer, dpo@anytown.gov.uk" in text
    assert "[name, telephone" not in text


@pytest.mark.parametrize(
    ("occurred", "said"), [("2020-11", "In November 2020,"), ("2020", "In 2020,")]
)
def test_the_letter_says_when_as_exactly_as_it_is_known(
    settings: ReportSettings, seed_facts_dict: dict[str, Any], occurred: str, said: str
) -> None:
    breach = make_breach({**seed_facts_dict, "occurred_at": occurred})
    assert f"{said} and on two further occasions," in default_letter_text(breach, settings)
