"""Bring a register's schema up to date, backing up a SQLite file first.

The app and every command call ``ensure_schema`` on start. When the schema is already current it
costs one small query and never imports Alembic. Otherwise one transaction upgrades it, under a
lock (SQLite's write lock; an advisory lock on PostgreSQL) so two starting copies never race.

For developers: ``python -m breach_desk.store.migrate revision -m "what changes"`` writes a new
revision from the models (check it by hand: batch mode for SQLite, named constraints).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from breach_desk.store.engine import WRITE, sqlite_path
from breach_desk.store.errors import StoreError
from breach_desk.store.session import Store, translate_errors

HEAD = "0003"
"""The newest revision in ``migrations/versions`` (a test keeps the two in step)."""
_PG_LOCK = 0x42D35C  # an arbitrary constant: the advisory lock taken while upgrading


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def script_location() -> str:
    return str(resources.files("breach_desk.store") / "migrations")


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", script_location())
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    if conn.dialect.name == "sqlite":
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
    else:
        exists = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
    if not exists:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_tables(conn: Connection) -> bool:
    return bool(
        conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type = 'table'")).scalar()
    )


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """A consistent copy of the register (SQLite's backup API, safe with WAL)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-upgrade-from-{revision or 'none'}-{stamp}.bak")
    target.touch(mode=0o600)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


AfterUpgrade = Callable[[Connection], None]
"""Work that belongs with an upgrade, in its transaction (``db roles``' grants on PostgreSQL)."""


def ensure_schema(
    store: Store, revision: str = "head", after: AfterUpgrade | None = None
) -> UpgradeResult:
    """Upgrade to ``revision`` (default: the newest) if needed. Backs up SQLite files first.
    ``after(conn)`` runs once the schema is upgraded, in the same transaction: if it fails, the
    upgrade is undone too."""
    with translate_errors(store.display_location), store.engine.connect() as probe:
        before = current_revision(probe)
        probe.rollback()
    if revision == "head" and before == HEAD:
        return UpgradeResult(before, HEAD)
    return _upgrade(store, revision, after)


def _upgrade(store: Store, revision: str, after: AfterUpgrade | None = None) -> UpgradeResult:
    from alembic import command

    if store.parsed.query.get("mode") == "ro":
        raise StoreError(
            f"the register is read-only ({store.display_location}) and its schema is not "
            "current: open it once with write access to upgrade it"
        )
    known = known_revisions()
    backup: Path | None = None
    with translate_errors(store.display_location), store.engine.connect() as conn:
        conn = conn.execution_options(**{WRITE: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            before = current_revision(conn)
            if before is not None and before not in known:
                raise StoreError(
                    f"the register ({store.display_location}) was made by a newer Breach Desk "
                    f"(schema {before}): install that version to open it"
                )
            path = sqlite_path(store.parsed)
            target = HEAD if revision == "head" else revision
            if before != target and path is not None and _has_tables(conn):
                backup = backup_sqlite(path, before)
            command.upgrade(alembic_config(conn), revision)
            now_at = current_revision(conn) or "base"
            if after is not None:
                after(conn)
    return UpgradeResult(before, now_at, backup)


def downgrade(store: Store, revision: str) -> None:
    """For tests of upgrading: take the schema back to ``revision`` ("base" for nothing)."""
    from alembic import command

    with store.engine.connect() as conn:
        conn = conn.execution_options(**{WRITE: True})
        with conn.begin():
            command.downgrade(alembic_config(conn), revision)


def _main(argv: list[str]) -> int:  # pragma: no cover - a developer's tool
    import argparse
    import tempfile

    from alembic import command

    parser = argparse.ArgumentParser(prog="python -m breach_desk.store.migrate")
    parser.add_argument("action", choices=["revision"])
    parser.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/scratch.sqlite3")
        ensure_schema(store)
        with store.engine.connect() as conn:
            cfg = alembic_config(conn)
            command.revision(cfg, message=args.message, autogenerate=True)
            conn.commit()
        store.dispose()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv[1:]))
