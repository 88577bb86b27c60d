""" "My actions", "Monitoring" and the dashboard read in the database, a page at a time.

A register of 100,000 breaches holds more than 600,000 recommendations: these views never read
them all. The list is filtered, ordered and paged here (``page``), counted here (``tally``: how
many, how many overdue, how many waiting to be verified, overdue ones by service), and the
dashboard's figures are aggregates (``figures``). Only the selected recommendation is read in
full, with its history and files (``tracking.list_actions``).

The usual order, overdue first, is read as two runs each walking the index of recommendations
by due date (``ordering._page``): the overdue ones, most overdue first, then the others by due
date; a first page costs what those rows cost, not a sort of the whole register.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    text,
    union,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from breach_desk.domain.clock import local_date
from breach_desk.domain.lists import BreachLine, BreachList, ClockRow, DueCounts, Tally
from breach_desk.domain.workflow import ActionItem, Actor
from breach_desk.store import mine as mine_sql
from breach_desk.store.models import BreachRow, NotificationRow, RecommendationRow
from breach_desk.store.normalise import search_key
from breach_desk.store.ordering import _page
from breach_desk.store.records import to_recommendation

WAITING = ("open", "in_progress")
UNFINISHED = ("open", "in_progress", "done")
STATUS_ORDER = ("open", "in_progress", "done", "verified", "rejected")

SORTS = ("overdue", "due", "reference", "code", "text", "service", "owner", "status", "age")
"""What the lists sort by. "overdue": overdue first, the most overdue first, then by due date."""


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """Which recommendations a list shows."""

    mine: Actor | None = None
    """Only those on this person's "My actions" list."""
    visible: tuple[str, ...] | None = None
    """Only those of breaches of these services (a service manager's); None: every service."""
    words: str = ""
    """Every word somewhere in the breach (reference, title, service, people…), the code or the
    text of the recommendation."""
    service: str | None = None
    status: str | None = None
    """One status; None: every status not finished (open, in progress, done)."""
    overdue_only: bool = False


def _late(today: date) -> ColumnElement[bool]:
    r = RecommendationRow
    return and_(r.status.in_(WAITING), r.due_date < today)


MAX_WORDINGS = 5000
"""Past this many different (code, text) pairs the words are matched in SQL, row by row."""
_WORDINGS: dict[str, tuple[tuple[object, ...], list[tuple[str, str]] | None]] = {}
"""Per register: the different codes and texts of its recommendations, with what they were read
at (the newest recommendation, the last change to a breach: every new text comes with both)."""


def _wordings(session: Session) -> list[tuple[str, str]] | None:
    """Every different (code, text) of the register's recommendations (a few dozen: they come
    from the catalogue), read again only when a breach changed or a recommendation was added;
    None when there are too many to list."""
    r = RecommendationRow
    newest = session.scalar(select(func.max(r.id)))
    changed = session.scalar(select(func.max(BreachRow.updated_at)))
    seen: tuple[object, ...] = (newest, changed)
    key = str(session.get_bind().engine.url)
    known = _WORDINGS.get(key)
    if known is not None and known[0] == seen:
        return known[1]
    pairs = list(session.execute(select(r.code, r.text).distinct().limit(MAX_WORDINGS + 1)))
    found = None if len(pairs) > MAX_WORDINGS else [(str(c), str(t)) for c, t in pairs]
    _WORDINGS[key] = (seen, found)
    return found


def _own(session: Session, word: str) -> ColumnElement[bool]:
    """The recommendation's own code or text holds ``word`` (case ignored): the codes and texts
    that hold it, found in the register's short list of them, then looked up row by row (a
    comparison, not a search through every text)."""
    r = RecommendationRow
    wordings = _wordings(session)
    if wordings is not None:
        key = word.casefold()
        codes = sorted({c for c, _t in wordings if key in c.casefold()})
        texts = sorted({t for _c, t in wordings if key in t.casefold()})
        if not codes and not texts:
            return false()
        return or_(r.code.in_(codes), r.text.in_(texts))
    if session.get_bind().dialect.name == "sqlite":  # LIKE is case-blind there (ASCII)
        return or_(r.code.contains(word, autoescape=True), r.text.contains(word, autoescape=True))
    return or_(r.code.icontains(word, autoescape=True), r.text.icontains(word, autoescape=True))


def prepare_words(session: Session) -> None:
    """Read the register's wordings now (a list's first page is in), so that the first word
    typed in a filter does not wait for them."""
    _wordings(session)


def _only_breaches(session: Session, words: str) -> bool:
    """No recommendation's own code or text holds any of the words: they can only be found in
    the breaches, and the rows are reached through the breaches that hold them."""
    wordings = _wordings(session)
    if wordings is None:
        return False
    for word in words.split():
        key = word.casefold()
        if search_key(word) and any(
            key in c.casefold() or key in t.casefold() for c, t in wordings
        ):
            return False
    return True


def _breaches_with(word: str) -> Select[Any]:
    return select(BreachRow.id).where(
        BreachRow.search_text.contains(search_key(word), autoescape=True)
    )


def _words(session: Session, words: str, walking: bool = False) -> list[ColumnElement[bool]]:
    """Each word in the breach or in the recommendation's code or text, checked row by row."""
    r = RecommendationRow
    # Walking the due dates on SQLite: "+" keeps it from reading the breaches' rows first.
    sqlite = session.get_bind().dialect.name == "sqlite"
    breach: Any = (
        literal_column("+recommendations.breach_id") if walking and sqlite else r.breach_id
    )
    return [
        or_(_own(session, word), breach.in_(_breaches_with(word)))
        for word in words.split()
        if search_key(word)
    ]


def _by_words(session: Session, f: ActionFilter, today: date) -> list[ColumnElement[bool]]:
    """``conditions``, with the words found as a set first on SQLite (PostgreSQL plans the
    row-by-row conditions into a scan and a hash of the breaches itself, faster than a set)."""
    if not f.words or session.get_bind().dialect.name != "sqlite":
        return conditions(session, f, today)
    return conditions(session, replace(f, words=""), today) + _words_as_set(session, f.words)


def _words_as_set(session: Session, words: str) -> list[ColumnElement[bool]]:
    """The same, found first as a set for each word (the recommendations of the breaches that
    match, through the index by breach, and those whose code or text match) rather than row
    by row: for words that few rows hold."""
    r = RecommendationRow
    out: list[ColumnElement[bool]] = []
    for word in words.split():
        if not search_key(word):
            continue
        other = aliased(RecommendationRow)
        ids = union(
            select(other.id).where(other.breach_id.in_(_breaches_with(word))),
            select(r.id).where(_own(session, word)),
        )
        out.append(r.id.in_(ids))
    return out


def conditions(
    session: Session, f: ActionFilter, today: date, walking: bool = False
) -> list[ColumnElement[bool]]:
    """``f`` as conditions on ``recommendations`` alone (the breach through subqueries, each read
    once): breaches not closed, the person's scope, the filters."""
    r = RecommendationRow
    closed = select(BreachRow.id).where(BreachRow.status == "closed")
    out: list[ColumnElement[bool]] = [r.breach_id.not_in(closed)]
    out.append(r.status == f.status if f.status else r.status.in_(UNFINISHED))
    if f.visible is not None:
        theirs = select(BreachRow.id).where(BreachRow.service.in_(list(f.visible)))
        out.append(r.breach_id.in_(theirs))
    if f.mine is not None:
        out.append(mine_sql.is_mine(f.mine))
    if f.service is not None:
        out.append(r.service == f.service)
    if f.overdue_only:
        out.append(_late(today))
    out += _words(session, f.words, walking)
    return out


def _ordered(
    session: Session, where: list[ColumnElement[bool]], sort: str, descending: bool, today: date
) -> list[Select[Any]]:
    """The runs of ids that, read one after the other, list ``where`` in this order."""
    r = RecommendationRow
    ids = select(r.id).where(*where)
    if sort == "overdue":
        late = _late(today)
        if session.get_bind().dialect.name == "sqlite":
            # Walk the index by due date, checking the status row by row: on its own SQLite
            # reads every overdue one from the index by status, then sorts them.
            status: Any = literal_column("+recommendations.status")
            late = and_(status.in_(WAITING), r.due_date < today)
        first = ids.where(late).order_by(r.due_date, r.id)
        rest = ids.where(not_(late)).order_by(r.due_date, r.id)
        if descending:  # the usual order: overdue first
            return [first, rest]
        return [
            rest.order_by(None).order_by(r.due_date.desc(), r.id.desc()),
            first.order_by(None).order_by(r.due_date.desc(), r.id.desc()),
        ]
    key: Any
    if sort == "due":
        key = r.due_date
    elif sort == "reference":
        key = select(BreachRow.reference).where(BreachRow.id == r.breach_id).scalar_subquery()
    elif sort == "status":
        key = case({s: i for i, s in enumerate(STATUS_ORDER)}, value=r.status, else_=9)
    elif sort == "age":
        key = r.created_at
        descending = not descending  # the oldest are the longest waiting
    elif sort == "owner":
        key = func.coalesce(r.owner, r.owner_role)
    elif sort in ("code", "text", "service"):
        key = getattr(r, sort)
    else:
        raise ValueError(f"cannot sort by {sort!r}: choose one of {', '.join(SORTS)}")
    order = [key.desc(), r.id.desc()] if descending else [key, r.id]
    return [ids.order_by(*order)]


def page(
    session: Session,
    f: ActionFilter,
    *,
    today: date,
    sort: str = "overdue",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[ActionItem]:
    """One page of the list, each recommendation with its breach (its history is not read:
    ``tracking.list_actions`` reads the one selected in full)."""
    where = conditions(session, f, today)
    runs = _ordered(session, conditions(session, f, today, walking=True), sort, descending, today)
    offset = max(0, offset)
    if not (f.words and sort in ("overdue", "due")):
        return rows_in_order(session, _page(session, runs, offset, limit))
    sqlite = session.get_bind().dialect.name == "sqlite"
    only_breaches = _only_breaches(session, f.words)
    # Words: walking the due dates finds common words at once, and rare ones only at the end
    # of the register. Walk for a moment; then find the few that match as a set and sort them.
    try:
        # Reading the breaches' text for the words takes SQLite part of the moment already.
        with _for_a_moment(session, 1.5 if only_breaches else 1):
            ids = _page(session, runs, offset, limit)
    except Abandoned:
        # Only breaches hold the words: their recommendations through the index by breach.
        # Otherwise SQLite finds them as a set; PostgreSQL plans a scan for itself.
        found = where if not sqlite or only_breaches else _by_words(session, f, today)
        ids = _page(session, [_sorted(found, sort, descending, today, sqlite)], offset, limit)
    return rows_in_order(session, ids)


@contextmanager
def _for_a_moment(session: Session, moments: float = 1) -> Iterator[None]:
    """Give up the queries inside after ``WALK_SECONDS`` (raises ``Abandoned``): SQLite through
    its progress handler, PostgreSQL through a statement timeout inside a savepoint."""
    if session.get_bind().dialect.name == "sqlite":
        deadline = time.perf_counter() + WALK_SECONDS * moments
        with abandon_when(session, lambda: time.perf_counter() > deadline):
            yield
        return
    try:
        with session.begin_nested():
            session.execute(text(f"SET LOCAL statement_timeout = {int(PG_WALK_SECONDS * 1000)}"))
            yield
            session.execute(text("SET LOCAL statement_timeout = 0"))
    except OperationalError as exc:
        if "statement timeout" in str(exc).lower() or "canceling" in str(exc).lower():
            raise Abandoned() from None
        raise


WALK_SECONDS = 0.06
PG_WALK_SECONDS = 0.1
"""PostgreSQL's scan for a rare word costs more than SQLite's set: it walks longer first."""


def _sorted(
    where: list[ColumnElement[bool]], sort: str, descending: bool, today: date, sqlite: bool
) -> Select[Any]:
    """The same order in one query that reads the rows that match and sorts them."""
    r = RecommendationRow
    # On SQLite "+" keeps it from walking the index by due date (PostgreSQL plans for itself).
    due: Any = literal_column("+recommendations.due_date") if sqlite else r.due_date
    ids = select(r.id).where(*where)
    if sort == "due":
        return ids.order_by(due.desc(), r.id.desc()) if descending else ids.order_by(due, r.id)
    first = case((_late(today), 0), else_=1)
    if descending:  # overdue first
        return ids.order_by(first, due, r.id)
    return ids.order_by(first.desc(), due.desc(), r.id.desc())


def rows_in_order(session: Session, ids: Sequence[int]) -> list[ActionItem]:
    if not ids:
        return []
    r, b = RecommendationRow, BreachRow
    stmt = (
        select(r, b.reference, b.title, b.service, b.status)
        .join(b, b.id == r.breach_id)
        .where(r.id.in_(list(ids)))
    )
    found = {
        row.id: ActionItem(to_recommendation(row, ref, [], []), title, service, status == "closed")
        for row, ref, title, service, status in session.execute(stmt)
    }
    session.expunge_all()  # nothing of a page stays in the session
    return [found[i] for i in ids if i in found]


def position(
    session: Session,
    f: ActionFilter,
    action_id: int,
    *,
    today: date,
    sort: str = "overdue",
    descending: bool = True,
) -> int | None:
    """Where ``action_id`` is in the list (its row), or None when the filters leave it out."""
    where = conditions(session, f, today)
    if (
        session.scalar(
            select(RecommendationRow.id).where(RecommendationRow.id == action_id, *where)
        )
        is None
    ):
        return None
    before = 0
    for run in _ordered(session, where, sort, descending, today):
        listed = [int(i) for i in session.scalars(run)]
        if action_id in listed:
            return before + listed.index(action_id)
        before += len(listed)
    return None


class Abandoned(Exception):
    """A count was given up: what it was for is no longer on screen."""


@contextmanager
def abandon_when(session: Session, stale: Callable[[], bool] | None) -> Iterator[None]:
    """Give up the queries run inside as soon as ``stale()`` says nobody waits for them (SQLite
    checks every few thousand steps; PostgreSQL runs them to the end). Raises ``Abandoned``."""
    if stale is None or session.get_bind().dialect.name != "sqlite":
        yield
        return
    raw: Any = session.connection().connection.dbapi_connection
    raw.set_progress_handler(lambda: 1 if stale() else 0, 20_000)
    try:
        yield
    except OperationalError as exc:
        if "interrupt" in str(exc).lower():
            raise Abandoned() from None
        raise
    finally:
        raw.set_progress_handler(None, 0)


def tally(session: Session, f: ActionFilter, today: date) -> Tally:
    """How many the list holds, how many overdue, how many waiting to be verified, and the
    overdue ones by service: one aggregate query."""
    r = RecommendationRow
    late = _late(today)
    stmt = (
        select(
            r.service,
            func.count(),
            func.sum(case((late, 1), else_=0)),
            func.sum(case((r.status == "done", 1), else_=0)),
        )
        .where(*_by_words(session, f, today))
        .group_by(r.service)
    )
    total = overdue = waiting = 0
    by_service: list[tuple[str | None, int]] = []
    for service, n, late_n, done_n in session.execute(stmt):
        total += int(n)
        overdue += int(late_n or 0)
        waiting += int(done_n or 0)
        if late_n:
            by_service.append((service, int(late_n)))
    by_service.sort(key=lambda kv: (-kv[1], kv[0] or ""))
    return Tally(total, overdue, waiting, tuple(by_service))


# --- the dashboard ----------------------------------------------------------------------------


def _visible_ids(visible: Sequence[str] | None) -> ColumnElement[bool] | None:
    if visible is None:
        return None
    theirs = select(BreachRow.id).where(BreachRow.service.in_(list(visible)))
    return RecommendationRow.breach_id.in_(theirs)


def due_counts(session: Session, visible: Sequence[str] | None, today: date) -> DueCounts:
    """Overdue by service, and how the recommendations due so far (their due day over, London)
    were done: on time (by the end of the due day) and verified, late and verified, done and
    waiting, not done; one verified early but not yet due is not counted. Counted in the
    database; only the few verified in the last hour or so of a due day (London midnight
    is 23:00 UTC in summer) are read to place them exactly."""
    r = RecommendationRow
    scope = _visible_ids(visible)
    where = [scope] if scope is not None else []
    late = _late(today)
    overdue_stmt = select(r.service, func.count()).where(late, *where).group_by(r.service)
    by_service = sorted(
        ((s, int(n)) for s, n in session.execute(overdue_stmt)),
        key=lambda kv: (-kv[1], kv[0] or ""),
    )
    not_done = sum(n for _s, n in by_service)
    awaiting = int(
        session.scalar(select(func.count()).where(r.status == "done", r.due_date < today, *where))
        or 0
    )
    # Verified: compare when it was done with the end of its due day. In UTC that end is
    # midnight after the due day, or an hour before it in summer time.
    day_end: Any
    hour_before: Any
    if session.get_bind().dialect.name == "sqlite":  # naive UTC text, compared as text
        day_end = func.date(r.due_date, "+1 day")
        hour_before = func.datetime(r.due_date, "+1 day", "-1 hour")
    else:  # PostgreSQL knows London's midnight itself: nothing is left unsure
        day_end = hour_before = literal_column(
            "((recommendations.due_date + 1)::timestamp AT TIME ZONE 'Europe/London')"
        )
    # One pass over the verified ones: sure on time, sure late, done at no recorded time (late),
    # or in the hour that is the due day's last in summer and the next day's first in winter.
    bucket = case(
        (r.done_at.is_(None), 2),
        (r.done_at < hour_before, 0),
        (r.done_at >= day_end, 1),
        else_=3,
    )
    counted = {
        int(kind): int(n)
        for kind, n in session.execute(
            select(bucket, func.count())
            .where(r.status == "verified", r.due_date < today, *where)
            .group_by(bucket)
        )
    }
    on_time, late_count = counted.get(0, 0), counted.get(1, 0) + counted.get(2, 0)
    if counted.get(3):
        unsure = select(r.done_at, r.due_date).where(
            r.status == "verified",
            r.due_date < today,
            *where,
            r.done_at >= hour_before,
            r.done_at < day_end,
        )
        for done_at, due in session.execute(unsure):
            if local_date(done_at) <= due:
                on_time += 1
            else:
                late_count += 1
    return DueCounts(on_time, late_count, awaiting, not_done, tuple(by_service))


def ico_clocks(session: Session, visible: Sequence[str] | None, limit: int) -> BreachList:
    """Breaches to report to the ICO whose clock is running (no report recorded: the one ICO
    clock, ``domain/notification``), soonest deadline first: the first ``limit``, and how
    many."""
    n, b = NotificationRow, BreachRow
    # Checked breach by breach through the (breach, kind) index while walking the deadlines.
    reported = exists().where(n.breach_id == b.id, n.kind == "ico_report")
    where = [
        b.ico_report.is_(True),
        b.status != "closed",
        b.ico_deadline.is_not(None),
        ~reported,
    ]
    if visible is not None:
        where.append(b.service.in_(list(visible)))
    stmt = (
        select(b.reference, b.title, b.service, b.aware_at, b.ico_deadline)
        .where(*where)
        .order_by(b.ico_deadline, b.id)
        .limit(limit)
    )
    lines = [ClockRow(*row) for row in session.execute(stmt)]
    total = len(lines)
    if total >= limit:
        total = int(session.scalar(select(func.count()).select_from(b).where(*where)) or 0)
    return BreachList(lines, total)


def repeats(session: Session, visible: Sequence[str] | None, limit: int) -> BreachList:
    """Breaches that repeat an earlier one, newest first: the first ``limit``, and how many."""
    b = BreachRow
    where = [b.is_repeat.is_(True)]
    if visible is not None:
        where.append(b.service.in_(list(visible)))
    stmt = (
        select(b.reference, b.title, b.service, b.aware_at, b.status == "closed")
        .where(*where)
        .order_by(b.aware_at.desc(), b.id.desc())
        .limit(limit)
    )
    lines = [BreachLine(*row) for row in session.execute(stmt)]
    total = len(lines)
    if total >= limit:
        total = int(session.scalar(select(func.count()).select_from(b).where(*where)) or 0)
    return BreachList(lines, total)


def ready_to_close(session: Session, visible: Sequence[str] | None, limit: int) -> BreachList:
    """Breaches not closed whose recommendations are all verified or rejected, oldest first."""
    r, b = RecommendationRow, BreachRow
    # NOT EXISTS, breach by breach through the index by breach: a NOT IN over half a million
    # recommendations is checked row by row on PostgreSQL once it outgrows work_mem.
    waiting = exists().where(r.breach_id == b.id, r.status.in_(UNFINISHED))
    where = [b.status == "assessed", ~waiting]
    if visible is not None:
        where.append(b.service.in_(list(visible)))
    stmt = (
        select(b.reference, b.title, b.service, b.aware_at, b.status == "closed")
        .where(*where)
        .order_by(b.aware_at, b.id)
        .limit(limit)
    )
    lines = [BreachLine(*row) for row in session.execute(stmt)]
    total = len(lines)
    if total >= limit:
        total = int(session.scalar(select(func.count()).select_from(b).where(*where)) or 0)
    return BreachList(lines, total)
