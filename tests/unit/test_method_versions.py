"""METHOD 1.2: new assessments say so; assessments stored under 1.1 keep their version and note."""

from __future__ import annotations

import json

from builders import DECIDED, facts

from breach_desk.assessment_io import assessment_from_dict, assessment_to_dict
from breach_desk.domain.assessment import METHOD_VERSION
from breach_desk.method import assess
from breach_desk.method.note import decision_note, write_note
from breach_desk.store.records import assessment_json, load_assessment

OLD = "enisa-2013+uk/1.1"


def test_new_assessments_are_made_with_method_1_2() -> None:
    a = assess(facts(), DECIDED)
    assert a.method == METHOD_VERSION == "enisa-2013+uk/1.2"
    assert "Breach Desk's assessment method, version 1.2" in decision_note(a)


def test_an_assessment_stored_under_1_1_keeps_its_version_and_its_note() -> None:
    f = facts()
    whole = assessment_to_dict(assess(f, DECIDED))
    whole["method"] = OLD
    whole["decision_note"] = "Decision note written in 2025 with version 1.1 of the method."
    stored = json.dumps({k: v for k, v in whole.items() if k != "facts"})
    again = load_assessment(stored, f)
    assert again.method == OLD
    assert decision_note(again) == whole["decision_note"]
    # Stored again (a copy of the register, say), it is still the 1.1 assessment.
    assert json.loads(assessment_json(again))["method"] == OLD
    assert assessment_from_dict(whole).method == OLD


def test_a_note_written_later_for_a_1_1_assessment_names_1_1() -> None:
    whole = assessment_to_dict(assess(facts(), DECIDED))
    whole["method"] = OLD
    old = assessment_from_dict(whole)
    note = write_note(old)
    assert "assessment method, version 1.1:" in note
    assert "version 1.2" not in note
