"""Reading facts (format v1): the schema, the checks a schema cannot make, and round trips."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from builders import CASES_DIR, DECIDED, DELETE, facts_dict

from breach_desk.domain.enums import DiscoveredHow
from breach_desk.domain.facts import PartialDate
from breach_desk.facts_io import (
    FactsError,
    facts_from_dict,
    facts_to_dict,
    parse_facts,
    parse_facts_many,
)


def problems(obj: object) -> list[str]:
    with pytest.raises(FactsError) as info:
        facts_from_dict(obj, at=DECIDED)
    return [str(p) for p in info.value.problems]


def test_every_missing_required_field_is_named() -> None:
    got = problems({"format": "breach-desk/facts/1", "subjects": {}})
    assert set(got) >= {
        "title: required field is missing",
        "aware_at: required field is missing",
        "data: required field is missing",
        "loss: required field is missing",
        "subjects.count: required field is missing",
    }
    assert len(got) == len(set(got))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"subjects.count": "12"}, "subjects.count: expected a whole number, got the text '12'"),
        ({"subjects.count": 0}, "subjects.count: must be at least 1, got 0"),
        (
            {"data.categories": ["health", "horoscope"]},
            "data.categories[1]: 'horoscope' is not one of:",
        ),
        ({"data.categories": []}, "data.categories: needs at least 1 item"),
        ({"recipients": [{"kind": "neighbour"}]}, "recipients[0].kind: 'neighbour' is not one of:"),
        ({"loss.confidentiality": DELETE}, "loss.confidentiality: required field is missing"),
        ({"colour": "red"}, "colour: unknown field"),
        ({"format": "breach-desk/facts/2"}, "format: must be 'breach-desk/facts/1'"),
        ({"title": ""}, "title: must not be empty"),
        ({"title": "   "}, "title: must not be blank"),
        ({"subjects.vulnerable": "yes"}, "subjects.vulnerable: expected true or false"),
        (
            {"assessor.dpc_adjustment": {"value": 5, "reason": "x"}},
            "assessor.dpc_adjustment.value: must be at most 3, got 5",
        ),
        (
            {"assessor.severity_override": {"band": "high", "reason": " "}},
            "assessor.severity_override.reason: must not be blank",
        ),
        ({"harm_reported": {"at": "2024-05-01"}}, "harm_reported.note: required field is missing"),
        ({"harm_reported": {"note": "  "}}, "harm_reported.note: must not be blank"),
        ({"discovered_how": {"kind": "rumour"}}, "discovered_how.kind: 'rumour' is not one of:"),
        ({"data.presence_reveals_category": "yes"}, "data.presence_reveals_category: expected"),
    ],
)
def test_schema_problems_name_the_field_and_the_problem(
    changes: dict[str, object], expected: str
) -> None:
    got = problems(facts_dict(**changes))
    assert any(p.startswith(expected) for p in got), got


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"aware_at": "2021-02-30T10:00:00"}, "aware_at: '2021-02-30T10:00:00' is not a valid ISO"),
        ({"aware_at": "yesterday"}, "aware_at: 'yesterday' is not a valid ISO 8601 date-time"),
        ({"aware_at": "2024-05-02"}, "aware_at: '2024-05-02' has no time of day"),
        ({"occurred_at": "2024-13-01"}, "occurred_at: '2024-13-01' is not a valid ISO 8601 date"),
        ({"occurred_at": "2024-05-03"}, "aware_at: '2024-05-02T09:00:00' is before the breach"),
        ({"occurred_at": "2024-05-02T10:00:00"}, "aware_at: '2024-05-02T09:00:00' is before"),
        ({"aware_at": "2024-06-01T13:30:00+01:00"}, "aware_at: '2024-06-01T13:30:00+01:00' is in"),
        ({"loss.confidentiality": "none"}, "recipients: recipients are listed but confidentiality"),
        (
            {"harm_reported": {"note": "Fraud", "at": "2024-02-30"}},
            "harm_reported.at: '2024-02-30' is not a valid ISO 8601 date",
        ),
        (
            {"harm_reported": {"note": "Fraud", "at": "2024-07"}},
            "harm_reported.at: '2024-07' is in the future",
        ),
    ],
)
def test_checks_a_schema_cannot_make(changes: dict[str, object], expected: str) -> None:
    got = problems(facts_dict(**changes))
    assert any(p.startswith(expected) for p in got), got


def test_a_few_minutes_of_clock_skew_are_tolerated() -> None:
    f = facts_from_dict(facts_dict(aware_at="2024-06-01T12:05:00+01:00"), at=DECIDED)
    assert f.aware_at == datetime.fromisoformat("2024-06-01T12:05:00+01:00")


def test_same_day_occurred_date_and_aware_time_are_consistent() -> None:
    f = facts_from_dict(facts_dict(occurred_at="2024-05-02"), at=DECIDED)
    assert f.occurred_at is not None


def test_naive_times_are_london_time() -> None:
    summer = facts_from_dict(facts_dict(aware_at="2024-05-20T09:00:00"), at=DECIDED)
    assert summer.aware_at.isoformat() == "2024-05-20T09:00:00+01:00"
    winter = facts_from_dict(facts_dict(aware_at="2024-01-20T09:00:00"), at=DECIDED)
    assert winter.aware_at.isoformat() == "2024-01-20T09:00:00+00:00"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b'{"title": ', "not valid JSON: Expecting value at line 1, column 11"),
        (b"\xff\xfe{}", "the file is not UTF-8 text"),
        (b"[1, 2]", "expected a JSON object of breach facts, got a list"),
        (b"[" * 100_000, "not valid JSON"),
        (b" " * (6 * 1024 * 1024), "the file is too large"),
    ],
)
def test_unreadable_bytes_give_one_clear_problem(data: bytes, expected: str) -> None:
    with pytest.raises(FactsError) as info:
        parse_facts(data, at=DECIDED)
    assert next(p.message for p in info.value.problems).startswith(expected)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES_DIR.glob("*.json")))
def test_every_case_round_trips(case: str) -> None:
    original = json.loads((CASES_DIR / case).read_text(encoding="utf-8"))["facts"]
    f = facts_from_dict(original)
    again = facts_from_dict(json.loads(json.dumps(facts_to_dict(f))))
    assert again == f


def test_the_method_1_2_facts_are_read_and_written_back() -> None:
    given = facts_dict(
        **{
            "data.categories": ["health"],
            "data.extent": "minimal",
            "data.presence_reveals_category": True,
            "harm_reported": {"note": "The recipient made contact.", "at": "2024-05"},
            "discovered_how": {"kind": "complaint", "note": "A letter from Mr B."},
        }
    )
    f = facts_from_dict(given, at=DECIDED)
    assert f.data.presence_reveals_category is True
    assert f.harm_reported is not None
    assert f.harm_reported.at == PartialDate(2024, 5)
    assert f.discovered_how is not None
    assert f.discovered_how.kind is DiscoveredHow.COMPLAINT
    written = facts_to_dict(f)
    assert written["harm_reported"] == {"note": "The recipient made contact.", "at": "2024-05"}
    assert written["discovered_how"] == {"kind": "complaint", "note": "A letter from Mr B."}
    assert written["data"]["presence_reveals_category"] is True
    assert facts_from_dict(written, at=DECIDED) == f


def test_many_reports_every_bad_record_with_its_line() -> None:
    good = json.dumps(facts_dict())
    bad1 = json.dumps(facts_dict(**{"subjects.count": -1}))
    bad2 = json.dumps(facts_dict(**{"loss.confidentiality": "leaked"}))
    data = "\n".join([good, bad1, good, bad2, "{oops"]).encode()
    with pytest.raises(FactsError) as info:
        parse_facts_many(data)
    got = [str(p) for p in info.value.problems]
    assert any(p.startswith("record 2: subjects.count: must be at least 1") for p in got)
    assert any(p.startswith("record 4: loss.confidentiality: 'leaked' is not one of") for p in got)
    assert any(p.startswith("record 5: not valid JSON") for p in got)


def test_many_accepts_a_json_array() -> None:
    data = json.dumps([facts_dict(), facts_dict(title="Second")]).encode()
    assert [f.title for f in parse_facts_many(data)] == [
        "Letter sent to the wrong address",
        "Second",
    ]
