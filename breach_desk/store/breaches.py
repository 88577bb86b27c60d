"""Writing breaches: a new breach (version 1) or a reassessment (version n+1).

A finalised version is never updated. The ``breaches`` row carries the latest facts' summary
for the register list and the optimistic-locking counter ``row_version``.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from breach_desk.domain.assessment import Assessment
from breach_desk.domain.enums import OwnerRole
from breach_desk.domain.errors import ConflictError, NotFound
from breach_desk.domain.facts import Facts
from breach_desk.domain.plan import RecommendationPlan, Tracked
from breach_desk.facts_io import facts_to_dict
from breach_desk.store import oldlog, pg_workflow
from breach_desk.store.audit import dump
from breach_desk.store.matching import index_rows
from breach_desk.store.models import (
    BreachRow,
    PersonRow,
    RecipientRow,
    RecommendationRow,
    TransitionRow,
    VersionRow,
    packed_for,
)
from breach_desk.store.normalise import fold
from breach_desk.store.records import (
    assessment_json,
    dumps,
    load_assessment,
    load_facts,
    outcome,
    outcome_for_audit,
)
from breach_desk.store.session import UnitOfWork, is_team

SEARCH_DESCRIPTION_CHARS = 4000


def search_text(reference: str, facts: Facts) -> str:
    parts: list[str | None] = [
        reference,
        facts.title,
        facts.service,
        (facts.description or "")[:SEARCH_DESCRIPTION_CHARS],
    ]
    for p in facts.subjects.people:
        parts += [p.name, p.email, p.identifier]
    for r in facts.recipients:
        parts += [r.label, r.email]
    return " | ".join(f for f in (fold(p) for p in parts) if f)


def breach_values(facts: Facts, assessment: Assessment, reference: str) -> dict[str, Any]:
    return {
        "title": facts.title,
        "service": facts.service,
        "aware_at": facts.aware_at,
        "search_text": search_text(reference, facts),
        **outcome(assessment),
    }


def audit_view(
    facts_dict: dict[str, Any],
    assessment: Assessment,
    version: int,
    ico_delay_reason: str | None = None,
) -> dict[str, Any]:
    view = {"version": version, "facts": facts_dict, "outcome": outcome_for_audit(assessment)}
    if ico_delay_reason is not None:
        view["ico_delay_reason"] = ico_delay_reason
    return view


def lock(session: Session, reference: str) -> BreachRow:
    """The breach row, locked (on a team database only read afresh: its function locks it)."""
    stmt = select(BreachRow).where(BreachRow.reference == reference)
    if is_team(session):
        stmt = stmt.execution_options(populate_existing=True)
    else:
        stmt = stmt.with_for_update()
    row = session.scalars(stmt).first()
    if row is None:
        raise NotFound(reference)
    return row


def conflict_from(
    session: Session, exc: DBAPIError, reference: str, expected: int | None
) -> BaseException:
    """A team database's refusal of a save based on an older version, as ConflictError (any
    other database error is returned as it is, to be raised again)."""
    if getattr(exc.orig, "sqlstate", None) != pg_workflow.CONFLICT_STATE:
        return exc
    session.rollback()
    current = session.scalars(select(BreachRow).where(BreachRow.reference == reference)).one()
    return ConflictError(
        reference, current.updated_by, current.updated_at, current.row_version, expected or 0
    )


def exists(session: Session, reference: str) -> bool:
    return session.scalar(select(BreachRow.id).where(BreachRow.reference == reference)) is not None


def tracked(session: Session, breach_id: int) -> dict[str, Tracked]:
    """The breach's tracked recommendations by code, as a reassessment's plan reads them."""
    rows = session.scalars(
        select(RecommendationRow).where(RecommendationRow.breach_id == breach_id)
    )
    return {
        r.code: Tracked(
            r.id,
            r.code,
            r.text,
            OwnerRole(r.owner_role),
            r.due_date,
            r.status,
            r.owner,
            r.why or "",
        )
        for r in rows
    }


def check_current(row: BreachRow, expected_row_version: int | None) -> None:
    """ConflictError when someone saved the breach after the person opened it."""
    if expected_row_version is not None and row.row_version != expected_row_version:
        raise ConflictError(
            row.reference, row.updated_by, row.updated_at, row.row_version, expected_row_version
        )


def new_breach_stamps(at: Any, actor: str) -> dict[str, Any]:
    """The columns of a breach stored assessed for the first time (saved or imported)."""
    return {
        "status": "assessed",
        "current_version": 1,
        "created_at": at,
        "created_by": actor,
        "updated_at": at,
        "updated_by": actor,
        "row_version": 1,
    }


def new_recommendation_stamps(version: int, at: Any, actor: str) -> dict[str, Any]:
    """The columns of a recommendation that ``version`` starts tracking, none of it done yet."""
    return {
        "added_in_version": version,
        "created_at": at,
        "created_by": actor,
        "updated_at": at,
        "row_version": 1,
        "evidence": None,
        "done_by": None,
        "done_at": None,
        "verified_by": None,
        "verified_at": None,
    }


def recommendation_rows(
    work: RecommendationPlan,
    *,
    breach_id: int,
    version: int,
    service: str | None,
    at: Any,
    actor: str,
) -> list[dict[str, Any]]:
    """The rows of the recommendations this version starts tracking."""
    base = {
        "breach_id": breach_id,
        "service": service,
        **new_recommendation_stamps(version, at, actor),
    }
    return [
        base
        | {
            "code": new.recommendation.code,
            "text": new.recommendation.text,
            "owner_role": new.recommendation.owner_role.value,
            "owner": new.recommendation.owner,
            "due_date": new.recommendation.due_date,
            "status": "open" if new.rejected_because is None else "rejected",
            "why": new.recommendation.why,
            "removed_reason": new.rejected_because,
        }
        for new in work.create
    ]


def create(
    uow: UnitOfWork,
    facts: Facts,
    assessment: Assessment,
    work: RecommendationPlan,
    ico_delay_reason: str | None = None,
) -> int:
    """Insert a new breach at version 1 with its tracked recommendations (``work``, settled
    by the services, the assessment's note written against it). Returns its id."""
    reference = facts.reference
    assert reference is not None
    session, at, actor = uow.session, uow.at, uow.actor
    if uow.team:
        return _create_in_team(uow, facts, assessment, work, ico_delay_reason)
    breach_id: int = session.execute(
        insert(BreachRow).returning(BreachRow.id),
        [
            breach_values(facts, assessment, reference)
            | {"reference": reference}
            | new_breach_stamps(at, actor)
        ],
    ).scalar_one()
    create = recommendation_rows(
        work, breach_id=breach_id, version=1, service=facts.service, at=at, actor=actor
    )
    facts_dict = facts_to_dict(facts)
    _insert_version(
        session,
        breach_id,
        1,
        facts_dict,
        assessment,
        work.removed,
        (None, ico_delay_reason),
        at,
        actor,
    )
    _index(session, breach_id, facts)
    if create:
        session.execute(insert(RecommendationRow), create)
    after = audit_view(facts_dict, assessment, 1, ico_delay_reason) | {
        "status": "assessed",
        "recommendations": work.opened,
        "removed": work.removed,
    }
    uow.audit("breach.created", reference, None, after, None)
    return breach_id


def _version_doc(
    facts_dict: dict[str, Any],
    assessment: Assessment,
    removed: list[dict[str, str]],
    ico_delay_reason: str | None,
) -> dict[str, Any]:
    return {
        "facts": dumps(facts_dict),
        "assessment": assessment_json(assessment),
        "removed": dumps(removed),
        "ico_delay_reason": ico_delay_reason,
    }


def _index_doc(facts: Facts) -> dict[str, Any]:
    people, recipients_ = index_rows(0, facts)
    return {"people": people, "recipients": recipients_}


def _create_in_team(
    uow: UnitOfWork,
    facts: Facts,
    assessment: Assessment,
    work: RecommendationPlan,
    ico_delay_reason: str | None,
) -> int:
    """A team database's ``bd_save_breach``: it stamps the time and the officer, sets every
    status itself and writes the audit entry."""
    reference = facts.reference
    assert reference is not None
    facts_dict = facts_to_dict(facts)
    after = audit_view(facts_dict, assessment, 1, ico_delay_reason) | {
        "status": "assessed",
        "recommendations": work.opened,
        "removed": work.removed,
    }
    doc = {
        "reference": reference,
        "breach": breach_values(facts, assessment, reference),
        "version": _version_doc(facts_dict, assessment, work.removed, ico_delay_reason),
        "create": recommendation_rows(
            work, breach_id=0, version=1, service=facts.service, at=uow.at, actor=uow.actor
        ),
        "audit_after": dump(after),
        **_index_doc(facts),
    }
    return pg_workflow.save_breach(uow.session.connection(), doc)


def reassess(
    uow: UnitOfWork,
    row: BreachRow,
    facts: Facts,
    assessment: Assessment,
    work: RecommendationPlan,
    reason: str,
    expected_row_version: int | None,
    ico_delay_reason: str | None = None,
) -> None:
    """Add version n+1 to a locked breach row. Tracked recommendations stay as they are."""
    check_current(row, expected_row_version)
    session, at, actor = uow.session, uow.at, uow.actor
    number = row.current_version + 1
    create = recommendation_rows(
        work, breach_id=row.id, version=number, service=facts.service, at=at, actor=actor
    )
    facts_dict = facts_to_dict(facts)
    if uow.team:
        _reassess_in_team(
            uow, row, facts, assessment, work, reason, expected_row_version, ico_delay_reason
        )
        session.expire(row)
        return
    _insert_version(
        session,
        row.id,
        number,
        facts_dict,
        assessment,
        work.removed,
        (reason, ico_delay_reason),
        at,
        actor,
    )
    if create:
        session.execute(insert(RecommendationRow), create)
    for tracked_, why in work.reject:
        rec = session.get_one(RecommendationRow, tracked_.id)
        session.execute(
            insert(TransitionRow),
            [
                {
                    "recommendation_id": rec.id,
                    "at": at,
                    "by": actor,
                    "from_status": rec.status,
                    "to_status": "rejected",
                    "reason": why,
                    "evidence": None,
                }
            ],
        )
        rec.status, rec.updated_at, rec.row_version = "rejected", at, rec.row_version + 1
    reopened = row.status == "closed" and bool(work.opened)
    status = "assessed" if reopened else row.status
    done = session.execute(
        update(BreachRow)
        .where(BreachRow.id == row.id, BreachRow.row_version == row.row_version)
        .values(
            breach_values(facts, assessment, row.reference)
            | {
                "current_version": number,
                "status": status,
                "updated_at": at,
                "updated_by": actor,
                "row_version": row.row_version + 1,
            }
            | ({"closed_at": None, "closed_by": None} if reopened else {})
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(done, "rowcount", 1) != 1:  # someone slipped in despite the lock
        session.expire(row)
        current = lock(session, row.reference)
        raise ConflictError(
            row.reference,
            current.updated_by,
            current.updated_at,
            current.row_version,
            expected_row_version or row.row_version,
        )
    session.execute(delete(PersonRow).where(PersonRow.breach_id == row.id))
    session.execute(delete(RecipientRow).where(RecipientRow.breach_id == row.id))
    _index(session, row.id, facts)
    before = _before_view(session, row)
    after = audit_view(facts_dict, assessment, number, ico_delay_reason) | {
        "status": status,
        "recommendations_added": work.opened,
        "removed": work.removed,
    }
    uow.audit("breach.reassessed", row.reference, before, after, reason)


def _reassess_in_team(
    uow: UnitOfWork,
    row: BreachRow,
    facts: Facts,
    assessment: Assessment,
    work: RecommendationPlan,
    reason: str,
    expected_row_version: int | None,
    ico_delay_reason: str | None = None,
) -> None:
    session = uow.session
    number = row.current_version + 1
    facts_dict = facts_to_dict(facts)
    reopened = row.status == "closed" and bool(work.opened)
    doc = {
        "reassess": True,
        "reference": row.reference,
        # Whatever the person saw, the plan was made from this version: a save in between is
        # a conflict, not something to overwrite.
        "expected_row_version": expected_row_version or row.row_version,
        "reason": reason,
        "breach": breach_values(facts, assessment, row.reference),
        "version": _version_doc(facts_dict, assessment, work.removed, ico_delay_reason),
        "create": recommendation_rows(
            work,
            breach_id=row.id,
            version=number,
            service=facts.service,
            at=uow.at,
            actor=uow.actor,
        ),
        "reject": [{"id": tracked_.id, "reason": why} for tracked_, why in work.reject],
        "audit_before": dump(_before_view(session, row)),
        "audit_after": dump(
            audit_view(facts_dict, assessment, number, ico_delay_reason)
            | {
                "status": "assessed" if reopened else row.status,
                "recommendations_added": work.opened,
                "removed": work.removed,
            }
        ),
        **_index_doc(facts),
    }
    try:
        pg_workflow.save_breach(session.connection(), doc)
    except DBAPIError as exc:
        raise conflict_from(session, exc, row.reference, expected_row_version) from None


def _before_view(session: Session, row: BreachRow) -> dict[str, Any]:
    previous = session.scalars(
        select(VersionRow).where(
            VersionRow.breach_id == row.id, VersionRow.number == row.current_version
        )
    ).one_or_none()
    if previous is None:  # from the old log: what it recorded was the breach until now
        return oldlog.before_view(session, row.id) | {"status": row.status}
    return audit_view(
        json.loads(previous.facts),
        load_assessment(previous.assessment, load_facts(previous.facts)),
        previous.number,
        previous.ico_delay_reason,
    ) | {"status": row.status}


def _insert_version(
    session: Session,
    breach_id: int,
    number: int,
    facts_dict: dict[str, Any],
    assessment: Assessment,
    removed: list[dict[str, str]],
    reasons: tuple[str | None, str | None],
    at: Any,
    actor: str,
) -> None:
    """Store a finalised version; ``reasons``: why it was reassessed, why the ICO report is
    late."""
    session.execute(
        insert(VersionRow),
        [
            {
                "breach_id": breach_id,
                "number": number,
                "facts": dumps(facts_dict),
                "assessment": packed_for(
                    session.get_bind().dialect.name, assessment_json(assessment)
                ),
                "removed": dumps(removed),
                "reason": reasons[0],
                "ico_delay_reason": reasons[1],
                "created_at": at,
                "created_by": actor,
            }
        ],
    )


def _index(session: Session, breach_id: int, facts: Facts) -> None:
    people, recipients_ = index_rows(breach_id, facts)
    if people:
        session.execute(insert(PersonRow), people)
    if recipients_:
        session.execute(insert(RecipientRow), recipients_)
