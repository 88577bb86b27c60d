"""The audit chain's position, witnessed outside the database.

The hash chain shows an entry edited, inserted or deleted in the middle; it cannot show the
last entries deleted with the head moved back to match (or a whole rewrite by someone who owns
the tables). So after every change Breach Desk writes down, in the user's own data folder, how
far the log had got and its hash there: one small JSON file per register (``witness/*.json``,
0600), and the same file in a second place the user names (``BREACH_DESK_WITNESS_DIR``: a share
or a removable drive, out of reach of whoever can change the database). ``audit verify``
compares the log with them, and with any position a person copied from a report's footer
(``--expect SEQ:HASH``): a log that ends before a witnessed position, or whose entry there has
another hash, is reported; so is a witness that is missing, unreadable or another register's.

The witness never moves back over a break: before any write the register checks its log
against it (``session.Store.unit``) and refuses every change until an IG officer records an
acknowledgement (``audit acknowledge --reason``). The acknowledgement is itself an audit entry,
and the witnessed position it moved past is kept in the file's history, never erased.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from breach_desk.domain import description
from breach_desk.store.engine import default_folder, sqlite_path

FOLDER = "witness"
ENV_DIR = "BREACH_DESK_WITNESS_DIR"
"""A second folder the witness is written to and read from (a share, a removable drive)."""
_HEX = re.compile(r"^[0-9a-f]{4,64}$")
MAX_HISTORY = 1000
"""Acknowledged breaks a witness keeps (the audit log keeps every one)."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A position of the chain someone saw: entry ``seq`` had a hash starting ``hash``."""

    seq: int
    hash: str
    source: str
    """In words, who saw it: 'witnessed on 29 Nov 2026 by jsmith', 'expected'."""


@dataclass(frozen=True, slots=True)
class Witness:
    """What one witness file says: its position, or what is wrong with the file."""

    path: Path
    checkpoint: Checkpoint | None
    problem: str | None = None
    """'missing', or why the file is no evidence (unreadable, another register's)."""
    history: tuple[dict[str, Any], ...] = field(default=())
    """The breaks acknowledged so far, oldest first (each: seq, hash, at, by, reason)."""


def register_key(parsed: URL) -> str | None:
    """What identifies the register, whoever connects to it (None: an in-memory database)."""
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        return f"sqlite:{path.resolve()}" if path else None
    query = "&".join(f"{k}={v}" for k, v in sorted(parsed.query.items()))
    return (
        f"postgresql:{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}?{query}"
    )


def _name(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + ".json"


def witness_path(key: str) -> Path:
    """The witness in the user's data folder."""
    return default_folder() / FOLDER / _name(key)


def witness_paths(key: str) -> list[Path]:
    """Every place this register is witnessed: the data folder, and BREACH_DESK_WITNESS_DIR."""
    paths = [witness_path(key)]
    second = os.environ.get(ENV_DIR, "").strip()
    if second:
        paths.append(Path(second).expanduser() / _name(key))
    return paths


def _read_one(key: str, path: Path) -> Witness:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Witness(path, None, "missing")
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not text"
        return Witness(path, None, f"unreadable ({reason})")
    try:
        data = json.loads(raw)
        register = str(data["register"])
        seq, digest = int(data["seq"]), str(data["hash"])
        day = description.day(datetime.fromisoformat(str(data["at"])))  # '29 Nov 2026', London
        by = str(data["by"])
        history = tuple(dict(h) for h in data.get("history", []))
    except (ValueError, KeyError, TypeError, AttributeError):
        return Witness(path, None, "unreadable (it is not a witness of the audit log)")
    if seq < 1 or not _HEX.match(digest):
        return Witness(path, None, "unreadable (its position is not a position of the log)")
    if register != key:
        return Witness(path, None, "another register's (it witnesses a different database)")
    return Witness(path, Checkpoint(seq, digest, f"witnessed on {day} by {by}"), None, history)


def read_all(key: str | None) -> list[Witness]:
    """What every witness of this register says (none for an in-memory database)."""
    if key is None:
        return []
    return [_read_one(key, path) for path in witness_paths(key)]


def read(key: str | None) -> Checkpoint | None:
    """The furthest position witnessed for this register, or None (never witnessed, or no
    witness can be read: ``read_all`` says why)."""
    found = [w.checkpoint for w in read_all(key) if w.checkpoint is not None]
    return max(found, key=lambda c: c.seq) if found else None


def _record(key: str, seq: int, digest: str, by: str, history: Sequence[dict[str, Any]]) -> str:
    return json.dumps(
        {
            "register": key,
            "seq": seq,
            "hash": digest,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "by": by,
            "history": list(history)[-MAX_HISTORY:],
        }
    )


def _put(path: Path, content: str) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)


def write(key: str | None, seq: int, digest: str, by: str, create: bool = True) -> None:
    """Witness that the log reached ``seq`` with hash ``digest``, in every place. Never moves
    back, never replaces an unreadable or foreign witness (that is evidence for ``audit
    verify``), and creates a missing one only when ``create`` says the log is known good (it
    was empty, or another witness vouched for it); never fails the change it follows (a folder
    that cannot be written only loses the witness)."""
    if key is None or seq < 1:
        return
    for found in read_all(key):
        if found.problem == "missing" and not create:
            continue
        if found.problem not in (None, "missing"):
            continue
        if found.checkpoint is not None and found.checkpoint.seq > seq:
            continue
        _put(found.path, _record(key, seq, digest, by, found.history))


def acknowledge(
    key: str | None, seq: int, digest: str, by: str, reason: str, entry: int
) -> list[Path]:
    """After ``audit acknowledge``: witness the log where it is now (``seq``, ``digest``),
    keeping in each file's history the position it moved past, who acknowledged it, why, and
    the audit entry (``entry``) that records it. Returns the files written."""
    if key is None:
        return []
    written = []
    for found in read_all(key):
        history = list(found.history)
        if found.checkpoint is not None:
            history.append(
                {
                    "seq": found.checkpoint.seq,
                    "hash": found.checkpoint.hash,
                    "was": found.checkpoint.source,
                    "at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "by": by,
                    "reason": reason,
                    "entry": entry,
                }
            )
        elif found.problem != "missing":
            history.append(
                {
                    "problem": found.problem,
                    "at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "by": by,
                    "reason": reason,
                    "entry": entry,
                }
            )
        if seq >= 1:
            _put(found.path, _record(key, seq, digest, by, history))
            written.append(found.path)
    return written


def parse_expect(text: str) -> Checkpoint:
    """``--expect SEQ:HASH`` as printed on a report ('1,234:7ca8e0…' or '#1234:7ca8e0f3')."""
    seq_text, sep, digest = text.strip().partition(":")
    seq_text = seq_text.strip().lstrip("#").replace(",", "")
    digest = digest.strip().rstrip("…").rstrip(".").lower()
    if not sep or not seq_text.isdigit() or int(seq_text) < 1:
        raise ValueError(f"--expect {text!r}: give the entry's number and hash, e.g. 1234:7ca8e0f3")
    if not _HEX.match(digest):
        raise ValueError(
            f"--expect {text!r}: the hash is 4 to 64 hexadecimal characters, e.g. 1234:7ca8e0f3"
        )
    return Checkpoint(int(seq_text), digest, "expected")


def footer_text(seq: int, digest: str) -> str:
    """The position as reports print it: 'audit #1,234 · 7ca8e0f3b2a1…'."""
    return f"audit #{seq:,} · {digest[:12]}…"
