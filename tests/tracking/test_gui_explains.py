"""Tracking that explains itself (issue 13), in the real window over a real SQLite register: the
verifier opens and saves the evidence files from the action's detail (the desktop's viewer
replaced by a recorder), a disabled Verify says why in place, the detail shows what was typed
(no HTML entities), the selection stays on what was acted on with a line in the status bar,
the evidence pack comes with its files when asked, and the breach's history names each
recommendation by its text with the evidence given."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from tracking_desk import Answers, Desk, replace_dialogs
from tracking_people import CHILDRENS, SEED_REFERENCE, SqlitePeople, seed_facts

from breach_desk.domain.register import Role
from breach_desk.gui.actions.viewer import Desktop

pytestmark = pytest.mark.gui


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return replace_dialogs(monkeypatch)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """What the desktop's viewer was asked to open (the path, and what the file held then)."""
    got: list[tuple[str, bytes]] = []

    def record(_cls: Any, path: str) -> bool:
        target = Path(path)
        got.append((path, target.read_bytes() if target.is_file() else b""))
        return True

    monkeypatch.setattr(Desktop, "open", classmethod(record))
    return got


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


def safety_plan_done(
    people: SqlitePeople, files: Sequence[tuple[str, bytes]] = ()
) -> dict[str, int]:
    """The founding case assessed by an IG officer, and its safety plan marked done by the
    children's service manager (with ``files`` as evidence): its recommendations' ids by code."""
    alice = people("ig_alice", Role.IG_OFFICER)
    bob = people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    ids = {r.code: r.id for r in alice.breach(SEED_REFERENCE).recommendations}
    bob.done(ids["SAFETY_PLAN"], "Safety plan agreed", files)
    return ids


def click(qtbot: Any, widget: Any) -> None:
    assert widget.isVisible(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def show(desk: Desk, qtbot: Any, view_key: str, action_id: int) -> Any:
    """Open a view and select a recommendation in it; its full detail (history, files) in."""
    view = desk.view(view_key)
    panel = view.panel
    panel.select(action_id)
    desk.wait_idle()
    qtbot.waitUntil(
        lambda: panel.detail.item is not None and panel.detail.item.recommendation.id == action_id,
        timeout=5000,
    )
    return panel


def test_the_verifier_opens_and_saves_evidence_files_from_the_detail(
    sqlite_people, desks, answers, opened, qtbot, tmp_path
) -> None:
    letter = b"Safety plan agreed with Mr B on 16 March"
    ids = safety_plan_done(sqlite_people, [("safety plan.txt", letter)])

    desk = desks(sqlite_people, "ig_alice")
    panel = show(desk, qtbot, "monitoring", ids["SAFETY_PLAN"])
    detail = panel.detail
    qtbot.waitUntil(lambda: detail.files.count() == 1, timeout=5000)
    assert detail.files.item(0).text().startswith("safety plan.txt (")

    click(qtbot, detail.open_file)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    path, content = opened[0]
    assert Path(path).name == "safety plan.txt"
    assert content == letter
    assert Path(path).stat().st_mode & 0o077 == 0  # personal data: the user's alone

    answers.save_as = str(tmp_path / "copy of the plan.txt")
    click(qtbot, detail.save_file)
    qtbot.waitUntil(lambda: (tmp_path / "copy of the plan.txt").exists(), timeout=5000)
    assert (tmp_path / "copy of the plan.txt").read_bytes() == letter
    # The private copy opened in the viewer goes when the window closes.
    assert Path(path).exists()
    desk.window.close()
    assert not Path(path).exists()
    assert (tmp_path / "copy of the plan.txt").exists()  # what was saved stays


def test_a_disabled_verify_says_why_in_place(sqlite_people, desks, answers, qtbot) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    ids = {r.code: r.id for r in alice.breach(SEED_REFERENCE).recommendations}
    alice.done(ids["NOTIFY_ICO"], "Reported on the ICO's form")

    desk = desks(sqlite_people, "ig_alice")
    detail = show(desk, qtbot, "monitoring", ids["NOTIFY_ICO"]).detail
    verify = detail.buttons["verify"]
    assert verify.isVisible()
    assert not verify.isEnabled()
    assert detail.why_not.isVisible()
    assert detail.why_not.text().startswith("You marked it done, so someone else in the IG team")

    # Someone else's done work: Verify is there, enabled, with nothing to explain.
    carol = sqlite_people("ig_carol", Role.IG_OFFICER)
    carol.done(ids["RECALL_DATA"], "Both recipients confirmed deletion")
    detail = show(desk, qtbot, "monitoring", ids["RECALL_DATA"]).detail
    assert detail.buttons["verify"].isEnabled()
    assert not detail.why_not.isVisible()


def test_the_detail_shows_what_was_typed(sqlite_people, desks, answers, qtbot) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    ids = {r.code: r.id for r in alice.breach(SEED_REFERENCE).recommendations}
    desk = desks(sqlite_people, "ig_alice")
    detail = show(desk, qtbot, "monitoring", ids["SAFETY_PLAN"]).detail
    facts = plain(detail.facts.text())
    assert "Service: Children's Services" in facts
    assert "&#x27;" not in facts
    assert "&amp;" not in facts
    assert "&#x27;" not in plain(detail.title.text())


def test_the_selection_stays_on_what_was_acted_on(
    sqlite_people, desks, answers, frozen, qtbot
) -> None:
    ids = safety_plan_done(sqlite_people)
    frozen("2021-03-19T09:00:00+00:00")

    desk = desks(sqlite_people, "ig_alice")
    panel = show(desk, qtbot, "monitoring", ids["NOTIFY_ICO"])
    answers.done = ("Reported on the ICO's form, case 12345", [])
    click(qtbot, panel.detail.buttons["done"])
    desk.wait_idle()
    bar = desk.window.statusBar()
    assert bar.currentMessage() == (
        f"“Report to the ICO” of {SEED_REFERENCE} marked done; it now waits for the IG team to "
        "verify it."
    )
    # The dialog's body named the breach, the recommendation's number and its words.
    assert answers.asked[-1].startswith(f"{SEED_REFERENCE} (")
    assert f"recommendation {ids['NOTIFY_ICO']}, Report to the ICO" in answers.asked[-1]
    assert "NOTIFY_ICO" not in answers.asked[-1]
    assert panel.current_id() == ids["NOTIFY_ICO"]
    rows = panel.table.selectionModel().selectedRows()
    assert [panel.model.row_at(r.row()).recommendation.id for r in rows] == [ids["NOTIFY_ICO"]]
    assert panel.detail.item.recommendation.status.value == "done"

    panel = show(desk, qtbot, "monitoring", ids["SAFETY_PLAN"])
    answers.reasons = ["Read the safety plan on the case file"]
    click(qtbot, panel.detail.buttons["verify"])
    desk.wait_idle()
    assert bar.currentMessage() == f"“Safety plan for the person” of {SEED_REFERENCE} verified."
    assert f"Verify: {SEED_REFERENCE}, Safety plan for the person" in answers.asked[-1]
    assert f"recommendation {ids['SAFETY_PLAN']}" in answers.asked[-1]
    # Verified, it leaves "Not yet verified"; the detail still shows it, as verified.
    assert panel.current_id() == ids["SAFETY_PLAN"]
    assert panel.detail.item.recommendation.status.value == "verified"


def test_the_evidence_pack_from_the_window_brings_the_files_when_asked(
    sqlite_people, desks, answers, qtbot, tmp_path
) -> None:
    ids = safety_plan_done(sqlite_people, [("plan.txt", b"the plan")])

    desk = desks(sqlite_people, "ig_alice")
    panel = show(desk, qtbot, "monitoring", ids["SAFETY_PLAN"])
    answers.save_as = str(tmp_path / "pack.pdf")
    click(qtbot, panel.detail.buttons["pack"])
    qtbot.waitUntil(lambda: (tmp_path / "pack.pdf").exists(), timeout=30000)
    desk.wait_idle()
    assert not (tmp_path / "pack files").exists()  # not asked for

    answers.save_as = str(tmp_path / "with files.pdf")
    click(qtbot, panel.detail.buttons["pack_files"])
    folder = tmp_path / "with files files"
    qtbot.waitUntil(lambda: folder.exists() and any(folder.iterdir()), timeout=30000)
    desk.wait_idle()
    written = list(folder.iterdir())
    assert [p.name.split("-", 1)[1] for p in written] == ["plan.txt"]
    assert written[0].read_bytes() == b"the plan"
    assert "evidence file" in desk.window.statusBar().currentMessage()


def test_the_breach_history_names_each_recommendation_and_its_evidence(
    sqlite_people, desks, answers, qtbot
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    bob = sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    breach = alice.breach(SEED_REFERENCE)
    plan = next(r for r in breach.recommendations if r.code == "SAFETY_PLAN")
    bob.done(plan.id, "Safety plan agreed by phone", [("plan.txt", b"the plan")])

    desk = desks(sqlite_people, "ig_alice")
    desk.window.open_breach(SEED_REFERENCE)
    view = desk.window.register_view
    qtbot.waitUntil(lambda: view.current_breach() is not None, timeout=10000)
    desk.wait_idle()
    history = view.detail.history.toPlainText()
    assert f"Recommendation: {plan.text}" in history
    assert "Evidence: Safety plan agreed by phone" in history
    assert "Evidence file: plan.txt (8 bytes)" in history
    assert "SAFETY_PLAN" not in history  # named by its text, not its code


def test_export_says_where_it_saved_with_a_button_to_open_the_folder(
    sqlite_people, desks, answers, opened, qtbot, tmp_path
) -> None:
    from breach_desk.gui.actions.saved import SavedNotice

    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    desk = desks(sqlite_people, "ig_alice")
    monitoring = desk.view("monitoring")
    target = tmp_path / "out" / "recommendations.csv"
    target.parent.mkdir()
    answers.save_as = str(target)
    click(qtbot, monitoring.export_button)
    desk.wait_idle()
    assert target.exists()
    notice = SavedNotice.last
    assert notice is not None
    assert notice.isVisible()
    assert notice.text() == f"Saved to {target}"
    click(qtbot, notice.open_folder)
    assert [path for path, _content in opened] == [str(target.parent)]


def test_the_side_list_shows_every_count_whole(sqlite_people, desks, answers, qtbot) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    alice.register.finalise(seed_facts())
    desk = desks(sqlite_people, "ig_alice")
    window = desk.window
    window._set_count("actions", 141_962)  # a large register's count, as the counter gives it
    views = window.view_list
    assert "My actions (141,962)" in [views.item(r).text() for r in range(views.count())]
    fm = views.fontMetrics()
    room = views.viewport().width() - views.iconSize().width()
    for row in range(views.count()):
        assert fm.horizontalAdvance(views.item(row).text()) < room


def test_reject_says_it_drops_the_recommendation_and_offers_reopen(
    sqlite_people, desks, answers, qtbot, frozen
) -> None:
    ids = safety_plan_done(sqlite_people)
    desk = desks(sqlite_people, "ig_alice")
    panel = show(desk, qtbot, "monitoring", ids["SAFETY_PLAN"])
    answers.reasons = ["The person moved abroad; no plan is possible"]
    click(qtbot, panel.detail.buttons["reject"])
    desk.wait_idle()
    asked = answers.asked[-1]
    assert asked.startswith(f"Reject: {SEED_REFERENCE}, Safety plan for the person")
    assert "drops it for good" in asked
    assert f"no longer stops {SEED_REFERENCE} from being closed" in asked
    assert "choose Reopen" in asked
    assert panel.detail.item.recommendation.status.value == "rejected"


def test_counts_beside_the_views_follow_a_change_at_once(
    sqlite_people, desks, answers, qtbot, frozen
) -> None:
    """Verified from My actions, Monitoring's count beside its name drops without showing it."""
    ids = safety_plan_done(sqlite_people)
    desk = desks(sqlite_people, "ig_alice")
    desk.view("monitoring")

    def monitoring_title() -> str:
        return next(t for t in desk.view_titles() if t.startswith("Monitoring"))

    qtbot.waitUntil(lambda: "(" in monitoring_title(), timeout=10000)
    before = monitoring_title()
    panel = show(desk, qtbot, "actions", ids["SAFETY_PLAN"])
    answers.reasons = ["Read the safety plan on the case file"]
    click(qtbot, panel.detail.buttons["verify"])
    desk.wait_idle()
    qtbot.waitUntil(lambda: monitoring_title() != before, timeout=10000)
    count = int(before.split("(")[1].rstrip(")").replace(",", ""))
    assert monitoring_title() == f"Monitoring ({count - 1:,})"
