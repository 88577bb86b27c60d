"""The audit log: every change, who made it, when, before and after, and why.

Each entry's hash covers its content and the previous entry's hash, so editing, deleting or
inserting an entry anywhere breaks the chain from that point. Triggers refuse UPDATE and DELETE
on the table; the chain catches whoever drops them. Writers lock the single ``audit_head`` row
while they append, so two saves on a team database never fork the chain.

Limit: the hash is unkeyed, so someone able to rewrite the whole table can recompute every
hash. ``audit verify`` prints the head hash: record it outside the database (e.g. in the SIRO's
quarterly report) and a later rewrite shows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from breach_desk.domain.register import AuditEntry, AuditReport
from breach_desk.store.models import AuditHeadRow, AuditRow

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class PendingEntry:
    """An entry collected during a unit of work, chained and written when it commits."""

    action: str
    reference: str | None
    before: Any
    after: Any
    reason: str | None


class RawJSON(str):
    """JSON text already made (e.g. the stored facts): used as it is, not re-encoded. As the
    whole value, or as a value of a top-level dict."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dump(value: Any) -> str | None:
    """JSON for a before/after value (None stays NULL)."""
    if value is None:
        return None
    if isinstance(value, RawJSON):
        return str(value)
    if isinstance(value, dict) and any(isinstance(v, RawJSON) for v in value.values()):
        return (
            "{"
            + ",".join(
                f"{_json(k)}:{v if isinstance(v, RawJSON) else _json(v)}"
                for k, v in sorted(value.items())
            )
            + "}"
        )
    return _json(value)


def _moment(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    reference: str | None,
    before: str | None,
    after: str | None,
    reason: str | None,
    prev_hash: str,
) -> str:
    content = json.dumps(
        [seq, _moment(at), actor, action, reference, before, after, reason, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def append(session: Session, at: datetime, actor: str, entries: Iterable[PendingEntry]) -> int:
    """Chain and insert the entries at the end of the log. Returns how many were written.

    Must run last in the transaction: it holds the head lock until commit.
    """
    pending = list(entries)
    if not pending:
        return 0
    head = session.execute(
        select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()
    ).scalar_one()
    if session.get_bind().dialect.name == "postgresql":
        # The server's clock and login, as a team database's own functions record them.
        moment, login = session.execute(text("SELECT clock_timestamp(), session_user")).one()
        at, actor = moment, str(login)
    seq, prev = head.seq, head.hash
    rows: list[dict[str, Any]] = []
    for entry in pending:
        seq += 1
        before, after = dump(entry.before), dump(entry.after)
        digest = entry_hash(
            seq, at, actor, entry.action, entry.reference, before, after, entry.reason, prev
        )
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": entry.action,
                "reference": entry.reference,
                "before": before,
                "after": after,
                "reason": entry.reason,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    conn = session.connection()
    for start in range(0, len(rows), 2000):
        conn.execute(insert(AuditRow), rows[start : start + 2000])
    head.seq, head.hash = seq, prev
    session.flush()
    return len(rows)


def _rows(session: Session) -> Iterator[AuditRow]:
    stmt = select(AuditRow).order_by(AuditRow.seq).execution_options(yield_per=1000)
    for row in session.scalars(stmt):
        yield row
        session.expunge(row)


def verify(session: Session) -> AuditReport:
    """Walk the chain from the start; report the first entry that was edited, deleted or
    inserted out of order. Run it in one snapshot (see ``Store.unit(snapshot=True)``)."""
    head = session.get(AuditHeadRow, 1)
    expected_seq, prev, count = 1, GENESIS, 0

    def bad(seq: int, problem: str) -> AuditReport:
        return AuditReport(False, count, prev, seq, problem)

    if head is None:
        return bad(1, "the chain's head record is missing")
    for row in _rows(session):
        if row.seq != expected_seq:
            if row.seq > expected_seq:
                missing = (
                    f"entry {expected_seq} is missing"
                    if row.seq == expected_seq + 1
                    else f"entries {expected_seq} to {row.seq - 1} are missing"
                )
                return bad(expected_seq, f"{missing}: deleted from the log")
            return bad(row.seq, f"entry {row.seq} is out of sequence")
        if row.seq > head.seq:
            return bad(
                row.seq,
                f"entry {row.seq} was inserted out of order: it was added after the last entry "
                "Breach Desk wrote",
            )
        if row.prev_hash != prev:
            return bad(
                row.seq,
                f"entry {row.seq} does not follow entry {row.seq - 1}: it was inserted out of "
                f"order, or entry {row.seq - 1} was rewritten",
            )
        digest = entry_hash(
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.reference,
            row.before,
            row.after,
            row.reason,
            row.prev_hash,
        )
        if digest != row.hash:
            return bad(row.seq, f"entry {row.seq} was edited: its content does not match its hash")
        prev = row.hash
        count += 1
        expected_seq += 1
    if head.seq > count:
        return bad(
            count + 1,
            f"entries {count + 1} to {head.seq} are missing: deleted from the end of the log",
        )
    if head.hash != prev:
        return bad(count, f"entry {count} was rewritten: it does not match the chain's head")
    return AuditReport(True, count, prev)


def to_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        reference=row.reference,
        before=json.loads(row.before) if row.before is not None else None,
        after=json.loads(row.after) if row.after is not None else None,
        reason=row.reason,
    )


def history(session: Session, reference: str) -> list[AuditEntry]:
    rows = session.scalars(
        select(AuditRow).where(AuditRow.reference == reference).order_by(AuditRow.seq)
    )
    return [to_entry(r) for r in rows]
