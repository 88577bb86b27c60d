"""A draft survives the app being killed: a real process is killed, a fresh start offers it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from breach_desk.gui.wizard.state import Page

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
