"""The schema: migrations and models agree, constraints hold, SQLite is set up as promised."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from builders import facts
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from breach_desk.services.register import Register, StoreError
from breach_desk.store.migrate import HEAD, alembic_config, downgrade
from breach_desk.store.models import Base, RecommendationRow


def test_migrations_create_exactly_the_models(register: Register) -> None:
    with register.store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_head_constant_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_foreign_keys_are_enforced(register: Register) -> None:
    """An orphan recommendation is refused on SQLite too (PRAGMA foreign_keys)."""
    now = datetime.now(UTC)
    row = {
        "breach_id": 424242,
        "code": "X",
        "text": "t",
        "owner_role": "ig",
        "due_date": now.date(),
        "status": "open",
        "why": "",
        "added_in_version": 1,
        "created_at": now,
        "created_by": "me",
        "updated_at": now,
        "row_version": 1,
    }
    with pytest.raises(IntegrityError), register.store.unit(write=True) as uow:
        uow.session.execute(insert(RecommendationRow), [row])


def test_check_constraints_refuse_an_unknown_status(register: Register) -> None:
    register.finalise(facts())
    with (
        pytest.raises(StoreError, match="the register refused the change"),
        register.store.unit(write=True) as uow,
    ):
        uow.session.execute(text("UPDATE recommendations SET status = 'forgotten'"))


def test_times_come_back_timezone_aware_utc_and_equal(register: Register) -> None:
    saved = register.finalise(facts(aware_at="2024-05-21T09:15:30"))  # London, BST
    back = register.get(saved.reference)
    assert back.created_at.tzinfo is UTC
    assert back.facts.aware_at == datetime(2024, 5, 21, 8, 15, 30, tzinfo=UTC)
    summary = register.list_breaches()[0]
    assert summary.aware_at == datetime(2024, 5, 21, 8, 15, 30, tzinfo=UTC)
    assert summary.aware_at.tzinfo is UTC


def test_default_register_is_a_private_sqlite_file_in_the_data_folder(
    isolated_home: Path,
) -> None:
    with Register.open() as reg:
        reg.finalise(facts())
        path = isolated_home / "data" / "breach-desk" / "breach-desk.sqlite3"
        assert reg.engine_name == "sqlite"
        assert reg.display_location == str(path)
        with reg.store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            assert stat.S_IMODE(wal.stat().st_mode) & 0o077 == 0


def test_env_var_selects_another_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "team.sqlite3"
    monkeypatch.setenv("BREACH_DESK_DB", f"sqlite:///{target}")
    with Register.open() as reg:
        assert reg.display_location == str(target)
    assert target.exists()


def test_upgrading_an_older_sqlite_register_backs_it_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    with Register.open(url) as reg:
        downgrade(reg.store, "base")
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE kept_by_the_backup (note TEXT)")
    con.execute("INSERT INTO kept_by_the_backup VALUES ('from before the upgrade')")
    con.commit()
    con.close()

    with Register.open(url) as reg:
        assert reg.upgrade is not None
        assert reg.upgrade.changed
        backup = reg.upgrade.backup
        assert reg.list_breaches() == []
    assert backup is not None
    assert backup.parent == tmp_path
    old = sqlite3.connect(backup)
    assert old.execute("SELECT note FROM kept_by_the_backup").fetchall() == [
        ("from before the upgrade",)
    ]
    assert old.execute("SELECT count(*) FROM sqlite_master WHERE name = 'breaches'").fetchone() == (
        0,
    )
    old.close()
    if os.name == "posix":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_no_backup_when_the_schema_is_current(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    Register.open(url).close()
    with Register.open(url) as reg:
        assert reg.upgrade is not None
        assert not reg.upgrade.changed
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []


def test_a_register_from_a_newer_version_is_refused(register: Register, db_url: str) -> None:
    with register.store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    register.close()
    with pytest.raises(StoreError, match="newer Breach Desk"):
        Register.open(db_url)


@pytest.mark.parametrize("column", ["band", "likelihood", "risk"])
def test_a_value_the_method_never_produces_is_refused(register: Register, column: str) -> None:
    """Whoever writes the table, a band, likelihood or risk Breach Desk could not read back is
    refused (else every list, show and export would fail for everyone)."""
    register.finalise(facts())
    with (
        pytest.raises(StoreError, match="the register refused the change"),
        register.store.unit(write=True) as uow,
    ):
        uow.session.execute(text(f"UPDATE breaches SET {column} = 'low-ish'"))
    assert len(register.list_breaches()) == 1


def test_upgrading_from_triggers_to_checks_keeps_every_breach(tmp_path: Path) -> None:
    """A register made before 0012 (values refused by triggers) comes back with the same
    breaches, recommendations and indexes, refuses the same values, and has no triggers on
    the breaches table left to slow every write."""
    path = tmp_path / "r.sqlite3"
    url = f"sqlite:///{path}"
    with Register.open(url) as reg:
        for n in range(3):
            reg.finalise(facts(title=f"Breach {n}"))
        downgrade(reg.store, "0011")
    con = sqlite3.connect(path)
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'breaches'"
    assert len(con.execute(triggers).fetchall()) == 2
    before = {
        "breaches": con.execute("SELECT * FROM breaches ORDER BY id").fetchall(),
        "recommendations": con.execute("SELECT * FROM recommendations ORDER BY id").fetchall(),
        "indexes": con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'breaches' "
            "ORDER BY name"
        ).fetchall(),
    }
    con.close()
    with Register.open(url) as reg:
        assert reg.upgrade is not None
        assert reg.upgrade.changed
        assert len(reg.list_breaches()) == 3
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute(triggers).fetchall() == []
    assert con.execute("SELECT * FROM breaches ORDER BY id").fetchall() == before["breaches"]
    assert (
        con.execute("SELECT * FROM recommendations ORDER BY id").fetchall()
        == before["recommendations"]
    )
    assert (
        con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'breaches' "
            "ORDER BY name"
        ).fetchall()
        == before["indexes"]
    )
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError, match="ck_breaches_risk_known"):
        con.execute("UPDATE breaches SET risk = 'low'")
    con.close()


LISTED_CHECKS = (
    ("breaches", "status", "assessed", "archived"),
    ("breaches", "band", "high", "severe"),
    ("recommendations", "status", "done", "finished"),
    ("recommendations", "owner_role", "service", "manager"),
)


def test_upgrading_list_checks_to_comparisons_keeps_every_row_and_refuses_the_same(
    tmp_path: Path,
) -> None:
    """A register made before 0015 (SQLite checks written as IN lists, each costing a
    temporary index per row written) comes back with the same rows, indexes and triggers;
    every value it accepted it still accepts, and every value it refused it still refuses."""
    path = tmp_path / "r.sqlite3"
    url = f"sqlite:///{path}"
    with Register.open(url) as reg:
        for n in range(3):
            reg.finalise(facts(title=f"Breach {n}"))
        downgrade(reg.store, "0014")
    tables = ("breaches", "recommendations", "recommendation_transitions", "notifications")

    def snapshot(con: sqlite3.Connection) -> dict[str, object]:
        return {
            **{t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables},
            "kept": con.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                "ORDER BY type, name"
            ).fetchall(),
        }

    def table_sql(con: sqlite3.Connection, table: str) -> str:
        found = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,))
        return str(found.fetchone()[0])

    con = sqlite3.connect(path)
    assert "status IN ('open', 'in_progress', 'done', 'verified', 'rejected')" in table_sql(
        con, "recommendations"
    )
    before = snapshot(con)
    con.close()
    with Register.open(url) as reg:
        assert reg.upgrade is not None
        assert reg.upgrade.changed
        assert len(reg.list_breaches()) == 3
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    assert snapshot(con) == before
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in (*tables, "reminder_messages"):
        assert " IN (" not in table_sql(con, table), table
    assert "(owner_role = 'ig' OR owner_role = 'service' OR owner_role = 'it')" in table_sql(
        con, "recommendations"
    )
    for table, column, good, bad in LISTED_CHECKS:
        with pytest.raises(sqlite3.IntegrityError, match=f"ck_{table}_{column}"):
            con.execute(f"UPDATE {table} SET {column} = ?", (bad,))
        con.execute(f"UPDATE {table} SET {column} = ?", (good,))
    con.rollback()
    con.close()
    with Register.open(url) as reg:  # and back: the lists as they were
        downgrade(reg.store, "0014")
    con = sqlite3.connect(path)
    assert "owner_role IN ('ig', 'service', 'it')" in table_sql(con, "recommendations")
    assert snapshot(con) == before
    con.close()


def test_upgrading_clears_the_names_and_labels_that_only_describe(tmp_path: Path) -> None:
    """A register made before 0016 kept "member of the public" and "unknown" for matching, so
    every breach that said them matched every other: the upgrade clears them, and keeps every
    name and label that can tell one person or recipient from another."""
    path = tmp_path / "r.sqlite3"
    url = f"sqlite:///{path}"
    with Register.open(url) as reg:
        for name, kind, label in (
            ("Unknown", "member_of_public", "Member of the public"),
            ("Jo Bloggs", "partner_organisation", "Leeds City Council"),
        ):
            reg.finalise(
                facts(
                    title=f"To {label}",
                    **{
                        "subjects.people": [{"name": name}],
                        "recipients": [{"kind": kind, "label": label}],
                    },
                )
            )
        downgrade(reg.store, "0015")
    con = sqlite3.connect(path)  # as the earlier version kept them
    con.execute("UPDATE people SET name_folded = 'unknown' WHERE name_folded IS NULL")
    con.execute(
        "UPDATE recipients SET label_folded = 'member of the public' WHERE label_folded IS NULL"
    )
    con.commit()
    con.close()
    with Register.open(url) as reg:
        assert reg.upgrade is not None
        assert reg.upgrade.changed
    con = sqlite3.connect(path)
    assert con.execute("SELECT name_folded FROM people ORDER BY id").fetchall() == [
        (None,),
        ("jo bloggs",),
    ]
    assert con.execute("SELECT label_folded FROM recipients ORDER BY id").fetchall() == [
        (None,),
        ("leeds city council",),
    ]
    con.close()
