"""Temporary evidence copies never outlive the app: removed on quit and at the next start."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from breach_desk.gui import evidence_copies


def test_copies_are_private_and_all_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first, second = evidence_copies.new_folder(), evidence_copies.new_folder()
    (first / "letter.pdf").write_bytes(b"%PDF personal data")
    assert first != second
    assert first.parent == evidence_copies.root()
    assert stat.S_IMODE(evidence_copies.root().stat().st_mode) == 0o700
    evidence_copies.remove_all()
    assert not evidence_copies.root().exists()
    evidence_copies.remove_all()  # nothing there: nothing to do


def test_a_copy_left_by_a_crash_goes_at_the_next_start(tmp_path: Path) -> None:
    """The app is started (offscreen, its register a throw-away file) after a run that died."""
    code = (
        "import sys, tempfile; tempfile.tempdir = sys.argv[1]\n"
        "from breach_desk.gui import evidence_copies\n"
        "left = evidence_copies.new_folder() / 'plan.txt'; left.write_text('Mr B')\n"
        "from PySide6.QtCore import QTimer\n"
        "from breach_desk.gui import app\n"
        "qt = app.make_app()\n"
        "QTimer.singleShot(1000, lambda: print('left' if left.exists() else 'gone'))\n"
        "QTimer.singleShot(1500, qt.quit)\n"
        "app.run_gui(sys.argv[2])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), f"sqlite:///{tmp_path / 'r.sqlite3'}"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
    )
    # Gone while the app runs (removed at start), not only when it quits.
    assert out.stdout.strip().splitlines()[-1:] == ["gone"], out.stderr[-2000:]
