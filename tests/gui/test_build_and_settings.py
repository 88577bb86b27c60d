"""The committed generated modules match the forms; UI settings survive a fresh process."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray

from breach_desk.gui.settings import UiSettings

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_and_resources_are_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("build_ui", ROOT / "tools" / "build_ui.py")
    assert spec is not None
    assert spec.loader is not None
    build_ui = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_ui)
    assert build_ui.stale() == [], "run: .venv/bin/python tools/build_ui.py"


def test_settings_read_back_with_their_types_in_a_fresh_process(tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    settings = UiSettings(str(path))
    settings.add_recent("sqlite:///r.sqlite3", "IG-2024-001")
    settings.set_flag("seen_demo", False)
    settings.set_geometry("main", QByteArray(b"\x01\x02geometry"))
    settings.sync()
    code = (
        "import json, sys; from breach_desk.gui.settings import UiSettings; "
        "s = UiSettings(sys.argv[1]); "
        "print(json.dumps([s.recent('sqlite:///r.sqlite3'), s.flag('seen_demo', True), "
        "bytes(s.geometry('main')).hex()]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
    )
    recent, flag, geometry = json.loads(out.stdout)
    assert recent == ["IG-2024-001"]  # a one-item list, not a bare string
    assert flag is False  # not the truthy string 'false'
    assert bytes.fromhex(geometry) == b"\x01\x02geometry"
