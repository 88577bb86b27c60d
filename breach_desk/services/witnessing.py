"""Positions of the audit chain witnessed outside the database (``store/witness``), as the
command line reads and shows them: a position copied from a report's footer, and the file on
this computer that keeps the last one seen."""

from __future__ import annotations

from pathlib import Path

from breach_desk.services.register import Register
from breach_desk.store import witness

Checkpoint = witness.Checkpoint


def parse_position(text: str) -> Checkpoint:
    """A position as a report's footer prints it; ValueError says what is wrong with it."""
    return witness.parse_expect(text)


def position_text(entries: int, head_hash: str) -> str:
    """A position as a report's footer prints it."""
    return witness.footer_text(entries, head_hash)


def witness_file(register: Register) -> Path | None:
    """The file keeping the last position this user saw of ``register`` (None: no such file
    for this kind of register)."""
    key = register.store.witness_key
    return witness.witness_path(key) if key is not None else None
