"""Recording who was told, in the window (issue 11): the four commands on the Breach menu for IG
officers, their dialogs with the problem beside the field, and the one ICO clock in the register
column, the detail's badge and the records under the facts; a breach needing no report shows no
clock anywhere in the window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from builders import facts_dict
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser
from tracking_desk import Answers, Desk, replace_dialogs
from tracking_people import CHILDRENS, SEED_REFERENCE, SqlitePeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.facts_io import facts_from_dict
from breach_desk.gui.notify_dialogs import FollowUpDialog, IcoReportDialog, PeopleToldDialog
from breach_desk.gui.register.model import COL

pytestmark = pytest.mark.gui

QUIET = facts_dict(service="Housing", aware_at="2021-03-14T09:00:00")


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return replace_dialogs(monkeypatch)


@pytest.fixture
def desks(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    made: list[Desk] = []

    def make(people: SqlitePeople, login: str) -> Desk:
        for key, value in people.env(login).items():
            people.monkeypatch.setenv(key, value)
        desk = Desk(qtbot, people.url, tmp_path / f"ui-{len(made)}.ini")
        made.append(desk)
        qtbot.waitUntil(lambda: desk.window.register_view.model.loaded, timeout=20000)
        desk.wait_idle()
        return desk

    yield make
    for desk in made:
        desk.close()


def select(desk: Desk, reference: str) -> Any:
    view = desk.window.register_view
    desk.window.open_breach(reference)
    desk.qtbot.waitUntil(
        lambda: view.current_breach() is not None and view.current_breach().reference == reference,
        timeout=10000,
    )
    desk.wait_idle()
    return view.current_breach()


def ico_cell(desk: Desk, reference: str) -> str:
    view = desk.window.register_view
    for row in range(view.model.total):
        if view.proxy.index(row, COL["reference"]).data() == reference:
            # The cell shows the clock's short form; its tooltip the whole sentence.
            cell = view.proxy.index(row, COL["ico"])
            tip = str(cell.data(Qt.ItemDataRole.ToolTipRole) or cell.data())
            assert tip.startswith(str(cell.data()))
            return tip.split(" (deadline")[0]
    raise AssertionError(f"{reference} is not listed")


def window_text(desk: Desk) -> str:
    """Everything the window shows in words: labels, the detail's pages, the register's cells."""
    w = desk.window
    parts = [label.text() for label in w.findChildren(QLabel) if label.isVisible()]
    parts += [b.toPlainText() for b in w.findChildren(QTextBrowser)]
    view = w.register_view
    for row in range(view.model.total):
        parts += [str(view.proxy.index(row, c).data() or "") for c in COL.values()]
    parts += [a.text() + " " + a.toolTip() for a in w.commands.actions.values()]
    return "\n".join(parts)


def test_an_ig_officer_records_the_report_and_the_clock_says_so_everywhere(
    sqlite_people, desks, answers, frozen, monkeypatch
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    frozen("2021-03-17T09:00:00+00:00")
    desk = desks(sqlite_people, "ig_alice")
    select(desk, SEED_REFERENCE)
    detail = desk.window.register_view.detail
    assert ico_cell(desk, SEED_REFERENCE) == "due in 25 h"
    assert detail.clock.text() == "ICO clock: due in 25 h"
    actions = desk.window.commands.actions
    assert actions["notify_ico"].isEnabled()
    assert not actions["notify_follow_up"].isEnabled()  # nothing to follow up yet
    given = {
        "at": datetime.fromisoformat("2021-03-16T11:30:00+00:00"),
        "how": "email",
        "ico_reference": "IC-<1>",
        "delay_reason": "",
        "voluntary": False,
    }
    monkeypatch.setattr(IcoReportDialog, "ask", classmethod(lambda _c, _p, _b: dict(given)))
    actions["notify_ico"].trigger()
    reported = "reported 16 Mar 2021 11:30 (25 h after awareness)"
    desk.qtbot.waitUntil(lambda: detail.clock.text() == f"ICO clock: {reported}", timeout=10000)
    desk.wait_idle()
    desk.qtbot.waitUntil(lambda: ico_cell(desk, SEED_REFERENCE) == reported, timeout=10000)
    assert "ICO case reference IC-<1>" in detail.facts.toPlainText()  # escaped, shown as typed
    assert not actions["notify_ico"].isEnabled()
    assert actions["notify_follow_up"].isEnabled()
    follow = {"at": datetime.fromisoformat("2021-03-16T15:00:00+00:00"), "text": "212 people"}
    monkeypatch.setattr(FollowUpDialog, "ask", classmethod(lambda _c, _p, _b: dict(follow)))
    actions["notify_follow_up"].trigger()
    desk.qtbot.waitUntil(
        lambda: "Follow-up 1 to the ICO: 212 people" in detail.facts.toPlainText(), timeout=10000
    )
    told = {
        "at": datetime.fromisoformat("2021-03-16T16:00:00+00:00"),
        "how": "letter",
        "count": 1,
        "letter_text": "Dear Mr A",
    }
    monkeypatch.setattr(PeopleToldDialog, "ask", classmethod(lambda _c, _p, _b: dict(told)))
    actions["notify_people"].trigger()
    desk.qtbot.waitUntil(lambda: "Dear Mr A" in detail.facts.toPlainText(), timeout=10000)
    breach = alice.register.get(SEED_REFERENCE)
    assert {r.code: r.status.value for r in breach.recommendations}["NOTIFY_SUBJECTS"] == "done"
    assert not answers.notices


def test_the_dialog_shows_the_problem_beside_the_field_and_keeps_it_open(
    sqlite_people, qtbot, frozen
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    breach = alice.register.finalise(seed_facts())
    dialog = IcoReportDialog(None, breach)
    qtbot.addWidget(dialog)
    dialog.at.edit.selectAll()
    qtbot.keyClicks(dialog.at.edit, "31/11/2020 09:00")  # a day that does not exist
    dialog._try_accept()
    assert "31 November 2020 does not exist" in dialog.errors["at"].text()
    assert dialog.result() == 0
    dialog.at.edit.selectAll()
    qtbot.keyClicks(dialog.at.edit, "19 Mar 2021 9:00")
    assert dialog.at.said.text() == "Friday 19 March 2021, 09:00 GMT"
    dialog.delay.setPlainText("")
    dialog._try_accept()
    error = dialog.errors["delay_reason"]
    assert not error.isHidden()
    assert "give the reasons for the delay" in error.text()
    assert dialog.result() == 0  # still open: nothing sent
    dialog.delay.setPlainText("The service told us late")
    dialog._try_accept()
    assert error.isHidden()
    assert dialog.result() == 1


def test_a_breach_needing_no_report_shows_no_clock_anywhere_in_the_window(
    sqlite_people, desks, answers, frozen
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    quiet = alice.register.finalise(facts_from_dict(QUIET))
    frozen("2021-06-01T09:00:00+00:00")  # months after awareness
    desk = desks(sqlite_people, "ig_alice")
    select(desk, quiet.reference)
    detail = desk.window.register_view.detail
    assert detail.clock.isHidden()
    assert ico_cell(desk, quiet.reference) == "not required"
    shown = window_text(desk)
    assert "late" not in shown.lower().replace("related", "").replace("translate", "")
    assert "ICO clock" not in shown


def test_service_managers_and_auditors_cannot_record(sqlite_people, desks, answers, frozen) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    desk = desks(sqlite_people, "sm_childrens")
    select(desk, SEED_REFERENCE)
    actions = desk.window.commands.actions
    for key in ("notify_ico", "notify_follow_up", "notify_response", "notify_people"):
        assert not actions[key].isEnabled(), key
    assert "Only an IG officer" in actions["notify_ico"].toolTip()


def test_reassessing_a_reported_breach_the_wizard_says_when_it_was_reported(
    sqlite_people, desks, answers, frozen
) -> None:
    from breach_desk.gui.wizard.state import Page
    from breach_desk.services.notifications import Notify

    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    Notify(alice.register).record_ico(
        SEED_REFERENCE, at=datetime.fromisoformat("2021-03-18T09:12:00+00:00")
    )
    frozen("2021-06-01T09:00:00+00:00")  # long after the 72 hours
    desk = desks(sqlite_people, "ig_alice")
    select(desk, SEED_REFERENCE)
    answers.reasons = ["The count of people was wrong"]
    desk.window.commands.actions["reassess"].trigger()
    desk.qtbot.waitUntil(lambda: desk.window.commands.wizard is not None, timeout=10000)
    wizard = desk.window.commands.wizard
    desk.wait_idle()
    reported = "reported 18 Mar 2021 09:12 (71 h after awareness)"
    label = wizard.pages[Page.BASICS].ui.clockLabel
    desk.qtbot.waitUntil(lambda: reported in label.text(), timeout=10000)
    desk.qtbot.waitUntil(
        lambda: wizard.panel.clock.text() == f"ICO clock: {reported}", timeout=10000
    )
    assert "late" not in label.text()
    wizard.close()


def test_a_resumed_reassessment_draft_reads_the_recorded_report(
    sqlite_people, qtbot, frozen
) -> None:
    from breach_desk.gui.backend import Backend
    from breach_desk.gui.tasks import TaskRunner
    from breach_desk.gui.wizard.state import FormState, Page
    from breach_desk.gui.wizard.wizard import AssessmentWizard
    from breach_desk.services.notifications import Notify

    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    breach = alice.register.finalise(seed_facts())
    Notify(alice.register).record_ico(
        SEED_REFERENCE, at=datetime.fromisoformat("2021-03-18T09:12:00+00:00")
    )
    frozen("2021-06-01T09:00:00+00:00")

    runner = TaskRunner()
    backend = Backend(runner)
    with qtbot.waitSignal(backend.opened, timeout=20000):
        backend.open(sqlite_people.url)
    payload = {
        "state": FormState.from_facts(breach.facts).to_json(),
        "reassessing": SEED_REFERENCE,
        "row_version": breach.row_version,
    }
    wizard = AssessmentWizard.from_snapshot(backend, payload, None)
    qtbot.addWidget(wizard)
    wizard.show()
    label = wizard.pages[Page.BASICS].ui.clockLabel
    qtbot.waitUntil(lambda: "reported 18 Mar 2021 09:12" in label.text(), timeout=10000)
    wizard.close()
    runner.shutdown()
