"""Recording what happens to recommendations: status changes, evidence files, closing a breach;
and reading them back for "My actions", "Monitoring" and the dashboard.

Every change takes the row lock first, checks the state it found (``domain/workflow``), writes
the transition row, and adds an entry to the audit chain through the unit of work. On a team
database (PostgreSQL after ``db roles``) no role may write or lock a table: the same steps are
calls of the database's own functions (``store/pg_workflow``), which lock, check the rules
again, stamp the server's time and the login, and write the audit entry themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, insert, or_, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, defer

from breach_desk.domain.enums import OwnerRole, RecommendationStatus
from breach_desk.domain.errors import (
    ConflictError,
    NoSuchAction,
    NotFound,
    RegisterError,
    StoreError,
)
from breach_desk.domain.lists import BreachLine
from breach_desk.domain.register import EvidenceFile, Role
from breach_desk.domain.workflow import (
    ActionItem,
    Actor,
    Change,
    Refused,
    Subject,
    approve_close_refusal,
    close_refusal,
)
from breach_desk.store import approvals, breaches
from breach_desk.store.models import (
    BreachRow,
    CloseApprovalRow,
    EvidenceFileRow,
    RecommendationRow,
    TransitionRow,
)
from breach_desk.store.records import to_recommendation
from breach_desk.store.session import UnitOfWork, is_team

WAITING = ("open", "in_progress")
UNFINISHED = ("open", "in_progress", "done")
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Located:
    """A recommendation row, locked, with what the rules need to know about its breach."""

    row: RecommendationRow
    reference: str
    breach_service: str | None
    breach_closed: bool

    @property
    def subject(self) -> Subject:
        r = self.row
        return Subject(
            RecommendationStatus(r.status),
            OwnerRole(r.owner_role),
            r.service,
            r.done_by,
            self.breach_closed,
        )


def locate(
    session: Session, action_id: int, *, lock: bool, services: Sequence[str] | None = None
) -> Located:
    """The recommendation and its breach; ``services`` limits what a service manager may see
    (on PostgreSQL the database does it too)."""
    stmt = select(RecommendationRow, BreachRow.reference, BreachRow.service, BreachRow.status)
    stmt = stmt.join(BreachRow, BreachRow.id == RecommendationRow.breach_id)
    stmt = stmt.where(RecommendationRow.id == action_id)
    if services is not None:
        stmt = stmt.where(BreachRow.service.in_(list(services)))
    if lock and is_team(session):  # the database's function takes the lock itself
        stmt = stmt.execution_options(populate_existing=True)
    elif lock:  # and read it afresh: an unlocked read may have left an older copy in the session
        stmt = stmt.with_for_update(of=RecommendationRow).execution_options(populate_existing=True)
    found = session.execute(stmt).first()
    if found is None:
        raise NoSuchAction(action_id)
    row, reference, service, status = found
    return Located(row, reference, service, status == "closed")


def _snapshot(row: RecommendationRow) -> dict[str, Any]:
    return {"id": row.id, "code": row.code, "status": row.status}


def record(uow: UnitOfWork, found: Located, change: Change) -> None:
    """Write a permitted change: the row, the transition, the audit entry. On a team database
    its own function does all three, checking the rules again and stamping its own time."""
    row, session = found.row, uow.session
    if uow.team:
        session.execute(
            text("SELECT bd_move_action(:id, :action, :reason, :evidence, :expected)"),
            {
                "id": row.id,
                "action": change.action.value,
                "reason": change.reason,
                "evidence": change.evidence,
                "expected": change.from_status.value,
            },
        )
        return
    values: dict[str, Any] = {
        name: value for name, value in change.fields if getattr(row, name) != value
    }
    values |= {
        "status": change.to_status.value,
        "updated_at": change.at,
        "row_version": row.row_version + 1,
    }
    before = _snapshot(row)
    result = session.execute(
        update(RecommendationRow)
        .where(RecommendationRow.id == row.id, RecommendationRow.row_version == row.row_version)
        .values(values)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 1) != 1:  # the lock should make this impossible
        raise StoreError("the recommendation changed while it was being saved: try again")
    session.execute(
        insert(TransitionRow),
        [
            {
                "recommendation_id": row.id,
                "at": change.at,
                "by": change.by,
                "from_status": change.from_status.value,
                "to_status": change.to_status.value,
                "reason": change.reason,
                "evidence": change.evidence,
            }
        ],
    )
    after = before | {"status": change.to_status.value}
    if change.evidence is not None:
        after["evidence"] = change.evidence
    uow.audit(
        f"recommendation.{change.action.value}", found.reference, before, after, change.reason
    )


def add_file(uow: UnitOfWork, found: Located, name: str, content: bytes) -> int:
    if uow.team:  # the database measures the file and computes its hash itself
        new_id = uow.session.execute(
            text("SELECT bd_attach_file(:id, :name, :content)"),
            {"id": found.row.id, "name": name, "content": content},
        ).scalar_one()
        return int(new_id)
    digest = hashlib.sha256(content).hexdigest()
    file_id: int = uow.session.execute(
        insert(EvidenceFileRow).returning(EvidenceFileRow.id),
        [
            {
                "recommendation_id": found.row.id,
                "name": name,
                "size": len(content),
                "sha256": digest,
                "content": content,
                "added_by": uow.actor,
                "added_at": uow.at,
            }
        ],
    ).scalar_one()
    uow.audit(
        "recommendation.file_added",
        found.reference,
        None,
        {
            "id": found.row.id,
            "code": found.row.code,
            "file": name,
            "size": len(content),
            "sha256": digest,
        },
    )
    return file_id


def count_files(session: Session, action_id: int) -> int:
    stmt = select(func.count(EvidenceFileRow.id)).where(
        EvidenceFileRow.recommendation_id == action_id
    )
    return int(session.scalar(stmt) or 0)


def file_content(
    session: Session, file_id: int, services: Sequence[str] | None = None
) -> tuple[EvidenceFile, bytes, int]:
    """A stored evidence file, its bytes and its recommendation's number."""
    stmt = (
        select(EvidenceFileRow)
        .join(RecommendationRow, RecommendationRow.id == EvidenceFileRow.recommendation_id)
        .join(BreachRow, BreachRow.id == RecommendationRow.breach_id)
        .where(EvidenceFileRow.id == file_id)
    )
    if services is not None:
        stmt = stmt.where(BreachRow.service.in_(list(services)))
    f = session.scalars(stmt).first()
    if f is None:
        raise RegisterError(f"there is no evidence file {file_id} that you can see")
    info = EvidenceFile(f.id, f.name, f.size, f.sha256, f.added_by, f.added_at)
    return info, f.content, f.recommendation_id


def close(
    uow: UnitOfWork,
    reference: str,
    actor: Actor,
    note: str | None,
    expected_row_version: int | None = None,
) -> None:
    """Close a breach: every recommendation verified or rejected, an IG officer closing."""
    session = uow.session
    # First as read, so that a refusal is in the rules' words (the lock needs the right to
    # change the breach), then again under the locks.
    _refuse_close(session, reference, actor, lock=False)
    if uow.team:
        try:
            session.execute(
                text("SELECT bd_close_breach(:ref, :expected, :note)"),
                {"ref": reference, "expected": expected_row_version, "note": note},
            )
        except DBAPIError as exc:
            raise breaches.conflict_from(session, exc, reference, expected_row_version) from None
        return
    row = _refuse_close(session, reference, actor, lock=True)
    if expected_row_version is not None and row.row_version != expected_row_version:
        raise ConflictError(
            reference, row.updated_by, row.updated_at, row.row_version, expected_row_version
        )
    session.execute(
        update(BreachRow)
        .where(BreachRow.id == row.id)
        .values(
            status="closed",
            closed_at=uow.at,
            closed_by=uow.actor,
            updated_at=uow.at,
            updated_by=uow.actor,
            row_version=row.row_version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    uow.audit(
        "breach.closed",
        reference,
        {"status": row.status},
        {"status": "closed", "closed_by": uow.actor},
        note,
    )


def approve_close(uow: UnitOfWork, reference: str, actor: Actor, reason: str) -> None:
    """Record a second IG officer's approval to close a breach on which a recommendation was
    rejected (four eyes, METHOD section 5): with it, whoever rejected may close."""
    session = uow.session
    _refuse_approval(session, reference, actor, lock=False)
    if uow.team:
        session.execute(
            text("SELECT bd_approve_close(:ref, :reason)"), {"ref": reference, "reason": reason}
        )
        return
    row = _refuse_approval(session, reference, actor, lock=True)
    session.add(
        CloseApprovalRow(breach_id=row.id, approved_by=uow.actor, approved_at=uow.at, reason=reason)
    )
    uow.audit("breach.close_approved", reference, None, {"approved_by": uow.actor}, reason)


def _refuse_approval(session: Session, reference: str, actor: Actor, *, lock: bool) -> BreachRow:
    row = breaches.lock(session, reference) if lock else None
    found = session.execute(
        select(BreachRow.id, BreachRow.status).where(BreachRow.reference == reference)
    ).first()
    if found is None:
        raise NotFound(reference)
    if lock:  # the recommendations too: no rejection slips in under the approval
        session.scalars(
            select(RecommendationRow.id)
            .where(RecommendationRow.breach_id == found.id)
            .with_for_update()
        ).all()
    refusal = approve_close_refusal(actor, found.status == "closed", rejected_by(session, found.id))
    if refusal is not None:
        raise Refused(f"Closing {reference} cannot be approved. {refusal}")
    return row  # type: ignore[return-value]


def approved_by(session: Session, breach_id: int) -> set[str]:
    """Who recorded an approval to close the breach that still stands: one made after the
    last time any of its recommendations was rejected (a later rejection voids it)."""
    last = max(approvals.rejected_at(session, breach_id), default=None)
    recorded = session.execute(
        select(CloseApprovalRow.approved_by, CloseApprovalRow.approved_at).where(
            CloseApprovalRow.breach_id == breach_id
        )
    )
    return {who for who, at in recorded if last is None or at > last}


def rejected_by(session: Session, breach_id: int) -> set[str]:
    """Who rejected the breach's recommendations that stand rejected (their last move)."""
    last = (
        select(func.max(TransitionRow.id))
        .join(RecommendationRow, RecommendationRow.id == TransitionRow.recommendation_id)
        .where(RecommendationRow.breach_id == breach_id, RecommendationRow.status == "rejected")
        .group_by(TransitionRow.recommendation_id)
    )
    found = session.scalars(
        select(TransitionRow.by).where(
            TransitionRow.id.in_(last), TransitionRow.to_status == "rejected"
        )
    )
    return set(found)


def _refuse_close(session: Session, reference: str, actor: Actor, *, lock: bool) -> BreachRow:
    row: BreachRow | None = None
    if lock:
        row = breaches.lock(session, reference)
        breach_id, status = row.id, row.status
    else:  # plain columns: nothing stale is left in the session for the locked read
        found = session.execute(
            select(BreachRow.id, BreachRow.status).where(BreachRow.reference == reference)
        ).first()
        if found is None:
            raise NotFound(reference)
        breach_id, status = found
    stmt = select(RecommendationRow.status).where(RecommendationRow.breach_id == breach_id)
    statuses = session.scalars(stmt.with_for_update() if lock else stmt)
    refusal = close_refusal(
        actor,
        [RecommendationStatus(s) for s in statuses],
        status == "closed",
        rejected_by(session, breach_id),
        approved_by(session, breach_id),
    )
    if refusal is not None:
        raise Refused(f"{reference} cannot be closed. {refusal}")
    return row  # type: ignore[return-value]


# --- reading ---------------------------------------------------------------------------------


def _visible(stmt: Select[Any], services: Sequence[str] | None) -> Select[Any]:
    return stmt if services is None else stmt.where(BreachRow.service.in_(list(services)))


def list_actions(
    session: Session,
    *,
    statuses: Iterable[str] | None = UNFINISHED,
    services: Sequence[str] | None = None,
    reference: str | None = None,
    ids: Sequence[int] | None = None,
    include_closed: bool = False,
    mine: Actor | None = None,
) -> list[ActionItem]:
    """Recommendations with their breach, oldest due first. ``mine`` narrows the read to what
    could be on that person's list (``workflow.is_mine`` decides)."""
    stmt = select(
        RecommendationRow, BreachRow.reference, BreachRow.title, BreachRow.service, BreachRow.status
    )
    stmt = _visible(stmt.join(BreachRow, BreachRow.id == RecommendationRow.breach_id), services)
    if statuses is not None:
        stmt = stmt.where(RecommendationRow.status.in_(list(statuses)))
    if reference is not None:
        stmt = stmt.where(BreachRow.reference == reference)
    if ids is not None:
        stmt = stmt.where(RecommendationRow.id.in_(list(ids)))
    if not include_closed:
        stmt = stmt.where(BreachRow.status != "closed")
    if mine is not None:
        stmt = stmt.where(_could_be_mine(mine))
    stmt = stmt.order_by(RecommendationRow.due_date, BreachRow.reference, RecommendationRow.id)
    found = list(session.execute(stmt))
    history, files = _history(session, [r[0].id for r in found])
    return [
        ActionItem(
            to_recommendation(row, ref, history.get(row.id, []), files.get(row.id, [])),
            title,
            service,
            status == "closed",
        )
        for row, ref, title, service, status in found
    ]


def _could_be_mine(actor: Actor) -> ColumnElement[bool]:
    named = RecommendationRow.owner == actor.login
    service_owned = RecommendationRow.owner_role == "service"
    if actor.role == Role.SERVICE_MANAGER:
        return or_(service_owned, named)
    if actor.role == Role.IG_OFFICER:
        return or_(~service_owned, RecommendationRow.status == "done", named)
    return named


def _history(
    session: Session, ids: Sequence[int]
) -> tuple[dict[int, list[TransitionRow]], dict[int, list[EvidenceFileRow]]]:
    transitions: dict[int, list[TransitionRow]] = {}
    files: dict[int, list[EvidenceFileRow]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for t in session.scalars(
            select(TransitionRow)
            .where(TransitionRow.recommendation_id.in_(chunk))
            .order_by(TransitionRow.at, TransitionRow.id)
        ):
            transitions.setdefault(t.recommendation_id, []).append(t)
        for f in session.scalars(
            select(EvidenceFileRow)
            .options(defer(EvidenceFileRow.content))
            .where(EvidenceFileRow.recommendation_id.in_(chunk))
            .order_by(EvidenceFileRow.id)
        ):
            files.setdefault(f.recommendation_id, []).append(f)
    return transitions, files


def open_by_risk(session: Session, services: Sequence[str] | None) -> dict[str | None, int]:
    stmt = select(BreachRow.risk, func.count(BreachRow.id)).where(BreachRow.status != "closed")
    stmt = _visible(stmt, services).group_by(BreachRow.risk)
    return {risk: int(n) for risk, n in session.execute(stmt)}


def ready_to_close(session: Session, services: Sequence[str] | None) -> list[BreachLine]:
    """Breaches not closed whose recommendations are all verified or rejected."""
    waiting = exists().where(
        RecommendationRow.breach_id == BreachRow.id,
        RecommendationRow.status.in_(list(UNFINISHED)),
    )
    stmt = select(
        BreachRow.reference,
        BreachRow.title,
        BreachRow.service,
        BreachRow.aware_at,
        BreachRow.status == "closed",
    ).where(BreachRow.status == "assessed", ~waiting)
    stmt = _visible(stmt, services).order_by(BreachRow.aware_at, BreachRow.reference)
    return [BreachLine(*r) for r in session.execute(stmt)]
