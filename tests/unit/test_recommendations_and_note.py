"""Recommendations of METHOD.md section 4 with due dates, and the decision note of section 6."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from builders import DECIDED, facts, load_case

from breach_desk.domain.description import day
from breach_desk.domain.register import PlannedRecommendation
from breach_desk.domain.vocabulary import owner_words
from breach_desk.facts_io import facts_from_dict
from breach_desk.method import assess
from breach_desk.method.note import decision_note


def codes(**changes: object) -> list[str]:
    return [r.code for r in assess(facts(**changes), DECIDED).recommendations]


def test_founding_case_proposes_the_councils_missing_actions() -> None:
    seed = facts_from_dict(load_case("seed-ombudsman-21007914.json")["facts"], at=DECIDED)
    a = assess(seed, DECIDED)
    got = [r.code for r in a.recommendations]
    for code in (
        "NOTIFY_ICO",
        "NOTIFY_SUBJECTS",
        "SAFETY_PLAN",
        "RECALL_DATA",
        "APOLOGISE",
        "EXPLAIN_DECISION",
        "CHECK_CONTACT_DETAILS",
        "SECURE_EMAIL",
        "CHECK_TRAINING",
        "ROOT_CAUSE_REVIEW",
        "REVIEW_POLICIES",
        "LESSONS_LEARNED",
        "REPORT_BACK",
    ):
        assert code in got
    assert got[-1] == "REPORT_BACK"
    assert "RESET_CREDENTIALS" not in got
    assert "RESTORE_AND_BACKUP" not in got


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        (
            {"recipients": [{"kind": "trusted_professional", "deletion_confirmed": True}]},
            [
                "LESSONS_LEARNED",
                "REPORT_BACK",
                "CHECK_CONTACT_DETAILS",
                "SECURE_EMAIL",
                "CHECK_TRAINING",
            ],
            [
                "NOTIFY_ICO",
                "NOTIFY_SUBJECTS",
                "APOLOGISE",
                "RECALL_DATA",
                "REVIEW_POLICIES",
                "ROOT_CAUSE_REVIEW",
            ],
        ),
        ({"data.categories": ["credentials"]}, ["RESET_CREDENTIALS"], []),
        (
            {
                "loss": {"confidentiality": "none", "availability": "temporary"},
                "recipients": [],
                "cause": "technical_fault",
            },
            ["RESTORE_AND_BACKUP"],
            ["CHECK_TRAINING", "CHECK_CONTACT_DETAILS", "RECALL_DATA"],
        ),
        ({"cause": "malicious_internal"}, ["CHECK_TRAINING"], ["CHECK_CONTACT_DETAILS"]),
        (
            {"recipients": [{"kind": "attacker"}], "cause": "malicious_external"},
            [],
            ["RECALL_DATA", "CHECK_TRAINING"],
        ),
        (
            {
                "subjects.already_aware": True,
                "recipients": [{"kind": "internal_staff", "deletion_confirmed": True}],
            },
            ["APOLOGISE", "EXPLAIN_DECISION"],
            ["NOTIFY_SUBJECTS"],
        ),
        ({"occurrences": 2}, ["ROOT_CAUSE_REVIEW", "REVIEW_POLICIES"], []),
    ],
)
def test_each_rule_proposes_its_recommendation(
    changes: dict[str, object], present: list[str], absent: list[str]
) -> None:
    got = codes(**changes)
    assert set(present) <= set(got)
    assert not set(absent) & set(got)


def test_due_dates_count_from_the_decision_in_london() -> None:
    a = assess(
        facts(**{"data.categories": ["credentials", "financial", "basic_identifiers"]}), DECIDED
    )
    by_code = {r.code: r for r in a.recommendations}
    assert by_code["RESET_CREDENTIALS"].due_date == date(2024, 6, 2)
    assert by_code["LESSONS_LEARNED"].due_date == date(2024, 6, 29)
    assert by_code["REVIEW_POLICIES"].due_date == date(2024, 8, 30)
    last = max(r.due_date for r in a.recommendations if r.code != "REPORT_BACK")
    assert (by_code["REPORT_BACK"].due_date - last).days == 7


def test_notify_ico_is_due_at_the_72_hour_deadline() -> None:
    decided = datetime.fromisoformat("2024-05-02T10:00:00+01:00")
    a = assess(facts(**{"data.categories": ["financial"]}), decided)
    ico = next(r for r in a.recommendations if r.code == "NOTIFY_ICO")
    assert (ico.due_date, ico.due_in_days) == (date(2024, 5, 5), 3)


def test_late_decision_keeps_notify_ico_due_at_the_statutory_deadline() -> None:
    # METHOD.md 1.1 section 4: the plan shows the report late, never a fresh date.
    f = facts(**{"data.categories": ["financial"]})
    a = assess(f, DECIDED)  # weeks after aware_at
    ico = next(r for r in a.recommendations if r.code == "NOTIFY_ICO")
    assert ico.due_date == a.ico.deadline.date() < DECIDED.date()
    assert ico.due_in_days == 0


LEAKS = re.compile(
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\.md\b|\b(?:None|True|False)\b"
)


def test_decision_note_lets_a_reader_recompute_the_result() -> None:
    seed = facts_from_dict(load_case("seed-ombudsman-21007914.json")["facts"], at=DECIDED)
    note = decision_note(assess(seed, DECIDED))
    for needle in (
        "version 1.2",
        "How many times it happened: 3",
        "Mental health (special category)",
        "Convicted of assault against Mr B",
        "SE = DPC × EI + CB = 4 × 1 + 0.25 = 4.25",
        "Severity: Very high",
        "Repeat breach: it happened 3 times",
        "Likelihood: Likely",
        "Likelihood likely and severity very high",
        "Report to the ICO: yes",
        "Thu 18 Mar 2021 10:00 GMT",
        "Tell the people affected: yes",
        "Safety plan for the person: Contact the person about their safety",
        # every final consideration that was checked is printed with what it did
        "Final consideration 1: unintelligible data: Very high: no change",
        "Final consideration 2: number of people: Very high: no change",
        "A recipient poses a risk to the person: at least high: already very high",
        # no parentheses inside parentheses; who is vulnerable as the facts say it
        "Special category data (mental health) about people recorded as vulnerable: at least "
        "high: already very high",
        # public sources, never an internal file
        "ENISA (2013), Recommendations for a methodology of the assessment of severity",
        "EDPB Guidelines 9/2022",
    ):
        assert needle in note, needle
    assert LEAKS.findall(note) == []


def test_decision_note_shows_the_plan_as_stored() -> None:
    a = assess(facts(), DECIDED)
    first = a.recommendations[0]
    plan = [
        PlannedRecommendation(
            first.code, first.text, first.owner_role, date(2031, 1, 2), "Jo Bloggs", first.why
        )
    ]
    note = decision_note(a, plan)
    assert f"Who: {owner_words(first.owner_role, 'Jo Bloggs')}. Due: 2 Jan 2031." in note
    assert day(first.due_date) not in note.split("The plan", 1)[1]


def test_decision_note_names_the_override_and_why() -> None:
    a = assess(
        facts(
            **{"assessor.severity_override": {"band": "high", "reason": "Victim of domestic abuse"}}
        ),
        DECIDED,
    )
    note = decision_note(a)
    assert "Severity set by the officer (the method computed low)" in note
    assert "Victim of domestic abuse" in note
    assert "Final consideration 4: the officer's own band: Low → high" in note


def test_same_facts_same_assessment() -> None:
    f = facts(**{"occurrences": 2})
    assert assess(f, DECIDED) == assess(f, DECIDED)
