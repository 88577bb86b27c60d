"""Reading the register: one breach in full, or pages of the list with filters and sorting."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from breach_desk.domain.enums import Band, BreachStatus, Risk
from breach_desk.domain.errors import NotFound
from breach_desk.domain.facts import Facts
from breach_desk.domain.register import Breach, BreachSummary
from breach_desk.store import approvals, notifications, oldlog, ordering, remind
from breach_desk.store.models import (
    BreachRow,
    EvidenceFileRow,
    RecommendationRow,
    TransitionRow,
    VersionRow,
)
from breach_desk.store.normalise import search_key
from breach_desk.store.records import to_breach, to_recommendation, to_versions

SORTS = (
    "aware_at",
    "reference",
    "title",
    "service",
    "status",
    "risk",
    "band",
    "updated_at",
    *ordering.DERIVED_SORTS,
)
"""What the list sorts by: a column of ``breaches``, or the ICO deadline (none last) and the
overdue recommendations (``store/ordering``)."""


@dataclass(frozen=True, slots=True)
class Filters:
    search: str | None = None
    risk: str | None = None
    status: str | None = None
    service: str | None = None
    services: tuple[str, ...] | None = None
    """Only breaches of these services (a service manager's); None: every service."""


def _rank(column: Any, order: Sequence[str]) -> ColumnElement[int]:
    return case({v: i for i, v in enumerate(order)}, value=column, else_=-1)


def _sort_column(sort: str) -> Any:
    if sort == "risk":
        return _rank(BreachRow.risk, [r.value for r in Risk])
    if sort == "band":
        return _rank(BreachRow.band, [b.value for b in Band])
    if sort not in SORTS:
        raise ValueError(f"cannot sort by {sort!r}: choose one of {', '.join(SORTS)}")
    return getattr(BreachRow, sort)


def _where(stmt: Select[Any], f: Filters) -> Select[Any]:
    if f.search and search_key(f.search):
        stmt = stmt.where(BreachRow.search_text.contains(search_key(f.search), autoescape=True))
    if f.risk:
        stmt = stmt.where(BreachRow.risk == Risk(f.risk).value)
    if f.status:
        stmt = stmt.where(BreachRow.status == BreachStatus(f.status).value)
    if f.service:
        stmt = stmt.where(BreachRow.service == f.service)
    if f.services is not None:
        stmt = stmt.where(BreachRow.service.in_(f.services))
    return stmt


def is_listed(session: Session, f: Filters, reference: str) -> bool:
    """Do these filters keep the breach ``reference``?"""
    stmt = _where(select(BreachRow.id), f).where(BreachRow.reference == reference)
    return session.scalar(stmt.limit(1)) is not None


def count_breaches(session: Session, f: Filters) -> int:
    return int(session.scalar(_where(select(func.count(BreachRow.id)), f)) or 0)


def list_breaches(
    session: Session,
    f: Filters,
    *,
    today: date,
    sort: str = "aware_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = 100,
) -> list[BreachSummary]:
    searching = bool(f.search and search_key(f.search))
    if sort in ordering.DERIVED_SORTS:
        ids = ordering.page_ids(
            session,
            _where(select(BreachRow.id), f),
            sort,
            filtered=f != Filters(),
            searching=searching,
            today=today,
            descending=descending,
            offset=offset,
            limit=limit,
        )
        return summarise(session, ordering.rows_in_order(session, ids), today)
    column = _sort_column(sort)
    sqlite = session.get_bind().dialect.name == "sqlite"
    if searching and sqlite and sort not in ("risk", "band"):
        # Searching: scan the rows and sort the few that match. Walking the sort index
        # instead visits every row in index order when the text is rare (150 ms at 100,000).
        column = literal_column(f"+{BreachRow.__tablename__}.{sort}")
    order = [column.desc(), BreachRow.id.desc()] if descending else [column, BreachRow.id]
    stmt = _where(select(BreachRow), f).order_by(*order).offset(max(0, offset)).limit(limit)
    rows = list(session.scalars(stmt))
    return summarise(session, rows, today)


def summarise(session: Session, rows: Sequence[BreachRow], today: date) -> list[BreachSummary]:
    counts = recommendation_counts(session, [r.id for r in rows], today)
    reported = notifications.reports_of(session, [r.id for r in rows])
    historic = oldlog.logged_dates(session, [r.id for r in rows if r.current_version == 0])
    waiting = remind.complaint_clocks(session, [r.id for r in rows])  # complaints (issue 23)
    return [
        replace(
            to_summary(r, counts.get(r.id, (0, 0, False)), reported.get(r.id), waiting.get(r.id)),
            from_old_log=r.id in historic,
            aware_as_logged=historic.get(r.id) or None,
        )
        for r in rows
    ]


def recommendation_counts(
    session: Session, breach_ids: Sequence[int], today: date
) -> dict[int, tuple[int, int, bool]]:
    """Per breach: open (not yet done), overdue (not done by the end of the due day, London),
    and whether the ICO report is done."""
    if not breach_ids:
        return {}
    waiting = RecommendationRow.status.in_(("open", "in_progress"))
    stmt = (
        select(
            RecommendationRow.breach_id,
            func.sum(case((waiting, 1), else_=0)),
            func.sum(case((waiting & (RecommendationRow.due_date < today), 1), else_=0)),
            func.max(
                case(
                    (
                        (RecommendationRow.code == "NOTIFY_ICO")
                        & RecommendationRow.status.in_(("done", "verified")),
                        1,
                    ),
                    else_=0,
                )
            ),
        )
        .where(RecommendationRow.breach_id.in_(list(breach_ids)))
        .group_by(RecommendationRow.breach_id)
    )
    return {
        breach_id: (int(open_ or 0), int(overdue or 0), bool(reported))
        for breach_id, open_, overdue, reported in session.execute(stmt)
    }


def _known(kind: Any, value: str | None) -> Any:
    """A stored value as the method's, or None (shown blank) for one no method produces: the
    line is still listed and exported; ``audit recheck`` names the breach."""
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def to_summary(
    row: BreachRow,
    counts: tuple[int, int, bool],
    reported: tuple[datetime, bool] | None = None,
    complaint_received: date | None = None,
) -> BreachSummary:
    """A register line; ``reported``: the recorded report to the ICO (when, reasons given)."""
    return BreachSummary(
        reference=row.reference,
        title=row.title,
        service=row.service,
        status=BreachStatus(row.status),
        aware_at=row.aware_at,
        band=_known(Band, row.band),
        risk=_known(Risk, row.risk),
        ico_report=row.ico_report,
        ico_deadline=row.ico_deadline,
        ico_reported=reported is not None,
        is_repeat=row.is_repeat,
        open_recommendations=counts[0],
        overdue_recommendations=counts[1],
        updated_at=row.updated_at,
        ico_reported_at=reported[0] if reported else None,
        ico_delay_given=reported[1] if reported else False,
        complaint_received=complaint_received,
    )


def services(session: Session) -> list[str]:
    stmt = (
        select(BreachRow.service)
        .where(BreachRow.service.is_not(None))
        .distinct()
        .order_by(BreachRow.service)
    )
    return [s for s in session.scalars(stmt) if s]


def get(session: Session, reference: str) -> Breach:
    row = session.scalars(select(BreachRow).where(BreachRow.reference == reference)).first()
    if row is None:
        raise NotFound(reference)
    versions = to_versions(
        list(
            session.scalars(
                select(VersionRow).where(VersionRow.breach_id == row.id).order_by(VersionRow.number)
            )
        )
    )
    recs = list(
        session.scalars(
            select(RecommendationRow)
            .where(RecommendationRow.breach_id == row.id)
            .order_by(RecommendationRow.due_date, RecommendationRow.id)
        )
    )
    ids = [r.id for r in recs]
    transitions: dict[int, list[TransitionRow]] = {i: [] for i in ids}
    files: dict[int, list[EvidenceFileRow]] = {i: [] for i in ids}
    if ids:
        for t in session.scalars(
            select(TransitionRow)
            .where(TransitionRow.recommendation_id.in_(ids))
            .order_by(TransitionRow.at, TransitionRow.id)
        ):
            transitions[t.recommendation_id].append(t)
        for f in session.scalars(
            select(EvidenceFileRow)
            .where(EvidenceFileRow.recommendation_id.in_(ids))
            .order_by(EvidenceFileRow.id)
        ):
            files[f.recommendation_id].append(f)
    recommendations = tuple(
        to_recommendation(r, row.reference, transitions[r.id], files[r.id]) for r in recs
    )
    entry = oldlog.entries_of(session, [row.id]).get(row.id)
    if not versions and entry is not None:
        return oldlog.historic_breach(row, entry)
    breach = to_breach(row, versions, recommendations)
    return replace(
        breach,
        notifications=notifications.read(session, row.id),
        old_log=entry,
        close_approvals=approvals.read(session, row.id),
    )


@dataclass(frozen=True, slots=True)
class ExportRow:
    summary: BreachSummary
    facts: Facts | None
    """The latest facts, with the reference; None for a breach from the old log not yet
    assessed (``logged``)."""
    version: int
    created_at: Any
    created_by: str
    ico_delay_reason: str | None = None
    """The latest version's reasons for a late report to the ICO."""
    logged: Mapping[str, Any] | None = None
    """Brought in from the old log and not reassessed: only what the log said, under the facts'
    names (reference, title, service, description, cause...): not facts Breach Desk can assess."""
    unreadable: str | None = None
    """Why its stored facts cannot be read (a damaged or tampered row): the register line is
    exported without them, and the row is reported."""

    @property
    def from_old_log(self) -> bool:
        return self.logged is not None


def _stored_facts(text: str) -> Facts | str:
    """Facts the register wrote (checked when saved), read back without checking them again:
    fast enough for every row of a large export. A number that is not one (NaN, kept by a
    register written before it was refused) reads as not known, so it is never exported.
    Stored text that cannot be read gives why, so the export reports the row and goes on."""
    from breach_desk.facts_io import facts_from_stored

    try:
        return facts_from_stored(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        return f"its stored facts cannot be read ({exc})"


def iter_export(session: Session, today: date, batch: int = 1000) -> Iterator[ExportRow]:
    """Every breach, oldest first, with its latest facts: streamed, so memory stays flat."""
    last_id = 0
    while True:
        pairs = list(
            session.execute(
                select(BreachRow, VersionRow.facts, VersionRow.ico_delay_reason)
                .outerjoin(
                    VersionRow,
                    (VersionRow.breach_id == BreachRow.id)
                    & (VersionRow.number == BreachRow.current_version),
                )
                .where(BreachRow.id > last_id)
                .order_by(BreachRow.id)
                .limit(batch)
            )
        )
        if not pairs:
            return
        rows = [p[0] for p in pairs]
        counts = recommendation_counts(session, [r.id for r in rows], today)
        reported = notifications.reports_of(session, [r.id for r in rows])
        logged = oldlog.entries_of(session, [r.id for r, text, _d in pairs if text is None])
        for row, facts_text, delay in pairs:
            summary = to_summary(row, counts.get(row.id, (0, 0, False)), reported.get(row.id))
            entry = logged.get(row.id)
            if facts_text is None:
                if entry is None:
                    continue  # a breach with no version and no log line: nothing to show
                yield ExportRow(
                    replace(summary, from_old_log=True),
                    None,
                    0,
                    row.created_at,
                    row.created_by,
                    None,
                    logged=oldlog.export_facts(row, entry),
                )
                continue
            facts = _stored_facts(facts_text)
            yield ExportRow(
                summary,
                None if isinstance(facts, str) else facts,
                row.current_version,
                row.created_at,
                row.created_by,
                delay,
                unreadable=facts if isinstance(facts, str) else None,
            )
        last_id = rows[-1].id
        session.expunge_all()
