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

# BREACH_DESK_BLOCK_QT=1 runs the tests as on a machine without PySide6 (with -p no:pytest-qt, so
# that pytest-qt does not load it first): any core module that reaches for Qt fails its test.
if os.environ.get("BREACH_DESK_BLOCK_QT") == "1":
    import qt_blocker

    qt_blocker.install()

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from builders import load_case  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

# Hypothesis keeps what it learns (examples, constants) in the session's throw-away folder, not
# in the checkout.
set_hypothesis_home_dir(os.path.join(_HOME, "hypothesis"))


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    if pluginmanager.is_blocked("pytest-qt"):  # pytest-qt's settings in pyproject stay valid
        for name in ("qt_api", "qt_log_level_fail", "qt_log_ignore"):
            parser.addini(name, "pytest-qt's (not loaded)")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("BREACH_DESK_BLOCK_QT") == "1" and not config.pluginmanager.is_blocked(
        "pytest-qt"
    ):
        raise pytest.UsageError("BREACH_DESK_BLOCK_QT=1 needs -p no:pytest-qt (it loads Qt)")


_PG_SKIPPED: list[tuple[str, str]] = []
"""PostgreSQL tests that skipped: (test, reason)."""


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = _skip_reason(report)
    if "postgres" in report.keywords or "BREACH_DESK_TEST_PG" in reason:
        _PG_SKIPPED.append((report.nodeid, reason))


def _pg_required() -> bool:
    return os.environ.get("BREACH_DESK_REQUIRE_PG") == "1"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With BREACH_DESK_REQUIRE_PG=1 (CI) a skipped PostgreSQL test fails the run: the team
    register is tested on the real server, or the run says it was not."""
    if _pg_required() and _PG_SKIPPED and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if _pg_required() and _PG_SKIPPED:
        terminalreporter.section("PostgreSQL tests skipped (BREACH_DESK_REQUIRE_PG=1)", red=True)
        for nodeid, reason in _PG_SKIPPED:
            terminalreporter.line(f"{nodeid}: {reason}")


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
