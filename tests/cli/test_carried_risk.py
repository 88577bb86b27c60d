"""METHOD.md 1.1 §2: what the register knows about a recipient is carried forward.

The founding failure: a second breach sent Mr B's details to Person A again, and Person A had been
recorded in the register as convicted of assaulting Mr B. Through ``assess --save`` and through
``import``, on SQLite and (with BREACH_DESK_TEST_PG) on PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import facts_dict
from cli.test_register_cli import Cli
from reports.pdf_reading import all_text, squash
from store.conftest import db_url, engine_name, fixed_now, pg_schema  # noqa: F401 - fixtures

from breach_desk.domain.assessment import RecordedRisk, RepeatMatch
from breach_desk.facts_io import facts_from_dict
from breach_desk.method import assess
from breach_desk.method.note import write_note

FIRST = {
    "reference": "IG-2026-0001",
    "title": "Mr B's email address sent to Person A",
    "subjects.people": [{"name": "Mr B", "email": "mr.b@example.org"}],
    "data.categories": ["contact_details"],
    "recipients": [
        {
            "label": "Person A",
            "kind": "member_of_public",
            "poses_risk_to_subject": True,
            "risk_note": "Convicted of assault against Mr B",
            "email": "person.a@example.net",
        }
    ],
}
AGAIN = {
    "title": "Mr B's address sent to Person A again",
    "aware_at": "2024-06-02T09:00:00",
    "subjects.people": [{"name": "Mr B", "email": "mr.b@example.org"}],
    "data.categories": ["contact_details"],
    "recipients": [{"label": "Person A", "kind": "member_of_public"}],
}
SOMEONE_ELSE = {
    **AGAIN,
    "title": "Ms D's address sent to Person A",
    "subjects.people": [{"name": "Ms D", "email": "ms.d@example.org"}],
}


@pytest.fixture
def cli(
    db_url: str,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> Cli:
    monkeypatch.setenv("BREACH_DESK_DB", db_url)
    return Cli(capsys, tmp_path)


def _latest(cli: Cli, reference: str) -> dict[str, Any]:
    status, out, _ = cli("show", reference, "--json")
    assert status == 0
    shown: dict[str, Any] = json.loads(out)
    assessment: dict[str, Any] = shown["versions"][-1]["assessment"]
    return assessment


def _factor(assessment: dict[str, Any], factor_id: str) -> dict[str, Any]:
    found = [f for f in assessment["factors"] if f["id"] == factor_id]
    assert found, [f["id"] for f in assessment["factors"]]
    return found[0]


def test_assess_save_carries_the_recorded_risk_forward(cli: Cli) -> None:
    assert cli("assess", cli.file("first.json", facts_dict(**FIRST)), "--save")[0] == 0
    status, out, _ = cli("assess", cli.file("again.json", facts_dict(**AGAIN)), "--save")
    assert status == 0
    reference = out.split(":")[0]
    a = _latest(cli, reference)
    carried = _factor(a, "likelihood.carried_risk")
    assert "IG-2026-0001" in carried["effect"]
    assert (
        "Recorded as posing a risk to Mr B in IG-2026-0001: Convicted of assault against Mr B"
        in carried["reason"]
    )
    # every rule that reads "poses a risk" sees it: DPC 4, the floor, likely, the safety plan
    assert a["severity"]["dpc"] == 4
    assert a["likelihood"] == "likely"
    assert a["risk"] == "high"
    assert a["ico"]["report"] is True
    assert a["data_subjects"]["notify"] is True
    assert "SAFETY_PLAN" in [r["code"] for r in a["recommendations"]]
    status, out, _ = cli("show", reference)
    assert "carried forward from IG-2026-0001" in out
    pdf = cli.tmp_path / "report.pdf"
    assert cli("report", reference, "--pdf", str(pdf))[0] == 0
    printed = squash(all_text(pdf.read_bytes()))
    assert squash("A risk the register already knows, carried forward") in printed
    assert squash("Recorded as posing a risk to Mr B in IG-2026-0001") in printed


def test_an_explicit_false_with_a_reason_sets_the_risk_aside(cli: Cli) -> None:
    cli("assess", cli.file("first.json", facts_dict(**FIRST)), "--save")
    aside = facts_dict(
        **{
            **AGAIN,
            "recipients": [
                {
                    "label": "Person A",
                    "kind": "member_of_public",
                    "poses_risk_to_subject": False,
                    "risk_note": "Injunction expired; no contact since 2019",
                }
            ],
        }
    )
    status, out, _ = cli("assess", cli.file("aside.json", aside), "--save")
    assert status == 0
    a = _latest(cli, out.split(":")[0])
    factor = _factor(a, "likelihood.risk_set_aside")
    assert "Injunction expired; no contact since 2019" in factor["reason"]
    assert "IG-2026-0001" in factor["reason"]
    assert "likelihood.carried_risk" not in [f["id"] for f in a["factors"]]
    assert a["risk"] != "high"
    status, out, _ = cli("show", out.split(":")[0])
    assert "set aside by the officer" in out
    assert "Injunction expired; no contact since 2019" in out


def test_a_recipient_only_match_is_listed_not_carried(cli: Cli) -> None:
    cli("assess", cli.file("first.json", facts_dict(**FIRST)), "--save")
    _status, out, _ = cli("assess", cli.file("else.json", facts_dict(**SOMEONE_ELSE)), "--save")
    a = _latest(cli, out.split(":")[0])
    factor = _factor(a, "likelihood.recipient_only")
    assert "not carried forward" in factor["effect"]
    assert "Mr B" in factor["reason"]
    assert "likelihood.carried_risk" not in [f["id"] for f in a["factors"]]
    assert a["severity"]["dpc"] == 1


def test_import_carries_risks_from_the_register_and_from_earlier_records(cli: Cli) -> None:
    cli("assess", cli.file("first.json", facts_dict(**FIRST)), "--save")
    later = [
        facts_dict(**{**AGAIN, "reference": "IG-2026-0101"}),
        # an earlier record of the same file records Person C as a risk to Ms E
        facts_dict(
            reference="IG-2026-0102",
            title="Ms E's address to Person C",
            **{
                "subjects.people": [{"name": "Ms E"}],
                "recipients": [
                    {
                        "label": "Person C",
                        "kind": "member_of_public",
                        "poses_risk_to_subject": True,
                        "risk_note": "Harassment order",
                    }
                ],
            },
        ),
        facts_dict(
            reference="IG-2026-0103",
            title="Ms E's address to Person C again",
            **{
                "subjects.people": [{"name": "Ms E"}],
                "recipients": [{"label": "person c", "kind": "member_of_public"}],
            },
        ),
    ]
    status, _out, err = cli("import", cli.file("later.jsonl", later))
    assert status == 0, err
    first = _factor(_latest(cli, "IG-2026-0101"), "likelihood.carried_risk")
    assert "IG-2026-0001" in first["effect"]
    third = _latest(cli, "IG-2026-0103")
    assert (
        "Ms E in IG-2026-0102: Harassment order"
        in _factor(third, "likelihood.carried_risk")["reason"]
    )
    assert third["likelihood"] == "likely"


def test_the_method_reads_the_match_and_the_note_prints_it() -> None:
    facts = facts_from_dict(facts_dict(**AGAIN))
    risk = RecordedRisk("Person A", None, "Person A", "Mr B", "Convicted of assault against Mr B")
    at = datetime(2024, 6, 3, tzinfo=UTC)
    carried = assess(facts, at, [RepeatMatch("IG-2026-0001", "x", same_person=True, risks=(risk,))])
    listed = assess(facts, at, [RepeatMatch("IG-2026-0001", "x", risks=(risk,))])
    plain = assess(facts, at, [RepeatMatch("IG-2026-0001", "x")])
    assert carried.likelihood.value == "likely"
    assert carried.severity.dpc == 4
    assert listed.severity.dpc == plain.severity.dpc == 1
    note = write_note(carried)
    assert "Recorded as posing a risk to Mr B in IG-2026-0001" in note
    assert "carried forward" in write_note(listed)
