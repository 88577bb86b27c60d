"""Composition root of the desktop app: QApplication, settings, the worker, the main window.

The window is shown first and the register opened on the worker straight after, so the first
paint never waits for the database layer to import. ``BREACH_DESK_STARTUP_PROBE=1`` makes the
app print start-up timings and quit (bench/bench_startup.py).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QFile, QIODevice, QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from breach_desk.gui import generated  # noqa: F401 - the package docstring marks the files
from breach_desk.gui.generated import rc_resources  # noqa: F401 - registers :/icons, :/styles
from breach_desk.gui.widgets.indicators import install as install_indicators

if TYPE_CHECKING:
    from breach_desk.gui.main_window import MainWindow

PROBE = "BREACH_DESK_STARTUP_PROBE"


def stylesheet() -> str:
    f = QFile(":/styles/app.qss")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Text):
        return ""
    try:
        return bytes(f.readAll().data()).decode("utf-8")
    finally:
        f.close()


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # The date fields read and write the documents' own words, "30 Sep 2026", whatever the
    # desktop's language (domain/clock.english): under a Welsh one they showed "Medi" and refused
    # "Sep" typed. Qt's C locale names the months so (its en_GB writes "Sept" and refuses "Sep")
    # and starts weeks on Monday.
    QLocale.setDefault(QLocale.c())
    app.setApplicationName("Breach Desk")
    app.setOrganizationName("Breach Desk")
    app.setApplicationDisplayName("Breach Desk")
    app.setDesktopFileName("breach-desk")
    app.setWindowIcon(QIcon(":/icons/app.svg"))
    install_indicators(app)  # before the style sheet, which wraps the application's style
    app.setStyleSheet(stylesheet())
    return app


class _Probe:
    """Start-up timings for the benchmark: window shown, first rows shown, the count beside
    "My actions" shown; then how long making that view takes when it is first opened."""

    def __init__(self, window: MainWindow, started: float) -> None:
        self.started = started
        self.window = window
        self.shown_at: float | None = None
        self.rows = False
        self.counted = False
        window.shown.connect(self.on_shown)
        window.register_view.model.total_changed.connect(self.on_rows)
        window.counted.connect(self.on_count)

    def on_shown(self) -> None:
        # After the events already queued (the first expose and paint) have been handled.
        QTimer.singleShot(0, self._painted)

    def _painted(self) -> None:
        self.shown_at = time.perf_counter()
        self._say(f"probe shown {self.shown_at - self.started:.4f}")

    def on_rows(self, total: int) -> None:
        if not self.rows:
            self.rows = True
            self._say(f"probe rows {time.perf_counter() - self.started:.4f} {total}")
            self._done()

    def on_count(self, key: str, count: int) -> None:
        if key == "actions" and not self.counted:
            self.counted = True
            self._say(f"probe count {time.perf_counter() - self.started:.4f} {count}")
            self._done()

    def _done(self) -> None:
        if self.rows and self.counted:
            QTimer.singleShot(0, self._make_view)

    def _make_view(self) -> None:
        began = time.perf_counter()
        self.window.ensure_view("actions")
        self._say(f"probe view {time.perf_counter() - began:.4f}")
        QTimer.singleShot(0, QApplication.quit)

    @staticmethod
    def _say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def run_gui(db_url: str | None = None) -> int:
    started = time.perf_counter()
    from breach_desk.gui import evidence_copies
    from breach_desk.gui.backend import Backend
    from breach_desk.gui.main_window import MainWindow
    from breach_desk.gui.settings import UiSettings
    from breach_desk.gui.tasks import TaskRunner

    app = make_app()
    runner = TaskRunner()
    backend = Backend(runner)
    window = MainWindow(backend, UiSettings())
    probe = _Probe(window, started) if os.environ.get(PROBE) else None
    window.show()
    # Open the register once the window has painted: the first frame never waits for SQLAlchemy.
    QTimer.singleShot(0, lambda: backend.open(db_url))
    # Evidence copies a crashed run left in the temporary folder go now; this run's on quit.
    QTimer.singleShot(0, evidence_copies.remove_all)
    try:
        status = int(app.exec())
    finally:
        runner.shutdown()
        evidence_copies.remove_all()
    del probe
    return status
