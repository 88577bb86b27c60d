"""The people directory, reminders sent, and complaints: reading and writing them.

SQLite writes in-process with the audit entry in the same transaction. A team database
(PostgreSQL after ``db roles``) takes each change through one of ``store/pg_remind``'s
functions, which check the role, stamp the server's time and login, and audit it themselves.

Reminders are written in two steps around the sending: ``reserve`` records the message (its
Message-ID, recipients and bytes) and every item/threshold it covers before it leaves;
``mark_sent`` records that the server took it. A run that dies in between leaves the message
reserved; the next run sends exactly those bytes again, under the same Message-ID, before it
works out anything new. A send the server refused is ``release``d, so the next run tries again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from breach_desk.domain.errors import InvalidChange, NotFound
from breach_desk.domain.register import Role
from breach_desk.store.models import (
    BreachRow,
    ComplaintRow,
    DirectoryRow,
    EscalationRow,
    NotificationRow,
    RecommendationRow,
    ReminderMessageRow,
    ReminderRow,
)
from breach_desk.store.session import UnitOfWork


@dataclass(frozen=True, slots=True)
class Person:
    login: str
    display_name: str | None
    email: str
    role: str | None
    services: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.display_name or self.login


# --- the directory -----------------------------------------------------------------------------


def directory(session: Session) -> dict[str, Person]:
    """Everyone with an address. On a team database their role and services are the
    database's (``db roles``), whatever the directory row says."""
    people = {
        row.login: Person(
            row.login,
            row.display_name,
            row.email,
            row.role,
            tuple(json.loads(row.services or "[]")),
        )
        for row in session.scalars(select(DirectoryRow).order_by(DirectoryRow.login))
    }
    if session.get_bind().dialect.name == "postgresql" and _roles_installed(session):
        roles = _database_roles(session)
        people = {
            login: Person(p.login, p.display_name, p.email, *roles.get(login, (None, ())))
            for login, p in people.items()
        }
    return people


def _roles_installed(session: Session) -> bool:
    return bool(session.scalar(text("SELECT to_regclass('breach_user_services') IS NOT NULL")))


def _database_roles(session: Session) -> dict[str, tuple[str, tuple[str, ...]]]:
    from breach_desk.store.pg_roles import GROUP_ROLES, USER_SERVICES_TABLE

    services: dict[str, list[str]] = {}
    for login, service in session.execute(
        text(f"SELECT login, service FROM {USER_SERVICES_TABLE} ORDER BY login, service")
    ):
        services.setdefault(str(login), []).append(str(service))
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for role in (Role.AUDITOR, Role.SERVICE_MANAGER, Role.IG_OFFICER):  # the most wins
        rows = session.execute(
            text(
                "SELECT m.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid"
                " JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = :g"
            ),
            {"g": GROUP_ROLES[role]},
        ).scalars()
        for login in rows:
            found[str(login)] = (role, tuple(services.get(str(login), ())))
    return found


def escalations(session: Session) -> dict[str, str]:
    """Service → login of its escalation contact."""
    return {
        row.service: row.login
        for row in session.scalars(select(EscalationRow).order_by(EscalationRow.service))
    }


def set_person(
    uow: UnitOfWork,
    login: str,
    email: str,
    display_name: str | None,
    role: str | None,
    services: Sequence[str] | None,
) -> Person:
    """Add or change one person's entry (``role``/``services`` None: keep what is there)."""
    session = uow.session
    if uow.team:
        if role is not None or services is not None:
            raise InvalidChange(
                "role: on a team register the database gives roles and services: ask its "
                "administrator to run 'breach-desk db roles --user NAME --role ROLE'"
            )
        session.execute(
            text("SELECT bd_set_person(:l, :n, :e)"), {"l": login, "n": display_name, "e": email}
        )
        return directory(session)[login]
    row = session.get(DirectoryRow, login)
    before = None if row is None else _person_doc(row)
    if row is None:
        row = DirectoryRow(login=login, services="[]", email=email)
        session.add(row)
    row.email = email
    if display_name is not None:
        row.display_name = display_name or None
    if role is not None:
        row.role = role
        row.services = json.dumps(list(services or ()), ensure_ascii=False)
    elif services is not None:
        row.services = json.dumps(list(services), ensure_ascii=False)
    row.updated_at = uow.at
    row.updated_by = uow.actor
    session.flush()
    uow.audit("directory.set", None, before, _person_doc(row))
    return directory(session)[login]


def _person_doc(row: DirectoryRow) -> dict[str, Any]:
    return {
        "login": row.login,
        "display_name": row.display_name,
        "email": row.email,
        "role": row.role,
        "services": json.loads(row.services or "[]"),
    }


def set_escalation(uow: UnitOfWork, service: str, login: str | None) -> None:
    """``login`` None: the service falls back to the IG team."""
    session = uow.session
    if uow.team:
        session.execute(text("SELECT bd_set_escalation(:s, :l)"), {"s": service, "l": login})
        return
    row = session.get(EscalationRow, service)
    before = None if row is None else {"service": service, "login": row.login}
    if login is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(EscalationRow(service=service, login=login))
    else:
        row.login = login
    session.flush()
    after = None if login is None else {"service": service, "login": login}
    uow.audit("directory.escalation", None, before, after)


# --- what is due -------------------------------------------------------------------------------


class ActionLine(NamedTuple):
    id: int
    reference: str
    text: str
    owner_role: str
    owner: str | None
    service: str | None
    due_date: date
    status: str
    done_by: str | None
    done_at: datetime | None


def actions_to_remind(session: Session, today: date, soon_days: int) -> Iterable[ActionLine]:
    """Unfinished actions due within ``soon_days`` or overdue, and done ones waiting to be
    verified, of breaches not closed."""
    r, b = RecommendationRow, BreachRow
    horizon = today + timedelta(days=soon_days)
    waiting = r.status.in_(("open", "in_progress")) & (r.due_date <= horizon)
    stmt = (
        select(
            r.id,
            b.reference,
            r.text,
            r.owner_role,
            r.owner,
            r.service,
            b.service,
            r.due_date,
            r.status,
            r.done_by,
            r.done_at,
        )
        .join(b, b.id == r.breach_id)
        .where(b.status != "closed", waiting | (r.status == "done"))
    )
    # Core, not the ORM's row handling: this reads every unfinished action of the register.
    result = session.connection().execute(stmt.execution_options(yield_per=5000))
    make = ActionLine._make
    for a, b_, c, d, e, f, g, h, i, j, k in result.tuples():
        yield make((a, b_, c, d, e, f or g, h, i, j, k))


@dataclass(frozen=True, slots=True)
class ClockLine:
    reference: str
    service: str | None
    deadline: datetime


def _near(until: datetime) -> list[Any]:
    b, n = BreachRow, NotificationRow
    reported = select(n.id).where(n.breach_id == b.id, n.kind == "ico_report").exists()
    return [
        b.ico_report.is_(True),
        b.status != "closed",
        b.ico_deadline.is_not(None),
        b.ico_deadline <= until,
        ~reported,
    ]


def count_ico_clocks_near(session: Session, until: datetime) -> int:
    """How many ``ico_clocks_near`` would list, counted by the database."""
    from sqlalchemy import func

    found = session.scalar(select(func.count()).select_from(BreachRow).where(*_near(until)))
    return int(found or 0)


def ico_clocks_near(session: Session, until: datetime) -> list[ClockLine]:
    """Breaches to report whose 72 hours end before ``until`` (or have ended), with no report
    recorded, not closed."""
    b = BreachRow
    stmt = select(b.reference, b.service, b.ico_deadline).where(*_near(until))
    rows = session.connection().execute(stmt)
    return [ClockLine(ref, service, deadline) for ref, service, deadline in rows]


# --- complaints --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Complaint:
    id: int
    reference: str
    service: str | None
    received_on: date
    from_whom: str
    how: str
    summary: str
    acknowledged_on: date | None
    outcome: str | None
    outcome_on: date | None
    recorded_by: str
    recorded_at: datetime


def _complaints(session: Session, *where: Any) -> list[Complaint]:
    c, b = ComplaintRow, BreachRow
    stmt = (
        select(
            c.id,
            b.reference,
            b.service,
            c.received_on,
            c.from_whom,
            c.how,
            c.summary,
            c.acknowledged_on,
            c.outcome,
            c.outcome_on,
            c.recorded_by,
            c.recorded_at,
        )
        .join(b, b.id == c.breach_id)
        .where(*where)
        .order_by(c.received_on, c.id)
    )
    return [Complaint(*row) for row in session.execute(stmt)]


def complaint(session: Session, complaint_id: int) -> Complaint:
    found = _complaints(session, ComplaintRow.id == complaint_id)
    if not found:
        raise NotFound(f"there is no complaint {complaint_id}")
    return found[0]


def complaints_of(session: Session, reference: str) -> list[Complaint]:
    return _complaints(session, BreachRow.reference == reference)


def unacknowledged(session: Session) -> list[Complaint]:
    return _complaints(
        session, ComplaintRow.acknowledged_on.is_(None), BreachRow.status != "closed"
    )


def complaint_clocks(session: Session, breach_ids: Sequence[int]) -> dict[int, date]:
    """Per breach: the earliest received date of a complaint not yet acknowledged."""
    out: dict[int, date] = {}
    ids = list(breach_ids)
    for start in range(0, len(ids), 500):
        stmt = select(ComplaintRow.breach_id, ComplaintRow.received_on).where(
            ComplaintRow.acknowledged_on.is_(None),
            ComplaintRow.breach_id.in_(ids[start : start + 500]),
        )
        for breach_id, received in session.execute(stmt):
            if breach_id not in out or received < out[breach_id]:
                out[int(breach_id)] = received
    return out


def record_complaint(
    uow: UnitOfWork, reference: str, received_on: date, from_whom: str, how: str, summary: str
) -> int:
    session = uow.session
    doc = {
        "received_on": received_on.isoformat(),
        "from_whom": from_whom,
        "how": how,
        "summary": summary,
    }
    if uow.team:
        found = session.execute(
            text("SELECT bd_record_complaint(:r, CAST(:d AS jsonb))"),
            {"r": reference, "d": json.dumps(doc, ensure_ascii=False)},
        ).scalar_one()
        return int(found)
    breach_id = session.scalar(select(BreachRow.id).where(BreachRow.reference == reference))
    if breach_id is None:
        raise NotFound(f"{reference} is not in the register")
    new_id = session.execute(
        insert(ComplaintRow)
        .values(
            breach_id=breach_id,
            received_on=received_on,
            from_whom=from_whom,
            how=how,
            summary=summary,
            recorded_by=uow.actor,
            recorded_at=uow.at,
        )
        .returning(ComplaintRow.id)
    ).scalar_one()
    uow.audit("complaint.received", reference, None, {"id": new_id, **doc})
    return int(new_id)


def update_complaint(
    uow: UnitOfWork,
    complaint_id: int,
    acknowledged_on: date | None = None,
    outcome: str | None = None,
    outcome_on: date | None = None,
) -> Complaint:
    session = uow.session
    doc: dict[str, Any] = {}
    if acknowledged_on is not None:
        doc["acknowledged_on"] = acknowledged_on.isoformat()
    if outcome is not None:
        doc["outcome"] = outcome
        doc["outcome_on"] = (outcome_on or uow.now.date()).isoformat()
    if uow.team:
        session.execute(
            text("SELECT bd_update_complaint(:i, CAST(:d AS jsonb))"),
            {"i": complaint_id, "d": json.dumps(doc, ensure_ascii=False)},
        )
    else:
        row = session.get(ComplaintRow, complaint_id)
        if row is None:
            raise NotFound(f"there is no complaint {complaint_id}")
        if acknowledged_on is not None:
            if row.acknowledged_on is not None:
                raise InvalidChange("acknowledged: the acknowledgement is already recorded")
            if acknowledged_on < row.received_on:
                raise InvalidChange("acknowledged: it is before the complaint was received")
            row.acknowledged_on = acknowledged_on
        if outcome is not None:
            row.outcome = outcome
            row.outcome_on = outcome_on or uow.now.date()
        session.flush()
        reference = session.scalar(select(BreachRow.reference).where(BreachRow.id == row.breach_id))
        uow.audit("complaint.updated", reference, None, {"id": complaint_id, **doc})
    found = _complaints(session, ComplaintRow.id == complaint_id)
    if not found:
        raise NotFound(f"there is no complaint {complaint_id}")
    return found[0]


# --- reminders sent ----------------------------------------------------------------------------


def already_sent(session: Session) -> set[tuple[str, str, str]]:
    """(login, item, threshold) of every reminder reserved or sent."""
    r = ReminderRow
    return {(a, b, c) for a, b, c in session.execute(select(r.login, r.item, r.threshold))}


@dataclass(frozen=True, slots=True)
class Pending:
    message_id: str
    login: str
    recipients: tuple[str, ...]
    content: str


def pending(session: Session) -> list[Pending]:
    """Messages reserved by a run that did not get to record them sent."""
    m = ReminderMessageRow
    rows = session.execute(
        select(m.message_id, m.login, m.recipients, m.content)
        .where(m.state == "reserved")
        .order_by(m.reserved_at, m.message_id)
    )
    return [Pending(a, b, tuple(json.loads(c)), d) for a, b, c, d in rows]


def reserve(
    uow: UnitOfWork,
    message_id: str,
    login: str,
    recipients: Sequence[str],
    content: str,
    items: Sequence[tuple[str, str]],
    day: date,
) -> None:
    session = uow.session
    if uow.team:
        doc = {
            "message_id": message_id,
            "login": login,
            "recipients": list(recipients),
            "content": content,
            "items": [list(i) for i in items],
            "day": day.isoformat(),
        }
        session.execute(
            text("SELECT bd_reserve_reminder(CAST(:d AS jsonb))"),
            {"d": json.dumps(doc, ensure_ascii=False)},
        )
        return
    session.execute(
        insert(ReminderMessageRow).values(
            message_id=message_id,
            login=login,
            recipients=json.dumps(list(recipients)),
            content=content,
            state="reserved",
            reserved_at=uow.at,
        )
    )
    session.execute(
        insert(ReminderRow),
        [
            {"login": login, "item": i, "threshold": t, "day": day, "message_id": message_id}
            for i, t in items
        ],
    )


def mark_sent(uow: UnitOfWork, message_id: str) -> None:
    session = uow.session
    if uow.team:
        session.execute(text("SELECT bd_reminder_sent(:m)"), {"m": message_id})
        return
    row = session.get(ReminderMessageRow, message_id)
    if row is None or row.state == "sent":
        return
    row.state = "sent"
    row.sent_at = uow.at
    items = session.execute(
        select(ReminderRow.item, ReminderRow.threshold)
        .where(ReminderRow.message_id == message_id)
        .order_by(ReminderRow.id)
    )
    uow.audit(
        "reminder.sent",
        None,
        None,
        {
            "message_id": message_id,
            "to": row.login,
            "recipients": json.loads(row.recipients),
            "items": [f"{i} {t}" for i, t in items],
        },
    )


def release(uow: UnitOfWork, message_id: str) -> None:
    """The server refused it: forget the reservation, so the next run tries again."""
    session = uow.session
    if uow.team:
        session.execute(text("SELECT bd_release_reminder(:m)"), {"m": message_id})
        return
    session.execute(delete(ReminderRow).where(ReminderRow.message_id == message_id))
    session.execute(
        delete(ReminderMessageRow).where(
            ReminderMessageRow.message_id == message_id, ReminderMessageRow.state == "reserved"
        )
    )


def sent_count(session: Session) -> int:
    m = ReminderMessageRow
    return len(list(session.scalars(select(m.message_id).where(m.state == "sent"))))
