"""A draft survives the app being killed: a real process is killed, a fresh start offers it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from gui_drive import type_moment
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QWizard

from breach_desk.domain.clock import format_local
from breach_desk.gui.wizard.state import Page

ALT = Qt.KeyboardModifier.AltModifier

CHILD = Path(__file__).with_name("draft_child.py")


def test_draft_offered_back_after_the_process_is_killed(
    qtbot: Any, desk_factory: Any, db_url: str, answers: Any, fixed_now: str, tmp_path: Path
) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), db_url, str(tmp_path / "child-ui.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("SAVED "), (line, child.stderr.read() if child.poll() else "")
        draft_id = int(line.split()[1])
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=20)
    assert child.returncode == -signal.SIGKILL

    answers.draft_choice = draft_id
    desk = desk_factory(db_url)
    qtbot.waitUntil(lambda: desk.window.commands.wizard is not None, timeout=20000)
    assert ("drafts", [draft_id]) in answers.asked
    wizard = desk.window.commands.wizard
    assert wizard.draft_id == draft_id
    assert wizard.currentId() == Page.DATA
    state = wizard.state()
    assert state.title == "Email address shared with the wrong people"
    assert state.description == "Sent on three occasions"
    assert state.already_aware is True
    assert state.count == 2
    assert state.people == [{"name": "Mr B", "email": "mr.b@example.org", "identifier": ""}]
    assert state.categories == ["mental_health"]
    assert wizard.pages[Page.DATA].ui.categoriesList.get_values() == ["mental_health"]

    # The pages before it are in the history: Back reaches Basics, where the aware time is
    # corrected, and the breach is finalised from there, by keyboard.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert wizard.visitedIds() == [Page.BASICS, Page.PEOPLE, Page.DATA]
    assert wizard.button(QWizard.WizardButton.BackButton).isVisible()
    for expected in (Page.PEOPLE, Page.BASICS):
        _press(qtbot, Qt.Key.Key_B, ALT)
        assert wizard.currentId() == expected
    basics = wizard.pages[Page.BASICS].ui
    assert basics.titleEdit.text() == "Email address shared with the wrong people"
    type_moment(qtbot, basics.awareEdit, "15 Mar 2021 10:00")
    assert wizard.state().aware == "2021-03-15T10:00"
    for expected in (Page.PEOPLE, Page.DATA, Page.HAPPENED):
        _press(qtbot, Qt.Key.Key_N, ALT)
        assert wizard.currentId() == expected
    qtbot.keyClicks(QApplication.focusWidget(), "None")  # confidentiality: nobody saw it
    _press(qtbot, Qt.Key.Key_N, ALT)
    assert wizard.currentId() == Page.SUMMARY
    # The Summary's Edit links land on the page they name.
    summary = wizard.pages[Page.SUMMARY].ui.summaryText
    summary.anchorClicked.emit(QUrl(f"edit:{int(Page.PEOPLE)}"))
    assert wizard.currentId() == Page.PEOPLE
    wizard.go_to(Page.SUMMARY)
    assert wizard.currentId() == Page.SUMMARY
    with qtbot.waitSignal(wizard.finalised, timeout=20000) as done:
        _press(qtbot, Qt.Key.Key_F, ALT)
    breach = done.args[0]
    assert format_local(breach.facts.aware_at) == "Mon 15 Mar 2021 10:00 GMT"
    assert breach.facts.subjects.count == 2
    assert breach.facts.title == "Email address shared with the wrong people"


def _press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    qtbot.wait(200)  # a mnemonic presses its button for a moment


def test_closing_the_app_finishes_the_last_draft_save(
    qtbot: Any, desk_factory: Any, db_url: str, answers: Any, fixed_now: str
) -> None:
    desk = desk_factory(db_url)
    desk.window.commands.new_assessment()
    wizard = desk.window.commands.wizard
    qtbot.keyClicks(wizard.pages[Page.BASICS].ui.titleEdit, "Closed in a hurry")
    desk.window.close()  # saves the wizard's draft on the way out
    desk.runner.shutdown()  # the save was queued: it must still happen
    from breach_desk.services.drafts import Drafts
    from breach_desk.services.register import Register

    with Register.open(db_url) as register:
        titles = [d.title for d in Drafts(register).list()]
    assert titles == ["Closed in a hurry"]


def test_the_draft_remembers_the_page_the_officer_left(qtbot: Any, desk: Any, answers: Any) -> None:
    """Edited on Data, then back to People, then the app dies: the draft says 'at People'."""
    from gui_drive import next_page, tick, type_into
    from test_wizard_keyboard import open_wizard

    from breach_desk.gui.dialogs import draft_words

    wizard = open_wizard(qtbot, desk)
    type_into(qtbot, wizard.pages[Page.BASICS].ui.titleEdit, "Letter to the wrong address")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["basic_identifiers"])
    with qtbot.waitSignal(wizard.draft_saved, timeout=5000):
        pass
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: wizard.currentId() == Page.PEOPLE, timeout=3000)
    with qtbot.waitSignal(wizard.draft_saved, timeout=5000):
        pass
    listed: list[Any] = []
    desk.backend.call(lambda s: s.drafts.list(), on_done=listed.extend)
    qtbot.waitUntil(lambda: bool(listed), timeout=5000)
    assert listed[0].page == Page.PEOPLE
    assert draft_words(listed[0]).endswith("People")
