"""Bringing the old breach log in: preview with a mapping, then import all or nothing.

``OldLog(register).preview(path, …)`` reads the file with a mapping and checks every row,
including against the register (a row imported before, a reference another breach uses);
``import_log`` writes only a clean preview, in one transaction, and re-checks it there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breach_desk.domain.errors import RegisterError
from breach_desk.domain.oldlog import facts_like
from breach_desk.services.oldlog_read import (
    LogDate,
    LogFileError,
    LogRow,
    Preview,
    Problem,
    read_log,
    record_of,
)
from breach_desk.store import oldlog as store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from breach_desk.domain.register import AuditEntry, Breach
    from breach_desk.services.register import Register

CONFLICT_MODES = ("stop", "skip", "update")

__all__ = ["CONFLICT_MODES", "LogFileError", "LogRejected", "OldLog", "Outcome", "Preview"]


class LogRejected(RegisterError):
    """The log has problems: nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(
            f"the log has {count} problem{'s' if count != 1 else ''}: nothing was imported"
        )


@dataclass(slots=True)
class Outcome:
    """What an import did (or, for a dry run, would do)."""

    rows_read: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def line_of(row: LogRow) -> store.Line:
    record = record_of(row)
    who = facts_like(record)
    when = row.aware_date()
    assert when is not None  # a row without a date is a problem, never a line
    closed = row.values.get("log.closed_at")
    return store.Line(
        row_key=row.key(),
        reference=row.register_reference(),
        row_number=row.row,
        title=row.title(),
        service=_short(row.values.get("service")),
        aware_at=when.moment(),
        closed_at=closed.moment() if isinstance(closed, LogDate) else None,
        record=record,
        people=tuple(who["subjects"]["people"]),
        recipients=tuple(who["recipients"]),
    )


def _short(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:200] or None


@dataclass(slots=True)
class Plan:
    add: list[store.Line]
    update: list[tuple[store.Known, store.Line]]
    skip: list[str]
    unchanged: list[str]
    problems: list[Problem]


def plan(session: Session, preview: Preview, on_conflict: str) -> Plan:
    """What to write for a preview, given the register as it is: lines to add, to update, to
    skip; and the problems the register finds (a row imported before, a reference in use)."""
    if on_conflict not in CONFLICT_MODES:
        raise ValueError(f"on_conflict must be one of {', '.join(CONFLICT_MODES)}")
    bad_rows = {p.row for p in preview.problems}
    lines = [line_of(r) for r in preview.rows if r.row not in bad_rows]
    known = store.known_keys(session, (line.row_key for line in lines))
    ref_header = next((c.header for c in preview.columns if c.field == "reference"), None)
    out = Plan([], [], [], [], [])
    new = [line for line in lines if line.row_key not in known]
    taken = store.references_taken(session, (line.reference for line in new))
    for line in lines:
        found = known.get(line.row_key)
        if found is None:
            if line.reference in taken:
                out.problems.append(
                    Problem(
                        line.row_number,
                        ref_header,
                        line.reference,
                        "is already the reference of another breach in the register",
                        "reference in use",
                    )
                )
            else:
                out.add.append(line)
            continue
        if on_conflict == "stop":
            out.problems.append(
                Problem(
                    line.row_number,
                    None,
                    None,
                    f"was imported before (it is {found.reference} in the register): "
                    "use --on-conflict skip to leave such rows out, or update to change "
                    "them",
                    "already imported",
                )
            )
        elif on_conflict == "skip":
            out.skip.append(found.reference)
        else:
            merged = store.merged(found, line)
            if merged.record == found.record:
                out.unchanged.append(found.reference)
            else:
                out.update.append((found, merged))
    return out


class OldLog:
    """The old breach log and one register."""

    def __init__(self, register: Register) -> None:
        self.register = register

    def read(
        self, path: str | Path, sheet: str | None = None, mapping: Mapping[str, str] | None = None
    ) -> Preview:
        """The file read with the mapping (no look at the register)."""
        return read_log(path, sheet, mapping)

    def check(self, preview: Preview, on_conflict: str = "stop") -> Outcome:
        """Add to ``preview.problems`` what the register finds; the outcome if imported now."""
        with self.register.store.unit() as uow:
            work = plan(uow.session, preview, on_conflict)
        _merge_problems(preview, work.problems)
        return Outcome(
            preview.rows_read,
            [line.reference for line in work.add],
            [line.reference for _k, line in work.update],
            work.skip,
            work.unchanged,
        )

    def import_log(self, preview: Preview, on_conflict: str = "stop") -> Outcome:
        """Write a clean preview: every line or none. LogRejected lists the problems."""
        self.register._check_may_assess("imports the old breach log")
        if preview.problems:
            raise LogRejected(preview.problems)
        source = {"file": Path(preview.path).name[:255], "sheet": preview.sheet}
        with self.register.store.unit(write=True) as uow:
            work = plan(uow.session, preview, on_conflict)
            if work.problems:
                _merge_problems(preview, work.problems)
                raise LogRejected(preview.problems)
            added = store.add(uow, work.add, source)
            updated = store.update_lines(uow, work.update, source)
        if len(added) >= 1000:
            self.register.store.refresh_statistics()
        return Outcome(preview.rows_read, added, updated, work.skip, work.unchanged)


def _merge_problems(preview: Preview, found: Sequence[Problem]) -> None:
    have = {str(p) for p in preview.problems}
    preview.problems.extend(p for p in found if str(p) not in have)
    preview.problems.sort(key=lambda p: p.row or 0)


def historic_dict(breach: Breach, history: Sequence[AuditEntry] = ()) -> dict[str, Any]:
    """A breach from the old log as JSON (``show --json``): where it came from and the log's
    record, as recorded; no facts of Breach Desk's own, no clock."""
    entry = breach.old_log
    assert entry is not None
    return {
        "reference": breach.reference,
        "title": breach.title,
        "from_old_log": {
            "file": entry.source_file,
            "sheet": entry.sheet,
            "row": entry.row_number,
            "imported_by": entry.imported_by,
            "imported_at": entry.imported_at.isoformat(),
        },
        "record": entry.record,
        "decisions": entry.decisions(),
        "versions": [],
        "recommendations": [],
        "history": [
            {"seq": e.seq, "at": e.at.isoformat(), "actor": e.actor, "action": e.action}
            for e in history
        ],
    }
