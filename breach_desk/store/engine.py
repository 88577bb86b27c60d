"""Where the register lives and how to connect to it.

The default is a SQLite file in the user's data folder, readable only by them. A team points
``--db`` or ``BREACH_DESK_DB`` at PostgreSQL instead. Every connection gets the settings the
register relies on: foreign keys enforced, WAL, a busy timeout, and writers that take the lock
up front (``BEGIN IMMEDIATE``) so that two saves never deadlock halfway.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import stat
import weakref
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

ENV_VAR = "BREACH_DESK_DB"
APP_DIR_NAME = "breach-desk"
DB_FILE_NAME = "breach-desk.sqlite3"
BUSY_TIMEOUT_MS = 15_000

WRITE = "breach_desk_write"
"""Execution option: this transaction will write, so take SQLite's write lock at BEGIN."""


def default_folder() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_url() -> str:
    return f"sqlite:///{default_folder() / DB_FILE_NAME}"


def resolve_url(url: str | None = None) -> str:
    """The database URL: the argument, else BREACH_DESK_DB, else the user's SQLite file."""
    for candidate in (url, os.environ.get(ENV_VAR)):
        if candidate and candidate.strip():
            return candidate.strip()
    return default_url()


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except Exception:
        raise ValueError(
            "not a database URL: expected e.g. sqlite:///path/to/register.sqlite3 or "
            "postgresql+psycopg://user@host/db"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(
            f"unsupported database {parsed.get_backend_name()!r}: Breach Desk works with SQLite "
            "and PostgreSQL"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(parsed: URL) -> Path | None:
    """The file behind a SQLite URL (None for in-memory databases)."""
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return None
    if database.startswith("file:"):
        database = database[len("file:") :].split("?", 1)[0]
    return Path(database).expanduser()


def display_location(parsed: URL) -> str:
    """Where the register is, for a status bar: never a password."""
    path = sqlite_path(parsed)
    if parsed.get_backend_name() == "sqlite":
        return str(path) if path else "in memory"
    user = f"{parsed.username}@" if parsed.username else ""
    port = f":{parsed.port}" if parsed.port else ""
    return f"PostgreSQL {user}{parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def prepare_sqlite_file(path: Path, private_folder: bool) -> None:
    """Create the file (and its folder) readable only by the user, before SQLite opens it.

    SQLite gives its -wal and -shm files the permissions of the database file.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        private_folder = True
    if private_folder and os.name == "posix":
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077:
            folder.chmod(0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)


def _refuse_special_file(path: Path) -> None:
    """A register is a regular file: a device, a pipe or a folder given as one is refused in
    words before SQLite tries it (and reports a disk error)."""
    from breach_desk.domain.errors import StoreError
    from breach_desk.files import describe_kind

    try:
        mode = path.stat().st_mode
    except OSError:
        return  # not there yet (created next), or SQLite will say why it cannot open it
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} {describe_kind(mode)}: a register is a SQLite file")


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the driver: we emit BEGIN ourselves (SQLAlchemy's recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # A read-only file cannot switch to WAL; reading it still works.
        with contextlib.suppress(Exception):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    write = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
    if write and conn.engine not in _CHECKED:
        _check_before_first_write(conn)


_CHECKED: weakref.WeakSet[Engine] = weakref.WeakSet()
"""Engines whose SQLite file passed ``quick_check`` (checked before the first write)."""


def _check_before_first_write(conn: Any) -> None:
    """Refuse to write to a damaged SQLite file: writing could spread the damage and lose what
    is still readable. Once per engine (a process's first write), under the write lock. Reading
    a damaged file stays possible, so that what is left can be exported."""
    from breach_desk.domain.errors import DamagedRegister

    rows = conn.exec_driver_sql("PRAGMA quick_check(1)").fetchall()
    problem = str(rows[0][0]) if rows else "no answer"
    if problem == "ok":
        _CHECKED.add(conn.engine)
        return
    conn.exec_driver_sql("ROLLBACK")
    raise DamagedRegister(display_location(conn.engine.url))


def _connect_read_only(path: Path) -> Any:
    import sqlite3
    from urllib.parse import quote

    return sqlite3.connect(
        f"file:{quote(str(path.resolve()))}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )


def make_engine(url: str) -> Engine:
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        read_only = parsed.query.get("mode") == "ro"
        if path is not None:
            _refuse_special_file(path)
        if path is not None and not read_only:
            prepare_sqlite_file(path, private_folder=path.parent == default_folder())
        if read_only and path is not None:
            # ``mode=ro`` means read-only for every command: SQLite honours it only in a URI.
            engine = create_engine(
                parsed,
                creator=partial(_connect_read_only, path),
            )
        else:
            engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {"application_name": "breach-desk"}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = 10
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def current_actor(engine: Engine) -> str:
    """Who is making changes: the OS login on SQLite, the database role on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            return str(conn.execute(text("SELECT current_user")).scalar_one())
    return os_login()
