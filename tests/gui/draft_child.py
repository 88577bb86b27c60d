"""Run as a separate process by test_draft_recovery: start Breach Desk on a register, type an
assessment into the wizard, wait until the draft is saved, say so, then wait to be killed."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from breach_desk.gui.app import make_app
from breach_desk.gui.backend import Backend
from breach_desk.gui.main_window import MainWindow
from breach_desk.gui.settings import UiSettings
from breach_desk.gui.tasks import TaskRunner
from breach_desk.gui.wizard.state import Page


def pause(ms: int) -> None:
    """Run the event loop for a while. (QTest.qWait keeps the GIL while it sleeps, which starves
    the worker thread.)"""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(check: object, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        if time.monotonic() > end:
            raise SystemExit(f"timed out at line {sys._getframe(1).f_lineno}")
        pause(20)


def main() -> None:
    url, settings = sys.argv[1], sys.argv[2]
    make_app()
    runner = TaskRunner()
    backend = Backend(runner)
    window = MainWindow(backend, UiSettings(settings))
    window.show()
    backend.open(url)
    wait_until(lambda: backend.is_open and not runner.busy)
    window.commands.new_assessment()
    wizard = window.commands.wizard
    wait_until(lambda: QApplication.activeWindow() is wizard)
    saved: list[int] = []
    wizard.draft_saved.connect(saved.append)
    ui = wizard.pages[Page.BASICS].ui
    QTest.keyClicks(ui.titleEdit, "Email address shared with the wrong people")
    QTest.keyClicks(ui.descriptionEdit, "Sent on three occasions")
    wizard.next()
    people = wizard.pages[Page.PEOPLE].ui
    people.alreadyAwareCheck.click()
    wizard.pages[Page.PEOPLE].people.set_rows([{"name": "Mr B", "email": "mr.b@example.org"}])
    people.countSpin.setFocus()
    QTest.keyClick(people.countSpin, Qt.Key.Key_Up)
    wizard.next()
    categories = wizard.pages[Page.DATA].ui.categoriesList
    categories.item_for("mental_health").setCheckState(Qt.CheckState.Checked)
    saved.clear()
    wait_until(lambda: bool(saved) and not runner.busy)
    print(f"SAVED {saved[-1]}", flush=True)
    while True:
        pause(1000)


if __name__ == "__main__":
    main()
