"""Notification records (issue 11): writing them, and reading them back.

A record is one row of ``notifications``, never updated: the report to the ICO, a follow-up,
an ICO response, a telling of the people. Writing one also writes its audit entry and, for the
report to the ICO and the first telling of the people, marks NOTIFY_ICO / NOTIFY_SUBJECTS done
with the record as the evidence (when that recommendation is still waiting).

On a team database (PostgreSQL after ``db roles``) the same steps are one call of the
database's own ``bd_record_notification`` (``store/pg_workflow``): it checks the role (IG
officers only) and the rules again, stamps the server's time and the login, and writes the
audit entry itself. SQLite keeps the in-process path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from breach_desk.domain.notification import (
    FollowUp,
    IcoHow,
    IcoOutcome,
    IcoReport,
    IcoResponse,
    Notifications,
    PeopleHow,
    PeopleTold,
    in_order,
)
from breach_desk.domain.workflow import Action, Actor, decide
from breach_desk.store import breaches, tracking
from breach_desk.store.models import BreachRow, NotificationRow, RecommendationRow
from breach_desk.store.session import UnitOfWork

KIND_CODE = {"ico_report": "NOTIFY_ICO", "people_told": "NOTIFY_SUBJECTS"}
"""The recommendation a record of this kind carries out."""


@dataclass(frozen=True, slots=True)
class Notifiable:
    """A breach locked for a notification record: what the checks read, as plain values."""

    id: int
    reference: str
    aware_at: datetime
    ico_report: bool
    status: str
    notes: Notifications


def lock(session: Session, reference: str) -> Notifiable:
    """The breach locked for a record (``breaches.lock``), with the records it already has."""
    row = breaches.lock(session, reference)
    return Notifiable(
        row.id, row.reference, row.aware_at, bool(row.ico_report), row.status, read(session, row.id)
    )


def read(session: Session, breach_id: int) -> Notifications:
    rows = session.scalars(
        select(NotificationRow)
        .where(NotificationRow.breach_id == breach_id)
        .order_by(NotificationRow.id)
    )
    return to_notifications(list(rows))


def to_notifications(rows: Sequence[NotificationRow]) -> Notifications:
    report: IcoReport | None = None
    follow_ups: list[FollowUp] = []
    responses: list[IcoResponse] = []
    people: list[PeopleTold] = []
    for r in rows:
        if r.kind == "ico_report" and r.at is not None:
            report = IcoReport(
                r.at,
                IcoHow(r.how or "online"),
                r.reference,
                r.delay_reason,
                bool(r.voluntary),
                r.recorded_by,
                r.recorded_at,
            )
        elif r.kind == "follow_up" and r.at is not None:
            follow_ups.append(FollowUp(r.at, r.text or "", r.recorded_by, r.recorded_at))
        elif r.kind == "ico_response" and r.on_date is not None:
            responses.append(
                IcoResponse(
                    r.on_date,
                    IcoOutcome(r.how or "no_further_action"),
                    r.reference,
                    r.text,
                    r.recorded_by,
                    r.recorded_at,
                )
            )
        elif r.kind == "people_told" and r.at is not None:
            people.append(
                PeopleTold(
                    r.at,
                    PeopleHow(r.how or "letter"),
                    r.people_count,
                    r.letter_text,
                    r.recorded_by,
                    r.recorded_at,
                )
            )
    return Notifications(
        report,
        in_order(follow_ups),
        tuple(sorted(responses, key=lambda x: x.on)),
        tuple(sorted(people, key=lambda x: x.at)),
    )


def reports_of(session: Session, breach_ids: Sequence[int]) -> dict[int, tuple[datetime, bool]]:
    """Per breach with a recorded report to the ICO: when it was made, and whether it gives
    the reasons for a delay (for the register list)."""
    out: dict[int, tuple[datetime, bool]] = {}
    ids = list(breach_ids)
    for start in range(0, len(ids), 500):
        stmt = select(
            NotificationRow.breach_id, NotificationRow.at, NotificationRow.delay_reason
        ).where(
            NotificationRow.kind == "ico_report",
            NotificationRow.breach_id.in_(ids[start : start + 500]),
        )
        for breach_id, at, delay in session.execute(stmt):
            if at is not None:
                out[int(breach_id)] = (at, bool(delay and delay.strip()))
    return out


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """A record as its audit entry keeps it."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or (value is False and key != "voluntary"):
            continue
        out[key] = value.isoformat() if isinstance(value, datetime | date) else value
    return out


def record(
    uow: UnitOfWork,
    breach: Notifiable,
    kind: str,
    values: dict[str, Any],
    actor: Actor,
    evidence: str | None = None,
) -> None:
    """Write one record for ``breach`` (locked by the caller on SQLite), already checked by
    ``domain/notification``. ``values``: the columns of ``NotificationRow`` the kind uses;
    ``evidence``: what NOTIFY_ICO / NOTIFY_SUBJECTS is marked done with."""
    session = uow.session
    if uow.team:
        doc = {
            key: (value.isoformat() if isinstance(value, datetime | date) else value)
            for key, value in values.items()
        }
        session.execute(
            text("SELECT bd_record_notification(:ref, :kind, CAST(:doc AS jsonb), :evidence)"),
            {
                "ref": breach.reference,
                "kind": kind,
                "doc": json.dumps(doc, ensure_ascii=False),
                "evidence": evidence,
            },
        )
        return
    session.execute(
        insert(NotificationRow),
        [
            {
                "breach_id": breach.id,
                "kind": kind,
                "voluntary": bool(values.get("voluntary", False)),
                **{k: v for k, v in values.items() if k != "voluntary"},
                "recorded_by": uow.actor,
                "recorded_at": uow.at,
            }
        ],
    )
    uow.audit(f"notification.{kind}", breach.reference, None, _plain({"kind": kind, **values}))
    code = KIND_CODE.get(kind)
    if code is None or evidence is None or breach.status == "closed":
        return
    waiting = session.scalar(
        select(RecommendationRow.id).where(
            RecommendationRow.breach_id == breach.id,
            RecommendationRow.code == code,
            RecommendationRow.status.in_(("open", "in_progress")),
        )
    )
    if waiting is None:
        return
    found = tracking.locate(session, int(waiting), lock=True)
    change = decide(Action.DONE, found.subject, actor, uow.at, evidence=evidence)
    tracking.record(uow, found, change)


def stored_delay_reason(session: Session, breach_id: int) -> str | None:
    """The newest reasons for a late report kept with an assessment version (the wizard's)."""
    from breach_desk.store.models import VersionRow

    found = session.scalar(
        select(VersionRow.ico_delay_reason)
        .where(VersionRow.breach_id == breach_id, VersionRow.ico_delay_reason.is_not(None))
        .order_by(VersionRow.number.desc())
        .limit(1)
    )
    return str(found) if found and str(found).strip() else None


def every(session: Session) -> list[tuple[str, Notifications]]:
    """Every breach that has records, by reference, oldest breach first (the export)."""
    rows = session.execute(
        select(BreachRow.reference, NotificationRow)
        .join(BreachRow, BreachRow.id == NotificationRow.breach_id)
        .order_by(BreachRow.id, NotificationRow.id)
    )
    grouped: dict[str, list[NotificationRow]] = {}
    for reference, row in rows:
        grouped.setdefault(str(reference), []).append(row)
    return [(ref, to_notifications(found)) for ref, found in grouped.items()]
