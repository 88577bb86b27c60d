"""The core works on a machine without Qt: every core module imports, a case is assessed and a
PDF is built, in an interpreter where PySide6 cannot be imported at all (tests/qt_blocker.py).

``lint-imports`` checks the same boundary statically (pyproject ``[tool.importlinter]``); this
proves it at run time, including imports made inside functions on the paths exercised.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from builders import load_case

TESTS = Path(__file__).resolve().parents[1]
CORE = ("domain", "method", "facts_io", "assessment_io", "files", "printable")
CORE_PACKAGES = ("store", "reports", "services", "cli")
NOT_IMPORTABLE_ALONE = {"breach_desk.store.migrations.env"}
"""Alembic's environment script runs a migration when imported: it is loaded by Alembic only."""


def _run_without_qt(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    prelude = (
        f"import sys\nsys.path.insert(0, {str(TESTS)!r})\nimport qt_blocker\nqt_blocker.install()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )


def test_the_blocker_really_blocks_qt(tmp_path: Path) -> None:
    done = _run_without_qt("import PySide6.QtCore\n", tmp_path)
    assert done.returncode != 0
    assert "Qt is blocked" in done.stderr


def test_every_core_module_imports_without_qt(tmp_path: Path) -> None:
    packages = ["breach_desk." + name for name in (*CORE_PACKAGES, "domain", "method")]
    code = (
        "import importlib, pkgutil\n"
        f"skip = {sorted(NOT_IMPORTABLE_ALONE)!r}\n"
        f"names = {['breach_desk.' + name for name in CORE]!r}\n"
        f"for name in {packages!r}:\n"
        "    path = importlib.import_module(name).__path__\n"
        "    names += [m.name for m in pkgutil.walk_packages(path, name + '.')]\n"
        "for name in names:\n"
        "    if name not in skip:\n"
        "        importlib.import_module(name)\n"
        "print(len(names))\n"
    )
    done = _run_without_qt(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 60  # every module of the core, not a handful


def test_a_case_is_assessed_and_its_report_printed_without_qt(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(
        json.dumps(load_case("seed-ombudsman-21007914.json")["facts"]), encoding="utf-8"
    )
    pdf = tmp_path / "report.pdf"
    code = (
        "import contextlib, io, json\n"
        "from breach_desk.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    assert main(['assess', {str(facts)!r}, '--json']) == 0\n"
        "print(json.loads(out.getvalue())['risk'])\n"
        f"assert main(['report', {str(facts)!r}, '--pdf', {str(pdf)!r}]) == 0\n"
    )
    done = _run_without_qt(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "high"  # the founding case: a high risk, reported to the ICO
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.stat().st_size > 10_000
