"""The letter to the people says only what the facts make true (METHOD.md 3, 1.2), and the
letter, the ICO draft and the decision note name the same consequences from one rule set."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pdf_reading import all_text, body_text, flat
from report_cases import make_breach, worked_case_paths

from breach_desk.domain.enums import Availability, Cause, Confidentiality, RecipientKind
from breach_desk.domain.register import Breach
from breach_desk.method import harm
from breach_desk.method.note import decision_note
from breach_desk.reports import (
    ReportSettings,
    default_letter_text,
    render_ico_report,
    render_letter,
)

AT = datetime.fromisoformat("2026-06-01T09:00:00+00:00")
SETTINGS = ReportSettings(
    organisation="Northshire County Council",
    generated_at=AT,
    contact="the Data Protection Officer, dpo@example.org, 01234 567890",
    audit_position="audit #31 · 328c0a9f1b2e…",
)
CASES = worked_case_paths()


def _breach(path: Path) -> Breach:
    facts: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["facts"]
    return make_breach(facts, AT)


def _section(letter: str, heading: str) -> str:
    return letter.split(f"\n\n{heading}\n", 1)[1].split("\n\n", 1)[0]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_statement_of_the_letter_follows_from_the_facts(path: Path) -> None:
    breach = _breach(path)
    facts = breach.facts
    letter = default_letter_text(breach, SETTINGS)
    harms = harm.consequences(facts, breach.versions[-1].assessment.repeat)
    keys = {c.key for c in harms}
    could_mean = _section(letter, "What this could mean for you")
    you_can_do = _section(letter, "What you can do")
    # nothing the facts rule out
    readable = not facts.data.unintelligible and (
        facts.loss.confidentiality is not Confidentiality.NONE
    )
    if not readable:
        for ruled_out in ("take money", "bank", "identity documents could", "phishing", "seen by"):
            assert ruled_out not in letter, ruled_out
    if facts.loss.availability not in (Availability.TEMPORARY, Availability.PERMANENT) and not (
        facts.loss.essential_service_disrupted
    ):
        assert "delayed" not in letter
    if "money" not in keys:
        assert "take money" not in letter
        assert "bank and card statements" not in letter
    # the bullets are exactly the one rule set's consequences, with their advice
    for c in harms:
        assert c.to_person in could_mean
        if c.advice:
            assert c.advice in you_can_do
    if not harms:
        assert harm.NO_CONSEQUENCE_TO_PERSON in could_mean
    assert could_mean.count("\n- ") + 1 == max(len(harms), 1)
    # the cause as it was: an attack, a fault or an unknown cause is not "a mistake"
    assert ("a mistake we made" in letter) == (facts.cause is Cause.HUMAN_ERROR)
    # the recipients as they were
    for r in facts.recipients:
        if r.label:
            assert r.label in letter
    singles = [r for r in facts.recipients if r.kind is RecipientKind.MEMBER_OF_PUBLIC]
    if "a member of the public" in letter:
        assert len(facts.recipients) == 1
        assert len(singles) == 1
        assert not singles[0].label
    # the complaint route of s.164A DPA 2018: to us first, acknowledged within 30 days, and the ICO
    complain = _section(letter, "Your right to complain")
    assert "complain to us" in complain
    assert "acknowledge your complaint within 30 days" in complain
    assert "also complain to the Information Commissioner's Office" in complain
    # a letter to a person carries no audit stamp and no generation time
    printed = all_text(render_letter(breach, SETTINGS))
    assert "audit #" not in printed
    assert "328c" not in printed
    assert "Generated" not in printed


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_letter_the_ico_draft_and_the_note_name_the_same_consequences(path: Path) -> None:
    breach = _breach(path)
    a = breach.versions[-1].assessment
    harms = harm.consequences(breach.facts, a.repeat)
    ico = flat(body_text(render_ico_report(breach, SETTINGS)))
    note = flat(decision_note(a))
    potential = ico.split("Potential consequences", 1)[1].split("Severity (our assessment)")[0]
    for c in harms:
        assert flat(c.for_ico) in potential
        assert flat(c.for_ico) in note
        assert flat(c.because) in note
    if not harms:
        assert harm.NO_CONSEQUENCE_FOR_ICO in potential
        assert harm.NO_CONSEQUENCE_FOR_ICO in note
    # and nothing else: every line of the draft's consequences is one of them
    expected = [flat(c.for_ico) for c in harms] or [harm.NO_CONSEQUENCE_FOR_ICO]
    assert flat(potential) == " ".join(expected)


def _case(stem: str) -> Breach:
    return _breach(next(p for p in CASES if p.stem == stem))


def test_ransomware_restored_within_hours_promises_no_harm_it_cannot_do() -> None:
    letter = default_letter_text(_case("edpb-01-ransomware-with-backup"), SETTINGS)
    assert "an attack on our systems" in letter
    for untrue in ("mistake", "take money", "bank", "delayed", "phishing", "seen by"):
        assert untrue not in letter, untrue
    assert (
        "could not be reached for a time. We restored the information without difficulty." in letter
    )
    assert harm.NO_CONSEQUENCE_TO_PERSON in letter


def test_a_mass_email_is_not_a_member_of_the_public() -> None:
    letter = default_letter_text(_case("edpb-14-mass-email-job-seekers"), SETTINGS)
    assert "member of the public" not in letter
    assert "who should not have had it: Tens of thousands of mailing-list recipients." in letter


def test_an_internal_letter_keeps_its_stamp(seed_breach: Breach) -> None:
    from breach_desk.reports import render_assessment

    printed = all_text(render_assessment(seed_breach, SETTINGS))
    assert "audit #31" in printed
    assert "Generated" in printed


def test_a_carried_risk_reaches_the_letter() -> None:
    """A recipient the register knows poses a risk to the same person: the letter warns about
    safety even though this breach's facts leave the risk unknown (METHOD.md 2)."""
    from breach_desk.domain.assessment import RecordedRisk, RepeatMatch
    from breach_desk.facts_io import facts_from_dict
    from breach_desk.reports import breach_from_facts

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
    breach = breach_from_facts(facts, AT, matches=[earlier])
    letter = default_letter_text(breach, SETTINGS)
    assert "Someone who has harmed you, or may wish to" in letter
    assert "call 999" in letter
    without = default_letter_text(breach_from_facts(facts, AT), SETTINGS)
    assert "Someone who has harmed you" not in without
    assert "call 999" not in without


def test_harm_already_reported_is_said_in_all_three_and_how_we_found_out_answers_the_form() -> None:
    breach = _case("method12-harm-reported-phishing")
    assert breach.facts.harm_reported is not None
    letter = default_letter_text(breach, SETTINGS)
    assert "Some harm from this breach has already happened" in letter
    ico = flat(body_text(render_ico_report(breach, SETTINGS)))
    assert "Harm has already happened: Three tenants reported phishing emails" in ico
    assert "How did you find out? An affected person told us: A tenant phoned" in ico
    note = flat(decision_note(breach.versions[-1].assessment))
    assert "Because harm has already been reported: Three tenants" in note
