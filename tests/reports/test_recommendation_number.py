"""A recommendation has one number, its register number, in every document that lists it; a
rejected one says why; the ICO draft says which actions are overdue and answers the training
question from the training recommendation."""

from __future__ import annotations

import re
from dataclasses import replace

from pdf_reading import body_text, flat

from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.register import Breach, Transition
from breach_desk.method.note import write_note
from breach_desk.reports import ReportSettings, render_assessment, render_ico_report
from breach_desk.reports.evidence_pack import render_evidence_pack
from breach_desk.store.exporting import breach_to_dict

S = RecommendationStatus


def _renumbered(breach: Breach) -> Breach:
    """Register numbers that are neither the plan's order nor the due-date order."""
    recs = tuple(replace(r, id=100 - 7 * n) for n, r in enumerate(breach.recommendations, start=1))
    return replace(breach, recommendations=recs)


def test_one_number_in_the_table_the_pack_the_ico_draft_and_the_export(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    breach = _renumbered(seed_breach)
    safety = next(r for r in breach.recommendations if r.code == "SAFETY_PLAN")
    n = safety.id
    assessment = flat(body_text(render_assessment(breach, settings)))
    table = assessment.split("Recommendations Status at", 1)[1]
    assert re.search(rf"\b{n} Safety plan for the person\b", table)
    pack = flat(body_text(render_evidence_pack(breach, settings)))
    assert f"Safety plan for the person (no. {n})" in pack
    ico = flat(body_text(render_ico_report(breach, settings)))
    assert f"No. {n}. Safety plan for the person:" in ico
    exported = breach_to_dict(breach)["recommendations"]
    assert {r["code"]: r["number"] for r in exported}["SAFETY_PLAN"] == n
    # the note gives no number of its own: only names
    note = write_note(breach.versions[-1].assessment)
    plan = note.split("\nThe plan\n", 1)[1].split("\n\n", 1)[0]
    assert "- Safety plan for the person:" in plan
    assert re.search(r"^- \d+\.", plan, re.M) is None


def test_a_rejected_row_says_why(seed_breach: Breach, settings: ReportSettings) -> None:
    rejected = tuple(
        replace(
            r,
            status=S.REJECTED,
            history=(
                *r.history,
                Transition(r.history[0].at, "ig.ann", S.OPEN, S.REJECTED, "Policy already covers"),
            ),
        )
        if r.code == "REVIEW_POLICIES"
        else r
        for r in seed_breach.recommendations
    )
    text = flat(
        body_text(render_assessment(replace(seed_breach, recommendations=rejected), settings))
    )
    table = text.split("Recommendations Status at", 1)[1]
    row = table.split("Review policies", 1)[1][:400]
    assert "Rejected: Policy already covers" in row
    pack = flat(
        body_text(render_evidence_pack(replace(seed_breach, recommendations=rejected), settings))
    )
    assert "Why rejected Policy already covers" in pack
    assert "Not yet" not in row.split("Rejected")[0][-40:]


def test_the_ico_draft_says_overdue_and_follows_the_training_recommendation(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    text = flat(body_text(render_ico_report(seed_breach, settings)))
    notify = next(r for r in seed_breach.recommendations if r.code == "SAFETY_PLAN")
    assert notify.overdue(settings.generated_at)
    assert "(open, OVERDUE: was due" in text
    assert "Staff data-protection training in the last two years Being checked" in text
    done = tuple(
        replace(r, status=S.VERIFIED, evidence="All three completed the course in 2020")
        if r.code == "CHECK_TRAINING"
        else r
        for r in seed_breach.recommendations
    )
    verified = flat(
        body_text(render_ico_report(replace(seed_breach, recommendations=done), settings))
    )
    assert (
        "Staff data-protection training in the last two years Checked: All three completed the "
        "course in 2020 (verified)" in verified
    )
