"""The real window, over a register filled through the command line as an officer would, with
"today" years ahead (BREACH_DESK_NOW): each sentence it shows about the breaches (the banner,
the register's cells and tooltips, the dashboard's figures and lists) is compared with figures
computed here from the register's own records (``list --json``, ``actions list --json``,
``complaint list``)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from builders import facts_dict
from cli.test_what_the_command_line_says import OLD_LOG
from PySide6.QtCore import Qt

from breach_desk.cli import main
from breach_desk.domain import vocabulary
from breach_desk.domain.clock import LONDON
from breach_desk.gui import remind_gui
from breach_desk.gui.register.model import COL

FAR = "2031-06-15T10:00:00+01:00"
FAR_DAY = date(2031, 6, 15)
RECEIVED = [date(2026, 10, 1), date(2026, 11, 20)]

TAX = {
    "title": "Council tax statement sent to the wrong account holder",
    "reference": "IG-2026-0101",
    "aware_at": "2026-02-23T10:00:00",
    "service": "Revenues and Benefits",
    "data.categories": ["financial", "contact_details"],
}
LETTER = {
    "title": "Letter sent to the wrong address",
    "reference": "IG-2026-0102",
    "aware_at": "2026-03-01T09:00:00",
    "service": "Housing",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    status = main(list(args))
    out, err = capsys.readouterr()
    assert status == 0, (args, err)
    return out


@pytest.fixture
def register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """Two breaches: recommendations done on time and verified, done and waiting, rejected,
    reopened, open; a report to the ICO made late with its reasons; two complaints waiting."""
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("BREACH_DESK_DB", url)
    monkeypatch.delenv("BREACH_DESK_NOW", raising=False)
    for login in ("akhan", "bpatel"):
        monkeypatch.setenv("LOGNAME", login)
        run(capsys, "user", "role", "ig_officer")
    monkeypatch.setenv("LOGNAME", "akhan")
    log = tmp_path / "old.csv"
    log.write_text(OLD_LOG, encoding="utf-8")
    run(capsys, "log", "import", str(log))
    path = tmp_path / "facts.json"
    path.write_text(json.dumps([facts_dict(**TAX), facts_dict(**LETTER)]), encoding="utf-8")
    run(capsys, "import", str(path))
    ref = TAX["reference"]
    run(capsys, "notify", "ico", ref, "--at", "2026-02-27T09:15", "--delay-reason", "Told late")
    acts = json.loads(run(capsys, "actions", "list", "--breach", ref, "--json"))
    ids = [str(a["id"]) for a in acts if a["code"] not in ("NOTIFY_ICO", "NOTIFY_SUBJECTS")]
    run(capsys, "actions", "done", ids[0], "--evidence", "Done early")
    run(capsys, "actions", "done", ids[1], "--evidence", "Waiting for a check")
    run(capsys, "actions", "reject", ids[2], "--reason", "Plays no part")
    run(capsys, "actions", "done", ids[3], "--evidence", "Old record")
    monkeypatch.setenv("LOGNAME", "bpatel")
    run(capsys, "actions", "verify", ids[0])
    run(capsys, "actions", "reopen", ids[3], "--reason", "Two years old")
    monkeypatch.setenv("LOGNAME", "akhan")
    for received, reference in zip(RECEIVED, (ref, LETTER["reference"]), strict=True):
        run(
            capsys,
            *("complaint", "add", reference, "--received", received.isoformat()),
            *("--from", "Mr X", "--how", "letter", "--summary", "Asks what was done"),
        )
    monkeypatch.delenv("BREACH_DESK_DB")
    return url


def records(capsys: pytest.CaptureFixture[str], url: str) -> tuple[list[Any], list[Any]]:
    breaches = json.loads(run(capsys, "--db", url, "list", "--json"))
    actions = json.loads(run(capsys, "--db", url, "actions", "list", "--json"))
    for b in breaches:  # actions list leaves finished ones out: read each breach's all
        more = json.loads(
            run(capsys, "--db", url, "actions", "list", "--breach", b["reference"], "--json")
        )
        actions += [a for a in more if a["id"] not in {x["id"] for x in actions}]
    return breaches, actions


def test_the_window_says_what_the_records_hold_years_ahead(
    register: str,
    desk_factory: Any,
    answers: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", FAR)
    monkeypatch.setenv("LOGNAME", "akhan")
    breaches, actions = records(capsys, register)
    desk = desk_factory(register)
    window = desk.window

    # The banner: both complaints are years late, none is "soon".
    late = [r for r in RECEIVED if r + timedelta(days=29) < FAR_DAY]
    banner = window.findChild(remind_gui.Banner)
    desk.qtbot.waitUntil(lambda: banner.isVisible(), timeout=10000)
    said = banner.button.text()
    assert f"{len(late)} complaint acknowledgements due within 7 days or late" in said
    assert "soon" not in said

    # The register: the Complaint cell's tooltip is the whole sentence, with the days counted
    # from the receipt (the day of receipt the first of 30); the Overdue cell's, its counts.
    view = window.register_view
    model = view.proxy
    by_ref = {model.index(r, COL["reference"]).data(): r for r in range(model.rowCount())}
    for received, reference in zip(RECEIVED, (TAX["reference"], LETTER["reference"]), strict=True):
        due = received + timedelta(days=29)
        days = (FAR_DAY - due).days
        tip = model.index(by_ref[reference], COL["complaint"]).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == (f"Acknowledgement late by {days:,} days (was due {due.day} {due:%b %Y})")
        assert model.index(by_ref[reference], COL["complaint"]).data() == (
            f"late by {days:,} days (was due {due.day} {due:%b %Y})"
        )
    for b in breaches:
        mine = [a for a in actions if a["reference"] == b["reference"]]
        waiting = [a for a in mine if a["status"] in ("open", "in_progress")]
        overdue = [a for a in waiting if date.fromisoformat(a["due_date"]) < FAR_DAY]
        cell = model.index(by_ref[b["reference"]], COL["overdue"])
        assert cell.data() == (f"{len(overdue):,}" if overdue else "")
        verb = "is" if len(overdue) == 1 else "are"
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
            f"{len(overdue):,} of {len(waiting):,} open recommendations {verb} overdue"
            if overdue
            else None
        )
        ico = model.index(by_ref[b["reference"]], COL["ico"]).data(Qt.ItemDataRole.ToolTipRole)
        if b["ico_deadline"]:
            deadline = datetime.fromisoformat(b["ico_deadline"]).astimezone(LONDON)
            assert ico.endswith(f"(deadline {deadline:%a %d %b %Y %H:%M %Z})"), ico
    # A report made late says so in the cell itself, not only by its colour and tooltip.
    late_cell = model.index(by_ref[TAX["reference"]], COL["ico"]).data()
    assert late_cell.startswith("reported "), late_cell
    assert late_cell.endswith(" late"), late_cell
    tip = model.index(by_ref[TAX["reference"]], COL["ico"]).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{late_cell}, on 27 Feb 2026 09:15 (reasons recorded)"), tip

    # The breach's detail: each recommendation's status and lateness in My actions' words.
    window.open_breach(TAX["reference"])
    desk.qtbot.waitUntil(
        lambda: (b := view.current_breach()) is not None and b.reference == TAX["reference"],
        timeout=10000,
    )
    desk.wait_idle()
    tab = view.detail.recommendations
    shown = {
        tab.index(r, 1).data(): (tab.index(r, 4).data(), tab.index(r, 5).data())
        for r in range(tab.rowCount())
    }
    for a in (a for a in actions if a["reference"] == TAX["reference"]):
        status, late = shown[a["text"]]
        if a["status"] == "done":
            assert status == "Done — to verify"
        if a["overdue"]:
            assert late == f"{(FAR_DAY - date.fromisoformat(a['due_date'])).days:,} d late"
        else:
            assert late == ""

    # A breach from the old log, opened after an assessed one, shows no assessment: not the
    # badges, the version or the note of the breach shown before it.
    detail = view.detail
    assert detail.band.text()  # the assessed breach's band, shown
    window.open_breach("OL-2019-07")
    desk.qtbot.waitUntil(
        lambda: (b := view.current_breach()) is not None and b.reference == "OL-2019-07",
        timeout=10000,
    )
    desk.wait_idle()
    assert (detail.band.text(), detail.risk.text()) == ("", "")
    assert detail.tabs.tabText(1) == "Assess&ment"
    assert detail.note.toPlainText() == vocabulary.OLD_LOG_NOT_ASSESSED
    assert "Not assessed" in detail.assessment.toPlainText()
    export = window.commands.actions["export"]
    assert not export.isEnabled()
    assert export.toolTip() == vocabulary.old_log_why_not("OL-2019-07")  # says why

    # The dashboard: the recommendations due so far (their due day over), counted here.
    board = desk_view(desk, "dashboard")
    due = [
        a
        for a in actions
        if date.fromisoformat(a["due_date"]) < FAR_DAY and a["status"] != "rejected"
    ]
    on_time = [
        a
        for a in due
        if a["status"] == "verified"
        and datetime.fromisoformat(a["done_at"]).astimezone(LONDON).date()
        <= date.fromisoformat(a["due_date"])
    ]
    waiting = [a for a in due if a["status"] == "done"]
    not_done = [a for a in due if a["status"] in ("open", "in_progress")]
    verified_early = [
        a
        for a in actions
        if a["status"] == "verified" and date.fromisoformat(a["due_date"]) >= FAR_DAY
    ]
    assert not verified_early  # every due date is years before "today"
    total = len(on_time) + len(waiting) + len(not_done)
    assert board.time_words.text() == (
        f"{len(on_time)} of {total} recommendations due so far were done by their due date and "
        f"verified ({len(on_time) / total:.0%}); 0 late, {len(waiting)} waiting to be verified, "
        f"{len(not_done)} overdue."
    )
    assert f"{len(not_done)} recommendations overdue" in board.headline.text()
    statuses = {board.repeats.index(r, 4).data() for r in range(board.repeats.rowCount())}
    assert statuses <= {"Open", "Closed"}


def desk_view(desk: Any, key: str) -> Any:
    desk.window.show_view(key)
    desk.wait_idle()
    view = desk.window.views[key]
    desk.qtbot.waitUntil(lambda: view.board is not None, timeout=10000)
    return view
