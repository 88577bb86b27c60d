"""The committee report's figures, counted by the database (both engines).

Every figure is an aggregate query over the period's breaches: the register is never read row by
row, so a year of a 100,000-breach register is counted in well under a second. Only the few
lines the report lists (repeat breaches and their earlier references, lessons, the oldest
overdue actions) are read as rows, and only as many as it prints.

A period is the breaches the organisation became aware of in it (London days). What a breach's
latest facts say about its cause and how it was found is read from the facts of its current
version, in the database (``json_extract`` on SQLite, ``->>`` on PostgreSQL).

Rows imported from an earlier log (``HISTORIC``): when a condition is set that picks them out,
they are counted where their recorded values allow (a value they lack falls in "not recorded"),
and the report says how many of the period's breaches they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from breach_desk.domain.clock import local_date
from breach_desk.domain.committee import (
    LESSON_ROWS,
    ActionCounts,
    LessonLine,
    Lists,
    OverdueLine,
    Period,
    PeriodFigures,
    RepeatLine,
)
from breach_desk.store.models import (
    BreachRow,
    NotificationRow,
    PersonRow,
    RecipientRow,
    RecommendationRow,
    VersionRow,
)
from breach_desk.store.normalise import fold


def _from_old_log() -> ColumnElement[bool]:
    """A line of the old breach log not assessed here: it has no version of its own (version 0),
    only what the log recorded (``store/oldlog``). Once reassessed it counts as any breach."""
    return BreachRow.current_version == 0


HISTORIC: Callable[[], ColumnElement[bool]] | None = _from_old_log
"""A condition on ``breaches`` that is true for a row imported from an earlier log."""

LESSONS = "LESSONS_LEARNED"
WAITING = ("open", "in_progress")
REPEAT_LINES = 200
"""At most this many repeat breaches are listed (the report prints fewer; the data sheet these)."""
EARLIER_PER_LINE = 5
OLDEST = 5

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_NUMBER = re.compile(r"\d[\d ]{5,}\d")
"""A run of digits (an NHS number, an account, a phone): a lesson holding one is withheld."""


def _scope(period: Period, services: Sequence[str] | None) -> list[ColumnElement[bool]]:
    b = BreachRow
    start, end = period.bounds()
    where = [b.aware_at >= start, b.aware_at < end]
    if services is not None:
        where.append(b.service.in_(list(services)))
    return where


def _current_version() -> ColumnElement[bool]:
    return and_(
        VersionRow.breach_id == BreachRow.id, VersionRow.number == BreachRow.current_version
    )


def _fact(session: Session, *path: str) -> ColumnElement[Any]:
    """A value of the current version's facts, read by the database."""
    if session.get_bind().dialect.name == "sqlite":
        return func.json_extract(VersionRow.facts, "$." + ".".join(path))
    value: Any = cast(VersionRow.facts, JSON)
    for step in path[:-1]:
        value = value[step]
    return value[path[-1]].as_string()  # type: ignore[no-any-return]


def _seconds(session: Session, later: Any, earlier: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)


def _add(counts: dict[str, int], key: str | None, n: int) -> None:
    counts[key or ""] = counts.get(key or "", 0) + n


def figures(
    session: Session,
    period: Period,
    services: Sequence[str] | None,
    at: datetime,
    kinds: dict[int, list[str]] | None = None,
) -> PeriodFigures:
    """The period's figures, as at ``at`` (what is overdue or still open). ``kinds``: the
    period's ``repeat_kinds`` when already read."""
    b, v, n = BreachRow, VersionRow, NotificationRow
    where = _scope(period, services)
    months = period.months()
    bucket = case(
        *((b.aware_at < _next_midnight(last), i) for i, (_first, last) in enumerate(months)),
        else_=len(months) - 1,
    )
    historic = HISTORIC() if HISTORIC is not None else None
    out: dict[str, Any] = {
        "causes": {},
        "services": {},
        "bands": {},
        "risks": {},
        "matrix": {},
        "found": {},
        "ico_outcomes": {},
    }
    per_month = [0] * len(months)
    total = still_open = ico_needed = people_needed = historic_n = 0
    cols: list[Any] = [
        bucket.label("month"),
        b.band.label("band"),
        b.likelihood.label("likelihood"),
        b.risk.label("risk"),
        (b.status == "closed").label("closed"),
        b.ico_report.label("ico"),
        b.notify_subjects.label("people"),
    ]
    if historic is not None:
        cols.append(historic.label("old"))
    grouped = _grouped(select(*cols).where(*where))
    for month, band, likelihood, risk, closed, ico, people, *rest in session.execute(grouped):
        old, count = (rest[0], rest[1]) if len(rest) == 2 else (False, rest[0])
        count = int(count)
        total += count
        per_month[int(month)] += count
        _add(out["bands"], band, count)
        _add(out["risks"], risk, count)
        key = (likelihood or "", band or "")
        out["matrix"][key] = out["matrix"].get(key, 0) + count
        still_open += 0 if closed else count
        ico_needed += count if ico else 0
        people_needed += count if people else 0
        historic_n += count if old else 0
    if total == 0:
        return PeriodFigures(period=period, months=tuple(per_month))

    # Cause, service and how it was found: from the current version's facts.
    cause, found = _fact(session, "cause"), _fact(session, "discovered_how", "kind")
    by_facts = _grouped(
        select(b.service.label("service"), cause.label("cause"), found.label("found"))
        .select_from(b)
        .outerjoin(v, _current_version())  # a line of the old log has no version: "not recorded"
        .where(*where)
    )
    same_cause: dict[tuple[str, str], int] = defaultdict(int)
    for service, c, f, count in session.execute(by_facts):
        count = int(count)
        _add(out["services"], service, count)
        _add(out["causes"], c or "unknown", count)
        _add(out["found"], f, count)
        if c and c != "unknown":
            same_cause[(service or "", c)] += count
    repeat_cause = sum(k - 1 for k in same_cause.values() if k > 1)

    # The ICO: needed, reported, on time; the reports made though none was needed.
    report = and_(n.breach_id == b.id, n.kind == "ico_report")
    ico_rows = _grouped(
        select(
            b.ico_report.label("needed"),
            n.id.is_not(None).label("made"),
            func.coalesce(n.at <= b.ico_deadline, False).label("in_time"),
        )
        .select_from(b)
        .outerjoin(n, report)
        .where(*where)
    )
    reported = on_time = voluntary = 0
    for needed, made, in_time, count in session.execute(ico_rows):
        if not made:
            continue
        if needed:
            reported += int(count)
            on_time += int(count) if in_time else 0
        else:
            voluntary += int(count)
    median = _median_hours(session, where, reported) if reported else None

    # The ICO's latest response to each breach reported.
    m = aliased(NotificationRow)
    latest = select(func.max(m.id)).where(m.kind == "ico_response").group_by(m.breach_id)
    outcomes = (
        select(n.how, func.count())
        .join(b, b.id == n.breach_id)
        .where(*where, n.kind == "ico_response", n.id.in_(latest))
        .group_by(n.how)
    )
    answered = 0
    for how, count in session.execute(outcomes):
        _add(out["ico_outcomes"], how, int(count))
        answered += int(count)
    any_report = exists().where(report)

    # The people told: breaches with a record of telling them, and how many people.
    told = (
        select(func.count(func.distinct(n.breach_id)), func.coalesce(func.sum(n.people_count), 0))
        .join(b, b.id == n.breach_id)
        .where(*where, n.kind == "people_told")
    )
    people_told, people_count = session.execute(told).one()
    responded = exists().where(n.breach_id == b.id, n.kind == "ico_response")
    awaiting = session.scalar(select(func.count()).where(*where, any_report, ~responded))

    by_service, by_role, lessons = _actions(session, where, at)
    if kinds is None:
        kinds = repeat_kinds(session, period, services)
    return PeriodFigures(
        period=period,
        breaches=total,
        historic=historic_n,
        months=tuple(per_month),
        causes=out["causes"],
        services=out["services"],
        bands=out["bands"],
        risks=out["risks"],
        matrix=out["matrix"],
        ico_needed=ico_needed,
        ico_reported=reported,
        ico_on_time=on_time,
        ico_late=reported - on_time,
        ico_not_reported=ico_needed - reported,
        ico_voluntary=voluntary,
        ico_median_hours=median,
        ico_outcomes=out["ico_outcomes"],
        ico_awaiting=int(awaiting or 0),
        people_needed=people_needed,
        people_told=int(people_told or 0),
        people_told_count=int(people_count or 0),
        found=out["found"],
        still_open=still_open,
        repeat_person=sum(1 for k in kinds.values() if "person" in k),
        repeat_recipient=sum(1 for k in kinds.values() if "recipient" in k),
        repeat_cause=repeat_cause,
        cause_groups={k: n for k, n in same_cause.items() if n > 1},
        actions_by_service=by_service,
        actions_by_role=by_role,
        lessons=int(lessons or 0),
    )


def _grouped(inner: Any) -> Any:
    """Count the rows of ``inner`` by all its columns. Grouping an outer query by the inner
    one's columns keeps an expression with parameters (a month's bounds, a status) from being
    compared with itself as a different expression."""
    sub = inner.subquery()
    keys = list(sub.c)
    return select(*keys, func.count()).group_by(*keys)


def _next_midnight(last: Any) -> datetime:
    return Period(last, last).bounds()[1]


def _median_hours(session: Session, where: list[ColumnElement[bool]], count: int) -> float:
    """The median time from awareness to the report, of the breaches that needed one: the
    middle one or two values, read in order from the database."""
    b, n = BreachRow, NotificationRow
    seconds = _seconds(session, n.at, b.aware_at)
    stmt = (
        select(seconds)
        .select_from(b)
        .join(n, and_(n.breach_id == b.id, n.kind == "ico_report"))
        .where(*where, b.ico_report.is_(True))
        .order_by(seconds)
        .offset((count - 1) // 2)
        .limit(2 if count % 2 == 0 else 1)
    )
    hours = [round(float(s)) // 3600 for s in session.scalars(stmt)]
    return sum(hours) / len(hours)


def _actions(
    session: Session, where: list[ColumnElement[bool]], at: datetime
) -> tuple[dict[str, ActionCounts], dict[str, ActionCounts], int]:
    """The period's breaches' recommendations by service and by owner role, where they stand;
    and how many of the breaches have lessons recorded (one "Lessons learned" per breach at
    most), counted in the same pass."""
    b, r = BreachRow, RecommendationRow
    today = local_date(at)
    late = and_(r.status.in_(WAITING), r.due_date < today)
    service = func.coalesce(r.service, b.service, "")
    stmt = _grouped(
        select(
            service.label("service"),
            r.owner_role.label("role"),
            r.status.label("status"),
            late.label("late"),
            and_(*_lesson_conditions()).label("lesson"),
        )
        .select_from(r)
        .join(b, b.id == r.breach_id)
        .where(*where)
    )
    tallies: dict[str, dict[str, dict[str, int]]] = {"service": {}, "role": {}}
    lessons = 0
    for sv, role, status, overdue, lesson, count in session.execute(stmt):
        lessons += int(count) if lesson else 0
        kind = "overdue" if overdue else ("open" if status in WAITING else str(status))
        for table, key in (("service", str(sv or "")), ("role", str(role))):
            row = tallies[table].setdefault(key, defaultdict(int))
            row[kind] += int(count)
            row["made"] += int(count)

    def counts(rows: dict[str, dict[str, int]]) -> dict[str, ActionCounts]:
        return {
            k: ActionCounts(
                made=c["made"],
                open=c["open"],
                overdue=c["overdue"],
                done=c["done"],
                verified=c["verified"],
                rejected=c["rejected"],
            )
            for k, c in rows.items()
        }

    return counts(tallies["service"]), counts(tallies["role"]), lessons


def _lesson_conditions() -> list[ColumnElement[bool]]:
    r = RecommendationRow
    return [
        r.code == LESSONS,
        # Not through the index by status: that would walk every recommendation done or
        # verified in the register; the period's breaches, then (breach, code), are far fewer.
        func.lower(r.status).in_(("done", "verified")),
        r.evidence.is_not(None),
        r.evidence != "",
    ]


# ---- repeats ---------------------------------------------------------------------------------

_PERSON_KEYS: tuple[InstrumentedAttribute[str | None], ...] = (
    PersonRow.email_norm,
    PersonRow.identifier_norm,
    PersonRow.name_folded,
)
_RECIPIENT_KEYS: tuple[InstrumentedAttribute[str | None], ...] = (
    RecipientRow.email_norm,
    RecipientRow.label_folded,
)


def _earlier(mine: Any, other: Any, key: str, breach: Any) -> ColumnElement[bool]:
    """``other`` (a row of the same table) shares ``key`` with ``mine`` and belongs to a breach
    the organisation became aware of before ``breach`` (the same moment: the lower number)."""
    eb = aliased(BreachRow)
    return exists().where(
        getattr(other, key) == getattr(mine, key),
        other.breach_id != mine.breach_id,
        eb.id == other.breach_id,
        or_(
            eb.aware_at < breach.aware_at,
            and_(eb.aware_at == breach.aware_at, eb.id < breach.id),
        ),
    )


def _repeating(
    where: list[ColumnElement[bool]],
    keys: tuple[InstrumentedAttribute[str | None], ...],
    table: Any,
) -> Any:
    """The period's breaches with a person (or recipient) found in an earlier breach: one
    indexed lookup per key, each through its (value, breach) index."""
    b = BreachRow
    mine = aliased(table)
    parts = []
    for key in keys:
        other = aliased(table)
        parts.append(
            select(mine.breach_id)
            .join(b, b.id == mine.breach_id)
            .where(*where, getattr(mine, key.key).is_not(None), _earlier(mine, other, key.key, b))
        )
    return parts[0].union(*parts[1:]).subquery()


def repeat_kinds(
    session: Session, period: Period, services: Sequence[str] | None
) -> dict[int, list[str]]:
    """The period's breaches that share a person ('person') or a recipient ('recipient') with
    an earlier breach, by breach id."""
    where = _scope(period, services)
    kinds: dict[int, list[str]] = defaultdict(list)
    for name, keys, table in (
        ("person", _PERSON_KEYS, PersonRow),
        ("recipient", _RECIPIENT_KEYS, RecipientRow),
    ):
        found = _repeating(where, keys, table)
        for (breach_id,) in session.execute(select(found.c[0])):
            kinds[int(breach_id)].append(name)
    return kinds


def _earlier_references(
    session: Session,
    ids: list[int],
    keys: tuple[InstrumentedAttribute[str | None], ...],
    table: Any,
) -> dict[int, list[tuple[datetime, str]]]:
    """For each breach, the earlier breaches that share a person (or recipient) with it."""
    b, eb = BreachRow, aliased(BreachRow)
    mine, other = aliased(table), aliased(table)
    out: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for key in keys:
        stmt = (
            select(mine.breach_id, eb.aware_at, eb.reference)
            .join(b, b.id == mine.breach_id)
            .join(other, getattr(other, key.key) == getattr(mine, key.key))
            .join(eb, eb.id == other.breach_id)
            .where(
                mine.breach_id.in_(ids),
                other.breach_id != mine.breach_id,
                or_(eb.aware_at < b.aware_at, and_(eb.aware_at == b.aware_at, eb.id < b.id)),
            )
            .distinct()
        )
        for breach_id, aware_at, reference in session.execute(stmt):
            out[int(breach_id)].append((aware_at, str(reference)))
    return out


def lists(
    session: Session,
    period: Period,
    services: Sequence[str] | None,
    at: datetime,
    kinds: dict[int, list[str]] | None = None,
) -> Lists:
    """The lines the report lists for ``period``."""
    b = BreachRow
    where = _scope(period, services)
    if kinds is None:
        kinds = repeat_kinds(session, period, services)
    total = len(kinds)
    ids = [
        int(i)
        for (i,) in session.execute(
            select(b.id).where(b.id.in_(list(kinds))).order_by(b.aware_at, b.id).limit(REPEAT_LINES)
        )
    ]
    earlier: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for keys, table in ((_PERSON_KEYS, PersonRow), (_RECIPIENT_KEYS, RecipientRow)):
        for breach_id, refs in _earlier_references(session, ids, keys, table).items():
            earlier[breach_id] += refs
    named = dict(
        (int(i), (str(ref), str(sv or "")))
        for i, ref, sv in session.execute(select(b.id, b.reference, b.service).where(b.id.in_(ids)))
    )
    repeats = []
    for i in ids:
        refs = sorted(set(earlier[i]), reverse=True)
        seen: list[str] = []
        for _at, ref in refs:
            if ref not in seen:
                seen.append(ref)
        reference, service = named[i]
        repeats.append(
            RepeatLine(reference, service, tuple(kinds[i]), tuple(seen[:EARLIER_PER_LINE]))
        )
    lessons, withheld = _lessons(session, where)
    oldest, overdue = _oldest_overdue(session, services, at)
    return Lists(
        repeats=tuple(repeats),
        repeats_total=total,
        lessons=tuple(lessons),
        lessons_withheld=withheld,
        oldest_overdue=tuple(oldest),
        overdue_in_register=overdue,
    )


def _lessons(session: Session, where: list[ColumnElement[bool]]) -> tuple[list[LessonLine], int]:
    """The lessons recorded for the period's breaches (the evidence given for "Lessons
    learned"), newest first. A lesson that names a person, recipient or member of staff the
    register records for that breach, or holds an email address or a long number, is left out
    and counted: the report goes to a public committee."""
    b, r, v = BreachRow, RecommendationRow, VersionRow
    stmt = (
        select(b.id, b.reference, r.evidence, r.owner, r.done_by, r.verified_by)
        .join(b, b.id == r.breach_id)
        .where(*where, *_lesson_conditions())
        .order_by(b.aware_at.desc(), b.id.desc())
        .limit(LESSON_ROWS)
    )
    rows = list(session.execute(stmt))
    ids = [int(row[0]) for row in rows]
    # The cause, read from the facts of those breaches only (not of every breach sorted).
    found = select(v.breach_id, _fact(session, "cause")).join(b, _current_version())
    causes = {int(i): c for i, c in session.execute(found.where(v.breach_id.in_(ids)))}
    names = _names(session, ids)
    out: list[LessonLine] = []
    withheld = 0
    for breach_id, reference, evidence, *staff in rows:
        c = causes.get(int(breach_id))
        text = str(evidence).strip()
        folded = fold(text) or ""
        known = names.get(int(breach_id), set()) | {fold(s) or "" for s in staff if s}
        if (
            _EMAIL.search(text)
            or _NUMBER.search(text)
            or any(len(k) >= 3 and k in folded for k in known if k)
        ):
            withheld += 1
            continue
        out.append(LessonLine(str(reference), str(c or "unknown"), text))
    return out, withheld


def _names(session: Session, ids: list[int]) -> dict[int, set[str]]:
    """The folded names, emails and identifiers the register records for each breach."""
    out: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return out
    p, rc = PersonRow, RecipientRow
    for row in session.execute(
        select(p.breach_id, p.name_folded, p.email_norm, p.identifier_norm).where(
            p.breach_id.in_(ids)
        )
    ):
        out[int(row[0])].update(x for x in row[1:] if x)
    for breach_id, label, email in session.execute(
        select(rc.breach_id, rc.label_folded, rc.email_norm).where(rc.breach_id.in_(ids))
    ):
        out[int(breach_id)].update(x for x in (label, email) if x)
    return out


def _oldest_overdue(
    session: Session, services: Sequence[str] | None, at: datetime
) -> tuple[list[OverdueLine], int]:
    """The longest-overdue actions in the register now (any period), and how many are overdue."""
    b, r = BreachRow, RecommendationRow
    today = local_date(at)
    where: list[ColumnElement[bool]] = [r.status.in_(WAITING), r.due_date < today]
    if services is not None:
        where.append(b.service.in_(list(services)))
    stmt = (
        select(
            b.reference, func.coalesce(r.service, b.service, ""), r.code, r.owner_role, r.due_date
        )
        .join(b, b.id == r.breach_id)
        .where(*where)
        .order_by(r.due_date, r.id)
        .limit(OLDEST)
    )
    lines = [
        OverdueLine(str(ref), str(sv), str(code), str(role), due, (today - due).days)
        for ref, sv, code, role, due in session.execute(stmt)
    ]
    count = session.scalar(
        select(func.count()).select_from(r).join(b, b.id == r.breach_id).where(*where)
    )
    return lines, int(count or 0)
