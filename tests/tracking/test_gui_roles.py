"""The window for each role, on SQLite where the role is the person's own setting: the status
bar says who they are, only an IG officer may assess, reassess or close, and a service manager's
register shows only their services' breaches (PostgreSQL enforces that in the database)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar, QToolButton
from tracking_desk import Answers, Desk, replace_dialogs
from tracking_people import CHILDRENS, SEED_REFERENCE, SqlitePeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.gui.demo import demo_facts
from breach_desk.gui.register.model import COL

pytestmark = pytest.mark.gui

REVENUES = "Revenues and Benefits"
DEMO_NOW = "2024-06-13T09:30:00+01:00"


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


def listed(desk: Desk, column: str) -> list[str]:
    view = desk.window.register_view
    return [view.proxy.index(r, COL[column]).data() for r in range(view.model.total)]


def toolbar_button(desk: Desk, key: str) -> QToolButton:
    bar = desk.window.findChild(QToolBar, "mainToolbar")
    button = bar.widgetForAction(desk.window.commands.actions[key])
    assert isinstance(button, QToolButton)
    return button


def select(desk: Desk, reference: str) -> Any:
    view = desk.window.register_view
    desk.window.open_breach(reference)
    desk.qtbot.waitUntil(lambda: view.current_breach() is not None, timeout=10000)
    desk.wait_idle()
    return view.current_breach()


def test_service_manager_sees_only_their_services_and_cannot_assess(
    sqlite_people, desks, answers, frozen, qtbot, qtmodeltester
) -> None:
    frozen(DEMO_NOW)
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    references = alice.register.import_facts(demo_facts())
    everything = alice.register.list_breaches(limit=100)
    sqlite_people("sm_bob", Role.SERVICE_MANAGER, CHILDRENS, REVENUES)

    desk = desks(sqlite_people, "sm_bob")
    window, view = desk.window, desk.window.register_view
    status = window.location.text()
    assert status.startswith("SQLite · ")
    assert status.endswith(f"sm_bob (Service manager: {CHILDRENS}, {REVENUES})")
    assert str(Path(sqlite_people.url.removeprefix("sqlite:///"))) in status

    # Only their two services, in the register's own order (newest first) across both.
    qtmodeltester.check(view.proxy)
    theirs = [b for b in everything if b.service in (CHILDRENS, REVENUES)]
    assert view.model.total == len(theirs) == 5
    assert listed(desk, "reference") == [b.reference for b in theirs]
    assert view.count_label.text() == "5 breaches of your services"
    services = [view.service.itemText(i) for i in range(view.service.count())]
    assert services == ["Any service", CHILDRENS, REVENUES]

    # Sorted by title: the two services' lists merged in the register's order.
    view.table.horizontalHeader().setSortIndicator(COL["title"], Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: view.model.query.sort == "title", timeout=5000)
    desk.wait_idle()
    titles = listed(desk, "title")
    assert titles == sorted(b.title for b in theirs)

    # New assessment and Reassess: disabled, and they say why.
    new, reassess = (window.commands.actions[k] for k in ("new", "reassess"))
    select(desk, SEED_REFERENCE)
    assert window.commands.actions["export"].isEnabled()
    for action in (new, reassess, window.commands.actions["close"]):
        assert not action.isEnabled()
        assert action.toolTip() == (
            "Only an IG officer assesses, reassesses and closes breaches; "
            "you are a service manager."
        )
    assert not toolbar_button(desk, "new").isEnabled()
    assert "Only an IG officer" in toolbar_button(desk, "reassess").toolTip()

    # A breach of another service cannot be opened by its reference either.
    other = next(b.reference for b in everything if b.service == "Manufacturing")
    assert other in references
    window.open_breach(other)
    desk.wait_idle()
    assert view.detail.title.text().startswith(f"{other} is not a breach of your services")
    assert view.current_breach() is None


def test_auditor_reads_everything_and_changes_nothing(
    sqlite_people, desks, answers, frozen
) -> None:
    frozen(DEMO_NOW)
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.import_facts(demo_facts())
    sqlite_people("au_carol", Role.AUDITOR)
    desk = desks(sqlite_people, "au_carol")
    window = desk.window
    assert window.location.text().endswith("au_carol (Auditor)")
    assert window.register_view.model.total == 8
    assert window.register_view.count_label.text() == "8 breaches"
    select(desk, SEED_REFERENCE)
    assert not window.commands.actions["new"].isEnabled()
    assert not window.commands.actions["reassess"].isEnabled()
    assert window.commands.actions["new"].toolTip().endswith("you are an auditor.")
    assert window.commands.actions["ico"].isEnabled()  # reading and printing are for everyone
    assert not window.register_view.empty.new_button.isEnabled()


def test_ig_officer_is_named_and_assesses(sqlite_people, desks, answers) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    desk = desks(sqlite_people, "ig_alice")
    window = desk.window
    path = sqlite_people.url.removeprefix("sqlite:///")
    assert window.location.text() == f"SQLite · {path} · ig_alice (IG officer)"
    assert "your role setting decides" in window.location.toolTip()
    select(desk, SEED_REFERENCE)
    assert window.commands.actions["new"].isEnabled()
    assert window.commands.actions["reassess"].isEnabled()
    assert window.commands.actions["new"].toolTip() == "Assess a new breach (Ctrl+N)"


def test_ig_officer_closes_from_the_breach_menu_once_all_are_verified(
    sqlite_people, desks, answers
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    carol = sqlite_people("ig_carol", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    numbers = [r.id for r in alice.breach(SEED_REFERENCE).recommendations]
    carol.done(numbers[0], "Done by Carol")

    desk = desks(sqlite_people, "ig_alice")
    close = desk.window.commands.actions["close"]
    select(desk, SEED_REFERENCE)
    assert close.isEnabled()
    close.trigger()
    assert answers.notices == [
        f"{SEED_REFERENCE} cannot be closed. {len(numbers)} recommendations are not yet verified "
        "or rejected: a breach closes only when every recommendation is."
    ]

    for number in numbers[1:]:
        carol.done(number, "Done by Carol")
    for number in numbers:
        alice.verify(number)
    desk.window.refresh()
    desk.wait_idle()
    answers.notices.clear()
    close.trigger()
    desk.wait_idle()
    assert answers.notices == []
    assert alice.breach(SEED_REFERENCE).closed_by == "ig_alice"
    assert desk.window.statusBar().currentMessage() == f"{SEED_REFERENCE} is closed."
    view = desk.window.register_view
    desk.qtbot.waitUntil(lambda: str(view.current_breach().status) == "closed", timeout=5000)
    assert listed(desk, "status") == ["Closed"]


def test_an_unreadable_role_setting_opens_the_register_read_only(
    sqlite_people, desks, answers, tmp_path
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    sqlite_people("sm_dan", Role.SERVICE_MANAGER, CHILDRENS)
    setting = Path(sqlite_people.env("sm_dan")["XDG_CONFIG_HOME"]) / "breach-desk/identity.json"
    setting.write_text("{not json", encoding="utf-8")
    desk = desks(sqlite_people, "sm_dan")
    window = desk.window
    assert window.location.text().endswith("sm_dan (role unknown)")
    assert "cannot be read" in window.location.toolTip()
    assert window.register_view.model.total == 1
    new = window.commands.actions["new"]
    assert not new.isEnabled()
    assert new.toolTip().startswith(
        "Only an IG officer assesses, reassesses and closes breaches; you have no role."
    )
    assert "breach-desk user role" in new.toolTip()


def test_a_second_ig_officer_approves_closing_from_the_breach_menu(
    sqlite_people, desks, answers
) -> None:
    """Four eyes in the window: Alice rejected a recommendation, so Carol approves closing with
    a reason (Breach ▸ Approve closing…), and then Alice may close."""
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    carol = sqlite_people("ig_carol", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    first, *rest = [r.id for r in alice.breach(SEED_REFERENCE).recommendations]
    alice.reject(first, "Covered by the safeguarding plan")
    for number in rest:
        carol.done(number, "Done by Carol")
        alice.verify(number)

    desk = desks(sqlite_people, "ig_carol")
    approve = desk.window.commands.actions["approve_close"]
    select(desk, SEED_REFERENCE)
    assert approve.isEnabled()
    assert approve.text() == f"&Approve closing {SEED_REFERENCE}…"
    answers.reasons.append("Reviewed: the family's own plan covers the safety plan")
    approve.trigger()
    desk.wait_idle()
    assert answers.asked[-1].startswith(f"Approve closing {SEED_REFERENCE}\n")
    assert answers.notices == []
    assert desk.window.statusBar().currentMessage() == f"Closing {SEED_REFERENCE} is approved."
    history = alice.register.history(SEED_REFERENCE)
    assert history[-1].action == "breach.close_approved"
    assert history[-1].reason == "Reviewed: the family's own plan covers the safety plan"
    from breach_desk.gui.register.render import history_html

    shown = history_html(history, alice.breach(SEED_REFERENCE))
    assert "Closing approved by a second IG officer" in shown
    assert "Reviewed: the family&#x27;s own plan covers the safety plan" in shown
    assert alice.close(SEED_REFERENCE).closed_by == "ig_alice"


def test_approving_ones_own_rejection_is_refused_in_words(sqlite_people, desks, answers) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    first = alice.breach(SEED_REFERENCE).recommendations[0].id
    alice.reject(first, "Covered by the safeguarding plan")
    desk = desks(sqlite_people, "ig_alice")
    select(desk, SEED_REFERENCE)
    answers.reasons.append("I approve")
    desk.window.commands.actions["approve_close"].trigger()
    desk.wait_idle()
    assert len(answers.notices) == 1
    assert "must come from another IG officer" in answers.notices[0]
    assert [e.action for e in alice.register.history(SEED_REFERENCE)][-1] == (
        "recommendation.reject"
    )
