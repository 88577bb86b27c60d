"""A consistent copy of the whole register, safe to take while others are writing.

SQLite: SQLite's online backup API copies every page of the database (the main file and what
its write-ahead log holds) as one snapshot, even while another process writes; the copy is made
beside the destination, readable only by the user (0600), checked with ``quick_check``, and
only then moved into place: whole or not at all.

PostgreSQL: the server's own tool, ``pg_dump``, makes the consistent copy (one snapshot). When
it is installed Breach Desk runs it (custom format, restorable with ``pg_restore``); when it is
not, it says the exact command to run. The password, if the URL holds one, is handed over in the
environment, never printed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from breach_desk.domain.errors import InvalidChange, StoreError
from breach_desk.store.engine import sqlite_path


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path | None
    """The copy written, or None when the command to run is given instead."""
    how: str
    """In words: what made the copy, or the command to run."""


def backup(parsed: URL, out: str | os.PathLike[str], overwrite: bool = False) -> BackupResult:
    """Copy the register at ``parsed`` to ``out``. Raises InvalidChange for a destination that
    cannot be used, StoreError when the copy fails."""
    target = Path(out).expanduser()
    if target.is_dir():
        raise InvalidChange(f"{target}: is a folder: give the name of the backup file")
    if target.exists() and not overwrite:
        raise InvalidChange(
            f"{target}: already exists: give a new name (a backup never replaces one)"
        )
    if not target.parent.is_dir():
        raise InvalidChange(f"{target.parent}: no such folder")
    if parsed.get_backend_name() == "sqlite":
        return _sqlite(parsed, target)
    return _postgresql(parsed, target)


def _sqlite(parsed: URL, target: Path) -> BackupResult:
    source = sqlite_path(parsed)
    if source is None:
        raise InvalidChange("an in-memory register has no file to back up")
    if not source.is_file():
        raise StoreError(f"{source}: there is no register there")
    if target.resolve() == source.resolve():
        raise InvalidChange(f"{target}: is the register itself: choose another file")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(source, timeout=15)
        dst = sqlite3.connect(tmp)
        try:
            with dst:
                src.backup(dst)  # every page in one step: one consistent snapshot
            check = dst.execute("PRAGMA quick_check(1)").fetchone()
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        if not check or check[0] != "ok":
            raise StoreError(f"the copy of {source} failed SQLite's check: nothing was written")
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot back up {source} ({exc}): nothing was written") from None
    except OSError as exc:
        raise StoreError(
            f"{target}: cannot write it ({exc.strerror}): nothing was written"
        ) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return BackupResult(target, "SQLite's online backup of the whole register")


def _libpq_url(parsed: URL) -> str:
    """The URL for pg_dump, without its password (given in the environment instead)."""
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _schema(parsed: URL) -> str | None:
    options = str(parsed.query.get("options", ""))
    for part in options.split():
        if part.startswith("-csearch_path="):
            return part.removeprefix("-csearch_path=").split(",")[0].strip() or None
    return None


def pg_dump_command(parsed: URL, target: Path) -> list[str]:
    command = ["pg_dump", "--format=custom", f"--file={target}"]
    schema = _schema(parsed)
    if schema:
        command.append(f"--schema={schema}")
    return [*command, _libpq_url(parsed)]


def _postgresql(parsed: URL, target: Path) -> BackupResult:
    command = pg_dump_command(parsed, target)
    shown = " ".join(_quoted(part) for part in command)
    found = shutil.which("pg_dump")
    if found is None:
        return BackupResult(None, shown)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    command[0], command[2] = found, f"--file={tmp}"
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["no message"])[0]
            raise StoreError(f"pg_dump could not back up the register ({first}): run {shown}")
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return BackupResult(target, "pg_dump (restore it with pg_restore)")


def _quoted(part: str) -> str:
    import shlex

    return shlex.quote(part)
