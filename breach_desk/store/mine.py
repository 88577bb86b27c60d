"""Which recommendations are on a person's "My actions" list, as SQL: ``workflow.is_mine`` said
again for the database, so the count beside "My actions" is one COUNT instead of the list.

A test holds the two to the same answer over every combination of status, owner, owner role,
service and role.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from breach_desk.domain.register import Role
from breach_desk.domain.workflow import Actor
from breach_desk.store.models import BreachRow, RecommendationRow

WAITING = ("open", "in_progress")


def is_mine(actor: Actor) -> ColumnElement[bool]:
    """``workflow.is_mine(recommendation, actor)`` as a condition on ``recommendations``."""
    r = RecommendationRow
    waiting = r.status.in_(WAITING)
    owner = func.coalesce(r.owner, "")
    named = owner == actor.login if actor.login else false()
    if actor.role == Role.SERVICE_MANAGER:
        services = sorted(actor.services)
        theirs = and_(waiting, r.owner_role == "service", r.service.in_(services))
    elif actor.role == Role.IG_OFFICER:
        to_verify = and_(r.status == "done", r.done_by.is_distinct_from(actor.login))
        unowned = and_(waiting, owner == "", r.owner_role != "service")
        theirs = or_(to_verify, unowned)
    else:  # an auditor, or no role: only what is theirs by name
        return and_(named, waiting)
    return or_(and_(named, waiting), and_(~named, theirs))


def count_mine(
    session: Session, actor: Actor, services: Sequence[str] | None, today: date
) -> tuple[int, int]:
    """(how many recommendations are on the actor's list, how many of them are overdue) on
    breaches not closed; ``services`` limits it to those breaches' services (a service
    manager's, where the database does not do it)."""
    r = RecommendationRow
    late = and_(r.status.in_(WAITING), r.due_date < today)
    stmt = (
        select(func.count(), func.coalesce(func.sum(case((late, 1), else_=0)), 0))
        .select_from(r)
        .join(BreachRow, BreachRow.id == r.breach_id)
        .where(BreachRow.status != "closed", is_mine(actor))
    )
    if services is not None:
        stmt = stmt.where(BreachRow.service.in_(list(services)))
    count, overdue = session.execute(stmt).one()
    return int(count), int(overdue)
