"""The installed wheel carries everything the package reads at run time (schemas, migrations,
fonts, compiled Qt resources), not only what an editable checkout happens to have."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_every_tracked_package_file(tmp_path: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "breach_desk"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("breach_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [path for path in tracked if path not in names]
    assert missing == []
    assert "breach_desk/schemas/facts.schema.json" in names
