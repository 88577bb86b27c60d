"""The directory, complaints and calendar files, on both engines; and on PostgreSQL, that only
the new functions write the new tables, for IG officers only, as the real login roles."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar
from remind_people import cli_as, login
from remind_smtp import MailServer, mail_server  # noqa: F401 (fixture)
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, SqlitePeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.domain.remind import acknowledgement_due, complaint_clock


def test_acknowledgement_is_due_on_the_thirtieth_day_counting_the_day_of_receipt() -> None:
    assert acknowledgement_due(date(2026, 7, 1)) == date(2026, 7, 30)
    assert acknowledgement_due(date(2026, 2, 1)) == date(2026, 3, 2)
    assert complaint_clock(date(2026, 7, 1), None, date(2026, 7, 18)).text == (
        "Acknowledgement due 30 Jul 2026 (12 days left)"
    )
    assert complaint_clock(date(2026, 7, 1), None, date(2026, 7, 30)).text.endswith("(due today)")
    late = complaint_clock(date(2026, 7, 1), None, date(2026, 8, 2))
    assert late.text == "Acknowledgement late by 3 days (was due 30 Jul 2026)"
    assert late.accent == "late"
    assert complaint_clock(date(2026, 7, 1), date(2026, 7, 30), date(2026, 9, 1)).accent == "ok"
    assert complaint_clock(date(2026, 7, 1), date(2026, 7, 31), date(2026, 9, 1)).text == (
        "Acknowledged 31 Jul 2026, 1 day late"
    )


@pytest.fixture
def founded(people: SqlitePeople | PgPeople) -> SqlitePeople | PgPeople:
    alice = people("ig_alice", Role.IG_OFFICER)
    people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    return people


def test_user_set_list_and_escalation_through_the_command(
    founded: SqlitePeople | PgPeople,
) -> None:
    people = founded
    bob = login(people, "sm_bob")
    role = ["--role", "service_manager", "--service", CHILDRENS]
    on_sqlite = isinstance(people, SqlitePeople)
    done = cli_as(
        people,
        "ig_alice",
        "user",
        "set",
        bob,
        "--email",
        "bob@council.example",
        "--display-name",
        "Bob Smith",
        *(role if on_sqlite else []),
    )
    assert done.returncode == 0, done.stderr
    assert "bob@council.example (Bob Smith)" in done.stdout
    if not on_sqlite:  # the database gives roles: 'user set' says where to go instead
        refused = cli_as(people, "ig_alice", "user", "set", bob, "--email", "b@c.example", *role)
        assert refused.returncode == 2
        assert "db roles" in refused.stderr
    bad = cli_as(people, "ig_alice", "user", "set", bob, "--email", "not an address")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "breach-desk: --email: 'not an address' is not an email address"
    esc = cli_as(people, "ig_alice", "user", "escalation", CHILDRENS, "--to", "nobody")
    assert esc.returncode == 2
    assert "nobody is not in the directory" in esc.stderr
    listed = cli_as(people, "ig_alice", "user", "list")
    assert listed.returncode == 0, listed.stderr
    line = next(x for x in listed.stdout.splitlines() if x.startswith(bob))
    assert "bob@council.example" in line
    assert f"Service manager: {CHILDRENS}" in line  # the database's role on PostgreSQL
    by_bob = cli_as(people, "sm_bob", "user", "set", bob, "--email", "me@council.example")
    assert by_bob.returncode == 1
    assert "only an IG officer" in by_bob.stderr


def test_a_complaint_is_recorded_shown_with_its_clock_and_reminded(
    founded: SqlitePeople | PgPeople,
    mail_server: MailServer,  # noqa: F811
    frozen: Callable[[str], None],
) -> None:
    people = founded
    frozen("2021-03-20T12:00:00+00:00")
    add = cli_as(
        people,
        "ig_alice",
        "complaint",
        "add",
        SEED_REFERENCE,
        "--received",
        "2021-03-16",
        "--from",
        "Mr B Zebedee",
        "--how",
        "letter",
        "--summary",
        "Complains that Zebedee's address was shared",
    )
    assert add.returncode == 0, add.stderr
    assert "acknowledge it by 14 Apr 2021" in add.stdout
    show = cli_as(people, "ig_alice", "show", SEED_REFERENCE)
    assert show.returncode == 0, show.stderr
    assert "Acknowledgement due 14 Apr 2021 (25 days left)" in show.stdout
    as_json = json.loads(cli_as(people, "ig_alice", "show", SEED_REFERENCE, "--json").stdout)
    assert any("14 Apr 2021" in c for c in as_json["complaints"])
    bad = cli_as(
        people, "ig_alice", "complaint", "add", SEED_REFERENCE, "--received", "2021-03-16",
        "--from", "x", "--how", "pigeon", "--summary", "y",
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.startswith("breach-desk: --how: 'pigeon' is not one of letter")

    from breach_desk.store import remind as store  # give the officer an address

    with people.opened[0].store.unit(write=True) as uow:
        on_sqlite = isinstance(people, SqlitePeople)
        store.set_person(
            uow,
            login(people, "ig_alice"),
            "alice@council.example",
            None,
            Role.IG_OFFICER if on_sqlite else None,
            [] if on_sqlite else None,
        )
    frozen("2021-04-08T12:00:00+00:00")  # six days before the acknowledgement is due
    sent = cli_as(people, "ig_alice", "remind", mail=mail_server.env())
    assert sent.returncode == 0, sent.stderr
    (msg,) = mail_server.to("alice@council.example")
    assert "Complaints waiting for acknowledgement" in msg.text
    assert "must be acknowledged by 14 Apr 2021" in msg.text
    assert "acknowledgement due in 6 days" in msg.text
    assert "Zebedee" not in msg.raw.decode("utf-8", "replace")

    listed = cli_as(people, "ig_alice", "complaint", "list", SEED_REFERENCE)
    complaint_id = listed.stdout.split()[0]
    ack = cli_as(people, "ig_alice", "complaint", "ack", complaint_id, "--on", "2021-04-08")
    assert ack.returncode == 0, ack.stderr
    again = cli_as(people, "ig_alice", "complaint", "ack", complaint_id, "--on", "2021-04-08")
    assert again.returncode == 2
    assert "already recorded" in again.stderr
    show = cli_as(people, "ig_alice", "show", SEED_REFERENCE)
    assert "Acknowledged 8 Apr 2021" in show.stdout
    frozen("2021-04-14T12:00:00+00:00")
    quiet = cli_as(people, "ig_alice", "remind", "--dry-run")
    assert "complaint" not in quiet.stdout.lower()


def _ics(people: SqlitePeople | PgPeople, tmp_path: Path, name: str, *args: str) -> bytes:
    out = tmp_path / f"{name}.ics"
    done = cli_as(people, name, "actions", "ics", *args, "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def test_calendar_files_are_valid_stable_and_carry_nothing_personal(
    founded: SqlitePeople | PgPeople, tmp_path: Path
) -> None:
    people = founded
    first = _ics(people, tmp_path, "sm_bob", "--mine")
    cal = Calendar.from_ical(first)
    events = list(cal.walk("VEVENT"))
    # Bob's open actions: his service's, not the IG team's
    assert len(events) == 9
    summaries = {str(e["SUMMARY"]) for e in events}
    assert f"{SEED_REFERENCE}: Apologise to the affected people." in summaries
    assert not any("Report the breach to the ICO" in s for s in summaries)
    safety = next(e for e in events if "safety" in str(e["SUMMARY"]))
    assert safety.decoded("DTSTART") == date(2021, 3, 16)
    assert safety.decoded("DTEND") == date(2021, 3, 17)
    assert str(safety["UID"]) == "ig-2021-014-safety_plan@breach-desk"

    parsed = vobject.readOne(first.decode("utf-8"))  # a second, independent parser
    uids = sorted(str(e.uid.value) for e in parsed.vevent_list)
    assert uids == sorted(str(e["UID"]) for e in events)
    assert all(e.dtstart.value for e in parsed.vevent_list)
    raw = first.decode("utf-8")
    for secret in ("Mr B", "mr.b@example.org", "convicted", "mental", "Person A", "social worker"):
        assert secret not in raw

    again = Calendar.from_ical(_ics(people, tmp_path, "sm_bob", "--mine"))
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == uids  # re-export updates

    every = Calendar.from_ical(_ics(people, tmp_path, "ig_alice", "--todo"))
    todos = list(every.walk("VTODO"))
    assert len(todos) == 13
    assert all(t.decoded("DUE") for t in todos)
    assert {str(t["STATUS"]) for t in todos} == {"NEEDS-ACTION"}
    bad = cli_as(people, "sm_bob", "actions", "ics", "-o", str(tmp_path / "x.txt"))
    assert bad.returncode == 2
    assert "should end in .ics" in bad.stderr


def test_only_the_functions_write_the_new_tables_and_only_for_ig_officers(
    pg_people: PgPeople,
) -> None:
    alice = pg_people("ig_alice", Role.IG_OFFICER)
    pg_people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS)
    pg_people("carol", Role.AUDITOR)
    alice.register.finalise(seed_facts())
    bob = pg_people.login("sm_bob")
    for name in ("ig_alice", "sm_bob", "carol"):
        engine = pg_people.connect_as(name)
        try:
            for statement in (
                f"INSERT INTO directory VALUES ('{bob}', NULL, 'x@y.z', NULL, '[]', now(), 'me')",
                "INSERT INTO complaints (breach_id, received_on, from_whom, how, summary,"
                " recorded_by, recorded_at) VALUES (1, '2021-03-15', 'x', 'letter', 'y', 'me',"
                " now())",
                "UPDATE reminder_messages SET state = 'sent'",
                "DELETE FROM reminders",
            ):
                with engine.connect() as conn, pytest.raises(DBAPIError) as refused:
                    conn.execute(text(statement))
                assert "permission denied" in str(refused.value)
            if name != "ig_alice":
                with engine.connect() as conn, pytest.raises(DBAPIError) as refused:
                    conn.execute(text(f"SELECT bd_set_person('{bob}', 'B', 'b@c.example')"))
                assert "permission denied" in str(refused.value)
                with engine.connect() as conn, pytest.raises(DBAPIError):
                    conn.execute(
                        text("SELECT bd_record_complaint(:r, CAST(:d AS jsonb))"),
                        {"r": SEED_REFERENCE, "d": '{"received_on": "2021-03-15"}'},
                    )
        finally:
            engine.dispose()
    engine = pg_people.connect_as("ig_alice")
    try:
        with engine.begin() as conn:
            conn.execute(text(f"SELECT bd_set_person('{bob}', 'Bob', 'bob@council.example')"))
            actor = conn.execute(
                text("SELECT actor FROM audit_log WHERE action = 'directory.set'")
            ).scalar_one()
        assert actor == pg_people.login("ig_alice")  # the server's word, not the caller's
    finally:
        engine.dispose()


def test_a_message_names_thirty_items_a_section_and_counts_the_rest() -> None:
    from datetime import UTC, datetime

    from breach_desk.domain.remind import Digest, Item, Kind
    from breach_desk.services.remind import compose

    items = [
        Item(Kind.ACTION, f"action:{n}", "overdue_1", f"IG-2026-{n:04d}", "Housing",
             f"Action number {n}", date(2026, 1, 1 + n % 28), "overdue by 3 days")
        for n in range(1, 41)
    ]  # fmt: skip
    msg = compose(Digest("bob", "bob@council.example", "Bob", items), "bd@council.example",
                  datetime(2026, 2, 10, 9, tzinfo=UTC))  # fmt: skip
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.count("  - IG-2026-") == 30
    assert "…and 10 more: open Breach Desk's My actions to see them all" in text
    assert msg["Subject"] == "Breach Desk: 40 overdue actions"
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert html.count("<li>") == 30


def test_a_closed_breach_never_causes_a_reminder(
    sqlite_people: SqlitePeople, frozen: Callable[[str], None]
) -> None:
    """As a breach brought in from an old log is kept: closed, its dates long past."""
    from sqlalchemy import create_engine

    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    sqlite_people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    from breach_desk.store import remind as store

    with alice.store.unit(write=True) as uow:
        store.set_person(uow, "ig_alice", "alice@council.example", None, Role.IG_OFFICER, [])
        store.set_person(uow, "sm_bob", "bob@council.example", None, "service_manager",
                         [CHILDRENS])  # fmt: skip
        store.record_complaint(uow, SEED_REFERENCE, date(2021, 3, 16), "x", "letter", "y")
    frozen("2021-05-01T12:00:00+00:00")
    before = cli_as(sqlite_people, "ig_alice", "remind", "--dry-run")
    assert before.stdout.count("Subject: Breach Desk:") == 2  # open: both hear of it
    engine = create_engine(sqlite_people.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE breaches SET status = 'closed'"))
    engine.dispose()
    after = cli_as(sqlite_people, "ig_alice", "remind", "--dry-run")
    assert after.returncode == 0, after.stderr
    assert "Subject:" not in after.stdout
    assert "would send 0 reminders" in after.stderr


def test_the_window_banner_counts_what_is_pressing_for_each_person(
    founded: SqlitePeople | PgPeople,
) -> None:
    """On both engines, as the person signed in (a service manager on PostgreSQL reads only
    their own service's rows, and no directory)."""
    from datetime import UTC, datetime

    from breach_desk.services.remind import banner_counts

    people = founded
    alice, bob = people.opened[0], people.opened[1]
    at = datetime(2021, 3, 18, 12, tzinfo=UTC)  # two of bob's late; the ICO clock 2 h late
    assert banner_counts(bob, at) == (2, 0, 0)
    assert banner_counts(alice, at) == (0, 1, 0)


def test_implicit_tls_and_a_server_certificate_not_trusted(tmp_path: Path) -> None:
    """TLS from the first byte (port 465 style); a certificate nobody vouches for is refused."""
    from remind_smtp import MailServer as Server

    from breach_desk.services.remind import load_settings, send_test

    server = Server(tmp_path, implicit=True)
    try:
        env = server.env()
        settings = load_settings(env, tmp_path / "none.json")
        assert settings.security == "tls"
        send_test(settings, "someone@council.example")
        assert len(server.to("someone@council.example")) == 1
        untrusted = load_settings(
            {k: v for k, v in env.items() if k != "BREACH_DESK_SMTP_CAFILE"},
            tmp_path / "none.json",
        )
        with pytest.raises(ValueError, match="CERTIFICATE_VERIFY_FAILED"):
            send_test(untrusted, "someone@council.example")
        assert len(server.received) == 1
    finally:
        server.stop()


def test_mail_settings_from_the_window_keep_no_password_and_the_environment_wins(
    tmp_path: Path,
) -> None:
    from breach_desk.services.remind import SettingsError, load_settings, save_settings

    path = tmp_path / "smtp.json"
    save_settings(
        {"host": "smtp.council.local", "port": 465, "security": "tls", "user": "svc",
         "from": "bd@council.example", "password": "hunter2"},
        path,
    )  # fmt: skip
    assert "hunter2" not in path.read_text(encoding="utf-8")
    settings = load_settings({}, path)
    assert (settings.host, settings.port, settings.security, settings.user) == (
        "smtp.council.local", 465, "tls", "svc"
    )  # fmt: skip
    assert "hunter2" not in repr(settings)
    env = {"BREACH_DESK_SMTP_HOST": "relay.example", "BREACH_DESK_SMTP_PORT": "2525"}
    over = load_settings(env, path)
    assert (over.host, over.port) == ("relay.example", 2525)
    with pytest.raises(SettingsError, match=r"^BREACH_DESK_SMTP_PORT: 'x' is not a port number$"):
        load_settings({"BREACH_DESK_SMTP_PORT": "x"}, path)
    with pytest.raises(SettingsError, match=r"^BREACH_DESK_SMTP_HOST: no mail server is set"):
        load_settings({}, tmp_path / "none.json")
    with pytest.raises(SettingsError, match="a login needs starttls or tls"):
        load_settings({"BREACH_DESK_SMTP_SECURITY": "none"}, path)
