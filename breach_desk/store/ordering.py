"""Orders of the register list that are not a plain column of ``breaches``: by ICO deadline
(the breaches that need no report last, whichever the direction), and by the number of overdue
recommendations. Ties go by the breach's id, in the same direction, as in every other order.

Each is read as runs, one after the other, each walking an index: the breaches with a deadline
in deadline order, then those without one; or the breaches with overdue recommendations
(counted from the index of recommendations by status and due date) by that count, then the
others. A page takes what it needs from the run it starts in and the rest from the next, so a
first page costs what that run costs, not a sort of the whole register. A text search on
SQLite keeps few breaches: those are sorted in one query instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal_column, select, text
from sqlalchemy.orm import Session

from breach_desk.store.models import BreachRow, ComplaintRow, NotificationRow, RecommendationRow

DERIVED_SORTS = ("ico_deadline", "overdue", "ico_clock", "complaint")
WAITING = ("open", "in_progress")
SORTED_GROUPS = "breach_desk_sorted_groups"
"""An execution option of a run: on PostgreSQL, group it by sorting rather than hashing."""


def page_ids(
    session: Session,
    ids: Select[Any],
    sort: str,
    *,
    filtered: bool,
    searching: bool,
    today: date,
    descending: bool,
    offset: int,
    limit: int,
) -> list[int]:
    """The ids of one page in a derived order. ``ids`` selects the ids of the breaches the
    filters keep; ``filtered``: it keeps fewer than all; ``searching``: by text."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    # Searching on SQLite: scan and sort the few that match, in one query, rather than walk an
    # index in order (PostgreSQL's planner makes that choice itself, query by query).
    few = searching and sqlite
    if sort == "ico_deadline":
        runs = _by_ico_deadline(ids, descending, few)
    elif sort == "ico_clock":
        runs = _by_ico_clock(ids, descending)
    elif sort == "complaint":
        runs = _by_complaint(ids, filtered, descending)
    else:
        runs = _by_overdue(ids, filtered, few, today, descending, sqlite)
    return _page(session, runs, max(0, offset), limit)


def _by_ico_deadline(ids: Select[Any], descending: bool, few: bool) -> list[Select[Any]]:
    column, key = BreachRow.ico_deadline, BreachRow.id
    deadline: Any = literal_column("+breaches.ico_deadline") if few else column
    ordered = [deadline.desc(), key.desc()] if descending else [deadline, key]
    if few:
        return [ids.order_by(column.is_(None), *ordered)]
    undated = key.desc() if descending else key
    return [
        ids.where(column.is_not(None)).order_by(*ordered),
        ids.where(column.is_(None)).order_by(undated),
    ]


def _by_ico_clock(ids: Select[Any], descending: bool) -> list[Select[Any]]:
    """By the ICO clock's state (``domain/notification.CLOCK_ORDER``): the clocks running,
    late then due, by deadline; the reports made after the deadline, then those in time; then
    the breaches that need no report. Descending turns the first three the other way round;
    the breaches that need no report stay last, whichever the direction."""
    b, n = BreachRow, NotificationRow
    report = exists().where(n.breach_id == b.id, n.kind == "ico_report")
    late = exists().where(n.breach_id == b.id, n.kind == "ico_report", n.at > b.ico_deadline)
    required = and_(b.ico_report.is_(True), b.ico_deadline.is_not(None))
    by_deadline = [b.ico_deadline.desc(), b.id.desc()] if descending else [b.ico_deadline, b.id]
    runs = [
        ids.where(required, ~report).order_by(*by_deadline),
        ids.where(required, late).order_by(*by_deadline),
        ids.where(required, report, ~late).order_by(*by_deadline),
        ids.where(~required).order_by(b.id.desc() if descending else b.id),
    ]
    return [*runs[2::-1], runs[3]] if descending else runs


def _by_complaint(ids: Select[Any], filtered: bool, descending: bool) -> list[Select[Any]]:
    """By the acknowledgement clock of the earliest complaint still waiting (the register's
    Complaint column, DPA 2018 s.164A): the acknowledgement is due a fixed number of days after
    receipt, so the earliest received is the most pressing (late, then due soonest). The
    breaches with no complaint waiting come last, whichever the direction. The complaints
    waiting are few: they are grouped by breach, each kept only if the filters keep its breach
    (``filtered``; unfiltered, no breach is read: PostgreSQL would scan them all to join).
    Row-level security keeps a service manager's complaints to their own breaches."""
    c, b = ComplaintRow, BreachRow
    waiting = c.acknowledged_on.is_(None)
    received = func.min(c.received_on)
    waited = select(c.breach_id).where(waiting).group_by(c.breach_id)
    if filtered:
        waited = waited.where(ids.where(b.id == c.breach_id).exists())
    clear = ids.where(~exists().where(c.breach_id == b.id, waiting))
    if descending:
        return [
            waited.order_by(received.desc(), c.breach_id.desc()),
            clear.order_by(b.id.desc()),
        ]
    return [waited.order_by(received, c.breach_id), clear.order_by(b.id)]


def _by_overdue(
    ids: Select[Any], filtered: bool, few: bool, today: date, descending: bool, sqlite: bool
) -> list[Select[Any]]:
    r = RecommendationRow
    late = and_(r.status.in_(WAITING), r.due_date < today)
    n = func.count()
    if few:
        count = select(n).where(r.breach_id == BreachRow.id, late).scalar_subquery()
        ordered = [count.desc(), BreachRow.id.desc()] if descending else [count, BreachRow.id]
        return [ids.order_by(*ordered)]
    # The overdue ones only, from the index by status and due date alone. Left to itself,
    # SQLite walks the unique index by breach to group them, reading every recommendation
    # (250 ms at 100,000 breaches): "+" stops it.
    breach: Any = literal_column("+recommendations.breach_id") if sqlite else r.breach_id
    # Grouped by sorting, not hashing (PostgreSQL): the planner prefers a hash of every breach
    # with an overdue recommendation, which at 100,000 breaches (86,000 groups) took 110-130 ms
    # against 70 ms for sorting the ids it reads from the index.
    counted = select(breach).where(late).group_by(breach).execution_options(**{SORTED_GROUPS: True})
    if filtered:
        counted = counted.where(r.breach_id.in_(ids))
    if sqlite:  # the overdue ones' breaches listed once, then each breach looked up in it
        clear = ids.where(BreachRow.id.not_in(select(r.breach_id).where(late)))
    else:  # an anti-join: PostgreSQL checks NOT IN row by row once the list outgrows work_mem
        clear = ids.where(~exists().where(r.breach_id == BreachRow.id, late))
    if descending:
        return [counted.order_by(n.desc(), breach.desc()), clear.order_by(BreachRow.id.desc())]
    return [clear.order_by(BreachRow.id), counted.order_by(n, breach)]


def _page(session: Session, runs: Sequence[Select[Any]], offset: int, limit: int) -> list[int]:
    """``limit`` ids from ``offset`` of the runs read one after the other."""
    out: list[int] = []
    postgresql = session.get_bind().dialect.name == "postgresql"
    for number, run in enumerate(runs):
        wanted = limit - len(out)
        if wanted <= 0:
            break
        sorting = postgresql and run.get_execution_options().get(SORTED_GROUPS, False)
        before = None
        if sorting:  # for this query only; whatever the session had is given back after it
            before = session.execute(text("SELECT current_setting('enable_hashagg')")).scalar()
            session.execute(text("SELECT set_config('enable_hashagg', 'off', true)"))
        got = [int(i) for i in session.scalars(run.offset(offset).limit(wanted))]
        if before is not None:
            session.execute(text("SELECT set_config('enable_hashagg', :v, true)"), {"v": before})
        out += got
        if number == len(runs) - 1:
            break
        if got or offset == 0:  # this run ended on this page: the next starts at its top
            offset = 0
        else:  # the page is past this run: by how much?
            length = select(func.count()).select_from(run.order_by(None).subquery())
            offset -= int(session.scalar(length) or 0)
    return out


def rows_in_order(session: Session, ids: Sequence[int]) -> list[BreachRow]:
    """The breaches of ``ids``, in that order."""
    if not ids:
        return []
    stmt = select(BreachRow).where(BreachRow.id.in_(ids))
    found = {row.id: row for row in session.scalars(stmt)}
    return [found[i] for i in ids if i in found]
