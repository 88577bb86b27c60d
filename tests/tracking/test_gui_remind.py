"""Reminders in the real window: the start-up banner that opens My actions, "Add my actions to
calendar…", a complaint recorded from the Breach menu with its clock in the detail, and the
directory edited by an IG officer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QDialog, QFileDialog
from tracking_desk import Desk
from tracking_people import CHILDRENS, SEED_REFERENCE, SqlitePeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.gui import remind_gui
from breach_desk.gui.register.model import COL

pytestmark = pytest.mark.gui


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


def test_banner_says_what_is_pressing_and_opens_my_actions(
    sqlite_people: SqlitePeople, desks: Any, frozen: Any
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    sqlite_people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    frozen("2021-03-18T12:00:00+00:00")  # two of bob's actions late; the ICO clock 2 h late
    bob = desks(sqlite_people, "sm_bob")
    banner = bob.window.findChild(remind_gui.Banner)
    bob.qtbot.waitUntil(lambda: banner.isVisible(), timeout=10000)
    assert banner.button.text() == "2 of your actions are overdue"
    banner.button.click()
    assert bob.window.stack.currentWidget() is bob.window.views["actions"]

    officer = desks(sqlite_people, "ig_alice")
    banner = officer.window.findChild(remind_gui.Banner)
    officer.qtbot.waitUntil(lambda: banner.isVisible(), timeout=10000)
    assert "1 ICO clock due within 24 h or late" in banner.button.text()


def test_calendar_complaint_and_directory_from_the_window(
    sqlite_people: SqlitePeople,
    desks: Any,
    frozen: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    frozen("2021-03-20T12:00:00+00:00")
    desk = desks(sqlite_people, "ig_alice")
    w = desk.window
    w.open_breach(SEED_REFERENCE)
    desk.qtbot.waitUntil(lambda: w.register_view.current_breach() is not None, timeout=10000)
    desk.wait_idle()

    target = tmp_path / "mine.ics"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    told: list[str] = []
    monkeypatch.setattr(remind_gui, "_tell", lambda _w, title, text: told.append(text))
    assert w.commands.actions["remind_calendar"].isEnabled()
    w.commands.actions["remind_calendar"].trigger()
    desk.qtbot.waitUntil(lambda: target.exists() or bool(told), timeout=10000)
    assert told == []
    desk.wait_idle()
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert len(events) == len(alice.my_actions())
    assert "actions written to mine.ics" in w.statusBar().currentMessage()

    def fill(dialog: remind_gui.ComplaintDialog) -> int:
        dialog.received.edit.setText("16/03/2021")  # typed as written
        assert dialog.due.text() == "Acknowledgement due 14 Apr 2021 (25 days left)"
        dialog.from_whom.setText("Mr B")
        dialog.summary.setPlainText("His address was shared")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(remind_gui.ComplaintDialog, "exec", fill)
    w.commands.actions["remind_complaint"].trigger()
    detail = w.register_view.detail
    badge = detail.complaint_clock
    desk.qtbot.waitUntil(lambda: badge.isVisible(), timeout=10000)
    assert badge.text() == "Complaint: Acknowledgement due 14 Apr 2021 (25 days left)"
    view = w.register_view
    desk.qtbot.waitUntil(
        lambda: view.proxy.index(0, COL["complaint"]).data() == "due 14 Apr 2021 (25 days left)",
        timeout=10000,
    )
    found = remind_gui_complaints(alice)
    assert [(c.received_on, c.how, c.from_whom) for c in found] == [
        (date(2021, 3, 16), "letter", "Mr B")
    ]

    def ack(dialog: remind_gui.AcknowledgeDialog) -> int:
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(remind_gui.AcknowledgeDialog, "exec", ack)
    w.commands.actions["remind_acknowledge"].trigger()
    desk.qtbot.waitUntil(lambda: not badge.isVisible(), timeout=10000)
    desk.qtbot.waitUntil(lambda: view.proxy.index(0, COL["complaint"]).data() == "", timeout=10000)
    assert remind_gui_complaints(alice)[0].acknowledged_on == date(2021, 3, 20)

    def outcome(dialog: remind_gui.OutcomeDialog) -> int:
        dialog.text.setPlainText("Apology sent; no further action")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(remind_gui.OutcomeDialog, "exec", outcome)
    w.commands.actions["remind_outcome"].trigger()
    desk.qtbot.waitUntil(lambda: remind_gui_complaints(alice)[0].outcome is not None, timeout=10000)
    assert remind_gui_complaints(alice)[0].outcome == "Apology sent; no further action"
    assert remind_gui_complaints(alice)[0].outcome_on == date(2021, 3, 20)

    people = remind_gui.PeopleDialog(w, w.backend.info)
    people.login.setText("sm_bob")
    people.email.setText("bob@council.example")
    people.role.setCurrentIndex(people.role.findData("service_manager"))
    people.services.setText(CHILDRENS)
    people._save()
    desk.qtbot.waitUntil(lambda: people.table.rowCount() == 1, timeout=10000)
    assert people.table.item(0, 2).text() == "bob@council.example"
    assert people.table.item(0, 3).text() == f"Service manager: {CHILDRENS}"
    people.email.setText("no address")
    people._save()
    desk.qtbot.waitUntil(lambda: "not an email address" in people.problem.text(), timeout=10000)
    # The escalation contact of a service, chosen in the window, is what reminders copy.
    desk.qtbot.waitUntil(lambda: people.esc_to.findData("sm_bob") >= 0, timeout=10000)
    people.esc_service.setEditText(CHILDRENS)
    people.esc_to.setCurrentIndex(people.esc_to.findData("sm_bob"))
    people._save_escalation()
    desk.qtbot.waitUntil(lambda: f"{CHILDRENS}: sm_bob" in people.escalations.text(), timeout=10000)
    from breach_desk.services.remind import escalations

    assert escalations(alice.register) == {CHILDRENS: "sm_bob"}
    people.esc_to.setCurrentIndex(people.esc_to.findData(None))
    people._save_escalation()
    desk.qtbot.waitUntil(
        lambda: people.escalations.text() == "Every service: the IG team.", timeout=10000
    )
    people.close()


def remind_gui_complaints(t: Any) -> list[Any]:
    from breach_desk.services.remind import complaints

    return complaints(t.register, SEED_REFERENCE)
