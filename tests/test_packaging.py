"""The installed wheel carries everything the package reads at run time (schemas, migrations,
fonts, compiled Qt resources), not only what an editable checkout happens to have."""

from __future__ import annotations

import shutil
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
        pytest.skip("needs a git checkout: the test compares the wheel with git's list of files")
    before = _status()
    # Built from a copy of what git tracks, so the build leaves nothing (build/, *.egg-info)
    # in the checkout, and an untracked file there cannot hide a missing one.
    source = tmp_path / "source"
    listed = subprocess.run(
        ["git", "ls-files", "--", "pyproject.toml", "README.md", "breach_desk"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in listed:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert _status() == before, "building the wheel changed the checkout"
    assert not (REPO / "build").exists() or "build/" in before
    (wheel,) = out.glob("breach_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [path for path in tracked if path not in names]
    assert missing == []
    assert "breach_desk/schemas/facts.schema.json" in names


def _status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--ignored", "--", "build", "breach_desk.egg-info"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
