"""The wizard's answers give Facts and are made from them, with no window: times as typed (the
hour the clocks go back included), facts declared after the answers were written, drafts."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from facts_strategies import LATER

from breach_desk.domain.clock import LONDON
from breach_desk.domain.facts import Facts, PartialDate
from breach_desk.facts_io import FactsError, facts_from_dict
from breach_desk.gui.wizard.state import ANSWERS, SIMPLE, FormState

BASE = facts_from_dict(
    {
        "format": "breach-desk/facts/1",
        "title": "Letter to the wrong address",
        "aware_at": "2021-03-15T10:00:00+00:00",
        "subjects": {"count": 1},
        "data": {"categories": ["contact_details"]},
        "loss": {"confidentiality": "known_recipients"},
        "recipients": [{"kind": "member_of_public", "label": "A neighbour"}],
    },
    at=LATER,
)
BST, GMT = timezone(timedelta(hours=1)), UTC


def _again(facts: Facts) -> Facts:
    """Through the answers and a saved draft, back to facts."""
    state = FormState.from_facts(facts)
    draft = FormState.from_json(json.loads(json.dumps(state.to_json())))
    return draft.to_facts(at=LATER)


@pytest.mark.parametrize(
    "occurred",
    [
        None,
        PartialDate(2021),
        PartialDate(2021, 2),
        date(2021, 3, 14),
        datetime(2021, 3, 15, 9, 30, tzinfo=GMT),
        datetime(2020, 10, 25, 1, 30, tzinfo=BST),  # the first 01:30 of the night
        datetime(2020, 10, 25, 1, 30, tzinfo=GMT),  # and the second, an hour later
    ],
)
def test_when_it_happened_is_kept_at_the_precision_known(occurred: object) -> None:
    facts = dataclasses.replace(BASE, occurred_at=occurred)
    assert _again(facts) == facts


@pytest.mark.parametrize("tz", [BST, GMT])
def test_the_moment_of_awareness_in_the_hour_that_comes_round_twice(tz: timezone) -> None:
    facts = dataclasses.replace(BASE, aware_at=datetime(2020, 10, 25, 1, 30, tzinfo=tz))
    state = FormState.from_facts(facts)
    assert state.aware == ("2020-10-25T01:30" if tz is BST else "2020-10-25T01:30+00:00")
    assert _again(facts) == facts
    assert _again(facts).aware_at.astimezone(LONDON).fold == (tz is GMT)


def test_every_plain_fact_has_an_answer_and_none_shares_one() -> None:
    held = [ANSWERS.get(d.path, d.path) for d in SIMPLE]
    assert len(held) == len(set(held))
    assert "data.presence_reveals_category" in ANSWERS  # an answer of its own, named as the fact


def test_a_fact_with_no_answer_of_its_own_is_held_by_its_path() -> None:
    state = FormState()
    state.set_answer("a.fact.declared.later", True)
    assert state.answer("a.fact.declared.later") is True
    assert FormState.from_json(json.loads(json.dumps(state.to_json()))).more == {
        "a.fact.declared.later": True
    }


def test_answers_the_format_refuses_are_named_as_before() -> None:
    state = FormState.from_facts(BASE)
    state.title = ""
    state.occurred_known, state.occurred, state.occurred_precision = True, "2030-01-01", "date"
    with pytest.raises(FactsError) as refused:
        state.to_facts(at=LATER)
    assert [p.path for p in refused.value.problems] == ["title"]
    state.title = "Letter"
    with pytest.raises(FactsError) as refused:
        state.to_facts(at=datetime(2025, 1, 1, tzinfo=UTC))
    assert [p.path for p in refused.value.problems] == ["occurred_at"]
