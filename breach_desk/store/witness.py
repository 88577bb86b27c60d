"""The audit chain's position, witnessed outside the database.

The hash chain shows an entry edited, inserted or deleted in the middle; it cannot show the
last entries deleted with the head moved back to match (or a whole rewrite by someone who owns
the tables). So after every change Breach Desk writes down, in the user's own data folder, how
far the log had got and its hash there: one small JSON file per register (``witness/*.json``,
0600). ``audit verify`` compares the log with it, and with any position a person copied from a
report's footer (``--expect SEQ:HASH``): a log that ends before a witnessed position, or whose
entry there has another hash, is reported.

The file only ever moves forward: a write that finds the log shorter than the witness leaves
the witness as it is, for ``audit verify`` to report.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from breach_desk.store.engine import default_folder, sqlite_path

FOLDER = "witness"
_HEX = re.compile(r"^[0-9a-f]{4,64}$")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A position of the chain someone saw: entry ``seq`` had a hash starting ``hash``."""

    seq: int
    hash: str
    source: str
    """In words, who saw it: 'witnessed on 2026-11-29 by jsmith', 'expected'."""


def register_key(parsed: URL) -> str | None:
    """What identifies the register, whoever connects to it (None: an in-memory database)."""
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        return f"sqlite:{path.resolve()}" if path else None
    query = "&".join(f"{k}={v}" for k, v in sorted(parsed.query.items()))
    return (
        f"postgresql:{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}?{query}"
    )


def witness_path(key: str) -> Path:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return default_folder() / FOLDER / f"{digest}.json"


def read(key: str | None) -> Checkpoint | None:
    """The position last witnessed for this register, or None (never witnessed, or the file is
    unreadable: a damaged witness is no evidence either way)."""
    if key is None:
        return None
    try:
        data = json.loads(witness_path(key).read_text(encoding="utf-8"))
        seq, digest = int(data["seq"]), str(data["hash"])
        day = datetime.fromisoformat(str(data["at"])).date().isoformat()
        by = str(data["by"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if seq < 1 or not _HEX.match(digest):
        return None
    return Checkpoint(seq, digest, f"witnessed on {day} by {by}")


def write(key: str | None, seq: int, digest: str, by: str) -> None:
    """Witness that the log reached ``seq`` with hash ``digest``. Never moves back; never fails
    the change it follows (a folder that cannot be written only loses the witness)."""
    if key is None or seq < 1:
        return
    previous = read(key)
    if previous is not None and previous.seq > seq:
        return
    path = witness_path(key)
    record = {
        "register": key,
        "seq": seq,
        "hash": digest,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "by": by,
    }
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh)
        os.replace(tmp, path)


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
