"""Finalising, reassessing and reading breaches: what the officer sees in the register."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from builders import facts
from sqlalchemy import text

from breach_desk.assessment_io import assessment_to_dict
from breach_desk.domain.enums import BreachStatus, OwnerRole, RecommendationStatus, Risk
from breach_desk.domain.register import PlannedRecommendation
from breach_desk.services.notifications import Notify
from breach_desk.services.register import InvalidChange, NotFound, Register

PROPOSED = [
    "RECALL_DATA",
    "CHECK_CONTACT_DETAILS",
    "SECURE_EMAIL",
    "CHECK_TRAINING",
    "LESSONS_LEARNED",
    "REPORT_BACK",
]
"""What the method proposes for builders.facts() (a letter to a neighbour, human error)."""


def test_a_new_breach_gets_the_next_reference_and_version_1(register: Register) -> None:
    first = register.finalise(facts(service="Housing"))
    second = register.finalise(facts(title="Second letter"))
    assert (first.reference, second.reference) == ("IG-2026-0001", "IG-2026-0002")
    assert first.status is BreachStatus.ASSESSED
    assert [v.number for v in first.versions] == [1]
    assert first.latest is not None
    assert first.latest.assessment.reference == "IG-2026-0001"
    assert first.facts.reference == "IG-2026-0001"
    assert first.row_version == 1
    assert first.created_by == register.user == first.updated_by
    assert sorted(r.code for r in first.recommendations) == sorted(PROPOSED)
    assert {r.status for r in first.recommendations} == {RecommendationStatus.OPEN}
    assert {r.service for r in first.recommendations} == {"Housing"}


def test_a_reference_given_in_the_facts_is_kept(register: Register) -> None:
    saved = register.finalise(facts(reference="IG-2021-014"))
    assert saved.reference == "IG-2021-014"
    assert register.get("IG-2021-014").facts.title == "Letter sent to the wrong address"


def test_assigned_references_skip_numbers_already_taken(register: Register) -> None:
    register.import_facts([facts(reference="IG-2026-0002")])
    refs = [register.finalise(facts()).reference for _ in range(2)]
    assert refs == ["IG-2026-0001", "IG-2026-0003"]


def test_the_officers_edited_list_is_what_gets_tracked(register: Register) -> None:
    proposed = register.assess(facts()).recommendations
    planned = [PlannedRecommendation.from_proposed(p) for p in proposed if p.code != "SECURE_EMAIL"]
    planned[0] = replace(
        planned[0], text="Ring the neighbour today", owner="j.smith", due_date=date(2026, 3, 3)
    )
    planned.append(
        PlannedRecommendation(
            "BRIEF_TEAM",
            "Brief the post room",
            OwnerRole.SERVICE,
            date(2026, 3, 20),
            why="Officer's own",
        )
    )
    saved = register.finalise(
        facts(), recommendations=planned, removed=[("SECURE_EMAIL", "No email involved")]
    )
    by_code = {r.code: r for r in saved.recommendations}
    first = by_code[planned[0].code]
    assert (first.text, first.owner, first.due_date) == (
        "Ring the neighbour today",
        "j.smith",
        date(2026, 3, 3),
    )
    assert by_code["BRIEF_TEAM"].status is RecommendationStatus.OPEN
    removed = by_code["SECURE_EMAIL"]
    assert removed.status is RecommendationStatus.REJECTED
    assert removed.removed_reason == "No email involved"
    assert removed.history[0].reason == "No email involved"
    assert saved.latest is not None
    assert [(r.code, r.reason) for r in saved.latest.removed] == [
        ("SECURE_EMAIL", "No email involved")
    ]


def test_removing_a_recommendation_needs_a_reason(register: Register) -> None:
    proposed = register.assess(facts()).recommendations
    kept = [PlannedRecommendation.from_proposed(p) for p in proposed[1:]]
    with pytest.raises(InvalidChange, match="needs a reason"):
        register.finalise(facts(), recommendations=kept)
    with pytest.raises(InvalidChange, match="needs a reason"):
        register.finalise(facts(), recommendations=kept, removed=[(proposed[0].code, "  ")])
    assert register.count_breaches() == 0


def test_reassessment_adds_a_version_and_never_changes_the_first(register: Register) -> None:
    first = register.finalise(facts())
    v1 = first.versions[0]
    worse = facts(**{"subjects.count": 1500, "data.categories": ["health"]})
    second = register.reassess(first.reference, worse, "1,500 patients affected, not one")
    assert [v.number for v in second.versions] == [1, 2]
    assert second.row_version == 2
    again = second.versions[0]
    assert again.facts == v1.facts
    assert assessment_to_dict(again.assessment) == assessment_to_dict(v1.assessment)
    latest = second.versions[1]
    assert latest.reason == "1,500 patients affected, not one"
    changes = {c.path: (c.before, c.after) for c in latest.changes}
    assert changes["subjects.count"] == (1, 1500)
    assert changes["data.categories"] == (["basic_identifiers"], ["health"])
    assert changes["outcome.severity"][0] != changes["outcome.severity"][1]
    summary = register.list_breaches()[0]
    assert summary.band is not None
    assert summary.band.value == latest.assessment.severity.band


def test_reassessment_keeps_tracked_recommendations_and_adds_new_ones(
    register: Register,
) -> None:
    first = register.finalise(facts())
    with register.store.unit(write=True) as uow:
        uow.session.execute(
            text("UPDATE recommendations SET status = 'in_progress' WHERE code = 'RECALL_DATA'")
        )
    worse = facts(**{"subjects.count": 1500, "data.categories": ["health"]})
    second = register.reassess(first.reference, worse, "more people")
    by_code = {r.code: r for r in second.recommendations}
    assert by_code["RECALL_DATA"].status is RecommendationStatus.IN_PROGRESS
    assert set(PROPOSED) <= set(by_code)
    assert "NOTIFY_ICO" in by_code  # new now that the risk is reportable
    assert by_code["NOTIFY_ICO"].status is RecommendationStatus.OPEN


def test_reassessment_needs_a_reason_and_an_existing_breach(register: Register) -> None:
    saved = register.finalise(facts())
    with pytest.raises(InvalidChange, match="needs a reason"):
        register.reassess(saved.reference, facts(), "   ")
    with pytest.raises(InvalidChange, match="needs a reason"):
        register.finalise(saved.facts)
    with pytest.raises(NotFound, match="IG-2026-0999"):
        register.reassess("IG-2026-0999", facts(), "new facts")
    with pytest.raises(InvalidChange, match="not IG-2026-0001"):
        register.reassess(saved.reference, facts(reference="IG-1999-1"), "wrong one")
    # Invisible characters and a stray key press are not a reason kept in the record.
    for blank_looking in ("\u200b\u00a0\u200b", "n", "?!"):
        with pytest.raises(InvalidChange, match="in words"):
            register.reassess(saved.reference, facts(), blank_looking)
    assert len(register.get(saved.reference).versions) == 1


def test_an_unknown_reference_is_a_clear_not_found(register: Register) -> None:
    with pytest.raises(NotFound, match="there is no breach IG-2026-0042 in the register"):
        register.get("IG-2026-0042")


def test_search_ignores_case_and_accents_and_looks_everywhere(register: Register) -> None:
    register.finalise(facts(title="Payslips emailed to the wrong team", service="Payroll"))
    register.finalise(
        facts(
            title="Letter to neighbour",
            description="The letter about Zoë Ä'Court went to 12 High St",
            **{"subjects.people": [{"name": "Zoë Ä'Court", "identifier": "CASE-77"}]},
        )
    )
    assert [s.title for s in register.list_breaches(search="zoe a'court")] == [
        "Letter to neighbour"
    ]
    assert [s.title for s in register.list_breaches(search="PAYSLIPS")] == [
        "Payslips emailed to the wrong team"
    ]
    assert register.count_breaches(search="case-77") == 1
    assert register.count_breaches(search="payroll") == 1
    assert register.count_breaches(search="IG-2026-000") == 2
    assert register.count_breaches(search="%") == 0  # a wildcard is searched as text
    assert register.count_breaches(search="_") == 0


def test_filters_sorting_and_paging(register: Register) -> None:
    for n in range(5):
        register.finalise(
            facts(
                title=f"Breach {n}",
                aware_at=f"2024-05-0{n + 1}T09:00:00",
                service="Housing" if n % 2 else "Payroll",
            )
        )
    register.finalise(
        facts(title="Big one", **{"subjects.count": 5000, "data.categories": ["health"]})
    )
    newest_first = [s.title for s in register.list_breaches()]
    assert newest_first[:3] == ["Breach 4", "Breach 3", "Breach 2"]
    page = register.list_breaches(sort="reference", descending=False, offset=2, limit=2)
    assert [s.reference for s in page] == ["IG-2026-0003", "IG-2026-0004"]
    assert register.count_breaches(service="Housing") == 2
    assert register.services() == ["Housing", "Payroll"]
    high = register.list_breaches(risk="high")
    assert [s.title for s in high] == ["Big one"]
    assert high[0].risk is Risk.HIGH
    assert register.count_breaches(status="closed") == 0
    by_risk = register.list_breaches(sort="risk")
    assert by_risk[0].title == "Big one"


def test_overdue_means_not_done_by_the_end_of_the_due_day_in_london(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = register.finalise(facts())
    due = min(r.due_date for r in saved.recommendations)
    due_count = sum(1 for r in saved.recommendations if r.due_date == due)
    monkeypatch.setenv("BREACH_DESK_NOW", f"{due.isoformat()}T23:59:00+00:00")  # GMT in March
    assert register.list_breaches()[0].overdue_recommendations == 0
    monkeypatch.setenv("BREACH_DESK_NOW", f"{due.isoformat()}T23:59:00-01:00")  # next day
    summary = register.list_breaches()[0]
    assert summary.overdue_recommendations == due_count
    assert summary.open_recommendations == len(PROPOSED)


def test_ico_reported_once_the_report_is_recorded(register: Register) -> None:
    saved = register.finalise(facts(**{"subjects.count": 5000, "data.categories": ["health"]}))
    summary = register.list_breaches()[0]
    assert summary.ico_report
    assert not summary.ico_reported
    assert summary.ico_deadline == saved.latest.assessment.ico.deadline  # type: ignore[union-attr]
    with register.store.unit(write=True) as uow:
        uow.session.execute(
            text("UPDATE recommendations SET status = 'done' WHERE code = 'NOTIFY_ICO'")
        )
    # Ticking NOTIFY_ICO done is not a record of the report (issue 11).
    assert not register.list_breaches()[0].ico_reported
    Notify(register).record_ico(
        saved.reference, at=saved.facts.aware_at + timedelta(hours=5), how="online"
    )
    reported = register.list_breaches()[0]
    assert reported.ico_reported
    assert reported.ico_reported_at == saved.facts.aware_at + timedelta(hours=5)


def test_removing_a_tracked_recommendation_at_reassessment_rejects_it(
    register: Register,
) -> None:
    first = register.finalise(facts())
    second = register.reassess(
        first.reference,
        facts(
            **{
                "recipients": [
                    {"label": "Neighbour", "kind": "member_of_public", "deletion_confirmed": True}
                ]
            }
        ),
        "the neighbour confirmed deletion",
        removed=[("RECALL_DATA", "Deletion confirmed in writing")],
    )
    recall = next(r for r in second.recommendations if r.code == "RECALL_DATA")
    assert recall.status is RecommendationStatus.REJECTED
    assert recall.history[-1].from_status is RecommendationStatus.OPEN
    assert recall.history[-1].reason == "Deletion confirmed in writing"
    assert second.latest is not None
    assert [r.code for r in second.latest.removed] == ["RECALL_DATA"]


def test_reassessing_a_closed_breach_with_new_actions_reopens_it(register: Register) -> None:
    first = register.finalise(facts())
    with register.store.unit(write=True) as uow:
        uow.session.execute(
            text(
                "UPDATE breaches SET status = 'closed', closed_at = updated_at, "
                "closed_by = 'ig.lead'"
            )
        )
    assert register.get(first.reference).status is BreachStatus.CLOSED
    same = register.reassess(first.reference, facts(), "no change in substance")
    assert same.status is BreachStatus.CLOSED
    worse = facts(**{"subjects.count": 1500, "data.categories": ["health"]})
    reopened = register.reassess(first.reference, worse, "far more people")
    assert reopened.status is BreachStatus.ASSESSED
    assert reopened.closed_at is None


def test_the_reference_proposed_is_the_one_the_next_save_gets(register: Register) -> None:
    """The wizard proposes the reference a save now would be given, reserving nothing."""
    assert register.likely_reference() == "IG-2026-0001"
    assert register.likely_reference() == "IG-2026-0001"  # asking hands nothing out
    assert register.finalise(facts()).reference == "IG-2026-0001"
    register.finalise(facts(reference="IG-2026-0003"))  # a breach's own reference
    assert register.likely_reference() == "IG-2026-0002"
    assert register.finalise(facts()).reference == "IG-2026-0002"
    assert register.likely_reference() == "IG-2026-0004"  # 0003 is taken
    assert register.finalise(facts()).reference == "IG-2026-0004"
