"""The assessment report, read back as the officer, the committee or the Ombudsman would."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pdf_reading import all_text, body_text, flat, page_texts, reader, squash
from report_cases import ORGANISATION, make_breach

from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.register import AssessmentVersion, Breach, Transition
from breach_desk.domain.vocabulary import recommendation_title
from breach_desk.reports import ReportSettings, render_assessment
from breach_desk.reports.evidence_pack import render_evidence_pack

NASTY = "<b>bold?</b> a <b S&P <font name=x> &amp; 😀 Zażółć Việt\tTab שלום"


def test_page_one_has_the_summary_a_reader_looks_for(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    first = flat(page_texts(render_assessment(seed_breach, settings))[0])
    assert "OFFICIAL-SENSITIVE" in first
    assert ORGANISATION in first
    assert "IG-2021-014" in first
    assert "SEVERITY: VERY HIGH (SE 4.25)" in first
    assert "Report to the ICO" in first
    assert "Deadline: Thu 18 Mar 2021 10:00 GMT" in first
    assert "Tell the affected people" in first
    assert "Likelihood: LIKELY" in first
    assert "Risk: HIGH RISK" in first
    assert "The facts" in first
    assert "Children's Services" in first


def test_every_section_is_there_in_reading_order(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    text = flat(body_text(render_assessment(seed_breach, settings)))
    order = [
        "The facts",
        "Severity (ENISA 2013)",
        "Likelihood",
        "Risk matrix",
        "Decision note",
        "Related earlier breaches",
        "Recommendations",
        "Version history",
        "Sign-off",
    ]
    at = 0
    for heading in order:  # each heading comes after the one before it
        at = text.index(heading, at) + len(heading)
    assert "Rule that set it" in text
    assert "Repeat step" in text
    assert "THIS BREACH High risk" in text
    assert "Assessed by (IG officer)" in text
    assert "Accepted by (SIRO)" in text


def test_severity_table_gives_each_adjustment_and_its_reason(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    text = flat(body_text(render_assessment(seed_breach, settings)))
    assert (
        "Data processing context (DPC) DPC 4 The most sensitive data involved is mental health "
        "(special category): sensitive data (ENISA), base score 4." in text
    )
    assert (
        "Data processing context (DPC), adjusted DPC stays 4 (at most 4) Special characteristics "
        "of the individuals" in text
    )
    assert "Ease of identification (EI) EI 1" in text
    assert "SE = DPC × EI + CB = 4 × 1 + 0.25 = 4.25" in text


def test_every_recommendation_is_tracked_and_overdue_ones_say_so(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    text = flat(body_text(render_assessment(seed_breach, settings)))
    for r in seed_breach.recommendations:
        # each by its name and its text, never its code
        assert squash(recommendation_title(r.code)) in squash(text)
        assert squash(r.text) in squash(text)
        assert r.code not in squash(text)
    overdue = [r for r in seed_breach.recommendations if r.overdue(settings.generated_at)]
    assert overdue
    assert len(overdue) < len(seed_breach.recommendations)
    assert text.count("OVERDUE") == len(overdue) + 1  # + the sentence that explains it


def test_verified_actions_show_evidence_and_who_verified(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    first = seed_breach.recommendations[0]
    verified = replace(
        first,
        status=RecommendationStatus.VERIFIED,
        evidence="ICO case reference IC-1234",
        done_by="j.smith",
        done_at=datetime.fromisoformat("2021-03-17T10:00:00+00:00"),
        verified_by="a.jones",
        verified_at=datetime.fromisoformat("2021-03-18T10:00:00+00:00"),
    )
    breach = replace(seed_breach, recommendations=(verified, *seed_breach.recommendations[1:]))
    text = flat(body_text(render_assessment(breach, settings)))
    assert "ICO case reference IC-1234" in text
    assert "Done by j.smith, 17 Mar 2021" in text
    assert "a.jones 18 Mar 2021" in text
    # Ticking it done is not a record of the report (issue 11): the clock runs on.
    assert "ICO clock at printing: late by" in text


def test_footer_counts_pages(seed_breach: Breach, settings: ReportSettings) -> None:
    pages = page_texts(render_assessment(seed_breach, settings))
    total = len(pages)
    assert 3 <= total <= 7
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
        assert "Generated Tue 20 Apr 2021 09:00 BST" in text


def test_metadata_names_the_reference_not_the_person(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    meta = reader(render_assessment(seed_breach, settings)).metadata
    assert meta is not None
    assert meta.title == "IG-2021-014"
    assert meta.author == ORGANISATION
    assert meta["/Producer"] == "Breach Desk"
    values = " ".join(str(v) for v in meta.values())
    for personal in ("Mr B", "mr.b@example.org", "Person A", "assault"):
        assert personal not in values


def test_same_input_same_bytes(seed_breach: Breach, settings: ReportSettings) -> None:
    assert render_assessment(seed_breach, settings) == render_assessment(seed_breach, settings)
    later = replace(settings, generated_at=datetime.fromisoformat("2021-04-21T09:00:00+01:00"))
    assert render_assessment(seed_breach, later) != render_assessment(seed_breach, settings)


def test_marking_and_organisation_are_settings(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    mine = replace(settings, organisation="Borough of S&P <Test>", marking="OFFICIAL")
    text = all_text(render_assessment(seed_breach, mine))
    assert "Borough of S&P <Test>" in text
    assert "OFFICIAL-SENSITIVE" not in text
    assert "OFFICIAL" in text


def test_user_text_everywhere_prints_as_typed(
    seed_facts_dict: dict[str, Any], settings: ReportSettings
) -> None:
    facts = dict(seed_facts_dict)
    facts["title"] = NASTY
    facts["service"] = "Housing & <Repairs>"
    facts["containment"] = "Recalled\n\nthen <i>deleted</i>"
    facts["recipients"] = [dict(facts["recipients"][0], label="Ms <O'Brien> & co")]
    text = flat(body_text(render_assessment(make_breach(facts), settings)))
    assert flat(NASTY) in text
    assert "Housing & <Repairs>" in text
    assert "Recalled then <i>deleted</i>" in text
    assert "Ms <O'Brien> & co" in text


def test_a_20000_character_description_wraps_across_pages_and_loses_nothing(
    seed_facts_dict: dict[str, Any], settings: ReportSettings
) -> None:
    words = ["Zażółć", "S&P", "<b>", "a", "<b", "&amp;", "Việt", "😀", "line\n\nbreak", "x" * 30]
    description = " ".join(words[i % len(words)] + str(i) for i in range(2400))[:20000]
    assert len(description) == 20000
    facts = dict(seed_facts_dict, description=description)
    pdf = render_assessment(make_breach(facts), settings)
    assert len(reader(pdf).pages) >= 8
    assert squash(description) in squash(body_text(pdf))


def test_an_override_prints_both_bands(
    seed_facts_dict: dict[str, Any], settings: ReportSettings
) -> None:
    facts = dict(
        seed_facts_dict,
        assessor={"severity_override": {"band": "medium", "reason": "Panel decision 12/3"}},
    )
    text = flat(body_text(render_assessment(make_breach(facts), settings)))
    assert "SEVERITY: MEDIUM" in text
    assert "computed VERY HIGH, overridden" in text


def test_versions_are_listed_and_an_earlier_one_can_be_printed(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    v1 = seed_breach.versions[0]
    v2 = AssessmentVersion(
        number=2,
        facts=v1.facts,
        assessment=v1.assessment,
        created_at=datetime.fromisoformat("2021-03-20T09:00:00+00:00"),
        created_by="a.jones",
        reason="Mr B disputed the assessment",
    )
    breach = replace(seed_breach, versions=(v1, v2))
    text = flat(body_text(render_assessment(breach, settings)))
    assert "version 2 of 2" in text
    assert "Mr B disputed the assessment" in text
    assert "version 1 of 2" in flat(all_text(render_assessment(breach, settings, version=1)))
    with pytest.raises(ValueError, match="no version 3"):
        render_assessment(breach, settings, version=3)


def test_no_report_needed_is_said_in_words(settings: ReportSettings) -> None:
    low = {
        "format": "breach-desk/facts/1",
        "reference": "IG-2021-020",
        "title": "Staff phone list restored from backup",
        "aware_at": "2021-03-15T10:00:00",
        "subjects": {"count": 40, "groups": ["employees"]},
        "data": {"categories": ["contact_details"]},
        "loss": {"confidentiality": "none", "availability": "restored_without_difficulty"},
        "cause": "technical_fault",
    }
    text = flat(page_texts(render_assessment(make_breach(low), settings))[0])
    assert "SEVERITY: LOW" in text
    assert "No report to the ICO" in text
    assert "No need to tell the people" in text


def pixels(image: Any) -> list[tuple[int, int, int]]:
    data = image.tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3], strict=True))


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="needs pdftoppm (Debian package poppler-utils)"
)
def test_page_one_renders_as_an_image(
    seed_breach: Breach, settings: ReportSettings, tmp_path: Path
) -> None:
    from PIL import Image

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_assessment(seed_breach, settings))
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    png = next(tmp_path.glob("p*.png"))
    image = Image.open(png).convert("RGB")
    assert abs(image.width / image.height - 210 / 297) < 0.01  # A4 portrait
    # The very-high band bar is drawn in red near the top of the page.
    top = pixels(image.crop((0, 0, image.width, image.height // 4)))
    reds = sum(1 for r, g, b in top if r > 170 and g < 80 and b < 80)
    assert reds > 200
    dark = sum(1 for r, g, b in pixels(image) if r + g + b < 200)
    assert dark > 1000  # text was drawn
    assert re.match(r"p-?0*1\.png", png.name)


def test_a_reopened_recommendation_says_why(seed_breach: Breach, settings: ReportSettings) -> None:
    first = seed_breach.recommendations[0]
    reopened = replace(
        first,
        status=RecommendationStatus.OPEN,
        history=(
            *first.history,
            Transition(
                settings.generated_at,
                "j.smith",
                RecommendationStatus.OPEN,
                RecommendationStatus.DONE,
                evidence="Reported online",
            ),
            Transition(
                settings.generated_at,
                "a.jones",
                RecommendationStatus.DONE,
                RecommendationStatus.OPEN,
                reason="The ICO has no record of it",
            ),
        ),
    )
    breach = replace(seed_breach, recommendations=(reopened, *seed_breach.recommendations[1:]))
    text = flat(body_text(render_assessment(breach, settings)))
    assert "Open (reopened: The ICO has no record of it)" in text


def test_the_evidence_pack_keeps_recommendations_in_number_order(
    seed_breach: Breach, settings: ReportSettings
) -> None:
    shuffled = replace(seed_breach, recommendations=tuple(reversed(seed_breach.recommendations)))
    text = flat(body_text(render_evidence_pack(shuffled, settings)))
    at = [
        text.index(f"(no. {r.id})") for r in sorted(seed_breach.recommendations, key=lambda r: r.id)
    ]
    assert at == sorted(at)
