"""Likelihood (METHOD.md 2), the risk matrix and the two decisions (3), the ICO deadline."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import DECIDED, facts

from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.clock import ico_clock_text, ico_deadline
from breach_desk.domain.enums import Band, Likelihood, Risk
from breach_desk.method import assess
from breach_desk.method.likelihood import RISK_MATRIX
from breach_desk.method.note import decision_note

TRUSTED_DELETED = [{"kind": "trusted_professional", "deletion_confirmed": True}]


def result(matches: tuple[RepeatMatch, ...] = (), **changes: object):  # type: ignore[no-untyped-def]
    return assess(facts(**changes), DECIDED, matches)


@pytest.mark.parametrize(
    ("changes", "likelihood", "rule"),
    [
        (
            {
                "loss": {"confidentiality": "none", "essential_service_disrupted": True},
                "recipients": [],
            },
            "occurred",
            "essential_service_disrupted",
        ),
        ({"loss": {"confidentiality": "unknown_recipients"}, "recipients": []}, "likely", "likely"),
        ({"recipients": [{"kind": "attacker"}]}, "likely", "likely"),
        ({"recipients": [{"kind": "unknown"}]}, "likely", "likely"),
        (
            {
                "recipients": [
                    {
                        "kind": "internal_staff",
                        "deletion_confirmed": True,
                        "poses_risk_to_subject": True,
                    }
                ]
            },
            "likely",
            "likely",
        ),
        (
            {
                "cause": "malicious_internal",
                "recipients": [],
                "loss": {"confidentiality": "exposed_no_evidence_of_access"},
            },
            "likely",
            "likely",
        ),
        ({"recipients": TRUSTED_DELETED}, "remote", "remote_trusted_recipients"),
        (
            {
                "recipients": [{"kind": "internal_staff", "deletion_confirmed": True}],
                "loss": {"confidentiality": "known_recipients", "integrity": "altered_recovered"},
            },
            "remote",
            "remote_trusted_recipients",
        ),
        (
            {
                "recipients": [],
                "loss": {"confidentiality": "none", "availability": "restored_without_difficulty"},
            },
            "remote",
            "remote_no_confidentiality_loss",
        ),
        (
            {
                "recipients": TRUSTED_DELETED,
                "loss": {"confidentiality": "known_recipients", "availability": "temporary"},
            },
            "possible",
            "possible",
        ),
        ({"recipients": [{"kind": "trusted_professional"}]}, "possible", "possible"),
        ({"recipients": [*TRUSTED_DELETED, {"kind": "member_of_public"}]}, "possible", "possible"),
        (
            {"recipients": [], "loss": {"confidentiality": "exposed_no_evidence_of_access"}},
            "possible",
            "possible",
        ),
        (
            {
                "cause": "malicious_external",
                "recipients": [],
                "loss": {"confidentiality": "none", "integrity": "altered_unrecoverable"},
            },
            "possible",
            "possible",
        ),
    ],
)
def test_first_matching_rule_sets_the_likelihood(
    changes: dict[str, object], likelihood: str, rule: str
) -> None:
    a = result(**changes)
    assert (a.likelihood.value, a.likelihood_rule) == (likelihood, rule)


def test_unintelligible_data_disregards_its_recipients() -> None:
    a = result(
        **{
            "data.unintelligible": True,
            "recipients": [{"kind": "attacker"}],
            "loss": {"confidentiality": "unknown_recipients"},
        }
    )
    assert a.likelihood is Likelihood.REMOTE


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"recipients": TRUSTED_DELETED, "occurrences": 2}, "possible"),
        ({"occurrences": 3}, "likely"),
        ({"recipients": [{"kind": "attacker"}], "occurrences": 5}, "likely"),
        (
            {
                "recipients": [],
                "occurrences": 2,
                "loss": {"confidentiality": "none", "essential_service_disrupted": True},
            },
            "occurred",
        ),
        ({"previous_related_breaches": ["IG-2020-044"]}, "likely"),
    ],
)
def test_repeat_moves_one_step_up_but_never_to_occurred(
    changes: dict[str, object], expected: str
) -> None:
    a = result(**changes)
    assert a.likelihood.value == expected
    assert a.is_repeat


def test_register_matches_are_a_repeat_and_are_named() -> None:
    match = RepeatMatch("IG-2020-044", "same person email mr.b@example.org", "Earlier email")
    a = result((match,))
    assert a.likelihood is Likelihood.LIKELY  # possible -> likely
    assert "IG-2020-044" in decision_note(a)
    assert a.repeat == (match,)
    repeat = next(f for f in a.factors if f.id == "likelihood.repeat")
    assert "IG-2020-044" in repeat.reason


def test_no_repeat_without_occurrences_or_matches() -> None:
    assert not result().is_repeat


def test_risk_matrix_is_the_table_of_method_section_3() -> None:
    expected = {
        "remote": ["unlikely", "unlikely", "unlikely", "unlikely"],
        "possible": ["unlikely", "risk", "risk", "high"],
        "likely": ["risk", "risk", "high", "high"],
        "occurred": ["risk", "high", "high", "high"],
    }
    bands = [Band.LOW, Band.MEDIUM, Band.HIGH, Band.VERY_HIGH]
    for likelihood, row in expected.items():
        assert [RISK_MATRIX[Likelihood(likelihood)][b].value for b in bands] == row


def test_ico_report_when_risk_with_deadline_and_reason() -> None:
    a = result(**{"data.categories": ["financial"]})  # medium (SE 2.5) x possible -> risk
    assert a.risk is Risk.RISK
    assert a.ico.report
    assert a.ico.deadline.isoformat() == "2024-05-05T09:00:00+01:00"
    rule = "nothing shows that harm has happened or is likely"  # the rule in words, not codes
    for words in ("medium", "SE 2.5", "possible", rule):
        assert words in a.ico.reason


def test_no_ico_report_when_unlikely() -> None:
    a = result(**{"recipients": TRUSTED_DELETED})
    assert a.risk is Risk.UNLIKELY
    assert not a.ico.report
    assert "No report" in a.ico.reason
    assert "remote" in a.ico.reason


def test_deadline_across_the_spring_clock_change() -> None:
    # Clocks go forward at 01:00 GMT on Sunday 31 March 2024: 72 elapsed hours end at 11:00 BST.
    deadline = ico_deadline(datetime.fromisoformat("2024-03-29T10:00:00"))
    assert deadline.isoformat() == "2024-04-01T11:00:00+01:00"


def test_deadline_across_the_autumn_clock_change() -> None:
    # Clocks go back at 02:00 BST on Sunday 27 October 2024: 72 elapsed hours end at 09:00 GMT.
    deadline = ico_deadline(datetime.fromisoformat("2024-10-25T10:00:00"))
    assert deadline.isoformat() == "2024-10-28T09:00:00+00:00"


def test_deadline_from_an_explicit_offset_is_shown_in_london_time() -> None:
    deadline = ico_deadline(datetime.fromisoformat("2024-07-01T08:00:00+00:00"))
    assert deadline.isoformat() == "2024-07-04T09:00:00+01:00"


def test_ico_clock_text_counts_down_and_then_says_late() -> None:
    aware = datetime.fromisoformat("2024-05-02T09:00:00+01:00")
    assert ico_clock_text(aware, datetime.fromisoformat("2024-05-03T20:00:00+01:00")) == "37 h left"
    assert ico_clock_text(aware, datetime.fromisoformat("2024-05-06T11:00:00+01:00")) == (
        "late by 1 d 2 h"
    )


def test_tell_the_people_when_high_risk() -> None:
    a = result(**{"data.categories": ["health", "contact_details"]})  # very high x possible
    assert a.risk is Risk.HIGH
    assert a.data_subjects.notify
    assert a.data_subjects.exception is None


def test_already_aware_does_not_remove_the_duty() -> None:
    a = result(**{"data.categories": ["health", "contact_details"], "subjects.already_aware": True})
    assert a.data_subjects.notify
    assert "written explanation" in a.data_subjects.reason


def test_unintelligible_data_is_article_34_3_a() -> None:
    a = result(
        **{
            "data.categories": ["health", "basic_identifiers"],
            "data.unintelligible": True,
            "recipients": [],
            "loss": {
                "confidentiality": "none",
                "essential_service_disrupted": True,
                "availability": "permanent",
            },
        }
    )
    assert a.risk is Risk.HIGH
    assert not a.data_subjects.notify
    assert a.data_subjects.exception is not None
    assert a.data_subjects.exception.value == "unintelligible"
    assert "34(3)(a)" in a.data_subjects.reason


@pytest.mark.parametrize(
    ("ground", "letter"),
    [("risk_no_longer_likely", "(b)"), ("disproportionate_effort", "(c)")],
)
def test_art34_exception_needs_the_officer(ground: str, letter: str) -> None:
    a = result(
        **{
            "data.categories": ["health", "contact_details"],
            "assessor.art34_exception": {"ground": ground, "reason": "Recalled unopened"},
        }
    )
    assert not a.data_subjects.notify
    assert a.data_subjects.exception is not None
    assert a.data_subjects.exception.value == ground
    assert letter in a.data_subjects.reason
    assert "Recalled unopened" in a.data_subjects.reason


def test_art34_exception_is_irrelevant_below_high_risk() -> None:
    a = result(**{"assessor.art34_exception": {"ground": "disproportionate_effort", "reason": "x"}})
    assert not a.data_subjects.notify
    assert a.data_subjects.exception is None


def test_harm_already_reported_makes_it_occurred_with_the_note_as_the_reason() -> None:
    """METHOD 1.2: harm that has happened is not a likelihood any more."""
    note = "Two tenants reported phishing emails using their names"
    a = result(harm_reported={"note": note, "at": "2024-05-20"})
    assert (a.likelihood, a.likelihood_rule) == (Likelihood.OCCURRED, "harm_reported")
    rule = next(f for f in a.factors if f.id == "likelihood.rule")
    assert f"Harm has already been reported: {note}." in rule.reason
    note_text = decision_note(a)
    assert note in note_text
    assert "Harm already reported: Yes (20 May 2024)" in note_text
    assert result().likelihood is not Likelihood.OCCURRED
