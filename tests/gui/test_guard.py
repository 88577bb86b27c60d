"""The window keeps the register whole and honest: a breach whose stored assessment its facts do
not give is flagged when opened; quitting leaves the whole register in the one SQLite file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from breach_desk.facts_io import facts_from_dict
from breach_desk.services.register import Register
from breach_desk.store.models import packed_for, unpack


def seeded(db_url: str, seed: dict[str, Any]) -> str:
    with Register.open(db_url) as register:
        breach = register.finalise(facts_from_dict(seed, at=datetime(2021, 3, 15, 14, tzinfo=UTC)))
        return breach.reference


def forge_low(db_url: str) -> None:
    with Register.open(db_url) as register, register.store.engine.begin() as conn:
        row = conn.execute(text("SELECT id, assessment FROM assessment_versions")).one()
        d = json.loads(unpack(row.assessment))
        d["risk"] = "unlikely"
        conn.execute(
            text("UPDATE assessment_versions SET assessment = :a WHERE id = :i"),
            {"a": packed_for("sqlite", json.dumps(d)), "i": row.id},
        )


def warning_boxes(window: Any) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.objectName() == "recheck_warning"]


def test_opening_a_forged_breach_warns_that_it_differs_from_its_facts(
    desk_factory: Any, db_url: str, answers: Any, fixed_now: str, seed_facts_dict: dict
) -> None:
    reference = seeded(db_url, seed_facts_dict)
    forge_low(db_url)
    desk = desk_factory(db_url)
    desk.window.open_breach(reference)
    desk.qtbot.waitUntil(lambda: bool(warning_boxes(desk.window)), timeout=20000)
    (box,) = warning_boxes(desk.window)
    assert box.isVisible()
    assert f"Recomputing {reference} from its stored facts" in box.text()
    assert "risk stored unlikely, recomputed high" in box.text()
    box.close()


def test_an_honest_breach_opens_without_a_warning(
    desk_factory: Any, db_url: str, answers: Any, fixed_now: str, seed_facts_dict: dict
) -> None:
    reference = seeded(db_url, seed_facts_dict)
    desk = desk_factory(db_url)
    desk.window.open_breach(reference)
    desk.wait_idle()
    desk.qtbot.waitUntil(
        lambda: desk.window.register_view.current_breach() is not None, timeout=20000
    )
    desk.wait_idle()
    assert warning_boxes(desk.window) == []


def test_after_quitting_the_main_file_alone_holds_the_whole_register(
    desk_factory: Any,
    db_url: str,
    answers: Any,
    fixed_now: str,
    seed_facts_dict: dict,
    tmp_path: Path,
) -> None:
    desk = desk_factory(db_url)
    reference = seeded(db_url, seed_facts_dict)  # while the window holds the register open
    desk.window.refresh()
    desk.wait_loaded()
    desk.window.open_breach(reference)
    desk.wait_idle()
    desk.close()  # File ▸ Quit
    main = Path(db_url.removeprefix("sqlite:///"))
    copy = tmp_path / "copied-alone.sqlite3"
    shutil.copyfile(main, copy)  # what a user backing up "the file" copies
    with sqlite3.connect(copy) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"breaches", "audit_log", "assessment_versions"} <= tables
        assert conn.execute("SELECT reference FROM breaches").fetchall() == [(reference,)]
    wal = main.with_name(main.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_file_back_up_register_writes_a_whole_copy(
    desk_factory: Any,
    db_url: str,
    answers: Any,
    fixed_now: str,
    seed_facts_dict: dict,
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    from breach_desk.gui.backup_dialog import BackupAs

    reference = seeded(db_url, seed_facts_dict)
    out = tmp_path / "chosen.sqlite3"
    monkeypatch.setattr(BackupAs, "ask", classmethod(lambda cls, parent, name, pg: str(out)))
    desk = desk_factory(db_url)
    action = desk.window.commands.actions["backup"]
    assert action.text() == "&Back up register…"
    file_menu = desk.window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    action.trigger()
    desk.qtbot.waitUntil(out.exists, timeout=20000)
    desk.wait_idle()
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT reference FROM breaches").fetchall() == [(reference,)]
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert f"Backed up to {out}" in desk.window.statusBar().currentMessage()
