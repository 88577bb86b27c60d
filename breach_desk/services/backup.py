"""Backing up the register (``store/backup``), for the command line and the window."""

from __future__ import annotations

import os

from breach_desk.domain.errors import InvalidChange
from breach_desk.store.backup import BackupResult, backup
from breach_desk.store.engine import parse_url, resolve_url

__all__ = ["BackupResult", "back_up"]


def back_up(url: str | None, out: str | os.PathLike[str], overwrite: bool = False) -> BackupResult:
    """A consistent copy of the register at ``url`` (default: BREACH_DESK_DB, else the user's
    file) in ``out``, without opening it as a register (no upgrade first)."""
    try:
        parsed = parse_url(resolve_url(url))
    except ValueError as exc:
        raise InvalidChange(str(exc)) from None
    return backup(parsed, out, overwrite=overwrite)
