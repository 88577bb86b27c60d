"""The old log in the register, on both engines: all or nothing, re-import adds nothing,
update changes only what the row holds, history shown as recorded, and the very next breach
about a person in the log flagged as a repeat naming the log's reference."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import facts_dict
from logs import NORTHSHIRE_ROWS, northshire_xlsx, westborough_csv
from sqlalchemy import func, select
from store.conftest import db_url, engine_name, fixed_now, pg_schema, register  # noqa: F401

from breach_desk.facts_io import facts_from_dict
from breach_desk.services.oldlog import LogRejected, OldLog
from breach_desk.services.register import Register
from breach_desk.store.exporting import write_csv
from breach_desk.store.models import BreachRow, LogEntryRow, RecommendationRow


@pytest.fixture
def log(register: Register) -> Iterator[OldLog]:  # noqa: F811
    return OldLog(register)


def _import(log: OldLog, path: Path, on_conflict: str = "stop", **kw: object):  # type: ignore[no-untyped-def]
    preview = log.read(path, **kw)  # type: ignore[arg-type]
    return log.import_log(preview, on_conflict)


def _count(register: Register, model: type) -> int:  # noqa: F811
    with register.store.unit() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_council_workbook_becomes_register_history(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    outcome = _import(log, northshire_xlsx(tmp_path))
    assert outcome.added == ["NS-2021-004", "NS-2021-011", "NS-2021-019", "NS-2022-002"]
    listed = {s.reference: s for s in register.list_breaches()}
    assert set(listed) == set(outcome.added)
    first = listed["NS-2021-004"]
    assert first.from_old_log
    # history, not new work: no clock, no recommendation, nothing overdue
    assert not first.ico_report
    assert first.ico_deadline is None
    assert not first.clock(first.aware_at).shown
    assert first.open_recommendations == 0
    assert first.overdue_recommendations == 0
    assert _count(register, RecommendationRow) == 0
    breach = register.get("NS-2021-004")
    assert breach.versions == ()
    assert breach.recommendations == ()
    entry = breach.old_log
    assert entry is not None
    assert entry.origin == 'northshire-breach-log.xlsx, sheet "Breach log", row 4'
    assert entry.imported_by == register.user
    assert "The log records that it was reported to the ICO on 17 March 2021." in (
        entry.decisions()
    )
    assert "The log's own severity: Red." in entry.decisions()
    # what the log did not hold stays unknown
    quinn = register.get("NS-2021-011").old_log
    assert quinn is not None
    assert "subjects.count" not in quinn.record
    assert "Number of people affected" not in dict(quinn.lines())
    assert quinn.record["aware_at"] == "2021-06"
    history = register.history("NS-2021-004")
    assert [e.action for e in history] == ["breach.imported_from_log"]


def test_importing_the_same_file_again_adds_nothing(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = westborough_csv(tmp_path)
    _import(log, path)
    with pytest.raises(LogRejected) as refused:
        _import(log, path)
    assert all(p.kind == "already imported" for p in refused.value.problems)
    assert str(refused.value.problems[0]).startswith("row 2: was imported before (it is WB/21/07")
    again = _import(log, path, "skip")
    assert again.added == []
    assert len(again.skipped) == 3
    assert _count(register, LogEntryRow) == 3
    assert register.count_breaches() == 3


def test_rows_without_a_reference_are_known_by_date_service_and_description(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    rows = [["", *r[1:]] for r in NORTHSHIRE_ROWS]
    path = northshire_xlsx(tmp_path, rows)
    first = _import(log, path)
    assert all(ref.startswith("LOG-") for ref in first.added)
    assert _import(log, path, "skip").added == []
    assert register.count_breaches() == 4


def test_update_changes_only_the_fields_the_row_holds(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(log, northshire_xlsx(tmp_path))
    later = tmp_path / "later"
    later.mkdir()
    # The same log a month on: the ICO reference now known; only reference and that column.
    path = later / "update.csv"
    path.write_text(
        "Incident No.,Date reported,Summary of incident,ICO reference\n"
        "NS-2021-004,15/03/2021,Child protection minutes emailed to the father's new partner,"
        "ICO/0042\n",
        encoding="utf-8",
    )
    outcome = _import(log, path, "update")
    assert outcome.updated == ["NS-2021-004"]
    record = register.get("NS-2021-004").old_log.record  # type: ignore[union-attr]
    assert record["log.ico_reference"] == "ICO/0042"
    assert record["log.risk"] == "Red"  # kept: the row did not hold it
    assert record["subjects.people.name"] == ["Mr Brian Hollis", "Mrs Jean Hollis"]
    assert [e.action for e in register.history("NS-2021-004")][-1] == "breach.log_entry_updated"
    assert _import(log, path, "update").unchanged == ["NS-2021-004"]


def test_nothing_is_written_while_any_row_has_a_problem(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    rows = [list(r) for r in NORTHSHIRE_ROWS]
    rows[3][1] = "30/02/2022"
    preview = log.read(northshire_xlsx(tmp_path, rows))
    assert [str(p) for p in preview.problems] == [
        'row 7, column "Date reported": "30/02/2022" is not a date that exists'
    ]
    with pytest.raises(LogRejected):
        log.import_log(preview)
    assert register.count_breaches() == 0
    assert _count(register, LogEntryRow) == 0


def test_a_reference_another_breach_uses_is_a_problem(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    register.finalise(facts_from_dict(facts_dict(reference="WB/21/07")))
    preview = log.read(westborough_csv(tmp_path))
    log.check(preview)
    assert [p.kind for p in preview.problems] == ["reference in use"]
    with pytest.raises(LogRejected):
        log.import_log(preview)
    assert register.count_breaches() == 1


def test_the_next_breach_about_a_person_in_the_log_is_a_repeat(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(log, northshire_xlsx(tmp_path))
    _import(log, westborough_csv(tmp_path))
    new = facts_from_dict(
        facts_dict(
            **{
                "subjects.people": [{"name": "mrs  JEAN hollis"}],
                "recipients": [{"label": "Someone", "kind": "member_of_public"}],
            }
        )
    )
    assessment = register.assess(new)
    assert [m.reference for m in assessment.repeat] == ["NS-2021-004"]
    assert "the same person (name mrs JEAN hollis)" in assessment.repeat[0].matched_on
    by_email = facts_from_dict(facts_dict(**{"subjects.people": [{"email": "B.Two@example.org"}]}))
    assert [m.reference for m in register.assess(by_email).repeat] == ["WB/22/01"]
    to_recipient = facts_from_dict(
        facts_dict(recipients=[{"label": "Carl Denton", "kind": "member_of_public"}])
    )
    assert [m.reference for m in register.assess(to_recipient).repeat] == ["NS-2021-004"]
    saved = register.finalise(new)
    assert [m.reference for m in saved.related] == ["NS-2021-004"]
    assert register.list_breaches(search="hollis")[0].reference == saved.reference


def test_a_risk_the_log_recorded_is_carried_forward(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(log, westborough_csv(tmp_path))
    # The log says Gary Platt poses a risk to Lucy Ford; a new breach sends her data to him.
    again = facts_from_dict(
        facts_dict(
            **{
                "subjects.people": [{"email": "lucy.ford@example.org"}],
                "recipients": [
                    {
                        "label": "Gary Platt",
                        "kind": "member_of_public",
                        "email": "gary.platt@example.net",
                    }
                ],
            }
        )
    )
    assessment = register.assess(again)
    match = assessment.repeat[0]
    assert match.reference == "WB/21/07"
    assert match.same_person
    assert [r.recorded_as for r in match.risks] == ["Gary Platt"]


def test_a_formula_looking_value_stays_inert_when_exported_again(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(log, westborough_csv(tmp_path))
    breach = register.get("WB/21/12")
    assert breach.title.startswith("=HYPERLINK(")  # kept as typed: it is data
    out = io.StringIO()
    write_csv(register.export_records(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    titles = [r["Title"] for r in rows]
    assert any(t.startswith("'=HYPERLINK(") for t in titles)
    assert not any(t.startswith("=") for t in titles)
    assert {r["Status"] for r in rows} == {"From the old log"}


def test_list_filters_and_searches_history_like_any_breach(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(log, westborough_csv(tmp_path))
    assert [s.reference for s in register.list_breaches(search="platt")] == ["WB/21/07"]
    assert [s.reference for s in register.list_breaches(service="Finance")] == ["WB/22/01"]
    with register.store.unit() as uow:
        versions = uow.session.scalars(select(BreachRow.current_version)).all()
    assert set(versions) == {0}


def test_reassessing_a_line_of_the_log_makes_version_one_and_keeps_the_line(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(log, northshire_xlsx(tmp_path))
    facts = facts_from_dict(
        facts_dict(
            title="Child protection minutes emailed to the father's new partner",
            aware_at="2021-03-15T10:30:00",
            service="Children's Services",
            **{"subjects.people": [{"name": "Mr Brian Hollis"}], "subjects.count": 2},
        )
    )
    breach = register.reassess("NS-2021-004", facts, "Assessed in full from the old log")
    assert [v.number for v in breach.versions] == [1]
    assert breach.old_log is not None
    assert breach.old_log.record["log.risk"] == "Red"
    assert breach.recommendations  # now real work, tracked
    summary = register.list_breaches(search="NS-2021-004")[0]
    assert not summary.from_old_log
    actions = [e.action for e in register.history("NS-2021-004")]
    assert actions == ["breach.imported_from_log", "breach.reassessed"]
    assert register.verify_audit().ok
    # The other lines are still history.
    assert register.get("NS-2021-011").versions == ()


def test_the_founding_case_is_caught_by_the_old_log(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The council's spreadsheet said that Mr B's details went to Person A before, and that
    Person A poses a risk to him; the very next breach about Mr B is flagged."""
    import json

    from breach_desk.method.note import decision_note

    path = tmp_path / "childrens-log.csv"
    path.write_text(
        "Ref,Date reported,Directorate/Service,Summary of incident,Data subject,"
        "Data subject email,Sent to,Recipient poses a risk,Risk note\n"
        "CS-2019-031,12/11/2019,Children's Services,Mr B's address in a letter to the family,"
        "Mr B,mr.b@example.org,Person A (involved with the children),Y,"
        "Convicted of assault against Mr B\n",
        encoding="utf-8",
    )
    assert _import(log, path).added == ["CS-2019-031"]
    cases = Path(__file__).resolve().parents[1] / "data" / "cases"
    seed = json.loads((cases / "seed-ombudsman-21007914.json").read_text(encoding="utf-8"))
    facts = seed["facts"]
    facts.pop("reference", None)
    facts["previous_related_breaches"] = []
    for r in facts["recipients"]:
        r.pop("poses_risk_to_subject", None)  # the officer does not know it this time
        r.pop("risk_note", None)
    assessment = register.assess(facts_from_dict(facts))
    found = {m.reference: m for m in assessment.repeat}
    assert "CS-2019-031" in found
    match = found["CS-2019-031"]
    assert match.same_person
    assert [r.recorded_as for r in match.risks] == ["Person A (involved with the children)"]
    assert "CS-2019-031" in decision_note(assessment)


def test_a_name_and_an_email_on_one_line_of_the_log_are_one_person(
    log: OldLog,
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The log's "Mr B" and "mr.b@example.org" are one person: the history shows one, and the
    risk carried forward is recorded against Mr B by name, never his email address."""
    from breach_desk.method.note import decision_note

    path = tmp_path / "log.csv"
    path.write_text(
        "Ref,Date reported,Directorate/Service,Summary of incident,Data subject,"
        "Data subject email,Sent to,Recipient poses a risk,Risk note\n"
        "CS-2019-031,12/11/2019,Children's Services,Letter to the family,"
        "Mr B,mr.b@example.org,Person A,Y,Convicted of assault against Mr B\n",
        encoding="utf-8",
    )
    _import(log, path)
    historic = register.get("CS-2019-031")
    assert [(p.name, p.email) for p in historic.facts.subjects.people] == [
        ("Mr B", "mr.b@example.org")
    ]
    again = facts_from_dict(
        facts_dict(
            **{
                "subjects.people": [{"email": "mr.b@example.org"}],
                "recipients": [{"label": "Person A", "kind": "member_of_public"}],
            }
        )
    )
    assessment = register.assess(again)
    match = {m.reference: m for m in assessment.repeat}["CS-2019-031"]
    assert match.same_person
    note = decision_note(assessment).splitlines()
    risk_lines = [ln for ln in note if "Recorded as posing a risk to" in ln]
    assert risk_lines
    assert all("Mr B" in ln and "mr.b@example.org" not in ln for ln in risk_lines), risk_lines
