"""Notifications as records (issue 11), on both engines: the report to the ICO (on time, late
with reasons, late without them refused with nothing written, voluntary), follow-ups in date
order, the ICO's response, telling the people; the one ICO clock in the register list, the
breach and ``list --json``; reassessing keeps the record; and on a team database only IG
officers may record, through the database's own function."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import facts_dict
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, SqlitePeople, pg_url, seed_facts

from breach_desk.domain.clock import now
from breach_desk.domain.errors import NotAllowed
from breach_desk.domain.notification import ClockState
from breach_desk.domain.register import Breach, Role
from breach_desk.facts_io import facts_from_dict
from breach_desk.services.notifications import NotificationRefused, Notify
from breach_desk.services.tracking import Tracking

LONDON_AT = datetime.fromisoformat
QUIET = facts_dict(service="Housing", aware_at="2021-03-14T09:00:00")
"""A letter to a neighbour: no report to the ICO is needed."""


@pytest.fixture
def desk(people: SqlitePeople | PgPeople) -> dict[str, Tracking]:
    team = {
        "ig_alice": people("ig_alice", Role.IG_OFFICER),
        "sm_childrens": people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS),
        "auditor_audrey": people("auditor_audrey", Role.AUDITOR),
    }
    team["ig_alice"].register.finalise(seed_facts())
    return team


def notify(t: Tracking) -> Notify:
    return Notify(t.register)


def summary(t: Tracking, reference: str) -> object:
    (found,) = [s for s in t.register.list_breaches() if s.reference == reference]
    return found


def code_status(breach: Breach, code: str) -> tuple[str, str | None]:
    (r,) = [r for r in breach.recommendations if r.code == code]
    return r.status.value, r.evidence


def audit_count(t: Tracking) -> int:
    return t.register.verify_audit().entries


def test_reported_on_time_stops_the_clock_everywhere(desk) -> None:
    alice = desk["ig_alice"]
    before = alice.register.get(SEED_REFERENCE)
    assert before.clock(now()).text == "due in 68 h"
    breach = notify(alice).record_ico(
        SEED_REFERENCE, at=LONDON_AT("2021-03-18T09:12"), how="online", ico_reference="IC-0042"
    )
    clock = breach.clock(now())
    assert clock.state is ClockState.REPORTED
    assert clock.text == "reported 18 Mar 2021 09:12 (71 h after awareness)"
    assert clock.hours_after_awareness == 71
    listed = summary(alice, SEED_REFERENCE)
    assert listed.clock(now()) == clock  # type: ignore[attr-defined]
    # A week later, the clock still says when it was reported, never "late".
    assert breach.clock(LONDON_AT("2021-04-01T09:00:00+00:00")).text == clock.text
    status, evidence = code_status(breach, "NOTIFY_ICO")
    assert status == "done"
    assert evidence == (
        "Reported to the ICO on 18 Mar 2021 09:12 (ICO online form), ICO case reference IC-0042"
    )
    report = breach.notifications.ico
    assert report is not None
    assert report.recorded_by == alice.user.login
    assert report.reported_at == LONDON_AT("2021-03-18T09:12:00+00:00")
    actions = [e.action for e in alice.register.history(SEED_REFERENCE)]
    assert actions[-2:] == ["notification.ico_report", "recommendation.done"]
    assert alice.register.verify_audit().ok


def test_late_with_reasons_is_recorded_and_shown_as_late_with_reasons(desk) -> None:
    alice = desk["ig_alice"]
    breach = notify(alice).record_ico(
        SEED_REFERENCE,
        at=LONDON_AT("2021-03-18T18:00"),
        how="phone",
        delay_reason="The service told the IG team on the third day.",
    )
    clock = breach.clock(now())
    assert clock.state is ClockState.REPORTED_LATE
    assert clock.text == "reported 8 h late, on 18 Mar 2021 18:00 (reasons recorded)"
    assert clock.accent == "warn"  # amber: late, even with its reasons; never the green of on time
    assert breach.notifications.ico is not None
    assert breach.notifications.ico.delay_reason == "The service told the IG team on the third day."


def test_late_without_reasons_is_refused_and_nothing_is_written(desk) -> None:
    alice = desk["ig_alice"]
    entries = audit_count(alice)
    with pytest.raises(NotificationRefused) as refused:
        notify(alice).record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-18T18:00"), how="email")
    assert refused.value.problems[0].field == "delay_reason"
    assert "8 h after the 72 hours" in str(refused.value)
    breach = alice.register.get(SEED_REFERENCE)
    assert breach.notifications.ico is None
    assert code_status(breach, "NOTIFY_ICO") == ("open", None)
    assert audit_count(alice) == entries


def test_reasons_kept_with_the_assessment_are_enough(people, desk) -> None:
    alice = desk["ig_alice"]
    alice.register.reassess(
        SEED_REFERENCE, seed_facts(), "Recount", ico_delay_reason="Legal advice first"
    )
    breach = notify(alice).record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-19T10:00"))
    assert breach.notifications.ico is not None
    assert breach.notifications.ico.delay_reason == "Legal advice first"
    assert breach.clock(now()).text.startswith("reported 1 d late, on ")


def test_a_breach_needing_no_report_has_no_clock_and_takes_only_a_voluntary_one(desk) -> None:
    alice = desk["ig_alice"]
    quiet = alice.register.finalise(facts_from_dict(QUIET))
    assert quiet.latest is not None
    assert not quiet.latest.assessment.ico.report
    clock = quiet.clock(now())
    assert clock.state is ClockState.NOT_REQUIRED
    assert not clock.shown
    assert summary(alice, quiet.reference).clock(now()).as_dict() == {  # type: ignore[attr-defined]
        "state": "not_required",
        "text": "not required",
        "deadline": None,
        "reported_at": None,
        "hours_after_awareness": None,
    }
    with pytest.raises(NotificationRefused) as refused:
        notify(alice).record_ico(quiet.reference, at=LONDON_AT("2021-03-20T09:00"))
    assert refused.value.problems[0].field == "voluntary"
    done = notify(alice).record_ico(
        quiet.reference, at=LONDON_AT("2021-03-20T09:00"), voluntary=True
    )
    clock = done.clock(now())
    assert clock.state is ClockState.REPORTED
    assert clock.text == "reported 20 Mar 2021 09:00 (voluntary; 144 h after awareness)"
    assert "late" not in clock.text
    assert done.notifications.ico is not None
    assert done.notifications.ico.voluntary


def test_follow_ups_come_in_date_order_and_need_the_report_first(desk) -> None:
    alice = desk["ig_alice"]
    n = notify(alice)
    with pytest.raises(NotificationRefused, match="record the report first"):
        n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-19T09:00"), text="more")
    n.record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-17T15:30"), ico_reference="IC-7")
    n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-24T09:00"), text="Recall confirmed")
    n.add_follow_up(
        SEED_REFERENCE, at=LONDON_AT("2021-03-19T11:00"), text="number of people confirmed: 1"
    )
    with pytest.raises(NotificationRefused) as early:
        n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-17T09:00"), text="x")
    assert early.value.problems[0].field == "at"
    with pytest.raises(NotificationRefused) as blank:
        n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-20T09:00"), text="   ")
    assert blank.value.problems[0].field == "text"
    with pytest.raises(NotificationRefused) as again:
        n.record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-17T16:00"))
    assert again.value.problems[0].field == "follow_up"
    breach = alice.register.get(SEED_REFERENCE)
    assert [f.text for f in breach.notifications.follow_ups] == [
        "number of people confirmed: 1",
        "Recall confirmed",
    ]


def test_the_icos_response_and_telling_the_people(desk, tmp_path: Path) -> None:
    alice = desk["ig_alice"]
    n = notify(alice)
    n.record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-17T15:30"))
    with pytest.raises(NotificationRefused) as future:
        n.record_response(SEED_REFERENCE, on=date(2099, 1, 1), outcome="advice")
    assert future.value.problems[0].field == "at"
    breach = n.record_response(
        SEED_REFERENCE,
        on=date(2021, 6, 2),
        outcome="reprimand",
        response_reference="INV/0099",
        text="Review how addresses are checked.",
    )
    (response,) = breach.notifications.responses
    assert (response.on, response.outcome.value, response.reference) == (
        date(2021, 6, 2),
        "reprimand",
        "INV/0099",
    )
    letter = "Dear Mr A,\nWe are writing to tell you <about> a breach & what we did."
    told = n.record_people(
        SEED_REFERENCE, at=LONDON_AT("2021-03-16T12:00"), how="letter", count=1, letter_text=letter
    )
    (people,) = told.notifications.people
    assert people.letter_text == letter
    assert code_status(told, "NOTIFY_SUBJECTS") == (
        "done",
        "The people were told on 16 Mar 2021 12:00 (letter, 1 person)",
    )
    with pytest.raises(NotificationRefused) as before:
        n.record_people(SEED_REFERENCE, at=LONDON_AT("2021-03-01T12:00"), how="letter")
    assert before.value.problems[0].field == "at"


def test_reassessing_keeps_the_record_and_the_clock(desk) -> None:
    alice = desk["ig_alice"]
    reported = notify(alice).record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-18T09:12"))
    again = alice.register.reassess(SEED_REFERENCE, seed_facts(), "Recount of the people")
    assert again.notifications == reported.notifications
    assert again.clock(now()).text == "reported 18 Mar 2021 09:12 (71 h after awareness)"


def test_a_reassessment_that_makes_a_report_needed_starts_from_the_first_awareness(
    desk, frozen
) -> None:
    alice = desk["ig_alice"]
    quiet = alice.register.finalise(facts_from_dict(QUIET))
    assert not quiet.clock(now()).shown
    frozen("2021-03-20T09:00:00+00:00")  # six days after awareness: already late
    worse = facts_dict(
        service="Housing",
        aware_at="2021-03-14T09:00:00",
        **{"data.categories": ["basic_identifiers", "mental_health"]},
    )
    again = alice.register.reassess(quiet.reference, facts_from_dict(worse), "Health data found")
    clock = again.clock(now())
    assert clock.state is ClockState.LATE
    assert clock.text == "late by 3 d"  # from 14 Mar 09:00 + 72 h, not from the reassessment


def test_only_ig_officers_record_notifications(desk) -> None:
    for login in ("sm_childrens", "auditor_audrey"):
        with pytest.raises(NotAllowed, match="only an IG officer records"):
            notify(desk[login]).record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-18T09:12"))
    assert desk["ig_alice"].register.get(SEED_REFERENCE).notifications.ico is None


# --- the command line ---------------------------------------------------------------------------


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breach_desk", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def cli_env(people: SqlitePeople | PgPeople, login: str) -> dict[str, str]:
    base = {"BREACH_DESK_NOW": "2021-03-17T09:00:00+00:00"}
    if isinstance(people, PgPeople):
        return {**base, "BREACH_DESK_DB": pg_url(people.schema, people.login(login))}
    return {**base, "BREACH_DESK_DB": people.url, **people.env(login)}


def test_the_command_line_records_refuses_in_one_line_and_lists_the_clock(
    people, desk, tmp_path: Path
) -> None:
    alice = desk["ig_alice"]
    quiet = alice.register.finalise(facts_from_dict(QUIET)).reference
    env = cli_env(people, "ig_alice")
    listed = run(env, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    clocks = {row["reference"]: row["clock"] for row in json.loads(listed.stdout)}
    assert clocks[SEED_REFERENCE]["state"] == "due"
    assert clocks[SEED_REFERENCE]["text"] == "due in 25 h"
    assert clocks[quiet] == {
        "state": "not_required",
        "text": "not required",
        "deadline": None,
        "reported_at": None,
        "hours_after_awareness": None,
    }
    entries = audit_count(alice)
    refusals = [
        (("notify", "ico", SEED_REFERENCE, "--at", "2021-03-18T18:00"), "--delay-reason"),
        (("notify", "ico", quiet, "--at", "2021-03-16T18:00"), "--voluntary"),
        (("notify", "ico", SEED_REFERENCE, "--at", "2031-01-01T09:00"), "--at"),
        (("notify", "ico", SEED_REFERENCE, "--at", "yesterday"), "--at"),
        (("notify", "ico", SEED_REFERENCE, "--follow-up", "--at", "2021-03-16T09:00"), "--text"),
        (
            (
                "notify",
                "ico",
                SEED_REFERENCE,
                "--follow-up",
                "--at",
                "2021-03-16T09:00",
                "--text",
                "x",
            ),
            "--follow-up",
        ),
        (
            ("notify", "ico-response", SEED_REFERENCE, "--at", "2021-04-01", "--outcome", "advice"),
            "--at",
        ),
        (
            (
                "notify",
                "people",
                SEED_REFERENCE,
                "--at",
                "2021-03-16T09:00",
                "--how",
                "letter",
                "--letter-text",
                str(tmp_path / "missing.txt"),
            ),
            "missing.txt",
        ),
        (
            ("notify", "people", SEED_REFERENCE, "--at", "2021-03-16T09:00", "--how", "pigeon"),
            "--how",
        ),
        (
            (
                "notify",
                "people",
                SEED_REFERENCE,
                "--at",
                "2021-03-16T09:00",
                "--how",
                "letter",
                "--count",
                "0",
            ),
            "--count",
        ),
    ]
    for args, option in refusals:
        done = run(env, *args)
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert option in lines[-1], (args, done.stderr)
        if "usage:" not in done.stderr:
            assert len(lines) == 1, (args, done.stderr)
    assert audit_count(alice) == entries  # nothing written
    assert alice.register.get(SEED_REFERENCE).notifications.empty
    denied = run(
        cli_env(people, "sm_childrens"), "notify", "ico", SEED_REFERENCE, "--at", "2021-03-16T09:00"
    )
    assert denied.returncode == 1
    assert "only an IG officer" in denied.stderr

    ok = run(
        env,
        "notify",
        "ico",
        SEED_REFERENCE,
        "--at",
        "2021-03-16T11:30",
        "--how",
        "email",
        "--ico-reference",
        "IC-1",
    )
    assert ok.returncode == 0, ok.stderr
    assert "reported 16 Mar 2021 11:30 (25 h after awareness)" in ok.stdout
    follow = run(
        env,
        "notify",
        "ico",
        SEED_REFERENCE,
        "--follow-up",
        "--at",
        "2021-03-16T15:00",
        "--text",
        "number of people confirmed: 212",
    )
    assert follow.returncode == 0, follow.stderr
    response = run(
        env,
        "notify",
        "ico-response",
        SEED_REFERENCE,
        "--at",
        "2021-03-17",
        "--outcome",
        "no_further_action",
        "--reference",
        "IC-1",
    )
    assert response.returncode == 0, response.stderr
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Mr A,\nwe are sorry.\n", encoding="utf-8")
    told = run(
        env,
        "notify",
        "people",
        SEED_REFERENCE,
        "--at",
        "2021-03-16T16:00",
        "--how",
        "letter",
        "--count",
        "1",
        "--letter-text",
        str(letter),
    )
    assert told.returncode == 0, told.stderr
    shown = json.loads(run(env, "show", SEED_REFERENCE, "--json").stdout)
    notes = shown["notifications"]
    assert notes["ico"]["how"] == "email"
    assert notes["ico"]["ico_reference"] == "IC-1"
    assert [f["text"] for f in notes["follow_ups"]] == ["number of people confirmed: 212"]
    assert notes["ico_responses"][0]["outcome"] == "no_further_action"
    assert notes["people"][0]["letter_text"] == "Dear Mr A,\nwe are sorry.\n"
    assert shown["clock"]["state"] == "reported"
    listed = json.loads(run(env, "list", "--json").stdout)
    (seed,) = [row for row in listed if row["reference"] == SEED_REFERENCE]
    assert seed["clock"] == {
        "state": "reported",
        "text": "reported 16 Mar 2021 11:30 (25 h after awareness)",
        "deadline": "2021-03-18T10:00:00+00:00",
        "reported_at": "2021-03-16T11:30:00+00:00",
        "hours_after_awareness": 25,
    }
    text_view = run(env, "show", SEED_REFERENCE).stdout
    assert "ICO clock: reported 16 Mar 2021 11:30 (25 h after awareness)" in text_view
    assert "Follow-up 1 to the ICO: number of people confirmed: 212" in text_view
    quiet_view = run(env, "show", quiet).stdout
    assert "ICO clock" not in quiet_view
    assert "late" not in quiet_view.split("Recommendations:")[0]


# --- a team database defends itself -------------------------------------------------------------


def test_the_team_database_refuses_notifications_out_of_turn(pg_people: PgPeople) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    pg_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    pg_people("auditor_audrey", Role.AUDITOR)
    alice.register.finalise(seed_facts())
    call = "SELECT bd_record_notification(:r, :k, CAST(:d AS jsonb), :e)"

    def refused(login: str, kind: str, doc: dict[str, object], evidence: str | None = None) -> str:
        engine = pg_people.connect_as(login)
        try:
            with engine.connect() as conn:
                try:
                    conn.execute(
                        text(call),
                        {"r": SEED_REFERENCE, "k": kind, "d": json.dumps(doc), "e": evidence},
                    )
                except DBAPIError as exc:
                    return str(exc.orig).splitlines()[0]
                finally:
                    conn.rollback()
        finally:
            engine.dispose()
        raise AssertionError(f"the database allowed {kind} {doc} as {login}")

    on_time = {"at": "2021-03-17T09:00:00+00:00", "how": "online"}
    assert "permission denied" in refused("sm_childrens", "ico_report", on_time)
    assert "permission denied" in refused("auditor_audrey", "ico_report", on_time)
    late = {"at": "2021-03-19T09:00:00+00:00", "how": "online"}
    assert "delay_reason" in refused("ig_alice", "ico_report", late)
    assert "in the future" in refused("ig_alice", "ico_report", {**on_time, "at": "2099-01-01"})
    early = {**on_time, "at": "2021-03-01T09:00:00+00:00"}
    assert "before the organisation became aware" in refused("ig_alice", "ico_report", early)
    assert "record the report first" in refused(
        "ig_alice", "follow_up", {"at": "2021-03-17T09:00:00+00:00", "text": "x"}
    )
    assert "not a way" in refused("ig_alice", "people_told", {**on_time, "how": "pigeon"})
    # A crafted record cannot choose who recorded it or when.
    forged = {**on_time, "recorded_by": "someone_else", "recorded_at": "2020-01-01T00:00:00Z"}
    engine = pg_people.connect_as("ig_alice")
    with engine.begin() as conn:
        conn.execute(
            text(call), {"r": SEED_REFERENCE, "k": "ico_report", "d": json.dumps(forged), "e": "x"}
        )
    engine.dispose()
    breach = alice.register.get(SEED_REFERENCE)
    report = breach.notifications.ico
    assert report is not None
    assert report.recorded_by == alice.user.login
    assert report.recorded_at.year >= 2026
    assert code_status(breach, "NOTIFY_ICO") == ("done", "x")
    assert "already recorded" in refused("ig_alice", "ico_report", on_time)
    assert alice.register.verify_audit().ok
    # Row-level security: a service manager reads only their services' records.
    housing = alice.register.finalise(facts_from_dict(QUIET))
    notify(alice).record_ico(housing.reference, at=LONDON_AT("2021-03-15T09:00"), voluntary=True)
    seen = {}
    for login in ("sm_childrens", "auditor_audrey", "ig_alice"):
        engine = pg_people.connect_as(login)
        with engine.connect() as conn:
            seen[login] = conn.execute(text("SELECT count(*) FROM notifications")).scalar()
        engine.dispose()
    assert seen == {"sm_childrens": 1, "auditor_audrey": 2, "ig_alice": 2}


def test_the_json_export_carries_the_records_beside_the_facts_and_reads_them_back(
    people, desk, tmp_path: Path
) -> None:
    alice = desk["ig_alice"]
    n = notify(alice)
    n.record_ico(
        SEED_REFERENCE,
        at=LONDON_AT("2021-03-18T18:00"),
        how="phone",
        ico_reference="IC-9",
        delay_reason="Waited for the service",
    )
    n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-19T10:00"), text="212 people")
    n.record_response(SEED_REFERENCE, on=date(2021, 4, 2), outcome="advice", text="Train staff")
    n.record_people(
        SEED_REFERENCE, at=LONDON_AT("2021-03-17T10:00"), how="email", count=1, letter_text="Hi"
    )
    env = cli_env(people, "ig_alice")
    out = tmp_path / "register.json"
    done = run(env, "export", "-o", str(out))
    assert done.returncode == 0, done.stderr
    beside = tmp_path / "register.notifications.json"
    assert json.loads(out.read_text(encoding="utf-8"))[0]["format"] == "breach-desk/facts/1"
    assert "notifications" not in out.read_text(encoding="utf-8")  # facts v1 stay v1
    exported = json.loads(beside.read_text(encoding="utf-8"))
    assert exported["format"] == "breach-desk/notifications/1"
    assert oct(beside.stat().st_mode & 0o777) == "0o600"

    fresh = tmp_path / "fresh.sqlite3"
    imported_env = {**env, "BREACH_DESK_DB": f"sqlite:///{fresh}"}
    if isinstance(people, SqlitePeople):
        imported_env |= people.env("ig_alice")
    loaded = run(imported_env, "import", str(out))
    assert loaded.returncode == 0, loaded.stderr
    shown = json.loads(run(imported_env, "show", SEED_REFERENCE, "--json").stdout)
    original = json.loads(run(env, "show", SEED_REFERENCE, "--json").stdout)

    def facts_of(notes: dict[str, object]) -> str:
        text = json.dumps(notes, sort_keys=True)
        for key in ("recorded_at", "recorded_by"):
            text = __import__("re").sub(rf'"{key}": "[^"]*"', f'"{key}": "-"', text)
        return text

    assert facts_of(shown["notifications"]) == facts_of(original["notifications"])
    assert shown["clock"] == original["clock"]
    assert shown["clock"]["state"] == "reported_late"

    # A damaged file beside the facts: nothing is imported.
    beside.write_text('{"format": "breach-desk/notifications/1", "breaches": [{}]}')
    other = tmp_path / "other.sqlite3"
    refused = run({**imported_env, "BREACH_DESK_DB": f"sqlite:///{other}"}, "import", str(out))
    assert refused.returncode == 2
    assert "register.notifications.json" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


# --- the printed documents --------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def papers(breach: Breach) -> dict[str, str]:
    from breach_desk import reports
    from breach_desk.reports.evidence_pack import render_evidence_pack

    settings = reports.ReportSettings(organisation="Anytown Council", generated_at=now())
    return {
        "assessment": pdf_text(reports.render_assessment(breach, settings)),
        "ico": pdf_text(reports.render_ico_report(breach, settings)),
        "evidence": pdf_text(render_evidence_pack(breach, settings)),
    }


def test_the_papers_print_the_clock_and_the_whole_history(desk, frozen) -> None:
    alice = desk["ig_alice"]
    n = notify(alice)
    running = papers(alice.register.get(SEED_REFERENCE))
    assert "ICO clock at printing: due in 68 h" in running["assessment"]
    assert "ICO clock due in 68 h" in running["ico"]
    assert "ICO clock due in 68 h" in running["evidence"]
    frozen("2021-03-25T09:00:00+00:00")
    late = papers(alice.register.get(SEED_REFERENCE))
    assert "ICO clock at printing: late by 6 d 23 h" in late["assessment"]
    assert "ICO clock late by 6 d 23 h" in late["ico"]
    n.record_ico(
        SEED_REFERENCE,
        at=LONDON_AT("2021-03-18T18:00"),
        how="online",
        ico_reference="IC-77",
        delay_reason="The <service> & legal advice",
    )
    n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-22T10:00"), text="Second of two")
    n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-19T10:00"), text="First of two")
    n.record_response(SEED_REFERENCE, on=date(2021, 3, 24), outcome="investigation")
    n.record_people(
        SEED_REFERENCE, at=LONDON_AT("2021-03-19T12:00"), how="letter", letter_text="Dear Mr A,"
    )
    printed = papers(alice.register.get(SEED_REFERENCE))
    clock = "reported 8 h late, on 18 Mar 2021 18:00 (reasons recorded)"
    assert f"ICO clock at printing: {clock}" in printed["assessment"]
    assert f"ICO clock {clock}" in printed["ico"]
    assert f"ICO clock {clock}" in printed["evidence"]
    for name, text_ in printed.items():
        assert "The <service> & legal advice" in text_, name
        first, second = text_.find("First of two"), text_.find("Second of two")
        assert 0 <= first < second, name  # follow-ups in date order
        assert "Investigation" in text_, name
    assert "Report type Follow-up report (the ICO case reference: IC-77)" in printed["ico"]
    assert "Dear Mr A," in printed["evidence"]  # the text sent, kept


def test_a_breach_needing_no_report_prints_no_clock(desk, frozen) -> None:
    alice = desk["ig_alice"]
    quiet = alice.register.finalise(facts_from_dict(QUIET))
    frozen("2021-09-01T09:00:00+00:00")
    for name, text_ in papers(alice.register.get(quiet.reference)).items():
        assert "late" not in text_.lower().replace("related", ""), name
        assert "ICO clock" not in text_, name
    notify(alice).record_ico(quiet.reference, at=LONDON_AT("2021-03-25T09:00"), voluntary=True)
    for name, text_ in papers(alice.register.get(quiet.reference)).items():
        assert "late" not in text_.lower().replace("related", ""), name


def test_the_demo_register_shows_reports_made_on_time_late_and_not_yet(
    sqlite_people: SqlitePeople, frozen
) -> None:
    """The demo no longer reads "late by 2,082 d" for every reportable breach: its records say
    what was done, whoever opens it first."""
    from breach_desk.gui.demo import seed_demo

    frozen("2026-03-02T10:00:00+00:00")
    bob = sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    seed_demo(bob.register)
    clocks = {s.title: s.clock(now()) for s in bob.register.list_breaches()}
    adoption = clocks["Adoptive parents' names and address sent unredacted to the birth parents"]
    assert adoption.text == "reported 14 Jun 2024 16:40 (55 h after awareness)"
    states = {c.state for c in clocks.values()}
    assert states == {
        ClockState.REPORTED,
        ClockState.REPORTED_LATE,
        ClockState.LATE,
        ClockState.NOT_REQUIRED,
    }
    assert bob.register.verify_audit().ok


def test_the_ico_draft_keeps_names_out_of_the_history(desk) -> None:
    alice = desk["ig_alice"]
    n = notify(alice)
    n.record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-17T10:00"))
    n.add_follow_up(SEED_REFERENCE, at=LONDON_AT("2021-03-17T12:00"), text="Mr B was told")
    printed = papers(alice.register.get(SEED_REFERENCE))
    assert "the person affected was told" in printed["ico"]
    assert "Mr B was told" not in printed["ico"]
    assert "Mr B was told" in printed["evidence"]  # the record itself is kept as written


def test_an_export_with_no_records_leaves_no_older_records_beside_it(
    sqlite_people: SqlitePeople, tmp_path: Path
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    out = tmp_path / "register.json"
    beside = tmp_path / "register.notifications.json"
    beside.write_text('{"format": "breach-desk/notifications/1", "breaches": [{"reference": "X"}]}')
    done = run(cli_env(sqlite_people, "ig_alice"), "export", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(beside.read_text(encoding="utf-8"))["breaches"] == []


def test_the_register_sorts_by_the_clock_state(desk) -> None:
    """Late first, then due, by deadline; then the reports made late, then those on time; the
    breaches needing no report last, whichever the direction."""
    alice = desk["ig_alice"]
    reg = alice.register

    def breach(title: str, aware: str, reportable: bool) -> str:
        changes: dict[str, object] = {
            "title": title,
            "aware_at": aware,
            "recipients": [{"label": f"Neighbour {title}", "kind": "member_of_public"}],
        }
        if reportable:
            changes["data.categories"] = ["contact_details", "mental_health"]
        return reg.finalise(facts_from_dict(facts_dict(**changes))).reference

    reported_late = breach("Reported late", "2021-03-10T09:00:00", True)
    running_late = breach("Running late", "2021-03-12T09:00:00", True)
    quiet = breach("Needs no report", "2021-03-11T09:00:00", False)
    running_due = breach("Running, due", "2021-03-14T09:00:00", True)
    n = notify(alice)
    n.record_ico(SEED_REFERENCE, at=LONDON_AT("2021-03-16T09:00"))
    n.record_ico(reported_late, at=LONDON_AT("2021-03-14T09:00"), delay_reason="Found late")

    def order(descending: bool) -> list[str]:
        return [s.reference for s in reg.list_breaches(sort="ico_clock", descending=descending)]

    assert order(False) == [running_late, running_due, reported_late, SEED_REFERENCE, quiet]
    assert order(True) == [SEED_REFERENCE, reported_late, running_due, running_late, quiet]
    ascending = reg.list_breaches(sort="ico_clock", descending=False)
    states = [s.clock(now()).state.value for s in ascending]
    assert states == ["late", "due", "reported_late", "reported", "not_required"]
