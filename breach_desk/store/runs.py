"""Import runs on a team database (migration 0014): an import written batch by batch, which
the register remembers so that importing the same file again resumes it.

A run keeps the file's SHA-256 (for the old log, with the sheet and mapping read), how many
records it stores, each record's reference in order, and how many of them, from the first, are
stored, then how many breaches' notifications exported beside the file are recorded. It is
written only through the database's functions (``store/pg_workflow``: ``bd_start_import``,
``bd_import_progress``, ``bd_import_told``, ``bd_finish_import``, ``bd_abandon_import``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from breach_desk.store.models import ImportRunRow


@dataclass(frozen=True, slots=True)
class Resumed:
    """An unfinished run of the same file, taken up again."""

    started_at: datetime
    started_by: str
    already: int
    """Records the run had stored before it was taken up again."""
    records: int


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    refs: list[str]
    before_id: int
    stored: int
    records: int
    started_at: datetime
    started_by: str
    told: int = 0

    @classmethod
    def of(cls, row: ImportRunRow) -> Run:
        return cls(
            row.id,
            json.loads(row.refs),
            row.before_id,
            row.stored,
            row.records,
            row.started_at,
            row.started_by,
            row.told,
        )

    def resumed(self) -> Resumed:
        return Resumed(self.started_at, self.started_by, self.stored, self.records)


def file_sha256(path: str | Path, extra: bytes = b"") -> str:
    """The file's SHA-256 (with ``extra`` after it: what else decides what is written)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    if extra:
        digest.update(b"\0" + extra)
    return digest.hexdigest()


def unfinished(session: Session, sha: str, records: int | None = None) -> Run | None:
    """The latest unfinished run of this file (of ``records`` records, when given). None for
    a login that may not read the runs (not an IG officer: the database's functions refuse
    it in their own words when it tries to import)."""
    readable = session.execute(
        text("SELECT has_table_privilege(to_regclass('import_runs'), 'SELECT')")
    ).scalar()
    if not readable:
        return None
    query = select(ImportRunRow).where(
        ImportRunRow.sha256 == sha, ImportRunRow.finished_at.is_(None)
    )
    if records is not None:
        query = query.where(ImportRunRow.records == records)
    found = session.scalars(query.order_by(ImportRunRow.id.desc()).limit(1)).first()
    return None if found is None else Run.of(found)


def get(session: Session, run_id: int) -> Run:
    return Run.of(session.get_one(ImportRunRow, run_id))
