"""``breach-desk remind`` against a real mail server (aiosmtpd, STARTTLS, login), on both engines:
one message per person with what concerns them, each reminder once, escalation, a refused
address, a dry run, and nothing personal in any message."""

from __future__ import annotations

import re
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from remind_people import cli_as, login, popen_as
from remind_smtp import PASSWORD, USER, MailServer, mail_server  # noqa: F401 (fixture)
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, SqlitePeople, seed_facts

from breach_desk.domain.register import Role

ALICE, BOB, CAROL, ERIN = (f"{n}@council.example" for n in ("alice", "bob", "carol", "erin"))

Desk = tuple[SqlitePeople | PgPeople, MailServer]


def _set(people: SqlitePeople | PgPeople, name: str, email: str, *role: str) -> None:
    """What 'user set' does (tested through the command in test_remind_directory), in-process
    as the IG officer, for speed."""
    from breach_desk.store import remind as store

    officer = people.opened[0]
    on_sqlite = isinstance(people, SqlitePeople) and bool(role)
    with officer.store.unit(write=True) as uow:
        store.set_person(
            uow,
            login(people, name),
            email,
            None,
            role[0] if on_sqlite else None,
            list(role[1:]) if on_sqlite else None,
        )


@pytest.fixture
def desk(people: SqlitePeople | PgPeople, mail_server: MailServer) -> Desk:  # noqa: F811
    alice = people("ig_alice", Role.IG_OFFICER)
    people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS)
    people("carol", Role.AUDITOR)
    alice.register.finalise(seed_facts())
    _set(people, "ig_alice", ALICE, Role.IG_OFFICER)
    _set(people, "sm_bob", BOB, Role.SERVICE_MANAGER, CHILDRENS)
    _set(people, "carol", CAROL, Role.AUDITOR)
    _set(people, "erin", ERIN)
    return people, mail_server


def remind(desk: Desk, *args: str, who: str = "ig_alice") -> tuple[int, str, str]:
    people, server = desk
    done = cli_as(people, who, "remind", *args, mail=server.env())
    return done.returncode, done.stdout, done.stderr


def test_each_person_gets_one_message_with_what_concerns_them(
    desk: Desk, frozen: Callable[[str], None]
) -> None:
    _people, server = desk
    frozen("2021-03-17T12:00:00+00:00")  # SAFETY_PLAN a day late; the ICO clock 22 h from its end
    status, _, err = remind(desk)
    assert status == 0, err
    assert "sent 2 reminders" in err + _
    assert PASSWORD not in err + _
    assert len(server.to(BOB)) == 1
    assert len(server.to(ALICE)) == 1
    assert server.to(CAROL) == []
    assert server.to(ERIN) == []

    bob = server.to(BOB)[0]
    assert bob.message["Subject"] == "Breach Desk: 1 overdue action, 1 action due soon"
    assert bob.message["Message-ID"]
    assert bob.message["Date"]
    text = bob.text
    assert "Contact the person about their safety" in text
    assert "overdue by 1 day" in text
    assert "due today" in text
    assert SEED_REFERENCE in text
    assert CHILDRENS in text
    assert f"breach-desk show {SEED_REFERENCE}" in text
    assert "Report the breach to the ICO" not in text  # the IG team's, not his
    assert "overdue by 1 day" in bob.html
    assert "&#x27;" in bob.html

    alice = server.to(ALICE)[0].text
    assert "report to the ICO due in 22 h" in alice
    assert "Report the breach to the ICO" in alice
    assert "due tomorrow" in alice
    assert "Contact the person about their safety" not in alice


def test_a_second_run_the_same_day_sends_nothing_and_each_send_is_audited(
    desk: Desk, frozen: Callable[[str], None]
) -> None:
    people, server = desk
    frozen("2021-03-17T12:00:00+00:00")
    assert remind(desk)[0] == 0
    first = len(server.received)
    status, out, err = remind(desk)
    assert status == 0
    assert "sent 0 reminders" in out + err
    assert len(server.received) == first

    frozen("2021-03-18T12:00:00+00:00")  # the next day: only what crossed a threshold since
    assert remind(desk)[0] == 0
    later = server.received[first:]
    assert sorted(r.recipients[0] for r in later) == [ALICE, BOB]
    bob = next(r for r in later if BOB in r.recipients).text
    assert "Obtain written confirmation" in bob  # RECALL_DATA, now overdue
    assert "Contact the person about their safety" not in bob  # already told: same week
    alice = next(r for r in later if ALICE in r.recipients).text
    assert "late by 2 h, no report recorded" in alice

    history = cli_as(people, "ig_alice", "audit", "verify")
    assert history.returncode == 0, history.stderr
    from sqlalchemy import text

    with people.opened[0].store.unit() as uow:
        entries = uow.session.execute(
            text("SELECT actor, after FROM audit_log WHERE action = 'reminder.sent'")
        ).all()
    assert len(entries) == 4  # two messages a day, each in the audit chain
    assert {actor for actor, _ in entries} == {login(people, "ig_alice")}
    assert all("@" not in after.replace("@council.example", "") for _, after in entries)


def test_a_long_overdue_action_copies_the_escalation_contact(
    desk: Desk, frozen: Callable[[str], None]
) -> None:
    people, server = desk
    done = cli_as(
        people, "ig_alice", "user", "escalation", CHILDRENS, "--to", login(people, "erin")
    )
    assert done.returncode == 0, done.stderr
    frozen("2021-03-24T12:00:00+00:00")  # SAFETY_PLAN 8 days late: not yet escalated
    assert remind(desk)[0] == 0
    assert server.to(ERIN) == []
    frozen("2021-03-31T12:00:00+00:00")  # 15 days late
    assert remind(desk)[0] == 0
    copied = server.to(ERIN)
    assert len(copied) == 1
    msg = copied[0]
    assert BOB in msg.recipients
    assert msg.message["Cc"] == ERIN
    assert msg.message["To"] == BOB
    assert "overdue by 15 days" in msg.text
    assert "copied to" in msg.text

    frozen("2021-04-07T12:00:00+00:00")  # 22 days late: again, and the copy is refused
    server.handler.refused.add(ERIN)
    status, _out, err = remind(desk)
    assert status == 1
    assert "but the server refused the copy to erin@council.example" in err
    assert len(server.to(BOB)) == 3  # bob's went all the same, and is not sent again
    assert remind(desk)[0] == 0
    assert len(server.to(BOB)) == 3


def test_a_refused_address_is_reported_and_tried_again_next_run(
    desk: Desk, frozen: Callable[[str], None]
) -> None:
    _people, server = desk
    frozen("2021-03-17T12:00:00+00:00")
    server.handler.refused.add(BOB)
    status, _out, err = remind(desk)
    assert status == 1
    assert re.search(r"not sent to \S*sm_bob\S*: the server refused the address", err)
    assert "Traceback" not in err
    assert len(server.to(ALICE)) == 1
    assert server.to(BOB) == []

    server.handler.refused.clear()
    status, _out, err = remind(desk)
    assert status == 0, err
    assert len(server.to(BOB)) == 1
    assert len(server.to(ALICE)) == 1


def test_dry_run_prints_the_messages_and_sends_and_records_nothing(
    desk: Desk, frozen: Callable[[str], None]
) -> None:
    people, server = desk
    frozen("2021-03-17T12:00:00+00:00")
    status, out, err = remind(desk, "--dry-run")
    assert status == 0, err
    assert out.count("Subject: Breach Desk:") == 2
    assert "would send 2 reminders" in err
    assert server.received == []
    status, out, err = remind(desk, "--dry-run", "--to", login(people, "sm_bob"))
    assert out.count("Subject: Breach Desk:") == 1
    assert BOB in out
    assert remind(desk)[0] == 0  # nothing was recorded by the dry runs: the real run sends all
    assert len(server.received) == 2


def test_a_run_killed_mid_way_resumes_without_sending_twice(
    desk: Desk, frozen: Callable[[str], None]
) -> None:
    people, server = desk
    frozen("2021-03-17T12:00:00+00:00")
    server.handler.held = BOB  # alice's goes first (logins in order), bob's hangs at RCPT
    run = popen_as(people, "ig_alice", "remind", mail=server.env())
    try:
        assert server.handler.reached_hold.wait(60)
        run.send_signal(signal.SIGKILL)
        run.wait(30)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == -signal.SIGKILL
    assert len(server.to(ALICE)) == 1
    assert server.to(BOB) == []
    server.handler.held = None
    server.handler.release.set()

    status, out, err = remind(desk)
    assert status == 0, err
    assert "left unsent by an earlier run" in out + err
    assert len(server.to(ALICE)) == 1  # not sent twice
    assert len(server.to(BOB)) == 1
    status, out, err = remind(desk)
    assert len(server.received) == 2


def test_only_an_ig_officer_sends_reminders(desk: Desk, frozen: Callable[[str], None]) -> None:
    frozen("2021-03-17T12:00:00+00:00")
    status, _, err = remind(desk, who="sm_bob")
    assert status == 1
    assert "only an IG officer" in err
    assert desk[1].received == []


def test_the_test_message_and_bad_settings(desk: Desk) -> None:
    people, server = desk
    status, _out, err = remind(desk, "--test-to", "someone@council.example")
    assert status == 0, err
    assert len(server.to("someone@council.example")) == 1
    msg = server.received[0].message
    assert msg.get_content_type() == "multipart/alternative"
    bad = cli_as(
        people, "ig_alice", "remind", mail={**server.env(), "BREACH_DESK_SMTP_SECURITY": "ssl3"}
    )
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "breach-desk: BREACH_DESK_SMTP_SECURITY: 'ssl3' is not one of starttls, tls, none"
    )
    wrong = cli_as(
        people,
        "ig_alice",
        "remind",
        "--test-to",
        "x@council.example",
        mail={**server.env(), "BREACH_DESK_SMTP_PASSWORD": "wrong-one"},
    )
    assert wrong.returncode == 1
    assert "535" in wrong.stderr
    assert "wrong-one" not in wrong.stderr


def test_the_password_can_come_from_the_system_keyring(desk: Desk, tmp_path: Path) -> None:
    """With no BREACH_DESK_SMTP_PASSWORD, the login's password is read from the keyring (the
    keyring library, with a file backend standing in for a desktop's), and never printed."""
    import json
    import os

    people, server = desk
    store = tmp_path / "keyring.json"
    store.write_text(json.dumps({f"breach-desk-smtp\n{USER}": PASSWORD}), encoding="utf-8")
    here = str(Path(__file__).resolve().parent)
    mail = {k: v for k, v in server.env().items() if k != "BREACH_DESK_SMTP_PASSWORD"}
    mail |= {
        "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        "BREACH_DESK_TEST_KEYRING": str(store),
        "PYTHONPATH": os.pathsep.join([here, os.environ.get("PYTHONPATH", "")]),
    }
    done = cli_as(people, "ig_alice", "remind", "--test-to", "k@council.example", mail=mail)
    assert done.returncode == 0, done.stderr
    assert len(server.to("k@council.example")) == 1
    assert PASSWORD not in done.stdout + done.stderr
    store.write_text("{}", encoding="utf-8")  # nothing kept: the server refuses the login
    refused = cli_as(people, "ig_alice", "remind", "--test-to", "k2@council.example", mail=mail)
    assert refused.returncode == 2
    assert refused.stderr.startswith("breach-desk: BREACH_DESK_SMTP_PASSWORD: the mail login")
    assert len(refused.stderr.strip().splitlines()) == 1
    assert server.to("k2@council.example") == []


HOSTILE = "Zebedee Quux-Hostile"


def test_nothing_personal_reaches_a_message(
    people: SqlitePeople | PgPeople,
    mail_server: MailServer,  # noqa: F811
    frozen: Callable[[str], None],
) -> None:
    import dataclasses

    from breach_desk.domain.facts import Person

    facts = seed_facts()
    facts = dataclasses.replace(
        facts,
        title=f"Title of {HOSTILE} <script>alert(1)</script>",
        description=f"{HOSTILE} description, NHS 943 476 5919",
        subjects=dataclasses.replace(
            facts.subjects,
            people=(Person(name=f"{HOSTILE} person", email="hostile.person@example.org"),),
        ),
        recipients=tuple(
            dataclasses.replace(r, label=f"{HOSTILE} recipient", risk_note=f"{HOSTILE} note")
            for r in facts.recipients
        ),
    )
    alice = people("ig_alice", Role.IG_OFFICER)
    people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(facts)
    _set(people, "ig_alice", ALICE, Role.IG_OFFICER)
    _set(people, "sm_bob", BOB, Role.SERVICE_MANAGER, CHILDRENS)
    frozen("2021-03-17T12:00:00+00:00")
    done = cli_as(people, "ig_alice", "remind", mail=mail_server.env())
    assert done.returncode == 0, done.stderr
    assert len(mail_server.received) == 2
    for r in mail_server.received:
        raw = r.raw.decode("utf-8", "replace")
        for secret in (
            "Zebedee",
            "Quux",
            "hostile.person",
            "943 476",
            "mental",
            "Mr B",
            "convicted",
            "Person A",
        ):
            assert secret not in raw
            assert secret not in r.text
            assert secret not in r.html
