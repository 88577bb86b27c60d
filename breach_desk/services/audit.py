"""Checking the register's audit log, and acknowledging a break in it.

``verify`` walks the hash chain (``store/audit``), compares it with every witness of the
register kept outside the database (``store/witness``) and with positions a person copied from
a report's footer, and says what is wrong with a witness that is missing, unreadable or another
register's. ``acknowledge`` is how an IG officer lets the register take changes again after a
break: an audit entry saying what was witnessed, what the log holds now and why, and a witness
that moves on while keeping the position it moved past in its history.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import text

from breach_desk.domain.errors import InvalidChange, NotFound
from breach_desk.domain.register import AuditReport
from breach_desk.domain.workflow import MAX_TEXT
from breach_desk.services.recheck import RecheckReport
from breach_desk.services.register import Register
from breach_desk.store import audit, breaches, witness


@dataclass(frozen=True, slots=True)
class Acknowledged:
    """What ``acknowledge`` recorded: the break, the audit entry, the witnesses moved on."""

    problem: str
    entry: int
    head_hash: str
    files: tuple[Path, ...]


def _history_notes(witnesses: Sequence[witness.Witness]) -> list[str]:
    notes: dict[str, None] = {}
    for found in witnesses:
        for item in found.history:
            day = str(item.get("at", ""))[:10]
            by, why, entry = item.get("by", "?"), item.get("reason", ""), item.get("entry", "?")
            if "seq" in item:
                what = f"the log had reached #{item['seq']:,} ({item.get('was', 'witnessed')})"
            else:
                what = f"the witness was {item.get('problem', 'damaged')}"
            notes[
                f"break acknowledged on {day} by {by} (audit entry #{entry}): {what}; reason: {why}"
            ] = None
    return list(notes)


def _witness_problems(
    witnesses: Sequence[witness.Witness], entries: int, no_witness: bool
) -> tuple[list[str], list[str]]:
    """(problems that fail the check, notes) about the witness files themselves."""
    problems: list[str] = []
    notes: list[str] = []
    for found in witnesses:
        if found.problem is None:
            continue
        if found.problem == "missing":
            if entries and not no_witness:
                problems.append(
                    f"the witness of this register at {found.path} is missing: it was deleted, "
                    "or this computer never witnessed the register (then run audit verify "
                    "--no-witness once to start it)"
                )
            continue
        words = (
            f"the witness of this register at {found.path} is {found.problem}: it was "
            "replaced or damaged; an IG officer looks into it and records it with audit "
            "acknowledge --reason TEXT"
        )
        (notes if no_witness else problems).append(words)
    return problems, notes


def verify(
    register: Register, expect: Sequence[witness.Checkpoint] = (), no_witness: bool = False
) -> AuditReport:
    """The chain, the witnesses and ``expect``; an intact chain is witnessed in its turn (a
    missing witness is started only with ``no_witness``)."""
    key = register.store.witness_key
    witnesses = witness.read_all(key)
    points = [w.checkpoint for w in witnesses if w.checkpoint is not None]
    with register.store.unit(snapshot=True) as uow:
        report = audit.verify(uow.session, [*expect, *points])
    notes = _history_notes(witnesses)
    if not report.ok:
        return replace(report, notes=tuple(notes))
    problems, more = _witness_problems(witnesses, report.entries, no_witness)
    if report.entries:
        witness.write(key, report.entries, report.head_hash, register.user, create=no_witness)
    if problems:
        return replace(report, ok=False, problem="; ".join(problems), notes=tuple([*notes, *more]))
    return replace(report, notes=tuple([*notes, *more]))


def acknowledge(register: Register, reason: str) -> Acknowledged:
    """Record, as an IG officer, that the log no longer reaches what was witnessed (or that a
    witness is unreadable or another register's), and why; then witness the log as it is.

    Raises InvalidChange without a reason or when there is nothing to acknowledge, NotAllowed
    for anyone but an IG officer."""
    why = (reason or "").strip()
    if not why:
        raise InvalidChange("--reason: say why the break is acknowledged: it is kept in the log")
    if len(why) > MAX_TEXT:
        raise InvalidChange(f"--reason: is too long (at most {MAX_TEXT:,} characters)")
    register._check_may_assess("acknowledges a break in the audit log")
    store = register.store
    witnesses = witness.read_all(store.witness_key)
    points = [w.checkpoint for w in witnesses if w.checkpoint is not None]
    damaged = [w for w in witnesses if w.problem not in (None, "missing")]
    with store.unit() as uow:
        broken = audit.witness_break(uow.session, points, store.team)
    if broken is None and not damaged:
        raise InvalidChange(
            "there is no break to acknowledge: the audit log reaches every position witnessed "
            "on this computer"
        )
    problem = broken or "; ".join(f"the witness at {w.path} is {w.problem}" for w in damaged)
    before = {
        "problem": problem,
        "witnessed": [{"seq": p.seq, "hash": p.hash, "source": p.source} for p in points],
        "witness files": [{"file": str(w.path), "state": w.problem} for w in damaged],
    }
    with store.unit(write=True, acknowledging=True) as uow:
        if store.team:
            uow.session.execute(
                text("SELECT bd_acknowledge_break(:b, :r)"),
                {"b": json.dumps(before, ensure_ascii=False), "r": why},
            )
        else:
            uow.audit("audit.acknowledged", None, before=before, after=None, reason=why)
    with store.unit() as uow:
        found = audit.position(uow.session)
    if found is None:
        raise InvalidChange("the audit log's head cannot be read: run breach-desk audit verify")
    seq, digest = found
    files = witness.acknowledge(store.witness_key, seq, digest, register.user, why, seq)
    return Acknowledged(problem, seq, digest, tuple(files))


def recheck(register: Register, references: Sequence[str] | None = None) -> RecheckReport:
    """Every stored version the user may read, recomputed from its facts (``services/recheck``).
    Raises NotFound for a reference that is not in the register."""
    from breach_desk.services.recheck import recheck as recompute

    with register.store.unit(snapshot=True) as uow:
        for reference in references or ():
            if not breaches.exists(uow.session, reference):
                raise NotFound(reference)
        return recompute(uow.session, references)


def recheck_breach(register: Register, reference: str) -> list[str]:
    """When a breach is opened: what in its stored versions differs from its facts, in words
    (empty when every version agrees, or cannot be rechecked)."""
    return [str(f) for f in recheck(register, [reference]).mismatches]
