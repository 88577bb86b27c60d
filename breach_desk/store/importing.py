"""Importing many breaches: all or nothing, in bounded memory.

Each record is validated (facts format v1), given a reference when it has none, matched
against the register and the records before it, assessed and stored with its recommendations
and audit entry, in batches. Any bad record stops the writing but not the checking: every
problem is reported with its line and field path, and nothing is stored.

SQLite, a one-person file (``import_file``): one transaction, rolled back on any problem.

A team database (``import_in_batches``): nobody may hold the register for more than seconds
(``pg_workflow.HOLD_LIMIT``), so the import runs in two phases. The first holds no lock: it
checks every record and prepares it, spilling the prepared batches to a private temporary file,
and any problem refuses the whole file with nothing stored. The second writes the batches, each
its own short transaction, so other people's saves go through in between. The run is recorded
in the register (``import_runs``, migration 0014): importing the same file again while its run
is unfinished (the process was killed, the connection lost) resumes it, storing the records
not yet stored with the references the run gave them.

The database-free work per record (validating and assessing: ``services/preparing``) is handed
in by the caller; for a large import it runs in helper processes, a few batches ahead of the
writer.
"""

from __future__ import annotations

import contextlib
import json
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import IO, Any, Protocol

from sqlalchemy import select, text

from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.clock import local_date
from breach_desk.domain.errors import ImportProblem, ImportRejected
from breach_desk.domain.facts import Facts
from breach_desk.store import pg_workflow, references, runs
from breach_desk.store.audit import RawJSON
from breach_desk.store.breaches import new_breach_stamps, new_recommendation_stamps
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
from breach_desk.store.prepared import OUTCOME_COLUMNS, Prepared, Raw, Work
from breach_desk.store.session import Store, UnitOfWork
from breach_desk.store.sources import ImportFile
from breach_desk.store.survey import Brought, Survey, from_facts, from_raw

BATCH = 500
IMPORT_CACHE_KIB = 128 * 1024
"""SQLite's page cache while an import writes (its default is 2 MB): the indexes of a register
of 100,000 breaches are larger than that, and each batch then reads back and spills the same
pages again and again (a third of the writer's time at 20,000 breaches)."""
TEAM_BATCH = 200
"""Breaches written per transaction on a team database: well under a second's work (about
2 ms a breach through ``bd_add_breaches``; a 100,000-breach import on a shared two-core machine:
0.43 s per transaction, at most 0.87 s), far from ``pg_workflow.HOLD_LIMIT``."""

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


SurveyRecords = Callable[[Iterator[Raw]], Iterable[Brought]]
"""What each record brings, in order (``services/preparing.Helpers.survey``: in helper processes
for a large file); by default, here."""


def _here(records: Iterator[Raw]) -> Iterable[Brought]:
    return (from_raw(raw) for raw in records)


def import_file(
    uow: UnitOfWork,
    source: ImportFile,
    prepare: PrepareBatches,
    survey_with: SurveyRecords = _here,
) -> list[str]:
    """Store every record of ``source`` or none, each prepared by ``prepare`` as the store
    hands it its reference and matches, batch by batch."""
    survey = Survey(survey_with(source.records()))
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


TOLD_BATCH = 40
"""Breaches whose exported notifications are recorded per transaction (each record about 13 ms
on a team database: half a second or so)."""


@dataclass(frozen=True, slots=True)
class Told:
    """The notifications exported beside an import's file: ``count`` entries (one per breach),
    ``record(uow, start, end)`` records entries ``start`` to ``end`` in ``uow``; ``key``: what
    identifies them, part of the run's identity."""

    count: int
    record: Callable[[UnitOfWork, int, int], object]
    key: bytes


@dataclass(frozen=True, slots=True)
class Imported:
    references: list[str]
    """Every record's reference, in the file's order (those a resumed run stored before too)."""
    resumed: runs.Resumed | None = None


def import_in_batches(
    store: Store,
    source: ImportFile,
    prepare: PrepareBatches,
    *,
    batch: int = TEAM_BATCH,
    told: Told | None = None,
    survey_with: SurveyRecords = _here,
) -> Imported:
    """A team database's import: every record checked and prepared first, holding nothing
    (any problem refuses the whole file, nothing stored), then written ``batch`` breaches per
    transaction; then, once every breach is in, the notifications exported beside the file
    (``told``), ``TOLD_BATCH`` breaches' worth per transaction. An unfinished run of the same
    file (and notifications) is resumed."""
    sha = runs.file_sha256(source.path, told.key if told is not None else b"")
    survey = Survey(survey_with(source.records()))
    count = len(survey.records)
    if count == 0 and not source.array:
        raise ImportRejected([ImportProblem(1, 1, "", "the file holds no breaches")])
    given = survey.given()
    with store.unit() as uow:
        run = runs.unfinished(uow.session, sha, count)
        problems, _first = _check_given(uow, given, source.array, run.stored if run else 0)
        year = local_date(uow.now).year
        placeholder_before = _next_id(uow)
    resumed = None
    if run is not None:
        resumed = run.resumed()
    elif not problems and count > 0:
        with store.unit(write=True) as uow:
            run_id = pg_workflow.start_import(uow.session.connection(), sha, year, given)
        with store.unit() as uow:
            run = runs.get(uow.session, run_id)
    if run is not None:
        refs = run.refs
        before, skip = run.before_id, run.stored
    else:  # refused whatever the records hold: references only to prepare them by
        refs = [r if r is not None else f"IG-{year}-unassigned-{n}" for n, r in enumerate(given)]
        before, skip = placeholder_before, 0
    compress = False

    def work() -> Iterator[list[Work]]:
        records = islice(enumerate(source.records()), skip, None)
        while chunk := list(islice(records, BATCH)):
            positions = [position for position, _raw in chunk]
            with store.unit() as uow:  # a short read per batch, never the register's lock
                found = _matches(uow, survey, positions, refs, before)
            yield [
                (raw, refs[position], matches)
                for (position, raw), matches in zip(chunk, found, strict=True)
            ]

    with tempfile.TemporaryFile(prefix="breach-desk-import-") as spill:  # 0600, unnamed
        try:
            spilled = _spill(prepare(work, count - skip, source.array, compress), spill, problems)
        except BaseException:
            if run is not None and resumed is None:  # nothing stored: forget it, quietly
                with contextlib.suppress(Exception):
                    _abandon(store, run.id)
            raise
        if problems:
            if run is not None and resumed is None:
                _abandon(store, run.id)
            raise ImportRejected(sorted(problems, key=lambda p: (p.record, p.path)))
        spill.seek(0)
        stored = skip
        for _ in range(spilled):
            assert run is not None  # a run is recorded whenever there is something to store
            prepared: list[Prepared] = pickle.load(spill)  # written just now, by this process
            for start in range(0, len(prepared), batch):
                part = prepared[start : start + batch]
                with store.unit(write=True) as uow:
                    _store_batch(uow, part)
                    pg_workflow.import_progress(uow.session.connection(), run.id, stored, len(part))
                stored += len(part)
    if told is not None and run is not None:
        with store.unit() as uow:  # how far a resumed run got
            done = runs.get(uow.session, run.id).told
        for start in range(done, told.count, TOLD_BATCH):
            end = min(start + TOLD_BATCH, told.count)
            with store.unit(write=True) as uow:
                told.record(uow, start, end)
                pg_workflow.import_told(uow.session.connection(), run.id, start, end - start)
    with store.unit(write=True) as uow:
        if told is not None and run is None:  # no breach in the file: the records alone
            told.record(uow, 0, told.count)
        if run is not None:
            pg_workflow.finish_import(uow.session.connection(), run.id)
    return Imported(refs, resumed)


def _abandon(store: Store, run_id: int) -> None:
    """A run that stored nothing is forgotten, its reserved references handed back."""
    with store.unit(write=True) as uow:
        pg_workflow.abandon_import(uow.session.connection(), run_id)


def _spill(
    batches: Iterable[list[Prepared]], into: IO[bytes], problems: list[ImportProblem]
) -> int:
    """Collect every record's problems; while there are none, write each prepared batch to
    ``into`` (bounded memory). Returns how many batches were written."""
    written = 0
    for prepared in batches:
        for item in prepared:
            problems.extend(item.problems)
        if not problems:
            pickle.dump(prepared, into, protocol=pickle.HIGHEST_PROTOCOL)
            written += 1
    return written


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
    problems, first = _check_given(uow, given, array)
    year = local_date(uow.now).year
    missing = sum(1 for r in given if r is None)
    taken = references.taken_in_year(session, year) | set(first)
    fresh = iter(references.reserve(session, year, missing, taken) if missing else [])
    refs = [r if r is not None else next(fresh) for r in given]
    return _Plan(refs, problems)


def _check_given(
    uow: UnitOfWork, given: Sequence[str | None], array: bool, stored: int = 0
) -> tuple[list[ImportProblem], dict[str, int]]:
    """Problems with the references the records bring: used twice in the file, or already in
    the register (except by the first ``stored`` records, which a resumed run stored), and
    where each is first used (record number)."""
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
    listed = [ref for ref, number in first.items() if number > stored]
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
    return sorted(problems, key=lambda p: p.record), first


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
    "title",
    "service",
    "aware_at",
    "search_text",
    *OUTCOME_COLUMNS,
)
_VERSION_COLUMNS = ("breach_id", "facts", "assessment")
_PERSON_COLUMNS = ("breach_id", "name_folded", "email_norm", "identifier_norm")
_RECIPIENT_COLUMNS = ("breach_id", "kind", "label_folded", "email_norm")
_RECOMMENDATION_COLUMNS = ("breach_id", "code", "text", "owner_role", "due_date", "why", "service")


def _same(uow: UnitOfWork) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """What every imported breach, version and recommendation has alike: the columns the
    bulk insert converts once rather than for every row."""
    at, actor = uow.at, uow.actor
    breach = new_breach_stamps(at, actor)
    version = {"number": 1, "removed": "[]", "reason": None, "created_at": at, "created_by": actor}
    recommendation = {
        "status": "open",
        "owner": None,
        "removed_reason": None,
        **new_recommendation_stamps(1, at, actor),
    }
    return breach, version, recommendation


def _with(
    columns: tuple[str, ...], rows: list[tuple[Any, ...]], same: dict[str, Any]
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """Whole rows: ``rows`` with the values of ``same`` after them."""
    tail = tuple(same.values())
    return (*columns, *same), [row + tail for row in rows]


def _store_batch(uow: UnitOfWork, batch: list[Prepared]) -> list[str]:
    ids = _allocate_ids(uow, len(batch))
    dialect = uow.session.get_bind().dialect.name
    breaches: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    people: list[tuple[Any, ...]] = []
    recipients: list[tuple[Any, ...]] = []
    recs: list[tuple[Any, ...]] = []
    for breach_id, item in zip(ids, batch, strict=True):
        ref = item.reference
        breaches.append(
            (
                breach_id,
                ref,
                item.title,
                item.service,
                item.aware_at,
                item.search_text,
                *item.outcome,
            )
        )
        versions.append((breach_id, item.facts_json, packed_for(dialect, item.assessment)))
        people += [(breach_id, *p) for p in item.people]
        recipients += [(breach_id, *r) for r in item.recipients]
        service = item.service
        recs += [(breach_id, *r, service) for r in item.recommendations]
        codes = json.dumps([r[0] for r in item.recommendations])
        after = (
            f'{{"facts":{item.facts_json},"outcome":{item.audit_outcome},'
            f'"recommendations":{codes},"removed":[],"status":"assessed","version":1}}'
        )
        uow.audit("breach.created", ref, None, RawJSON(after), "imported")
    conn = uow.session.connection()
    same_breach, same_version, same_rec = _same(uow)
    if uow.team:  # a team database takes them through its own function (store/pg_workflow)
        pg_workflow.add_imported(
            conn,
            uow.take_entries(),
            _with(_BREACH_COLUMNS, breaches, same_breach),
            _with(_VERSION_COLUMNS, versions, same_version),
            (_PERSON_COLUMNS, people),
            (_RECIPIENT_COLUMNS, recipients),
            _with(_RECOMMENDATION_COLUMNS, recs, same_rec),
        )
        return [item.reference for item in batch]
    insert_tuples(conn, BreachRow, _BREACH_COLUMNS, breaches, same_breach)
    insert_tuples(conn, VersionRow, _VERSION_COLUMNS, versions, same_version)
    insert_tuples(conn, PersonRow, _PERSON_COLUMNS, people)
    insert_tuples(conn, RecipientRow, _RECIPIENT_COLUMNS, recipients)
    insert_tuples(conn, RecommendationRow, _RECOMMENDATION_COLUMNS, recs, same_rec)
    uow.flush_audit()
    return [item.reference for item in batch]
