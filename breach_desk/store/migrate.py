"""Bring a register's schema up to date, backing up a SQLite file first.

The app and every command call ``ensure_schema`` on start. When the schema is already current it
costs one small query and never imports Alembic. Otherwise one transaction upgrades it, under a
lock (SQLite's write lock; an advisory lock on PostgreSQL) so two starting copies never race.

For developers: ``python -m breach_desk.store.migrate revision -m "what changes"`` writes a new
revision from the models (check it by hand: batch mode for SQLite, named constraints).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from breach_desk.domain.errors import NotARegister, StoreError
from breach_desk.store.engine import WRITE, sqlite_path
from breach_desk.store.session import Store, translate_errors

HEAD = "0016"
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


def _foreign_tables(conn: Connection) -> list[str]:
    """The tables of a SQLite file without a schema-revision table: another program's data.
    (A register taken back to no revision keeps that table, empty.)"""
    names = list(
        conn.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            )
        ).scalars()
    )
    return [] if "alembic_version" in names else names


def _refuse_foreign(tables: list[str], location: str) -> None:
    shown = ", ".join(tables[:3]) + (f" and {len(tables) - 3} more" if len(tables) > 3 else "")
    raise NotARegister(
        f"{location} is not a Breach Desk register: it holds other tables ({shown}) and no "
        "register schema. Nothing was changed. Give the path of a register, or of a new file"
    )


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """A consistent copy of the register (SQLite's backup API, safe with WAL), readable by its
    owner only. If it cannot be made whole (a full disk), nothing of it is left behind."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-upgrade-from-{revision or 'none'}-{stamp}.bak")
    needed = path.stat().st_size
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise StoreError(_no_backup(path, "the disk is full", needed, free))
    made = False
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        made = True
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        if made:
            target.unlink(missing_ok=True)
            Path(f"{target}-journal").unlink(missing_ok=True)
        full = getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc).lower()
        reason = "the disk is full" if full else f"{getattr(exc, 'strerror', None) or exc}"
        raise StoreError(_no_backup(path, reason, needed, free)) from None
    return target


def _no_backup(path: Path, reason: str, needed: int, free: int) -> str:
    return (
        f"the register ({path}) needs a schema upgrade, and a backup is made first; it could "
        f"not be made: {reason} (it needs about {needed / 1024 / 1024:.1f} MB in "
        f"{path.parent}; {free / 1024 / 1024:.1f} MB are free). Nothing was changed: free "
        "some space, then open the register again"
    )


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
            if before is None and conn.dialect.name == "sqlite":
                foreign = _foreign_tables(conn)
                if foreign:
                    _refuse_foreign(foreign, store.display_location)
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
