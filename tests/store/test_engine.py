"""Which database: the --db argument, else BREACH_DESK_DB, else the user's own file; and what a
status bar may show of it (never a password)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from breach_desk.services.register import resolve_url
from breach_desk.store.engine import display_location, parse_url


def test_the_argument_wins_then_the_environment_then_the_data_folder(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = resolve_url()
    assert default == f"sqlite:///{isolated_home / 'data' / 'breach-desk' / 'breach-desk.sqlite3'}"
    monkeypatch.setenv("BREACH_DESK_DB", "sqlite:////srv/team.sqlite3")
    assert resolve_url() == "sqlite:////srv/team.sqlite3"
    assert resolve_url("postgresql+psycopg://ig@db/register") == (
        "postgresql+psycopg://ig@db/register"
    )
    monkeypatch.setenv("BREACH_DESK_DB", "  ")
    assert resolve_url() == default


def test_the_location_shown_never_includes_a_password() -> None:
    shown = display_location(parse_url("postgresql://alice:s3cret@db.example:5433/register"))
    assert shown == "PostgreSQL alice@db.example:5433/register"
    assert display_location(parse_url("sqlite:////home/a/r.sqlite3")) == "/home/a/r.sqlite3"


def test_the_register_layer_never_loads_qt() -> None:
    probe = (
        "import sys, breach_desk.services.register, breach_desk.services.drafts\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
