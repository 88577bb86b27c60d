"""The decision note tells the whole story: a late report says late, by how much and why; a
risk carried forward shows on the recipient's own line; each final consideration has its own
number, the one that moved a band is named in the headline; no doubled words or parentheses."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from report_cases import make_breach, worked_case_paths

from breach_desk.domain.assessment import RecordedRisk, RepeatMatch
from breach_desk.domain.description import describe_outcome, line
from breach_desk.domain.enums import Band
from breach_desk.facts_io import facts_from_dict
from breach_desk.method import assess
from breach_desk.method.note import write_note
from breach_desk.method.severity import band_for
from breach_desk.reports import breach_from_facts

CASES = worked_case_paths()
AT = datetime.fromisoformat("2026-06-01T09:00:00+00:00")
LATE = datetime.fromisoformat("2021-04-20T09:00:00+01:00")
ON_TIME = datetime.fromisoformat("2021-03-16T09:00:00+00:00")


def _note(path: Path) -> str:
    facts: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["facts"]
    return write_note(make_breach(facts, AT).versions[-1].assessment)


def test_a_late_report_says_late_by_how_much_and_why(seed_facts_dict: dict[str, Any]) -> None:
    late = make_breach(seed_facts_dict, LATE).versions[-1].assessment
    note = write_note(late, None, "Waited for the police & legal advice")
    assert "within 72 hours" not in note
    assert "already late when assessed (late by 33 d)" in note
    assert "the 72 hours ended Thu 18 Mar 2021 10:00 GMT" in note
    assert "Reasons for the delay (Art. 33(1)): Waited for the police & legal advice" in note
    assert "Reasons for the delay (Art. 33(1)): not yet given" in write_note(late)
    on_time = make_breach(seed_facts_dict, ON_TIME).versions[-1].assessment
    assert "Yes, within 72 hours of becoming aware: by Thu 18 Mar 2021 10:00 GMT" in write_note(
        on_time
    )


def test_a_carried_risk_shows_on_the_recipients_own_line() -> None:
    facts = facts_from_dict(
        {
            "format": "breach-desk/facts/1",
            "title": "Address sent to a former partner",
            "aware_at": "2026-05-02T09:00:00",
            "subjects": {"count": 1},
            "data": {"categories": ["contact_details"]},
            "loss": {"confidentiality": "known_recipients"},
            "cause": "human_error",
            "recipients": [{"label": "Former partner", "kind": "member_of_public"}],
        },
        at=AT,
    )
    earlier = RepeatMatch(
        "IG-2025-003",
        "the same person and recipient",
        same_person=True,
        risks=(
            RecordedRisk(
                "Former partner", None, "Former partner", "the person", "Non-molestation order"
            ),
        ),
    )
    note = write_note(breach_from_facts(facts, AT, matches=[earlier]).versions[-1].assessment)
    facts_part = note.split("The facts used", 1)[1].split("Severity (ENISA", 1)[0]
    (recipient,) = [ln for ln in facts_part.splitlines() if "Former partner" in ln]
    assert "Poses a risk to the person" in recipient
    assert "IG-2025-003" in recipient
    assert "Non-molestation order" in recipient


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_note_numbers_each_final_consideration_once_in_plain_words(path: Path) -> None:
    note = _note(path)
    numbers = re.findall(r"Final consideration (\w+):", note)
    assert len(numbers) == len(set(numbers)), numbers
    # no doubled words, no parentheses inside parentheses, no rule codes as sentences
    doubled = re.findall(r"\b([A-Za-z]+) \1\b", note)
    assert doubled == [], doubled
    nested = re.search(r"\([^()]*\((?!\d)", note)  # a citation such as (Art. 33(1)) is fine
    assert nested is None, note[nested.start() - 80 : nested.end() + 40]
    for code in ("never to occurred", "no rule for occurred", "about vulnerable people"):
        assert code not in note, code
    facts = json.loads(path.read_text(encoding="utf-8"))["facts"]
    if not facts["subjects"].get("vulnerable"):
        assert "people recorded as vulnerable:" not in note


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_band_moved_by_a_final_consideration_is_named_in_the_headline(path: Path) -> None:
    facts: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["facts"]
    a = make_breach(facts, AT).versions[-1].assessment
    severity = line([describe_outcome(a)], "severity").value
    from_score = band_for(a.severity.score_quarters)
    if a.severity.computed_band is not from_score:
        assert "moved by final consideration" in severity, severity
    else:
        assert "moved by" not in severity


def test_unintelligible_data_that_lowers_the_band_is_named() -> None:
    facts = facts_from_dict(
        {
            "format": "breach-desk/facts/1",
            "title": "Encrypted laptop stolen",
            "aware_at": "2026-05-02T09:00:00",
            "subjects": {"count": 50},
            "data": {"categories": ["health", "contact_details"], "unintelligible": True},
            "loss": {"confidentiality": "unknown_recipients"},
            "cause": "malicious_external",
        },
        at=AT,
    )
    a = assess(facts, AT)
    assert a.severity.band is Band.LOW
    assert a.severity.score >= 2
    severity = line([describe_outcome(a)], "severity").value
    assert "moved by final consideration 1: unintelligible data" in severity
