"""Every sentence the command line says about a breach is true of its records: read as a person
reads it (show, list, actions list and show, audit recheck), with "today" moved far ahead by
BREACH_DESK_NOW, and compared with figures computed here from the register's own JSON. No code
of the method or the log ('NOTIFY_ICO', 'recommendation.done', 'very_high', 'subjects.count')
stands for a sentence. On SQLite and, with BREACH_DESK_TEST_PG, on PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import facts_dict
from cli.test_register_cli import Cli
from store.conftest import db_url, engine_name, fixed_now, pg_schema  # noqa: F401 - fixtures

from breach_desk.domain import vocabulary
from breach_desk.domain.description import day

FAR = "2031-06-15T10:00:00+01:00"
"""'Today' years after every due date: every open recommendation is long overdue."""
FAR_DAY = date(2031, 6, 15)

OLD_LOG = (
    "Log reference,Title,What happened,Service,When it happened,"
    "When the organisation became aware,Cause,Data involved,Number of people affected,"
    "Names of the people affected,Emails of the people affected,Who received the data,"
    "Emails of who received the data,Recipient poses a risk to the person,"
    "Why the recipient poses a risk,Reported to the ICO,The log's severity,When it was closed\n"
    "OL-2019-07,Ms D's address given to her former partner,Reception gave her new address "
    "away,Housing,03/2019,12/03/2019,Misdirected email,contact details,1,Ms D,ms.d@example.org,"
    "Former partner,former.partner@example.net,Yes,Non-molestation order against him,Yes,Red,"
    "30/06/2019\n"
)
AGAIN = {
    "title": "Ms D's new address sent to her former partner again",
    "aware_at": "2026-02-20T11:00:00",
    "service": "Housing",
    "subjects.people": [{"name": "Ms D", "email": "ms.d@example.org"}],
    "data.categories": ["contact_details"],
    "recipients": [
        {
            "label": "Former partner",
            "kind": "member_of_public",
            "email": "former.partner@example.net",
        }
    ],
}
TAX = {
    "title": "Council tax statement sent to the wrong account holder",
    "reference": "IG-2026-0101",
    "aware_at": "2026-02-23T10:00:00",
    "service": "Revenues and Benefits",
    "data.categories": ["financial", "contact_details"],
}


@pytest.fixture
def cli(
    db_url: str,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> Cli:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("BREACH_DESK_DB", db_url)
    return Cli(capsys, tmp_path)


def as_user(monkeypatch: pytest.MonkeyPatch, login: str) -> None:
    monkeypatch.setenv("LOGNAME", login)
    monkeypatch.setenv("USER", login)


def ok(cli: Cli, *args: str) -> str:
    status, out, err = cli(*args)
    assert status == 0, (args, err)
    return out


def actions_json(cli: Cli, reference: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(
        ok(cli, "actions", "list", "--breach", reference, "--json")
    )
    return found


CODES = re.compile(r"\b[A-Z]{3,}_[A-Z_]+\b|\b[a-z]+\.[a-z_]+\b|\bvery_high\b")
"""A recommendation's code, an audit entry's action, a fact's path, an enum's value."""


def codes_in(text: str) -> list[str]:
    """The codes in ``text`` (email addresses, the people's own data, aside)."""
    return CODES.findall(re.sub(r"\S+@\S+", "", text))


def test_a_risk_carried_forward_from_the_old_log_rechecks_as_decided(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    engine_name: str,  # noqa: F811 - the fixture
) -> None:
    """The register's own check must not call an untouched assessment 'changed outside the
    method' because a risk it carried forward from the old log is not in its stored matches."""
    as_user(monkeypatch, "akhan")
    log = cli.tmp_path / "old.csv"
    log.write_text(OLD_LOG, encoding="utf-8")
    ok(cli, "log", "import", str(log))
    ok(cli, "import", cli.file("again.json", [facts_dict(**AGAIN)]))
    shown = json.loads(ok(cli, "list", "--json"))
    again = next(b for b in shown if b["title"] == AGAIN["title"])
    assert again["risk"] == "high"  # the old log's recorded risk carried forward
    status, out, err = cli("audit", "recheck")
    assert status == 0, out + err
    assert "0 differ" in out
    text = ok(cli, "show", again["reference"])
    assert "OL-2019-07" in text
    assert not codes_in(text.split("Decision note (version")[0]), text


def test_show_list_and_actions_say_the_records_in_words(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    engine_name: str,  # noqa: F811 - the fixture
) -> None:
    as_user(monkeypatch, "akhan")
    ok(cli, "import", cli.file("tax.json", [facts_dict(**TAX)]))
    ref = TAX["reference"]
    ok(cli, "notify", "ico", ref, "--at", "2026-02-27T09:15", "--delay-reason", "Told late")
    by_code = {a["code"]: a for a in actions_json(cli, ref)}
    codes = sorted(by_code)
    done, verified, rejected, reopened, *_rest = (
        c for c in codes if c not in ("NOTIFY_ICO", "NOTIFY_SUBJECTS")
    )
    ok(cli, "actions", "done", str(by_code[done]["id"]), "--evidence", "Done in March")
    ok(cli, "actions", "done", str(by_code[verified]["id"]), "--evidence", "Checked")
    ok(cli, "actions", "reject", str(by_code[rejected]["id"]), "--reason", "Plays no part")
    ok(cli, "actions", "done", str(by_code[reopened]["id"]), "--evidence", "Old record")
    if engine_name == "sqlite":  # another IG officer verifies (on PostgreSQL: another login)
        as_user(monkeypatch, "bpatel")
        out = ok(cli, "actions", "verify", str(by_code[verified]["id"]))
        title = vocabulary.recommendation_title(verified)
        assert out.strip() == (
            f"Recommendation {by_code[verified]['id']} ({title}, {ref}) is now verified"
        )
    ok(cli, "actions", "reopen", str(by_code[reopened]["id"]), "--reason", "Two years old")

    monkeypatch.setenv("BREACH_DESK_NOW", FAR)
    actions = actions_json(cli, ref)
    text = ok(cli, "show", ref)
    before_note = text.split("Decision note (version")[0]
    assert not codes_in(before_note), before_note
    for a in actions:
        name = vocabulary.recommendation_title(a["code"], a["text"])
        line = next(x for x in before_note.splitlines() if x.strip().startswith(f"{a['id']} "))
        assert name[:30] in line
        assert f"due {day(date.fromisoformat(a['due_date']))}" in line
        late = (FAR_DAY - date.fromisoformat(a["due_date"])).days
        if a["status"] in ("open", "in_progress"):
            assert line.endswith(f"OVERDUE by {vocabulary.days(late)}"), line
            assert a["overdue_days"] == late
        else:
            assert "OVERDUE" not in line
    assert "Status: Assessed" in text
    assert "Recommendation rejected: " in text
    assert "· why: Plays no part" in text
    assert "Report to the ICO recorded" in text

    listed = ok(cli, "actions", "list", "--breach", ref)
    assert not codes_in(listed), listed
    for a in actions:
        line = next(x for x in listed.splitlines() if x.split()[0] == str(a["id"]))
        if a["overdue"]:
            assert vocabulary.days_late(a["overdue_days"]) in line
        assert day(date.fromisoformat(a["due_date"])) in line

    (row,) = json.loads(ok(cli, "list", "--json"))
    (line,) = ok(cli, "list").splitlines()[1:]
    assert vocabulary.RISK_SHORT[row["risk"]] in line
    open_now = sum(1 for a in actions if a["status"] in ("open", "in_progress"))
    overdue_now = sum(1 for a in actions if a["overdue"])
    assert line.split()[-len(TAX["title"].split()) - 2 :][:2] == [str(open_now), str(overdue_now)]

    one = by_code[reopened]["id"]
    shown = ok(cli, "actions", "show", str(one))
    assert shown.startswith(f"Recommendation {one}: {vocabulary.recommendation_title(reopened)}")
    assert "recorded as Open" in shown
    assert not codes_in(shown), shown


def test_a_reminder_gives_the_ico_clock_the_register_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The email's 'late by' is the one ICO clock's, at the same moment: whole days after a
    week, as the register's ICO column says it (not '2,277 d 22 h' beside '2,278 d')."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("BREACH_DESK_DB", f"sqlite:///{tmp_path / 'register.sqlite3'}")
    as_user(monkeypatch, "akhan")
    cli = Cli(capsys, tmp_path)
    ok(cli, "import", cli.file("tax.json", [facts_dict(**TAX)]))
    ok(cli, "user", "set", "akhan", "--email", "akhan@council.example", "--role", "ig_officer")
    for at, days in ((FAR, None), ("2026-02-26T02:00:00+00:00", 0)):
        monkeypatch.setenv("BREACH_DESK_NOW", at)
        (row,) = json.loads(ok(cli, "list", "--json"))
        clock = row["clock"]["text"]
        assert clock.startswith("late by" if days is None else "due in"), clock
        mail = ok(cli, "remind", "--dry-run")
        (line,) = [x for x in mail.splitlines() if "the 72 hours e" in x and TAX["reference"] in x]
        ended = "ended" if days is None else "end"
        assert f"the 72 hours {ended} " in line
        assert line.endswith(
            f"report to the ICO {clock}" + (", no report recorded" if days is None else "")
        ), line


def test_complaints_are_listed_with_dates_as_dates_and_ways_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("BREACH_DESK_DB", f"sqlite:///{tmp_path / 'register.sqlite3'}")
    as_user(monkeypatch, "akhan")
    cli = Cli(capsys, tmp_path)
    ok(cli, "import", cli.file("tax.json", [facts_dict(**TAX)]))
    monkeypatch.setenv("BREACH_DESK_NOW", "2026-12-06T09:00:00+00:00")
    ok(
        cli,
        *("complaint", "add", TAX["reference"], "--received", "2026-10-01", "--from", "Mr X"),
        *("--how", "in_person", "--summary", "Asks what was done"),
    )
    monkeypatch.setenv("BREACH_DESK_NOW", FAR)
    late = (FAR_DAY - date(2026, 10, 30)).days
    first = ok(cli, "complaint", "list").splitlines()[0]
    assert first.endswith(
        f"received 1 Oct 2026 (In person) · Acknowledgement late by {late:,} days "
        "(was due 30 Oct 2026)"
    ), first


def test_a_refused_plan_names_the_recommendation_not_its_code() -> None:
    """Removing, on reassessment, a recommendation already done is refused by its number and
    name ('recommendation 7 (Apologise) is already done'), the words the lists use."""
    from builders import DECIDED, facts

    from breach_desk.domain.errors import InvalidChange
    from breach_desk.domain.plan import Tracked
    from breach_desk.method import assess
    from breach_desk.services.recommendations import plan

    a = assess(facts(), DECIDED)
    first = a.recommendations[0]
    done = Tracked(7, first.code, first.text, first.owner_role, first.due_date, "done")
    with pytest.raises(InvalidChange) as refused:
        plan(a, None, [(first.code, "Not needed")], {first.code: done})
    said = str(refused.value)
    name = vocabulary.recommendation_title(first.code, first.text)
    assert said == f"recommendation 7 ({name}) is already done: keep it"
    assert not codes_in(said)
    with pytest.raises(InvalidChange) as unexplained:
        plan(a, None, [(first.code, " ")], {})
    assert str(unexplained.value) == f"removing “{name}” needs a reason"
