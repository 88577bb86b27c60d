"""Tracking in the window, driven as people do: the service manager's list and reminder at
start-up, ticking off with evidence, the IG team's Monitoring (filters, export, verify, close),
the evidence pack button and the dashboard."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QPieSeries
from PySide6.QtCore import Qt
from tracking_desk import Answers, Desk, replace_dialogs
from tracking_people import CHILDRENS, SEED_REFERENCE, SqlitePeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.gui.actions.model import Column

pytestmark = pytest.mark.gui


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
        return desk

    yield make
    for desk in made:
        desk.close()


def click(qtbot: Any, widget: Any) -> None:
    assert widget.isVisible(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_service_manager_sees_their_actions_at_start_and_ticks_one_off(
    sqlite_people, desks, answers, frozen, qtbot, qtmodeltester, tmp_path
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    frozen("2021-03-17T09:00:00+00:00")  # the safety plan was due yesterday

    desk = desks(sqlite_people, "sm_childrens")
    # Without opening the view: its count beside its name, and a reminder in the status bar.
    qtbot.waitUntil(lambda: "My actions (9)" in desk.view_titles(), timeout=10000)
    assert "1 overdue" in desk.window.statusBar().currentMessage()
    # ...from the count alone: the view itself is made when first shown, not at start-up.
    assert "actions" not in desk.window.views
    assert desk.window.counters["actions"].overdue == 1

    view = desk.view("actions")
    model = view.panel.model
    qtmodeltester.check(model)
    first = [model.index(0, c).data() for c in (Column.CODE, Column.OVERDUE)]
    assert first == ["Safety plan for the person", "1 d late"]  # its name, never its code
    assert view.banner.isVisible()
    assert "1 overdue" in view.banner.text()
    detail = view.panel.detail
    assert detail.item.recommendation.code == "SAFETY_PLAN"
    assert not detail.buttons["verify"].isVisible()  # not for a service manager

    letter = tmp_path / "safety plan.txt"
    letter.write_text("Agreed with Mr B", encoding="utf-8")
    answers.done = ("Safety plan agreed by phone; police informed", [str(letter)])
    click(qtbot, detail.buttons["done"])
    qtbot.waitUntil(lambda: "My actions (8)" in desk.view_titles(), timeout=10000)
    assert answers.notices == []
    done = alice.breach(SEED_REFERENCE).recommendations[0]
    assert (done.code, done.status.value, done.done_by) == ("SAFETY_PLAN", "done", "sm_childrens")
    assert [f.name for f in done.files] == ["safety plan.txt"]


def test_ig_team_monitors_verifies_and_closes(
    sqlite_people, desks, answers, frozen, qtbot, qtmodeltester, tmp_path
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    carol = sqlite_people("ig_carol", Role.IG_OFFICER)
    bob = sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    ids = {r.code: r.id for r in alice.breach(SEED_REFERENCE).recommendations}
    bob.done(ids["SAFETY_PLAN"], "Safety plan agreed")
    frozen("2021-03-19T09:00:00+00:00")

    desk = desks(sqlite_people, "ig_alice")
    monitoring = desk.view("monitoring")
    qtmodeltester.check(monitoring.filter)
    assert "13 recommendations not yet verified" in monitoring.summary.text()
    monitoring.overdue_only.setChecked(True)
    desk.wait_idle()  # the database filters and counts
    overdue = [i.recommendation.code for i in monitoring.listed()]
    assert set(overdue) == {"RECALL_DATA", "NOTIFY_ICO", "NOTIFY_SUBJECTS"}  # due by the 18th
    assert "Overdue by service: Children's Services 3." in monitoring.summary.text()

    answers.save_as = str(tmp_path / "overdue.csv")
    click(qtbot, monitoring.export_button)
    desk.wait_idle()
    with open(tmp_path / "overdue.csv", encoding="utf-8", newline="") as f:
        assert sorted(r["Code"] for r in csv.DictReader(f)) == sorted(overdue)

    # Verify the service manager's safety plan from Monitoring, with what was checked.
    monitoring.overdue_only.setChecked(False)
    monitoring.search.setText("SAFETY")
    panel = monitoring.panel
    qtbot.waitUntil(lambda: len(monitoring.listed()) == 1, timeout=5000)
    desk.wait_idle()
    panel.select(ids["SAFETY_PLAN"])
    answers.reasons = ["Read the safety plan on the case file"]
    click(qtbot, panel.detail.buttons["verify"])
    desk.wait_idle()
    verified = alice.action(ids["SAFETY_PLAN"]).recommendation
    assert verified.verified_by == "ig_alice"
    assert verified.history[-1].reason == "Read the safety plan on the case file"

    # Everything else finished elsewhere; the breach is then ready to close, and closes.
    for code, number in ids.items():
        if code != "SAFETY_PLAN":
            carol.done(number, f"{code} done")
            alice.verify(number)
    desk.window.refresh()
    desk.wait_idle()
    assert monitoring.ready.count() == 1
    click(qtbot, monitoring.close_button)
    desk.wait_idle()
    assert alice.breach(SEED_REFERENCE).closed_by == "ig_alice"
    assert monitoring.ready.count() == 0

    # The evidence pack, from the dashboard's breach or any action: one button, one PDF.
    answers.save_as = str(tmp_path / "pack.pdf")
    panel.save_evidence_pack(SEED_REFERENCE)
    desk.wait_idle()
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "pack.pdf").pages)
    assert "Read the safety plan on the case file" in text
    assert "Breach closed" in text


def test_dashboard_charts_and_clocks(
    sqlite_people, desks, answers, frozen, qtbot, qtmodeltester
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    frozen("2021-03-17T16:00:00+00:00")  # 18 hours before the ICO deadline
    desk = desks(sqlite_people, "ig_alice")
    dashboard = desk.view("dashboard")
    qtbot.waitUntil(lambda: dashboard.board is not None, timeout=10000)
    qtmodeltester.check(dashboard.clocks)
    qtmodeltester.check(dashboard.repeats)
    assert dashboard.clocks.index(0, 0).data() == SEED_REFERENCE
    assert dashboard.clocks.index(0, 4).data() == "due in 18 h"
    assert dashboard.repeats.index(0, 0).data() == SEED_REFERENCE  # it happened three times
    assert "1 open breach;" in dashboard.headline.text()
    assert dashboard.risk_words.text() == "High risk: 1, Risk: 0, Unlikely: 0"
    assert dashboard.overdue_words.text() == "Children's Services: 1"  # the safety plan
    pie = dashboard.time_chart.series()[0]
    assert isinstance(pie, QPieSeries)
    assert [s.label() for s in pie.slices()] == ["Overdue, not done: 1"]
