"""The per-record work of an import that needs no database: validate, assess, serialise.

It is most of an import's time (schema validation alone is about a third), so a large import
runs it in helper processes while the main process writes; a small one runs it in-process.
Each record arrives with its reference and the earlier breaches it matches (worked out by the
store, ``store/importing``), so what comes back is final: only the values to write
(``store/prepared``).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from itertools import islice
from multiprocessing import get_context

from breach_desk.assessment_io import assessment_to_dict
from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.clock import recorded_now
from breach_desk.domain.errors import ImportProblem, StoreError
from breach_desk.domain.facts import Facts
from breach_desk.facts_io import FactsError, facts_from_dict, loads
from breach_desk.method import assess
from breach_desk.store.models import pack
from breach_desk.store.prepared import OUTCOME_COLUMNS, Prepared, Raw, Work
from breach_desk.store.records import dumps, outcome, outcome_for_audit, stored_assessment
from breach_desk.store.survey import Brought, from_raw


def prepare_facts(
    line: int,
    record: int,
    facts: Facts,
    matches: Sequence[RepeatMatch],
    at: datetime,
    compress: bool,
    today: datetime | None = None,
) -> Prepared:
    from breach_desk.store.breaches import search_text
    from breach_desk.store.matching import index_rows

    assert facts.reference is not None
    a = assess(facts, at, matches, today=today)
    columns = outcome(a)
    whole = assessment_to_dict(a)
    text = stored_assessment(whole)
    people, recipients = index_rows(0, facts)
    return Prepared(
        line=line,
        record=record,
        reference=facts.reference,
        title=facts.title,
        service=facts.service,
        aware_at=facts.aware_at,
        facts_json=dumps(whole["facts"]),  # the assessment carries its facts: made once
        assessment=pack(text) if compress else text,
        outcome=tuple(columns[c] for c in OUTCOME_COLUMNS),
        audit_outcome=json.dumps(
            outcome_for_audit(a), ensure_ascii=False, separators=(",", ":"), sort_keys=True
        ),
        recommendations=tuple(
            (r.code, r.text, r.owner_role.value, r.due_date, r.why) for r in a.recommendations
        ),
        search_text=search_text(facts.reference, facts),
        people=tuple((p["name_folded"], p["email_norm"], p["identifier_norm"]) for p in people),
        recipients=tuple((r["kind"], r["label_folded"], r["email_norm"]) for r in recipients),
    )


def prepare(
    raw: Raw,
    reference: str,
    matches: Sequence[RepeatMatch],
    at: datetime,
    array: bool,
    compress: bool,
) -> Prepared:
    """Validate one record, give it ``reference`` when it brings none, assess it."""

    def bad(path: str, message: str) -> Prepared:
        return Prepared(
            raw.line, raw.record, (ImportProblem(raw.line, raw.record, path, message, array),)
        )

    if raw.problem is not None or raw.text is None:
        return bad("", raw.problem or "empty record")
    try:
        value = loads(raw.text)
    except json.JSONDecodeError as exc:
        return bad("", f"not valid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return bad("", "not valid JSON: nested too deeply")
    except FactsError as exc:
        problems = tuple(
            ImportProblem(raw.line, raw.record, p.path, p.message, array) for p in exc.problems
        )
        return Prepared(raw.line, raw.record, problems)
    try:
        facts = facts_from_dict(value, at=at)
    except FactsError as exc:
        problems = tuple(
            ImportProblem(raw.line, raw.record, p.path, p.message, array) for p in exc.problems
        )
        return Prepared(raw.line, raw.record, problems)
    if facts.reference is None:
        facts = facts.with_reference(reference)
    # decided now (the real clock); due dates count from ``at``, the day the rules judge by
    return prepare_facts(raw.line, raw.record, facts, matches, recorded_now(), compress, today=at)


def prepare_many(
    work: Sequence[Work],
    at: datetime,
    array: bool,
    compress: bool,
) -> list[Prepared]:
    """A helper process's task: one batch, in order."""
    return [prepare(raw, ref, matches, at, array, compress) for raw, ref, matches in work]


def start_helper(parent: int) -> None:
    """In each helper process: stop when the importing process (``parent``) is gone (killed,
    say), rather than wait forever for work that will never come."""

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    if os.name == "posix":
        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


PARALLEL_FROM = 3000
"""Imports of at least this many records use helper processes (start-up costs about 1 s)."""


def helpers_wanted() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class Helpers:
    """The helper processes of one import, started when first needed and shared by its two
    passes: the survey of what each record brings (``survey``) and the preparation of each
    batch (``prepare``). ``workers`` 0: everything here, in this process."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def __enter__(self) -> Helpers:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor | None:
        if self.workers <= 0 or self._broken:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=get_context("spawn"),
                initializer=start_helper,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _lost(self) -> None:
        """The helpers could not start (e.g. a calling script without a __main__ guard)."""
        self._broken = True
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def survey(self, records: Iterator[Raw]) -> list[Brought]:
        """What each record brings, in order: the first records here while the helpers
        start, the rest in them (at 100,000 records the survey alone took 6.5 s on one core,
        with the other idle)."""
        out = [from_raw(raw) for raw in islice(records, SURVEY_HERE)]
        pool = self._started() if len(out) == SURVEY_HERE else None
        if pool is None:
            return out + [from_raw(raw) for raw in records]
        pending: deque[tuple[list[Raw], Future[list[Brought]]]] = deque()
        try:
            while chunk := list(islice(records, SURVEY_CHUNK)):
                pending.append((chunk, pool.submit(survey_many, chunk)))
                if len(pending) > 4 * self.workers:
                    out += pending[0][1].result()
                    pending.popleft()
            while pending:
                out += pending[0][1].result()
                pending.popleft()
        except BrokenProcessPool:
            self._lost()
            out += [from_raw(raw) for chunk, _future in pending for raw in chunk]
            out += [from_raw(raw) for raw in records]
        return out

    def prepare(
        self,
        work: Callable[[], Iterator[list[Work]]],
        at: datetime,
        array: bool,
        compress: bool,
    ) -> Iterator[list[Prepared]]:
        """Each batch of ``work`` prepared, in order: in the helpers a few batches ahead of
        the writer, or here when there are none."""
        pool = self._started()
        if pool is not None:
            started = False
            pending: deque[Future[list[Prepared]]] = deque()
            try:
                for batch in work():
                    pending.append(pool.submit(prepare_many, batch, at, array, compress))
                    if len(pending) > 2 * self.workers:
                        started = True
                        yield pending.popleft().result()
                while pending:
                    started = True
                    yield pending.popleft().result()
                return
            except BrokenProcessPool:
                # Helpers could not start: do the work here instead, unless some of it was
                # already used.
                self._lost()
                if started:
                    raise StoreError(
                        "the import's helper process stopped: nothing was imported"
                    ) from None
        for batch in work():
            yield prepare_many(batch, at, array, compress)


SURVEY_HERE = PARALLEL_FROM
"""Records surveyed in the importing process before helpers are started for the rest."""
SURVEY_CHUNK = 2000


def survey_many(records: Sequence[Raw]) -> list[Brought]:
    """A helper process's task in the survey: what each record brings."""
    return [from_raw(raw) for raw in records]


def in_helpers(
    work: Callable[[], Iterator[list[Work]]],
    at: datetime,
    array: bool,
    workers: int,
    compress: bool,
) -> Iterator[list[Prepared]]:
    """Each batch of ``work`` prepared, in order: in ``workers`` helper processes a few
    batches ahead of the writer, or here when ``workers`` is 0."""
    with Helpers(workers) as helpers:
        yield from helpers.prepare(work, at, array, compress)
