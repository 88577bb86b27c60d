"""The real main window over a real SQLite register, as one person (their login and role
setting), with the modal questions replaced by answers the test gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QListWidget

from breach_desk.gui.actions.dialogs import DoneDialog, OpenFiles, SaveFile
from breach_desk.gui.app import make_app
from breach_desk.gui.backend import Backend
from breach_desk.gui.dialogs import Notice, ReasonDialog
from breach_desk.gui.main_window import MainWindow
from breach_desk.gui.settings import UiSettings
from breach_desk.gui.tasks import TaskRunner


@dataclass
class Answers:
    done: tuple[str, list[str]] | None = None
    reasons: list[str] = field(default_factory=list)
    save_as: str | None = None
    files: list[str] = field(default_factory=list)
    confirm: bool = True
    notices: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    """Each dialog's title and body, as shown (which breach, which recommendation)."""


def replace_dialogs(monkeypatch: pytest.MonkeyPatch) -> Answers:
    got = Answers()

    def done(_cls: Any, _parent: Any, what: str) -> Any:
        got.asked.append(what)
        return got.done

    def reason(_cls: Any, _parent: Any, title: str, prompt: str, _text: str = "") -> Any:
        got.asked.append(f"{title}\n{prompt}")
        return got.reasons.pop(0) if got.reasons else None

    def save(_cls: Any, _parent: Any, _title: str, _suggested: str, _filters: str) -> Any:
        return got.save_as

    def tell(_cls: Any, _parent: Any, _title: str, text: str) -> None:
        got.notices.append(text)

    monkeypatch.setattr(DoneDialog, "ask", classmethod(done))
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(reason))
    monkeypatch.setattr(SaveFile, "ask", classmethod(save))
    monkeypatch.setattr(OpenFiles, "ask", classmethod(lambda _c, _p: list(got.files)))
    monkeypatch.setattr(Notice, "tell", classmethod(tell))
    monkeypatch.setattr(Notice, "inform", classmethod(tell))
    monkeypatch.setattr(Notice, "confirm", classmethod(lambda _c, _p, _t, _x: got.confirm))
    return got


class Desk:
    def __init__(self, qtbot: Any, url: str, settings: Path) -> None:
        make_app()
        self.qtbot = qtbot
        self.runner = TaskRunner()
        self.backend = Backend(self.runner)
        self.window = MainWindow(self.backend, UiSettings(str(settings)))
        qtbot.addWidget(self.window)
        # An officer's 1,366 × 768 laptop (the offscreen screen is smaller: the first window,
        # sized to fit the screen it opens on, would elide the status bar's words).
        self.window.resize(1366, 768)
        self.window.show()
        qtbot.waitExposed(self.window)
        with qtbot.waitSignal(self.backend.opened, timeout=20000):
            self.backend.open(url)
        self.wait_idle()

    def wait_idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.runner.busy, timeout=20000)

    def view_titles(self) -> list[str]:
        views: QListWidget = self.window.view_list
        return [views.item(row).text() for row in range(views.count())]

    def view(self, key: str) -> Any:
        self.window.show_view(key)
        self.wait_idle()
        return self.window.views[key]

    def close(self) -> None:
        self.window.close()
        self.runner.shutdown()
