"""Importing many breaches: all or nothing, in one transaction, in bounded memory.

Each record is validated (facts format v1), given a reference when it has none, matched
against the register and the records before it, assessed and stored with its recommendations
and audit entry, in batches. Any bad record stops the writing but not the checking: every
problem is reported with its line and field path, then the transaction is rolled back.

The database-free work per record (validating and assessing: ``services/preparing``) is handed
in by the caller; for a large import it runs in helper processes, a few batches ahead of the
writer.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import islice
from typing import Any, Protocol

from sqlalchemy import select, text

from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.clock import local_date
from breach_desk.domain.errors import ImportProblem, ImportRejected
from breach_desk.domain.facts import Facts
from breach_desk.store import pg_workflow, references
from breach_desk.store.audit import RawJSON
from breach_desk.store.bulk import insert_tuples
from breach_desk.store.matching import (
    PER_VALUE,
    Earlier,
    combine,
    lookup,
    recorded_risks,
    stored_profiles,
)
from breach_desk.store.models import (
    BreachRow,
    PersonRow,
    RecipientRow,
    RecommendationRow,
    VersionRow,
    packed_for,
)
from breach_desk.store.prepared import OUTCOME_COLUMNS, Prepared, Work
from breach_desk.store.session import UnitOfWork
from breach_desk.store.sources import ImportFile
from breach_desk.store.survey import Survey, from_facts, from_raw

BATCH = 500
IMPORT_CACHE_KIB = 128 * 1024
"""SQLite's page cache while an import writes (its default is 2 MB): the indexes of a register
of 100,000 breaches are larger than that, and each batch then reads back and spills the same
pages again and again (a third of the writer's time at 20,000 breaches)."""

PrepareBatches = Callable[
    [Callable[[], Iterator[list[Work]]], int, bool, bool], Iterator[list[Prepared]]
]
"""The services' work on each batch of records (``services/preparing.in_helpers``): given the
batches, how many records there are, whether the file is a JSON array and whether to
compress, the values to store."""


class PrepareFacts(Protocol):
    """Validate, assess and serialise one record (``services/preparing.prepare_facts``): the
    store writes what it returns but never runs the method itself. ``at`` is the real time of
    the decision; ``today`` the day due dates count from (BREACH_DESK_NOW may move it)."""

    def __call__(
        self,
        line: int,
        record: int,
        facts: Facts,
        matches: Sequence[RepeatMatch],
        at: datetime,
        compress: bool,
        today: datetime | None = None,
    ) -> Prepared: ...


"""The services' work on one breach's facts (``services/preparing.prepare_facts``)."""


def import_file(uow: UnitOfWork, source: ImportFile, prepare: PrepareBatches) -> list[str]:
    """Store every record of ``source`` or none, each prepared by ``prepare`` as the store
    hands it its reference and matches, batch by batch."""
    survey = Survey(from_raw(raw) for raw in source.records())
    plan = _plan(uow, survey.given(), source.array)
    count = len(survey.records)
    compress = uow.session.get_bind().dialect.name == "sqlite"
    before = _next_id(uow)

    def work() -> Iterator[list[Work]]:
        records = iter(enumerate(source.records()))
        while chunk := list(islice(records, BATCH)):
            positions = [position for position, _raw in chunk]
            found = _matches(uow, survey, positions, plan.refs, before)
            yield [
                (raw, plan.refs[position], matches)
                for (position, raw), matches in zip(chunk, found, strict=True)
            ]

    stored = _store_all(uow, prepare(work, count, source.array, compress), plan.problems)
    if count == 0 and not source.array:
        raise ImportRejected([ImportProblem(1, 1, "", "the file holds no breaches")])
    return stored


def import_facts(uow: UnitOfWork, facts: Sequence[Facts], prepare: PrepareFacts) -> list[str]:
    survey = Survey(from_facts(f) for f in facts)
    plan = _plan(uow, survey.given(), False)
    at = uow.at
    compress = uow.session.get_bind().dialect.name == "sqlite"
    before = _next_id(uow)

    def batches() -> Iterator[list[Prepared]]:
        numbered = iter(enumerate(facts))
        while chunk := list(islice(numbered, BATCH)):
            positions = [position for position, _f in chunk]
            found = _matches(uow, survey, positions, plan.refs, before)
            yield [
                prepare(
                    position + 1,
                    position + 1,
                    f if f.reference else f.with_reference(plan.refs[position]),
                    matches,
                    at,
                    compress,
                    today=uow.now,
                )
                for (position, f), matches in zip(chunk, found, strict=True)
            ]

    return _store_all(uow, batches(), plan.problems)


def _next_id(uow: UnitOfWork) -> int:
    conn = uow.session.connection()
    return int(conn.execute(text("SELECT coalesce(max(id), 0) + 1 FROM breaches")).scalar_one())


def _matches(
    uow: UnitOfWork, survey: Survey, positions: Sequence[int], refs: Sequence[str], before: int
) -> list[list[RepeatMatch]]:
    """Each record's earlier breaches: in the register before this import (one query for the
    batch), and earlier in this import (from the survey)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for position in positions:
        for key in survey.records[position].keys:
            wanted[key.kind].add(key.value)
    by_key: dict[tuple[str, str], list[Earlier]] = defaultdict(list)
    if before > 1:  # the register held breaches before this import
        for hit in lookup(uow.session, wanted, before_id=before):
            by_key[(hit.kind, hit.value)].append(hit)
    out: list[list[RepeatMatch]] = []
    for position in positions:
        keys = survey.records[position].keys
        hits = [h for k in keys for h in by_key.get((k.kind, k.value), ())]
        hits += survey.earlier(position, refs, PER_VALUE)
        out.append(combine(keys, hits, {refs[position]}))
    # What the register, or a record before this one, recorded about a recipient as posing a
    # risk is carried forward (METHOD.md 2).
    profiles = stored_profiles(uow.session, [m for found in out for m in found])
    profiles.update(survey.profiles(refs))
    return [
        recorded_risks(
            found,
            survey.records[position].people,
            survey.records[position].recipients,
            profiles,
        )
        for position, found in zip(positions, out, strict=True)
    ]


class _Plan:
    def __init__(self, refs: list[str], problems: list[ImportProblem]) -> None:
        self.refs = refs
        self.problems = problems


def _plan(uow: UnitOfWork, given: Sequence[str | None], array: bool) -> _Plan:
    """Check the references the records bring; reserve one for each record without."""
    session = uow.session
    problems: list[ImportProblem] = []
    first: dict[str, int] = {}
    for number, ref in enumerate(given, start=1):
        if ref is None:
            continue
        if ref in first:
            problems.append(
                ImportProblem(
                    number, number, "reference", f"{ref} is also used by record {first[ref]}", array
                )
            )
        else:
            first[ref] = number
    listed = list(first)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        for ref in session.scalars(
            select(BreachRow.reference).where(BreachRow.reference.in_(chunk))
        ):
            problems.append(
                ImportProblem(
                    first[ref], first[ref], "reference", f"{ref} is already in the register", array
                )
            )
    year = local_date(uow.now).year
    missing = sum(1 for r in given if r is None)
    taken = references.taken_in_year(session, year) | set(first)
    fresh = iter(references.reserve(session, year, missing, taken) if missing else [])
    refs = [r if r is not None else next(fresh) for r in given]
    return _Plan(refs, sorted(problems, key=lambda p: p.record))


@contextmanager
def _roomy_cache(uow: UnitOfWork) -> Iterator[None]:
    """A larger SQLite page cache for the import's connection, given back afterwards (the
    connection returns to the pool and serves the window next)."""
    conn = uow.session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _store_all(
    uow: UnitOfWork, batches: Iterable[list[Prepared]], problems: list[ImportProblem]
) -> list[str]:
    stored: list[str] = []
    with _roomy_cache(uow):
        for batch in batches:
            for item in batch:
                problems.extend(item.problems)
            if not problems:
                stored += _store_batch(uow, batch)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: (p.record, p.path)))
    return stored


def _allocate_ids(uow: UnitOfWork, count: int) -> list[int]:
    """Ids for new breaches without a round trip per row (RETURNING goes row by row on
    SQLite). SQLite: the import holds the write lock. PostgreSQL: the sequence hands them out."""
    conn = uow.session.connection()
    if conn.dialect.name == "postgresql":
        return list(
            conn.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence('breaches', 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"n": count},
            ).scalars()
        )
    last = conn.execute(text("SELECT coalesce(max(id), 0) FROM breaches")).scalar_one()
    return list(range(last + 1, last + 1 + count))


_BREACH_COLUMNS = (
    "id",
    "reference",
    "status",
    "title",
    "service",
    "aware_at",
    "search_text",
    "current_version",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "row_version",
    *OUTCOME_COLUMNS,
)
_VERSION_COLUMNS = (
    "breach_id",
    "number",
    "facts",
    "assessment",
    "removed",
    "reason",
    "created_at",
    "created_by",
)
_PERSON_COLUMNS = ("breach_id", "name_folded", "email_norm", "identifier_norm")
_RECIPIENT_COLUMNS = ("breach_id", "kind", "label_folded", "email_norm")
_RECOMMENDATION_COLUMNS = (
    "breach_id",
    "code",
    "text",
    "owner_role",
    "due_date",
    "why",
    "service",
    "status",
    "owner",
    "evidence",
    "done_by",
    "done_at",
    "verified_by",
    "verified_at",
    "removed_reason",
    "added_in_version",
    "created_at",
    "created_by",
    "updated_at",
    "row_version",
)


def _store_batch(uow: UnitOfWork, batch: list[Prepared]) -> list[str]:
    at, actor = uow.at, uow.actor
    ids = _allocate_ids(uow, len(batch))
    dialect = uow.session.get_bind().dialect.name
    breaches: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    people: list[tuple[Any, ...]] = []
    recipients: list[tuple[Any, ...]] = []
    recs: list[tuple[Any, ...]] = []
    rec_tail = ("open", None, None, None, None, None, None, None, 1, at, actor, at, 1)
    for breach_id, item in zip(ids, batch, strict=True):
        ref = item.reference
        breaches.append(
            (
                breach_id,
                ref,
                "assessed",
                item.title,
                item.service,
                item.aware_at,
                item.search_text,
                1,
                at,
                actor,
                at,
                actor,
                1,
                *item.outcome,
            )
        )
        versions.append(
            (
                breach_id,
                1,
                item.facts_json,
                packed_for(dialect, item.assessment),
                "[]",
                None,
                at,
                actor,
            )
        )
        people += [(breach_id, *p) for p in item.people]
        recipients += [(breach_id, *r) for r in item.recipients]
        recs += [(breach_id, *r, item.service, *rec_tail) for r in item.recommendations]
        codes = json.dumps([r[0] for r in item.recommendations])
        after = (
            f'{{"facts":{item.facts_json},"outcome":{item.audit_outcome},'
            f'"recommendations":{codes},"removed":[],"status":"assessed","version":1}}'
        )
        uow.audit("breach.created", ref, None, RawJSON(after), "imported")
    conn = uow.session.connection()
    if uow.team:  # a team database takes them through its own function (store/pg_workflow)
        pg_workflow.add_imported(
            conn,
            uow.take_entries(),
            (_BREACH_COLUMNS, breaches),
            (_VERSION_COLUMNS, versions),
            (_PERSON_COLUMNS, people),
            (_RECIPIENT_COLUMNS, recipients),
            (_RECOMMENDATION_COLUMNS, recs),
        )
        return [item.reference for item in batch]
    insert_tuples(conn, BreachRow, _BREACH_COLUMNS, breaches)
    insert_tuples(conn, VersionRow, _VERSION_COLUMNS, versions)
    insert_tuples(conn, PersonRow, _PERSON_COLUMNS, people)
    insert_tuples(conn, RecipientRow, _RECIPIENT_COLUMNS, recipients)
    insert_tuples(conn, RecommendationRow, _RECOMMENDATION_COLUMNS, recs)
    uow.flush_audit()
    return [item.reference for item in batch]
