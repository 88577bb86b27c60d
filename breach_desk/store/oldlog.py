"""The old breach log in the register: imported lines, each a breach from the old log.

An imported line is a row of ``breaches`` (status closed, version 0: no assessment of Breach
Desk's own, so no ICO clock, no recommendation, no overdue count) and a row of ``log_entries``
(where it came from and what the log recorded, as recorded). Its people and recipients are
indexed like any breach's, so a new breach about them is flagged as a repeat naming it.

The caller hands over a clean plan. On SQLite, a one-person file, everything is written in one
transaction: all or nothing. On a team database (PostgreSQL after ``db roles``) the rows go
through ``bd_import_log`` (``store/pg_oldlog``), which checks the role, stamps the time and
writes the audit entries; the caller (``services/oldlog``) hands them over a batch per short
transaction, so nobody holds the register for long, and records the run to resume it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from breach_desk.domain.enums import (
    BreachStatus,
    Cause,
    Confidentiality,
    DataCategory,
    RecipientKind,
)
from breach_desk.domain.facts import DataInvolved, Facts, Loss, Person, Recipient, Subjects
from breach_desk.domain.oldlog import OldLogEntry, facts_like, people_of
from breach_desk.domain.register import Breach
from breach_desk.store import pg_oldlog
from breach_desk.store.matching import _email, _name
from breach_desk.store.models import BreachRow, LogEntryRow, PersonRow, RecipientRow
from breach_desk.store.normalise import fold
from breach_desk.store.session import UnitOfWork

SEARCH_CHARS = 4000
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Line:
    """A clean line of the log, ready to store."""

    row_key: str
    reference: str
    row_number: int
    title: str
    service: str | None
    aware_at: datetime
    closed_at: datetime | None
    record: dict[str, Any]
    """FIELD → value, as ``services/oldlog_read.record_of`` gives it."""
    people: tuple[dict[str, Any], ...]
    recipients: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Known:
    breach_id: int
    reference: str
    current_version: int
    record: dict[str, Any]


def known_keys(session: Session, keys: Iterable[str]) -> dict[str, Known]:
    """The lines of these keys already imported."""
    wanted = sorted(set(keys))
    out: dict[str, Known] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = session.execute(
            select(
                LogEntryRow.row_key,
                LogEntryRow.breach_id,
                BreachRow.reference,
                BreachRow.current_version,
                LogEntryRow.record,
            )
            .join(BreachRow, BreachRow.id == LogEntryRow.breach_id)
            .where(LogEntryRow.row_key.in_(wanted[start : start + _CHUNK]))
        )
        for key, breach_id, reference, version, record in rows:
            out[key] = Known(breach_id, reference, version, json.loads(record))
    return out


def references_taken(session: Session, references: Iterable[str]) -> set[str]:
    """Which of these references the register already uses."""
    wanted = sorted(set(references))
    out: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        out.update(
            session.scalars(
                select(BreachRow.reference).where(
                    BreachRow.reference.in_(wanted[start : start + _CHUNK])
                )
            )
        )
    return out


def search_text(reference: str, line: Line) -> str:
    r = line.record
    parts: list[Any] = [
        reference,
        line.title,
        line.service,
        str(r.get("description") or "")[:SEARCH_CHARS],
        *(r.get("subjects.people.name") or []),
        *(r.get("subjects.people.email") or []),
        *(r.get("recipients.label") or []),
        *(r.get("recipients.email") or []),
        r.get("log.ico_reference"),
    ]
    return " | ".join(f for f in (fold(p) for p in parts if isinstance(p, str)) if f)


def index_rows(breach_id: int, line: Line) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    people = [
        {
            "breach_id": breach_id,
            "name_folded": _name(p.get("name")),
            "email_norm": _email(p.get("email")),
            "identifier_norm": None,
        }
        for p in line.people
    ]
    recipients = [
        {
            "breach_id": breach_id,
            "kind": "unknown",
            "label_folded": _name(r.get("label")),
            "email_norm": _email(r.get("email")),
        }
        for r in line.recipients
    ]
    return people, recipients


def _breach_values(line: Line) -> dict[str, Any]:
    return {
        "title": line.title,
        "service": line.service,
        "aware_at": line.aware_at,
        "search_text": search_text(line.reference, line),
        "closed_at": line.closed_at,
    }


def audit_view(line: Line, source: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "from_old_log": {
            "file": source["file"],
            "sheet": source["sheet"],
            "row": line.row_number,
        },
        "record": line.record,
        "status": "closed",
        "version": 0,
    }


def add(uow: UnitOfWork, lines: Sequence[Line], source: Mapping[str, Any]) -> list[str]:
    """Store new lines as breaches from the old log; returns their references."""
    if not lines:
        return []
    if uow.team:
        docs = [_doc(line, source, None) for line in lines]
        pg_oldlog.import_log(uow.session.connection(), docs)
        return [line.reference for line in lines]
    session, at, actor = uow.session, uow.at, uow.actor
    for start in range(0, len(lines), _CHUNK):
        part = lines[start : start + _CHUNK]
        ids = session.scalars(
            insert(BreachRow).returning(BreachRow.id, sort_by_parameter_order=True),
            [
                _breach_values(line)
                | {
                    "reference": line.reference,
                    "status": "closed",
                    "band": None,
                    "likelihood": None,
                    "risk": None,
                    "ico_report": False,
                    "ico_deadline": None,
                    "notify_subjects": False,
                    "is_repeat": False,
                    "current_version": 0,
                    "created_at": at,
                    "created_by": actor,
                    "updated_at": at,
                    "updated_by": actor,
                    "closed_by": None,
                    "row_version": 1,
                }
                for line in part
            ],
        ).all()
        entries, people, recipients = [], [], []
        for breach_id, line in zip(ids, part, strict=True):
            entries.append(
                {
                    "breach_id": breach_id,
                    "row_key": line.row_key,
                    "source_file": source["file"],
                    "sheet": source["sheet"],
                    "row_number": line.row_number,
                    "record": json.dumps(line.record, ensure_ascii=False, sort_keys=True),
                    "imported_by": actor,
                    "imported_at": at,
                }
            )
            p, r = index_rows(breach_id, line)
            people += p
            recipients += r
            uow.audit("breach.imported_from_log", line.reference, None, audit_view(line, source))
        session.execute(insert(LogEntryRow), entries)
        if people:
            session.execute(insert(PersonRow), people)
        if recipients:
            session.execute(insert(RecipientRow), recipients)
    return [line.reference for line in lines]


def merged(known: Known, line: Line) -> Line:
    """``line`` with what the stored record holds and the line does not: ``update`` changes
    only the fields the row holds."""
    record = dict(known.record) | line.record
    return Line(
        line.row_key,
        known.reference,
        line.row_number,
        line.title,
        line.service if "service" in line.record else record.get("service"),
        line.aware_at,
        line.closed_at,
        record,
        line.people,
        line.recipients,
    )


def update_lines(
    uow: UnitOfWork,
    changes: Sequence[tuple[Known, Line]],
    source: Mapping[str, Any],
) -> list[str]:
    """Update lines imported before with the fields the new rows hold (``changes``: what is
    stored, the line merged with it)."""
    if not changes:
        return []
    if uow.team:
        docs = [_doc(line, source, known) for known, line in changes]
        pg_oldlog.import_log(uow.session.connection(), docs)
        return [line.reference for _k, line in changes]
    session, at, actor = uow.session, uow.at, uow.actor
    for known, line in changes:
        if line.record == known.record:
            continue
        session.execute(
            update(LogEntryRow)
            .where(LogEntryRow.breach_id == known.breach_id)
            .values(record=json.dumps(line.record, ensure_ascii=False, sort_keys=True))
        )
        values: dict[str, Any] = {
            "updated_at": at,
            "updated_by": actor,
            "row_version": BreachRow.row_version + 1,
        }
        if known.current_version == 0:  # not yet reassessed: the list shows the log's words
            values |= _breach_values(line)
            session.execute(delete(PersonRow).where(PersonRow.breach_id == known.breach_id))
            session.execute(delete(RecipientRow).where(RecipientRow.breach_id == known.breach_id))
            people, recipients = index_rows(known.breach_id, line)
            if people:
                session.execute(insert(PersonRow), people)
            if recipients:
                session.execute(insert(RecipientRow), recipients)
        session.execute(update(BreachRow).where(BreachRow.id == known.breach_id).values(values))
        uow.audit(
            "breach.log_entry_updated",
            known.reference,
            {"record": known.record},
            audit_view(line, source),
        )
    return [line.reference for _k, line in changes]


def _doc(line: Line, source: Mapping[str, Any], known: Known | None) -> dict[str, Any]:
    people, recipients = index_rows(0, line)
    doc: dict[str, Any] = {
        "reference": line.reference,
        "row_key": line.row_key,
        "breach": _breach_values(line),
        "entry": {
            "source_file": source["file"],
            "sheet": source["sheet"],
            "row_number": line.row_number,
            "record": json.dumps(line.record, ensure_ascii=False, sort_keys=True),
        },
        "people": people,
        "recipients": recipients,
        "audit_after": json.dumps(audit_view(line, source), ensure_ascii=False, sort_keys=True),
    }
    if known is not None:
        doc["update"] = True
        doc["reindex"] = known.current_version == 0
        doc["audit_before"] = json.dumps(
            {"record": known.record}, ensure_ascii=False, sort_keys=True
        )
    return doc


# --- reading ------------------------------------------------------------------------------------


def entries_of(session: Session, breach_ids: Sequence[int]) -> dict[int, OldLogEntry]:
    """The old-log entries of these breaches (those that came from the old log)."""
    out: dict[int, OldLogEntry] = {}
    ids = list(breach_ids)
    for start in range(0, len(ids), _CHUNK):
        for row in session.scalars(
            select(LogEntryRow).where(LogEntryRow.breach_id.in_(ids[start : start + _CHUNK]))
        ):
            out[row.breach_id] = to_entry(row)
    return out


def logged_dates(session: Session, breach_ids: Sequence[int]) -> dict[int, str]:
    """For those of these breaches that came from the old log: the date it gave, as it gave
    it ('2021-06' for a month alone; '' when it gave none of its own)."""
    ids = list(breach_ids)
    out: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        for breach_id, record in session.execute(
            select(LogEntryRow.breach_id, LogEntryRow.record).where(
                LogEntryRow.breach_id.in_(ids[start : start + _CHUNK])
            )
        ):
            try:
                found = json.loads(record)
            except ValueError:
                found = {}
            when = found.get("aware_at") or found.get("occurred_at")
            out[breach_id] = when if isinstance(when, str) else ""
    return out


def to_entry(row: LogEntryRow) -> OldLogEntry:
    return OldLogEntry(
        source_file=row.source_file,
        sheet=row.sheet,
        row_number=row.row_number,
        imported_by=row.imported_by,
        imported_at=row.imported_at,
        record=json.loads(row.record),
    )


def stored_records(session: Session, references: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The records of breaches from the old log not yet reassessed, by reference (what
    matching reads their recorded risks from)."""
    refs = sorted(set(references))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(refs), _CHUNK):
        rows = session.execute(
            select(BreachRow.reference, LogEntryRow.record)
            .join(LogEntryRow, LogEntryRow.breach_id == BreachRow.id)
            .where(
                BreachRow.reference.in_(refs[start : start + _CHUNK]),
                BreachRow.current_version == 0,
            )
        )
        for reference, record in rows:
            try:
                out[reference] = json.loads(record)
            except ValueError:
                continue
    return out


def historic_breach(row: BreachRow, entry: OldLogEntry) -> Breach:
    """A breach from the old log not yet reassessed: no versions, no recommendations, no
    related breaches; its ``facts`` hold only what the log said, for display (a count or a
    kind of data the log did not give is empty, never a default)."""
    r = entry.record
    people = tuple(Person(name=p.get("name"), email=p.get("email")) for p in people_of(r))
    recipients = tuple(
        Recipient(RecipientKind.UNKNOWN, label=x.get("label"), email=x.get("email"))
        for x in facts_like(r)["recipients"]
    )
    categories: list[DataCategory] = []
    for value in r.get("data.categories") or []:
        try:
            categories.append(DataCategory(value))
        except ValueError:
            continue
    count = r.get("subjects.count")
    facts = Facts(
        title=row.title,
        aware_at=row.aware_at,
        subjects=Subjects(count=count if isinstance(count, int) else 0, people=people),
        data=DataInvolved(categories=tuple(categories)),
        loss=Loss(confidentiality=Confidentiality.NONE),
        reference=row.reference,
        description=r.get("description"),
        service=row.service,
        cause=_cause(r.get("cause")),
        recipients=recipients,
    )
    return Breach(
        reference=row.reference,
        status=BreachStatus(row.status),
        facts=facts,
        versions=(),
        recommendations=(),
        related=(),
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        row_version=row.row_version,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        updated_by=row.updated_by,
        old_log=entry,
    )


def _cause(value: Any) -> Cause:
    try:
        return Cause(value) if isinstance(value, str) else Cause.UNKNOWN
    except ValueError:
        return Cause.UNKNOWN


def export_facts(row: BreachRow, entry: OldLogEntry) -> dict[str, Any]:
    """What the register's table export shows of a breach from the old log: what the log said,
    under the facts' names; nothing it did not say."""
    r = entry.record
    out: dict[str, Any] = {"reference": row.reference, "title": row.title}
    for name in ("description", "service", "cause"):
        if r.get(name) is not None:
            out[name] = r[name]
    subjects: dict[str, Any] = {}
    if isinstance(r.get("subjects.count"), int):
        subjects["count"] = r["subjects.count"]
    if subjects:
        out["subjects"] = subjects
    if r.get("data.categories"):
        out["data"] = {"categories": list(r["data.categories"])}
    if r.get("discovered_how"):
        out["discovered_how"] = {"kind": r["discovered_how"]}
    return out


def before_view(session: Session, breach_id: int) -> dict[str, Any]:
    """The audit's "before" of a breach from the old log assessed for the first time."""
    row = session.scalars(select(LogEntryRow).where(LogEntryRow.breach_id == breach_id)).first()
    return {"version": 0, "from_old_log": json.loads(row.record) if row is not None else None}
