"""Bringing the old breach log in: preview with a mapping, then import all or nothing.

``OldLog(register).preview(path, …)`` reads the file with a mapping and checks every row,
including against the register (a row imported before, a reference another breach uses);
``import_log`` writes only a clean preview and re-checks it first. On SQLite, a one-person file,
everything is written in one transaction. On a team database nobody may hold the register for
more than seconds (``pg_workflow.HOLD_LIMIT``): once every check has passed, the lines are
written ``BATCH`` per short transaction, and the run is recorded (``store/runs``) so that
importing the same file with the same mapping again, after an import cut short, resumes it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breach_desk.domain.clock import local_date
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
from breach_desk.store import pg_workflow, runs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from breach_desk.domain.register import AuditEntry, Breach
    from breach_desk.services.register import Register

CONFLICT_MODES = ("stop", "skip", "update")
BATCH = 250
"""Lines written per transaction on a team database: about 0.1 s of work (20,000 rows: 82
transactions of at most 0.14 s on a shared two-core machine), far from the hold limit."""

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
    resumed: runs.Resumed | None = None
    """An unfinished import of the same file (team database) that this one took up again:
    ``added`` then holds the lines it had stored too."""


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
    already: list[str] = field(default_factory=list)
    """Lines an unfinished import of this file stored (it is being resumed)."""


def plan(
    session: Session, preview: Preview, on_conflict: str, already: Collection[str] = ()
) -> Plan:
    """What to write for a preview, given the register as it is: lines to add, to update, to
    skip; and the problems the register finds (a row imported before, a reference in use).
    ``already``: the references an unfinished import of the same file stored, which are
    neither problems nor written again."""
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
        if found.reference in already:
            out.already.append(found.reference)
        elif on_conflict == "stop":
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
        """Add to ``preview.problems`` what the register finds; the outcome if imported now
        (on a team database, with an unfinished import of the same file resumed)."""
        with self.register.store.unit() as uow:
            run = self._unfinished(uow.session, preview)
            work = plan(uow.session, preview, on_conflict, _stored_by(run))
        _merge_problems(preview, work.problems)
        return Outcome(
            preview.rows_read,
            [line.reference for line in work.add],
            [line.reference for _k, line in work.update],
            work.skip,
            work.unchanged,
            run.resumed() if run is not None else None,
        )

    def _unfinished(self, session: Session, preview: Preview) -> runs.Run | None:
        if not self.register.store.team:
            return None
        return runs.unfinished(session, _run_key(preview))

    def import_log(
        self, preview: Preview, on_conflict: str = "stop", *, batch: int = BATCH
    ) -> Outcome:
        """Write a clean preview: every line or none. LogRejected lists the problems. On a
        team database, ``batch`` lines per transaction once every check has passed; an
        unfinished import of the same file is resumed (``Outcome.resumed``)."""
        self.register._check_may_assess("imports the old breach log")
        if preview.problems:
            raise LogRejected(preview.problems)
        source = {"file": Path(preview.path).name[:255], "sheet": preview.sheet}
        if self.register.store.team:
            return self._import_in_batches(preview, on_conflict, source, batch)
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

    def _import_in_batches(
        self, preview: Preview, on_conflict: str, source: Mapping[str, Any], batch: int
    ) -> Outcome:
        """A team database: the checks first, holding nothing; then the new lines a batch per
        transaction, recorded as a run (resumed when the same file is imported again), then the
        updated lines a batch per transaction (an update already made is unchanged the second
        time)."""
        where = self.register.store
        key = _run_key(preview)
        with where.unit() as uow:
            run = runs.unfinished(uow.session, key)
            work = plan(uow.session, preview, on_conflict, _stored_by(run))
            year = local_date(uow.now).year
        if work.problems:
            _merge_problems(preview, work.problems)
            raise LogRejected(preview.problems)
        adding = [line.reference for line in work.add]
        if run is not None and adding != run.refs[run.stored :]:
            raise RegisterError(
                "the old log's rows are not those of its unfinished import (the file, or the "
                "register, changed since): nothing more was imported"
            )
        if run is None and adding:
            with where.unit(write=True) as uow:
                run_id = pg_workflow.start_import(uow.session.connection(), key, year, adding)
            with where.unit() as uow:
                run = runs.get(uow.session, run_id)
        resumed = run.resumed() if run is not None and run.stored else None
        stored = run.stored if run is not None else 0
        for start in range(0, len(work.add), batch):
            assert run is not None  # recorded whenever there are lines to add
            part = work.add[start : start + batch]
            with where.unit(write=True) as uow:
                store.add(uow, part, source)
                pg_workflow.import_progress(uow.session.connection(), run.id, stored, len(part))
            stored += len(part)
        for start in range(0, len(work.update), batch):
            with where.unit(write=True) as uow:
                store.update_lines(uow, work.update[start : start + batch], source)
        if run is not None:
            with where.unit(write=True) as uow:
                pg_workflow.finish_import(uow.session.connection(), run.id)
        if stored >= 1000:
            where.refresh_statistics()
        return Outcome(
            preview.rows_read,
            list(run.refs) if run is not None else [],
            [line.reference for _k, line in work.update],
            work.skip,
            work.unchanged,
            resumed,
        )


def _run_key(preview: Preview) -> str:
    """What identifies an import of the old log: the file, the sheet and the mapping read."""
    read = json.dumps([preview.sheet, sorted(preview.mapping().items())], ensure_ascii=False)
    return runs.file_sha256(preview.path, read.encode("utf-8"))


def _stored_by(run: runs.Run | None) -> set[str]:
    return set() if run is None else set(run.refs[: run.stored])


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
