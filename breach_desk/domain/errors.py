"""What can go wrong with the register, in words a user can act on.

Messages never quote the data being saved (it is personal data); they say what happened, what
was kept and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from breach_desk.domain.clock import format_local
from breach_desk.printable import printable


class RegisterError(Exception):
    """Base of every error the register reports to a person."""


class NotFound(RegisterError, LookupError):
    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(f"there is no breach {reference} in the register")


class InvalidChange(RegisterError, ValueError):
    """The change cannot be made as asked (a missing reason, a reference already in use)."""


class NoSuchAction(RegisterError, LookupError):
    """No recommendation with that number that this person can see."""

    def __init__(self, action_id: int) -> None:
        self.action_id = action_id
        super().__init__(
            f"there is no recommendation {action_id} that you can see in the register "
            "(breach-desk actions list shows their numbers)"
        )


class NotAllowed(RegisterError):
    """The user's role does not allow the change (an IG officer assesses; a service manager and
    an auditor do not). Nothing was written."""


class ConflictError(RegisterError):
    """Someone else saved the breach after you opened it: your save was refused, nothing lost."""

    def __init__(
        self,
        reference: str,
        saved_by: str,
        saved_at: datetime,
        current_row_version: int,
        expected_row_version: int,
    ) -> None:
        self.reference = reference
        self.saved_by = saved_by
        self.saved_at = saved_at
        self.current_row_version = current_row_version
        self.expected_row_version = expected_row_version
        super().__init__(
            f"{reference} was saved by {saved_by} at {format_local(saved_at)} after you opened "
            "it; your changes were not saved and are still yours: reopen the breach to see "
            "their version, then save yours again"
        )


class StoreError(RegisterError):
    """The database could not do it: disk full, read-only, unreachable. Nothing was written."""


class DamagedRegister(StoreError):
    """The SQLite file fails SQLite's own check: nothing is written to it."""

    def __init__(self, location: str) -> None:
        super().__init__(
            f"the register file is damaged ({location}): SQLite's check of it failed, so "
            "nothing was saved to it. Export what can still be read (breach-desk export), "
            "restore the last backup, or ask IT to recover it (sqlite3 .recover)"
        )


class NotARegister(StoreError):
    """The database holds tables, none of them a Breach Desk register's: it is not extended."""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A bad record of an import file: where it is and what is wrong."""

    line: int
    record: int
    path: str
    message: str
    array: bool = False

    def __str__(self) -> str:
        where = f"line {self.line} (record {self.record})" if self.array else f"line {self.line}"
        path = printable(self.path)
        return f"{where}: {path}: {self.message}" if path else f"{where}: {self.message}"


class ImportRejected(RegisterError):
    """At least one record is bad: nothing was imported. ``problems`` lists every one."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = list(problems)
        bad = len({p.record for p in self.problems})
        super().__init__(
            f"nothing was imported: {bad} record{'s' if bad != 1 else ''} "
            f"{'have' if bad != 1 else 'has'} problems"
        )
