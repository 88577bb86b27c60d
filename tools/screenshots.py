"""Offscreen screenshots of the main window and of each wizard page filled with the founding case.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--scale 1] [--dark]

Everything runs in a throw-away home folder: the demo register for the main window, and for the
wizard a register holding only the earlier breach involving Mr B, so the People page shows the
"seen before" match. The clock is fixed (BREACH_DESK_NOW) so the pictures do not age.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAIN_NOW = "2024-06-13T09:30:00+01:00"
WIZARD_NOW = "2021-03-16T12:00:00+00:00"
PAGES = (
    "basics",
    "people",
    "data",
    "happened",
    "recipients",
    "assessment",
    "decisions",
    "recommendations",
    "summary",
)


def _pause(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _settle(runner: Any, check: Any = None, seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while runner.busy or (check is not None and not check()):
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the app")
        _pause(30)
    _pause(150)


def _dark_palette() -> Any:
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202326"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#17191b"),
        (roles.AlternateBase, "#24272a"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#2b2f33"),
        (roles.ButtonText, "#e8eaed"),
        (roles.Highlight, "#3d6fb4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#2b2f33"),
        (roles.ToolTipText, "#e8eaed"),
        (roles.PlaceholderText, "#8a9199"),
        (roles.Mid, "#3a3f45"),
        (roles.Midlight, "#33373b"),
        (roles.Light, "#3f444a"),
        (roles.Dark, "#111214"),
        (roles.Link, "#8ab4f8"),
    ):
        pal.setColor(role, QColor(colour))
    pal.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#6b7178"))
    pal.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#6b7178"))
    pal.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#6b7178"))
    return pal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 2 for 200 %%")
    parser.add_argument("--dark", action="store_true", help="a dark palette")
    parser.add_argument("--only", choices=("main", "wizard"), help="one set only")
    args = parser.parse_args(argv)
    if args.only is None:  # each set in its own process: a clean app and clock for each
        import subprocess

        base = [sys.executable, __file__, "--out", args.out, "--scale", args.scale]
        base += ["--dark"] if args.dark else []
        for only in ("main", "wizard"):
            subprocess.run([*base, "--only", only], check=True)
        return 0

    home = Path(tempfile.mkdtemp(prefix="breach-desk-shots-"))
    # An offscreen screen the size of a common desktop (the plugin's default is 800 x 600).
    screen = home / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "shots",
                        "x": 0,
                        "y": 0,
                        "width": 1920,
                        "height": 1200,
                        "logicalDpi": 96,
                    }
                ]
            }
        )
    )
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
    os.environ["QT_SCALE_FACTOR"] = args.scale
    for name in ("DATA", "CONFIG", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = str(home / name.lower())
    os.environ.pop("BREACH_DESK_DB", None)
    os.environ["LOGNAME"] = "jsmith"  # the officer in the pictures, not whoever runs the tool
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = ("-dark" if args.dark else "") + (f"@{args.scale}x" if args.scale != "1" else "")

    from PySide6.QtWidgets import QApplication

    from breach_desk.gui.app import make_app
    from breach_desk.gui.backend import Backend
    from breach_desk.gui.main_window import MainWindow
    from breach_desk.gui.settings import UiSettings
    from breach_desk.gui.tasks import TaskRunner

    app = make_app()
    app.setStyle("Fusion")
    if args.dark:
        app.setPalette(_dark_palette())
    runner = TaskRunner()
    written: list[Path] = []
    try:
        if args.only == "main":
            written += _main_window(runner, home, out, suffix)
        else:
            written += _wizard(runner, home, out, suffix)
    finally:
        runner.shutdown()
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    del app, Backend, MainWindow, UiSettings, QApplication
    return 0


def _save(widget: Any, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def _main_window(runner: Any, home: Path, out: Path, suffix: str) -> list[Path]:
    from breach_desk.gui.backend import Backend
    from breach_desk.gui.main_window import MainWindow
    from breach_desk.gui.settings import UiSettings

    os.environ["BREACH_DESK_NOW"] = MAIN_NOW
    backend = Backend(runner)
    window = MainWindow(backend, UiSettings(str(home / "ui-main.ini")))
    window.resize(1440, 860)
    window.show()
    backend.open(f"sqlite:///{home / 'empty.sqlite3'}")
    _settle(runner, lambda: window.register_view.model.loaded)
    shots = [_save(window, out / f"first-run{suffix}.png")]
    from breach_desk.gui.demo import demo_url

    backend.open(demo_url(home / "demo"), demo=True)
    _settle(runner, lambda: window.register_view.model.total > 0)
    view = window.register_view
    view.select("IG-2021-014")
    _settle(runner, lambda: view.current_breach() is not None)
    shots.append(_save(window, out / f"main-window{suffix}.png"))
    view.detail.tabs.setCurrentIndex(1)
    _pause(100)
    shots.append(_save(window, out / f"main-window-assessment{suffix}.png"))
    shots += _papers(runner, window, out, suffix)
    shots.append(_service_manager(runner, window, home, out, suffix))
    window.close()
    return shots


def _on_worker(runner: Any, backend: Any, call: Any) -> Any:
    """Run ``call(services)`` on the worker and wait for its answer."""
    got: list[Any] = []
    backend.call(call, on_done=got.append)
    _settle(runner, lambda: bool(got))
    return got[0]


def _papers(runner: Any, window: Any, out: Path, suffix: str) -> list[Path]:
    """The letter as the officer edits it, and the ICO report draft in the preview."""
    from breach_desk.gui.dialogs import LetterDialog
    from breach_desk.gui.printing import PreviewDialog, default_letter, render_ico_pdf

    breach = window.register_view.current_breach()
    organisation = "Anytown Council"
    contact = "the Information Governance team, 01632 960 123, ig@anytown.example"
    text = _on_worker(
        runner, window.backend, lambda _s: default_letter(breach, organisation, contact)
    )
    letter = LetterDialog(window, breach.reference, text)
    letter.show()
    _pause(150)
    shots = [_save(letter, out / f"letter{suffix}.png")]
    letter.close()
    why = "The service manager was on leave; the officer learnt of it on 22 March 2021."
    pdf = _on_worker(
        runner, window.backend, lambda _s: render_ico_pdf(breach, organisation, contact, why)
    )
    preview = PreviewDialog(window, pdf, f"{breach.reference} ICO report draft", "ico.pdf")
    preview.show()
    _pause(400)
    shots.append(_save(preview, out / f"ico-report-preview{suffix}.png"))
    preview.close()
    return shots


def _service_manager(runner: Any, window: Any, home: Path, out: Path, suffix: str) -> Path:
    """The same demo register as a service manager of Children's Services sees it (SQLite: the
    window limits the list; New assessment and Reassess are off, saying why)."""
    from breach_desk.gui.demo import demo_url
    from breach_desk.services.identity import write_setting

    os.environ["LOGNAME"] = "pjones"
    write_setting("service_manager", ["Children's Services"])
    window.backend.open(demo_url(home / "demo"), demo=True)
    view = window.register_view
    _settle(runner, lambda: window.backend.is_open and view.model.loaded)
    view.select("IG-2021-014")
    _settle(runner, lambda: view.current_breach() is not None)
    view.detail.tabs.setCurrentIndex(3)
    _pause(100)
    return _save(window, out / f"main-window-service-manager{suffix}.png")


def _wizard(runner: Any, home: Path, out: Path, suffix: str) -> list[Path]:
    from breach_desk.facts_io import facts_from_dict
    from breach_desk.gui.backend import Backend
    from breach_desk.gui.wizard.state import FormState
    from breach_desk.gui.wizard.wizard import AssessmentWizard

    os.environ["BREACH_DESK_NOW"] = WIZARD_NOW
    cases = json.loads((ROOT / "breach_desk/gui/demo/cases.json").read_text(encoding="utf-8"))
    earlier = next(c for c in cases if c.get("reference") == "IG-2020-044")
    seed = dict(next(c for c in cases if c.get("reference") == "IG-2021-014"))
    seed.pop("reference")
    backend = Backend(runner)
    url = f"sqlite:///{home / 'wizard.sqlite3'}"

    def prepare(s: Any) -> None:
        s.register.import_facts([facts_from_dict(earlier)])

    backend.open(url)
    _settle(runner, lambda: backend.is_open)
    backend.call(prepare)
    _settle(runner)
    wizard = AssessmentWizard(backend, state=FormState.from_facts(facts_from_dict(seed)))
    wizard.show()
    _settle(runner, lambda: bool(wizard.matches))
    shots = []
    for number, name in enumerate(PAGES):
        _settle(runner)
        shots.append(_save(wizard, out / f"wizard-{number + 1}-{name}{suffix}.png"))
        if number + 1 < len(PAGES):
            wizard.next()
    wizard._finished = True  # a picture, not a cancelled assessment: nothing to keep
    wizard.close()
    return shots


if __name__ == "__main__":
    sys.exit(main())
