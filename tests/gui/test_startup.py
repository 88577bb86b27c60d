"""The window starts without the heavy modules: the database layer is imported on the worker
after the first frame, ReportLab only when a report is made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, sys
from breach_desk.gui.app import make_app
from breach_desk.gui.backend import Backend
from breach_desk.gui.main_window import MainWindow
from breach_desk.gui.settings import UiSettings
from breach_desk.gui.tasks import TaskRunner
app = make_app()
runner = TaskRunner()
window = MainWindow(Backend(runner), UiSettings(sys.argv[1]))
window.show()
app.processEvents()
heavy = ("reportlab", "sqlalchemy", "alembic", "jsonschema", "breach_desk.method")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
runner.shutdown()
"""


def test_the_window_shows_before_any_heavy_module_is_imported(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "ui.ini")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
