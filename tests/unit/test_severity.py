"""Severity rules of METHOD.md section 1: DPC, EI, CB, bands and the final considerations."""

from __future__ import annotations

import pytest
from builders import DECIDED, facts

from breach_desk.domain.enums import Band
from breach_desk.method import assess
from breach_desk.method.severity import band_for


def severity(**changes: object):  # type: ignore[no-untyped-def]
    return assess(facts(**changes), DECIDED).severity


def factor_ids(**changes: object) -> list[str]:
    return [f.id for f in assess(facts(**changes), DECIDED).factors]


@pytest.mark.parametrize(
    ("categories", "dpc"),
    [
        (["basic_identifiers"], 1),
        (["contact_details", "credentials"], 1),
        (["location"], 2),
        (["behavioural", "basic_identifiers"], 2),
        (["financial"], 3),
        (["payment_card"], 3),
        (["identification_documents"], 3),
        (["health"], 4),
        (["mental_health", "contact_details"], 4),
        (["criminal_offence"], 4),
        (["social_care"], 4),
    ],
)
def test_dpc_base_is_the_highest_category(categories: list[str], dpc: int) -> None:
    s = severity(**{"data.categories": categories})
    assert (s.dpc_base, s.dpc) == (dpc, dpc)


def test_minimal_extent_sets_dpc_to_one() -> None:
    assert severity(**{"data.categories": ["health"], "data.extent": "minimal"}).dpc == 1


def test_presence_that_reveals_the_category_keeps_minimal_extent_from_lowering_dpc() -> None:
    """METHOD 1.2: an HIV clinic's patient list reveals health data by presence alone."""
    changes = {
        "data.categories": ["contact_details", "health"],
        "data.extent": "minimal",
        "data.presence_reveals_category": True,
    }
    a = assess(facts(**changes), DECIDED)
    assert a.severity.dpc == 4
    said = next(f for f in a.factors if f.id == "dpc.extent_minimal_not_applied")
    assert "does not lower" in said.reason
    assert "dpc.extent_minimal" not in [f.id for f in a.factors]
    # Without it, the same list at minimal extent scores as ENISA's minimal extent says.
    changes["data.presence_reveals_category"] = False
    assert severity(**changes).dpc == 1


def test_extensive_extent_adds_one_but_never_past_four() -> None:
    assert severity(**{"data.categories": ["location"], "data.extent": "extensive"}).dpc == 3
    assert severity(**{"data.categories": ["health"], "data.extent": "extensive"}).dpc == 4


def test_publicly_available_sets_dpc_to_one() -> None:
    assert severity(**{"data.categories": ["financial"], "data.publicly_available": True}).dpc == 1


def test_publicly_available_does_not_lower_dpc_when_a_recipient_poses_a_risk() -> None:
    s = severity(
        **{
            "data.categories": ["financial"],
            "data.publicly_available": True,
            "recipients": [{"kind": "member_of_public", "poses_risk_to_subject": True}],
        }
    )
    # financial (3), not lowered; the safety rule needs contact/location/identifiers, absent here
    assert s.dpc == 3


@pytest.mark.parametrize(
    "change",
    [
        {"subjects.vulnerable": True},
        {"subjects.groups": ["children"]},
        {"subjects.groups": ["vulnerable_adults", "tenants"]},
    ],
)
def test_vulnerable_people_add_one(change: dict[str, object]) -> None:
    assert severity(**{"data.categories": ["location"], **change}).dpc == 3


def test_recipient_posing_risk_with_contact_details_is_critical() -> None:
    s = severity(
        **{
            "data.categories": ["contact_details"],
            "recipients": [{"kind": "member_of_public", "poses_risk_to_subject": True}],
        }
    )
    assert s.dpc == 4


def test_assessor_adjustment_applies_last_and_is_clamped() -> None:
    adj = {"value": -3, "reason": "Only the fact of being a client"}
    assert severity(**{"data.categories": ["financial"], "assessor.dpc_adjustment": adj}).dpc == 1
    up = {"value": 3, "reason": "Detailed profile"}
    assert severity(**{"data.categories": ["location"], "assessor.dpc_adjustment": up}).dpc == 4
    ids = factor_ids(**{"data.categories": ["financial"], "assessor.dpc_adjustment": adj})
    assert ids.index("dpc.assessor") > ids.index("dpc.base")


@pytest.mark.parametrize(
    ("changes", "ei"),
    [
        ({"data.categories": ["basic_identifiers"]}, 1.0),
        ({"data.categories": ["identification_documents"]}, 1.0),
        ({"data.categories": ["health"]}, 0.75),
        ({"data.categories": ["health"], "subjects.people": [{"name": "Ms K"}]}, 1.0),
        ({"data.categories": ["health"], "subjects.people": [{"identifier": "C-1"}]}, 0.75),
        ({"data.categories": ["basic_identifiers"], "data.identifiability": "limited"}, 0.5),
        ({"data.categories": ["health"], "data.identifiability": "negligible"}, 0.25),
    ],
)
def test_ease_of_identification(changes: dict[str, object], ei: float) -> None:
    assert severity(**changes).ei == ei


@pytest.mark.parametrize(
    ("changes", "cb"),
    [
        ({"loss": {"confidentiality": "none"}, "recipients": []}, 0),
        ({"loss": {"confidentiality": "exposed_no_evidence_of_access"}}, 0),
        ({"loss": {"confidentiality": "known_recipients"}}, 0.25),
        ({"loss": {"confidentiality": "unknown_recipients"}}, 0.5),
        ({"loss": {"confidentiality": "known_recipients", "integrity": "altered_recovered"}}, 0.25),
        (
            {"loss": {"confidentiality": "known_recipients", "integrity": "altered_recoverable"}},
            0.5,
        ),
        (
            {"loss": {"confidentiality": "known_recipients", "integrity": "altered_unrecoverable"}},
            0.75,
        ),
        (
            {
                "loss": {
                    "confidentiality": "known_recipients",
                    "availability": "restored_without_difficulty",
                }
            },
            0.25,
        ),
        ({"loss": {"confidentiality": "known_recipients", "availability": "temporary"}}, 0.5),
        ({"loss": {"confidentiality": "known_recipients", "availability": "permanent"}}, 0.75),
        ({"cause": "malicious_external"}, 0.75),
        (
            {
                "cause": "malicious_internal",
                "loss": {
                    "confidentiality": "unknown_recipients",
                    "integrity": "altered_unrecoverable",
                    "availability": "permanent",
                },
            },
            2.0,
        ),
    ],
)
def test_circumstances_of_the_breach(changes: dict[str, object], cb: float) -> None:
    assert severity(**changes).cb == cb


def test_unintelligible_data_counts_as_no_confidentiality_loss() -> None:
    s = severity(
        **{
            "data.unintelligible": True,
            "loss": {"confidentiality": "unknown_recipients"},
            "recipients": [],
        }
    )
    assert s.cb == 0


def test_score_is_dpc_times_ei_plus_cb() -> None:
    s = severity(
        **{
            "data.categories": ["financial", "basic_identifiers"],
            "loss": {"confidentiality": "unknown_recipients"},
        }
    )
    assert (s.dpc, s.ei, s.cb, s.score) == (3, 1.0, 0.5, 3.5)


@pytest.mark.parametrize(
    ("quarters", "band"),
    [
        (7, Band.LOW),
        (8, Band.MEDIUM),
        (11, Band.MEDIUM),
        (12, Band.HIGH),
        (15, Band.HIGH),
        (16, Band.VERY_HIGH),
        (0, Band.LOW),
        (24, Band.VERY_HIGH),
    ],
)
def test_band_boundaries_in_quarters(quarters: int, band: Band) -> None:
    assert band_for(quarters) is band


NO_LOSS = {"loss": {"confidentiality": "none"}, "recipients": [], "data.identifiability": "maximum"}


@pytest.mark.parametrize(
    ("changes", "score", "band"),
    [
        # 1.75: DPC 1 x 1 + unknown recipients 0.5 + integrity recoverable 0.25
        (
            {
                "data.categories": ["basic_identifiers"],
                "recipients": [],
                "loss": {
                    "confidentiality": "unknown_recipients",
                    "integrity": "altered_recoverable",
                },
            },
            1.75,
            "low",
        ),
        ({**NO_LOSS, "data.categories": ["location"]}, 2.0, "medium"),
        (
            {
                **NO_LOSS,
                "data.categories": ["location"],
                "loss": {
                    "confidentiality": "none",
                    "integrity": "altered_unrecoverable",
                    "availability": "temporary",
                },
            },
            2.75,
            "medium",
        ),
        ({**NO_LOSS, "data.categories": ["financial"]}, 3.0, "high"),
        (
            {
                **NO_LOSS,
                "data.categories": ["financial"],
                "loss": {
                    "confidentiality": "none",
                    "integrity": "altered_unrecoverable",
                    "availability": "temporary",
                },
            },
            3.75,
            "high",
        ),
        ({**NO_LOSS, "data.categories": ["health"]}, 4.0, "very_high"),
        # EI 0.75 x DPC 4 lands exactly on 3
        (
            {**NO_LOSS, "data.categories": ["health"], "data.identifiability": "significant"},
            3.0,
            "high",
        ),
    ],
)
def test_band_boundaries_through_the_method(
    changes: dict[str, object], score: float, band: str
) -> None:
    s = severity(**changes)
    assert (s.score, s.computed_band.value, s.band.value) == (score, band, band)


# --- final considerations, in order --------------------------------------------------------------


def test_unintelligible_without_integrity_or_availability_loss_is_low() -> None:
    s = severity(
        **{
            "data.categories": ["health"],
            "data.unintelligible": True,
            "loss": {
                "confidentiality": "exposed_no_evidence_of_access",
                "availability": "restored_without_difficulty",
            },
            "recipients": [],
        }
    )
    assert s.computed_band is Band.LOW


def test_unintelligible_with_lasting_availability_loss_keeps_the_band() -> None:
    s = severity(
        **{
            "data.categories": ["health", "basic_identifiers"],
            "data.unintelligible": True,
            "loss": {"confidentiality": "none", "availability": "permanent"},
            "recipients": [],
        }
    )
    assert s.computed_band is Band.VERY_HIGH


@pytest.mark.parametrize(
    ("count", "band"), [(999, "low"), (1_000, "medium"), (99_999, "medium"), (100_000, "high")]
)
def test_number_of_people_raises_the_band(count: int, band: str) -> None:
    assert severity(**{"subjects.count": count}).computed_band.value == band


def test_people_steps_never_go_past_very_high() -> None:
    s = severity(**{"subjects.count": 200_000, "data.categories": ["financial"]})
    assert s.computed_band is Band.VERY_HIGH


def test_recipient_posing_a_risk_floors_the_band_at_high() -> None:
    s = severity(
        **{
            "data.categories": ["financial"],
            "data.extent": "minimal",
            "recipients": [{"kind": "member_of_public", "poses_risk_to_subject": True}],
        }
    )
    assert s.dpc == 1
    assert s.computed_band is Band.HIGH
    assert "final.floor_recipient_risk" in factor_ids(
        **{
            "data.categories": ["financial"],
            "data.extent": "minimal",
            "recipients": [{"kind": "member_of_public", "poses_risk_to_subject": True}],
        }
    )


def test_special_category_about_vulnerable_people_floors_at_high() -> None:
    changes = {"data.categories": ["health"], "data.extent": "minimal", "subjects.vulnerable": True}
    s = severity(**changes)
    assert s.score < 3
    assert s.computed_band is Band.HIGH
    assert "final.floor_special_vulnerable" in factor_ids(**changes)


def test_special_category_about_people_not_vulnerable_has_no_floor() -> None:
    s = severity(**{"data.categories": ["health"], "data.extent": "minimal"})
    assert s.computed_band is Band.LOW


def test_override_replaces_the_band_and_keeps_the_computed_one() -> None:
    s = severity(**{"assessor.severity_override": {"band": "high", "reason": "Press interest"}})
    assert (s.computed_band, s.band, s.overridden) == (Band.LOW, Band.HIGH, True)


def test_final_considerations_are_recorded_in_order() -> None:
    ids = factor_ids(
        **{
            "data.categories": ["health"],
            "data.unintelligible": True,
            "recipients": [],
            "loss": {"confidentiality": "none", "integrity": "none"},
            "subjects.count": 5000,
            "subjects.vulnerable": True,
            "assessor.severity_override": {"band": "medium", "reason": "x"},
        }
    )
    # METHOD.md 1.1: every consideration is checked and recorded, whether or not it changes
    # the band, in this order.
    finals = [i for i in ids if i.startswith("final.")]
    assert finals == [
        "final.unintelligible",
        "final.people",
        "final.floor_recipient_risk",
        "final.floor_special_vulnerable",
        "final.override",
    ]


def test_a_floor_that_holds_but_changes_nothing_is_still_recorded() -> None:
    changes = {
        "data.categories": ["mental_health", "contact_details"],
        "subjects.vulnerable": True,
        "recipients": [{"kind": "member_of_public", "poses_risk_to_subject": True}],
    }
    factors = {f.id: f for f in assess(facts(**changes), DECIDED).factors}
    assert severity(**changes).band is Band.VERY_HIGH
    for fid in ("final.floor_recipient_risk", "final.floor_special_vulnerable"):
        assert factors[fid].effect == "Very high: no change"
        assert factors[fid].reason.endswith("at least high: already very high.")
