"""The audit log: every change, who made it, when, before and after, and why.

Each entry's hash covers its content and the previous entry's hash, so editing, deleting or
inserting an entry anywhere breaks the chain from that point. Triggers refuse UPDATE and DELETE
on the table; the chain catches whoever drops them. Writers lock the single ``audit_head`` row
while they append, so two saves on a team database never fork the chain.

On a team database (PostgreSQL after ``db roles``) the database writes the entries itself, with
its own clock and ``session_user`` (``store/pg_workflow``); nobody else may write the table or
lock its head, and the head only moves forward (migration 0004, on SQLite too).

Limit: the hash is unkeyed, so someone able to rewrite the whole table can recompute every
hash, and whoever owns the tables can drop the guards. So the chain's position is witnessed
outside the database (``store/witness``): in the user's data folder after every change, and in
the footer of every report; ``audit verify`` compares against both. ``verify`` reads every
column raw and names whatever damage it finds; it never raises for what is in the table.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from breach_desk.domain.errors import StoreError
from breach_desk.domain.register import AuditEntry, AuditReport
from breach_desk.store.bulk import insert_tuples
from breach_desk.store.models import AuditHeadRow, AuditRow
from breach_desk.store.witness import Checkpoint

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
    """Compact JSON with sorted keys, characters as they are (``json.dumps(value,
    ensure_ascii=False, separators=(",", ":"), sort_keys=True)``, written by orjson)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


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
    # The text json.dumps(…, ensure_ascii=False, separators=(",", ":")) writes, as the
    # database's own functions write it (store/pg_workflow): orjson writes it several times
    # faster, and a large import hashes an entry of a few KB for every breach.
    content = orjson.dumps(
        [seq, _moment(at), actor, action, reference, before, after, reason, prev_hash]
    )
    return hashlib.sha256(content).hexdigest()


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
    beyond = session.execute(
        select(AuditRow.seq).where(AuditRow.seq > head.seq).order_by(AuditRow.seq).limit(1)
    ).scalar()
    if beyond is not None:
        raise StoreError(
            f"the audit log has entries after its head (#{head.seq}), written outside Breach "
            "Desk: nothing was saved; run breach-desk audit verify"
        )
    if session.get_bind().dialect.name == "postgresql":
        # The server's clock and login, as a team database's own functions record them.
        moment, login = session.execute(text("SELECT clock_timestamp(), session_user")).one()
        at, actor = moment, str(login)
    seq, prev = head.seq, head.hash
    rows: list[tuple[Any, ...]] = []  # in the order of _ROW_COLUMNS (when and who: alike)
    for entry in pending:
        seq += 1
        before, after = dump(entry.before), dump(entry.after)
        digest = entry_hash(
            seq, at, actor, entry.action, entry.reference, before, after, entry.reason, prev
        )
        rows.append((seq, entry.action, entry.reference, before, after, entry.reason, prev, digest))
        prev = digest
    insert_tuples(session.connection(), AuditRow, _ROW_COLUMNS, rows, {"at": at, "actor": actor})
    head.seq, head.hash = seq, prev
    session.flush()
    return len(rows)


_ROW_COLUMNS = (
    "seq",
    "action",
    "reference",
    "before",
    "after",
    "reason",
    "prev_hash",
    "hash",
)
_COLUMNS = ("seq", "at", "actor", "action", "reference", "before", "after", "reason")
_SELECT = "SELECT {cols}, prev_hash, hash FROM audit_log ORDER BY audit_log.seq"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class Damaged(Exception):
    """A row of the log that cannot even be read as an entry: what is wrong with it."""


@dataclass(frozen=True, slots=True)
class Raw:
    """An audit row exactly as stored, checked for type but not yet for the chain."""

    seq: int
    at: datetime
    actor: str
    action: str
    reference: str | None
    before: str | None
    after: str | None
    reason: str | None
    prev_hash: str
    hash: str


def _raw_select(session: Session, where: str = "") -> str:
    """Every column as the database keeps it, with no conversion that could fail on damage:
    PostgreSQL hands each one over as text (in UTC), SQLite as whatever it holds."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL TimeZone = 'UTC'"))
        session.execute(text("SET LOCAL DateStyle = 'ISO, YMD'"))
        cols = ", ".join(f"{c}::text AS {c}" for c in _COLUMNS)
        sql = _SELECT.format(cols=cols).replace(
            ", prev_hash, hash", ", prev_hash::text, hash::text"
        )
    else:
        sql = _SELECT.format(cols=", ".join(_COLUMNS))
    if where:
        sql = sql.replace(" ORDER BY", f" WHERE {where} ORDER BY")
    return sql


def _what(value: Any) -> str:
    if value is None:
        return "empty (NULL)"
    if isinstance(value, bytes | memoryview):
        return "binary data"
    shown = str(value)
    return repr(shown if len(shown) <= 40 else shown[:40] + "…")


def _required(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise Damaged(f"its {name} is {_what(value)}, not text")
    return value


def _optional(name: str, value: Any) -> str | None:
    return None if value is None else _required(name, value)


def _json_text(name: str, value: Any) -> str | None:
    found = _optional(name, value)
    if found is not None:
        try:
            json.loads(found)
        except ValueError:
            raise Damaged(f"its {name} value is not valid JSON ({_what(found)})") from None
    return found


def _moment_of(value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        shown = value.strip()
        if re.search(r"[+-]\d\d$", shown):  # PostgreSQL's '+00'
            shown += ":00"
        try:
            moment = datetime.fromisoformat(shown)
        except ValueError:
            raise Damaged(f"its time is {_what(value)}, not a date and time") from None
    else:
        raise Damaged(f"its time is {_what(value)}, not a date and time")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _seq_of(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise Damaged(f"its number is {_what(value)}, not a whole number")


def _checked(values: Sequence[Any]) -> Raw:
    seq = _seq_of(values[0])
    at = _moment_of(values[1])
    actor = _required("actor", values[2])
    action = _required("action", values[3])
    reference = _optional("reference", values[4])
    before = _json_text("before", values[5])
    after = _json_text("after", values[6])
    reason = _optional("reason", values[7])
    hashes = []
    for name, value in (("previous hash", values[8]), ("hash", values[9])):
        if not isinstance(value, str) or not _HEX64.match(value):
            raise Damaged(f"its {name} is {_what(value)}, not a SHA-256 in hexadecimal")
        hashes.append(value)
    return Raw(seq, at, actor, action, reference, before, after, reason, *hashes)


def _head(session: Session) -> tuple[int, str] | str:
    """The head's (seq, hash), or what is wrong with it."""
    rows = session.execute(text("SELECT id, seq, hash FROM audit_head")).all()
    if not rows:
        return "the chain's head record is missing"
    if len(rows) > 1 or rows[0][0] != 1:
        return "the chain's head record was tampered with (it is not the single row 1)"
    _id, seq, digest = rows[0]
    if isinstance(seq, str) and seq.strip().isdigit():
        seq = int(seq)
    if not isinstance(seq, int) or not isinstance(digest, str) or not _HEX64.match(digest):
        return f"the chain's head record is damaged (seq {_what(seq)}, hash {_what(digest)})"
    return seq, digest


def verify(session: Session, checkpoints: Sequence[Checkpoint] = ()) -> AuditReport:
    """Walk the chain from the start; report the first entry that was edited, deleted,
    inserted out of order, or damaged so that it cannot be read; and compare with the positions
    witnessed outside the database (``checkpoints``). Never raises for what it finds in the
    database. Run it in one snapshot (see ``Store.unit(snapshot=True)``)."""
    count, prev = 0, GENESIS

    def bad(seq: int | None, problem: str) -> AuditReport:
        return AuditReport(False, count, prev, seq, problem)

    try:
        head = _head(session)
    except DBAPIError as exc:
        session.rollback()
        _refuse_reader(exc)
        return bad(None, f"the chain's head cannot be read ({_first_line(exc)})")
    if isinstance(head, str):
        return bad(None, head)
    head_seq, head_hash = head
    waiting = sorted(checkpoints, key=lambda c: c.seq)
    try:
        result = session.execute(text(_raw_select(session)))
        for values in result:
            expected_seq = count + 1
            try:
                row = _checked(tuple(values))
            except Damaged as exc:
                return bad(
                    expected_seq, f"entry {_position(values[0], expected_seq)} is damaged: {exc}"
                )
            problem = _link_problem(row, expected_seq, head_seq, prev)
            if problem is not None:
                return bad(problem[0], problem[1])
            for point in [c for c in waiting if c.seq == row.seq]:
                if not row.hash.startswith(point.hash):
                    return bad(
                        row.seq,
                        f"entry #{row.seq:,} is not the one {point.source} (its hash begins "
                        f"{row.hash[:12]}, not {point.hash[:12]}): the log was rewritten",
                    )
            prev = row.hash
            count += 1
    except DBAPIError as exc:
        session.rollback()
        _refuse_reader(exc)
        return bad(count + 1, f"the log cannot be read after entry {count} ({_first_line(exc)})")
    for point in waiting:
        if point.seq > count:
            return bad(
                count + 1,
                f"the log ends at #{count:,} but #{point.seq:,} was {point.source}: entries "
                "were deleted from the end of the log",
            )
    if head_seq > count:
        return bad(
            count + 1,
            f"entries {count + 1} to {head_seq} are missing: deleted from the end of the log",
        )
    if head_hash != prev:
        return bad(count, f"entry {count} was rewritten: it does not match the chain's head")
    return AuditReport(True, count, prev)


class AuditBroken(StoreError):
    """The log no longer reaches a position witnessed outside the database (or its head cannot
    be read): nothing is written until an IG officer acknowledges it (``audit acknowledge``)."""


def _hash_at(session: Session, seq: int, team: bool) -> str | None:
    if team:
        # A service manager does not read the log; the database tells anyone an entry's hash.
        found = session.execute(text("SELECT bd_audit_hash(:s)"), {"s": seq}).scalar()
    else:
        found = session.execute(
            text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": seq}
        ).scalar()
    return found if isinstance(found, str) else None


def witness_break(session: Session, checkpoints: Sequence[Checkpoint], team: bool) -> str | None:
    """Before a write: does the log still reach every witnessed position, with the same hash
    there? The break in words, or None. Damage that stops the head or the log being read is a
    break too (``audit verify`` names it)."""
    try:
        head = _head(session)
        if isinstance(head, str):
            return head
        head_seq = head[0]
        for point in sorted(checkpoints, key=lambda c: c.seq):
            if head_seq < point.seq:
                return (
                    f"the log ends at #{head_seq:,} but #{point.seq:,} was {point.source}: "
                    "entries were deleted from the end of the log"
                )
            found = _hash_at(session, point.seq, team)
            if found is None or not found.startswith(point.hash):
                shown = "missing" if found is None else f"begins {found[:12]}"
                return (
                    f"entry #{point.seq:,} is not the one {point.source} (its hash is {shown}, "
                    f"not {point.hash[:12]}): the log was rewritten"
                )
    except DBAPIError as exc:
        return f"the audit log cannot be read ({_first_line(exc)})"
    return None


def _position(value: Any, expected: int) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else f"#{expected}"


def _link_problem(row: Raw, expected_seq: int, head_seq: int, prev: str) -> tuple[int, str] | None:
    if row.seq != expected_seq:
        if row.seq > expected_seq:
            missing = (
                f"entry {expected_seq} is missing"
                if row.seq == expected_seq + 1
                else f"entries {expected_seq} to {row.seq - 1} are missing"
            )
            return expected_seq, f"{missing}: deleted from the log"
        return row.seq, f"entry {row.seq} is out of sequence"
    if row.seq > head_seq:
        return (
            row.seq,
            f"entry {row.seq} was inserted out of order: it was added after the last entry "
            "Breach Desk wrote",
        )
    if row.prev_hash != prev:
        return (
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
        return row.seq, f"entry {row.seq} was edited: its content does not match its hash"
    return None


def _refuse_reader(exc: DBAPIError) -> None:
    """A role the database does not let read the log learns that, not that the log is broken."""
    if getattr(exc.orig, "sqlstate", None) == "42501":
        raise StoreError(
            "your database role may not read the audit log: an IG officer or an auditor checks it"
        ) from None


def _first_line(exc: DBAPIError) -> str:
    words = str(exc.orig).strip()
    return words.splitlines()[0] if words else type(exc.orig).__name__


def position(session: Session) -> tuple[int, str] | None:
    """Where the chain is now (seq, hash), or None when the head cannot be read."""
    try:
        found = _head(session)
    except DBAPIError:
        return None
    return None if isinstance(found, str) else found


def _loaded(name: str, value: Any) -> Any:
    """A before/after value for reading: parsed JSON, or the damage said in words."""
    if value is None:
        return None
    if not isinstance(value, str):
        return f"(damaged: the {name} value is {_what(value)})"
    try:
        return json.loads(value)
    except ValueError:
        return f"(damaged: the {name} value is not valid JSON: {_what(value)})"


def history(session: Session, reference: str) -> list[AuditEntry]:
    """Every entry about ``reference``, oldest first; a damaged field is shown as such, never
    an error (``audit verify`` names the damage)."""
    sql = _raw_select(session, where="reference = :ref")
    if session.info.get("breach_desk_team"):
        # Every role reads the history of the breaches it may read, through the database's
        # function (a service manager does not read the log itself).
        sql = sql.replace("FROM audit_log", "FROM bd_history(:ref) AS audit_log")
    out: list[AuditEntry] = []
    try:
        found = session.execute(text(sql), {"ref": reference}).all()
    except DBAPIError as exc:
        session.rollback()
        _refuse_reader(exc)
        raise StoreError(
            f"the audit log cannot be read ({_first_line(exc)}), so the history of {reference} "
            "cannot be shown: run breach-desk audit verify"
        ) from None
    for values in found:
        seq, at, actor, action = values[0], values[1], values[2], values[3]
        try:
            moment = _moment_of(at)
        except Damaged:
            moment = datetime.fromtimestamp(0, UTC)
        out.append(
            AuditEntry(
                seq=seq if isinstance(seq, int) else _int_or_zero(seq),
                at=moment,
                actor=actor if isinstance(actor, str) else _what(actor),
                action=action if isinstance(action, str) else _what(action),
                reference=reference,
                before=_loaded("before", values[5]),
                after=_loaded("after", values[6]),
                reason=values[7] if isinstance(values[7], str | None) else _what(values[7]),
            )
        )
    return out


def _int_or_zero(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
