"""Test-wide set-up: Qt offscreen, and no test ever touches the real user's data or settings."""

from __future__ import annotations

import os
import tempfile

# Must happen before anything imports Qt: without a display a QApplication would abort the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# platformdirs and QSettings read these on Linux: point them at a throw-away folder for the session.
_HOME = tempfile.mkdtemp(prefix="breach-desk-tests-")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ.pop("BREACH_DESK_DB", None)
os.environ.pop("BREACH_DESK_NOW", None)

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from builders import load_case  # noqa: E402


@pytest.fixture
def seed_facts_dict() -> dict[str, Any]:
    """The founding case (Ombudsman 21 007 914) as a facts dict."""
    facts: dict[str, Any] = load_case("seed-ombudsman-21007914.json")["facts"]
    return facts


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data/config home for one test (for tests that need a first-run state)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("BREACH_DESK_DB", raising=False)
    return tmp_path
