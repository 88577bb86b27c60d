"""The real main window over a real SQLite register in tmp_path, with modal questions replaced."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from breach_desk.gui.app import make_app
from breach_desk.gui.backend import Backend
from breach_desk.gui.dialogs import DraftChooser, KeepOrDiscard, Notice, ReasonDialog
from breach_desk.gui.main_window import MainWindow
from breach_desk.gui.settings import UiSettings
from breach_desk.gui.tasks import TaskRunner

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives Qt: mark it ``gui`` so ``-m gui`` / ``-m "not gui"``
    select it (a ``pytestmark`` in a conftest marks nothing). Runs before ``-m`` deselects."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.gui)


NOW = "2021-03-16T12:00:00+00:00"
"""A fixed moment the day after the founding case's officer became aware (46 h left)."""


@dataclass
class Answers:
    """What the replaced dialogs answer, and what they were asked."""

    keep_or_discard: str | None = KeepOrDiscard.KEEP
    reasons: list[str] = field(default_factory=lambda: ["New facts arrived"])
    draft_choice: int | None = None
    asked: list[tuple[str, Any]] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    got = Answers()

    def keep(_cls: Any, _parent: Any) -> str | None:
        got.asked.append(("keep_or_discard", None))
        return got.keep_or_discard

    def reason(_cls: Any, _parent: Any, title: str, prompt: str, text: str = "") -> str | None:
        got.asked.append(("reason", title))
        return got.reasons.pop(0) if got.reasons else None

    def drafts(_cls: Any, _parent: Any, listed: list[Any], recovering: bool = True) -> int | None:
        got.asked.append(("drafts", [d.id for d in listed]))
        return got.draft_choice

    def tell(_cls: Any, _parent: Any, title: str, text: str) -> None:
        got.notices.append((title, text))

    monkeypatch.setattr(KeepOrDiscard, "ask", classmethod(keep))
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(reason))
    monkeypatch.setattr(DraftChooser, "ask", classmethod(drafts))
    monkeypatch.setattr(Notice, "tell", classmethod(tell))
    monkeypatch.setattr(Notice, "inform", classmethod(tell))
    return got


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BREACH_DESK_NOW", NOW)
    return NOW


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'register.sqlite3'}"


class Desk:
    """The app as a test drives it."""

    def __init__(self, qtbot: Any, url: str, settings_path: Path) -> None:
        make_app()
        self.qtbot = qtbot
        self.url = url
        self.runner = TaskRunner()
        self.backend = Backend(self.runner)
        self.settings = UiSettings(str(settings_path))
        self.window = MainWindow(self.backend, self.settings)
        qtbot.addWidget(self.window)

    def start(self, wait_rows: bool = True) -> Desk:
        self.window.show()
        self.qtbot.waitExposed(self.window)
        failures: list[str] = []
        self.backend.open_failed.connect(failures.append)
        self.backend.open(self.url)
        self.qtbot.waitUntil(lambda: self.backend.is_open or bool(failures), timeout=30000)
        assert not failures, failures
        if wait_rows:
            self.wait_loaded()
        return self

    def wait_idle(self, timeout: int = 20000) -> None:
        self.qtbot.waitUntil(lambda: not self.runner.busy, timeout=timeout)

    def wait_loaded(self) -> None:
        self.qtbot.waitUntil(lambda: self.window.register_view.model.loaded, timeout=20000)
        self.wait_idle()

    def close(self) -> None:
        wizard = self.window.commands.wizard
        if wizard is not None:
            wizard._finished = True
            wizard.close()
        self.window.close()
        self.runner.shutdown()


@pytest.fixture
def desk_factory(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    made: list[Desk] = []

    def make(url: str, start: bool = True) -> Desk:
        desk = Desk(qtbot, url, tmp_path / f"ui-{len(made)}.ini")
        made.append(desk)
        return desk.start() if start else desk

    yield make
    for desk in made:
        desk.close()


@pytest.fixture
def desk(desk_factory: Any, db_url: str, answers: Answers, fixed_now: str) -> Desk:
    d: Desk = desk_factory(db_url)
    return d


@pytest.fixture
def demo(desk_factory: Any, isolated_home: Path, answers: Answers, qtbot: Any) -> Desk:
    """The app on an empty register, then switched to the demo register from the first-run page."""
    desk: Desk = desk_factory(f"sqlite:///{isolated_home / 'own.sqlite3'}")
    view = desk.window.register_view
    assert view.stack.currentWidget() is view.empty
    with qtbot.waitSignal(desk.backend.opened, timeout=30000):
        qtbot.mouseClick(view.empty.demo_button, Qt.MouseButton.LeftButton)
    desk.wait_loaded()
    qtbot.waitUntil(lambda: view.model.total == 8, timeout=10000)
    return desk
