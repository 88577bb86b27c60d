"""Importing many breaches: all or nothing, in one transaction, in bounded memory.

Each record is validated (facts format v1), given a reference when it has none, matched
against the register and the records before it, assessed and stored with its recommendations
and audit entry, in batches. Any bad record stops the writing but not the checking: every
problem is reported with its line and field path, then the transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import insert, select

from breach_desk.domain.clock import local_date
from breach_desk.domain.facts import Facts
from breach_desk.facts_io import FactsError, facts_from_dict, facts_to_dict
from breach_desk.method import assess
from breach_desk.store import recommendations, references
from breach_desk.store.breaches import audit_view, breach_values
from breach_desk.store.errors import ImportProblem, ImportRejected
from breach_desk.store.matching import BatchMatcher, index_rows
from breach_desk.store.models import (
    BreachRow,
    PersonRow,
    RecipientRow,
    RecommendationRow,
    VersionRow,
)
from breach_desk.store.records import assessment_json, dumps
from breach_desk.store.session import UnitOfWork
from breach_desk.store.sources import ImportFile, RawRecord

BATCH = 500


@dataclass(frozen=True, slots=True)
class Item:
    line: int
    record: int
    facts: Facts | None
    problems: tuple[ImportProblem, ...] = ()


def items_from_file(source: ImportFile, at: datetime) -> Callable[[], Iterator[Item]]:
    def items() -> Iterator[Item]:
        for raw in source.records():
            yield _validate(raw, at, source.array)

    return items


def _validate(raw: RawRecord, at: datetime, array: bool) -> Item:
    if raw.problem is not None:
        return Item(
            raw.line,
            raw.record,
            None,
            (ImportProblem(raw.line, raw.record, "", raw.problem, array),),
        )
    try:
        return Item(raw.line, raw.record, facts_from_dict(raw.value, at=at))
    except FactsError as exc:
        problems = tuple(
            ImportProblem(raw.line, raw.record, p.path, p.message, array) for p in exc.problems
        )
        return Item(raw.line, raw.record, None, problems)


def items_from_facts(facts: Iterable[Facts]) -> Callable[[], Iterator[Item]]:
    listed = list(facts)

    def items() -> Iterator[Item]:
        for number, f in enumerate(listed, start=1):
            yield Item(number, number, f)

    return items


def run_import(
    uow: UnitOfWork,
    items: Callable[[], Iterator[Item]],
    provided: Iterable[tuple[str, int, int]],
    array: bool = False,
) -> list[str]:
    """Store every item or none. ``provided``: (reference, line, record) the file brings."""
    session = uow.session
    problems: list[ImportProblem] = []
    seen: dict[str, int] = {}
    for ref, line, record in provided:
        if ref in seen:
            problems.append(
                ImportProblem(
                    line, record, "reference", f"{ref} is also used by record {seen[ref]}", array
                )
            )
        else:
            seen[ref] = record
    in_register = _existing(uow, list(seen))
    year = local_date(uow.at).year
    taken = references.taken_in_year(session, year) | set(seen)
    stored: list[str] = []
    total = 0
    matcher = BatchMatcher(session)
    stream = items()
    while batch := list(islice(stream, BATCH)):
        total += len(batch)
        good: list[Item] = []
        for item in batch:
            problems.extend(item.problems)
            if item.facts is None:
                continue
            given = item.facts.reference
            if given is not None and given in in_register:
                problems.append(
                    ImportProblem(
                        item.line,
                        item.record,
                        "reference",
                        f"{ref} is already in the register",
                        array,
                    )
                )
                continue
            good.append(item)
        if not problems:
            stored += _store_batch(uow, good, year, taken, matcher)
    if total == 0 and not array:
        problems.append(ImportProblem(1, 1, "", "the file holds no breaches", array))
    if problems:
        raise ImportRejected(problems)
    return stored


def _existing(uow: UnitOfWork, refs: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(refs), 500):
        chunk = refs[start : start + 500]
        found.update(
            uow.session.scalars(select(BreachRow.reference).where(BreachRow.reference.in_(chunk)))
        )
    return found


def _store_batch(
    uow: UnitOfWork, batch: list[Item], year: int, taken: set[str], matcher: BatchMatcher
) -> list[str]:
    session, at, actor = uow.session, uow.at, uow.actor
    missing = sum(1 for i in batch if i.facts is not None and i.facts.reference is None)
    fresh = iter(references.reserve(session, year, missing, taken) if missing else [])
    facts_list: list[Facts] = []
    for item in batch:
        assert item.facts is not None
        f = item.facts
        facts_list.append(f if f.reference is not None else f.with_reference(next(fresh)))
    pairs = [(f.reference or "", f) for f in facts_list]
    assessments = [assess(f, at, m) for f, m in zip(facts_list, matcher.match(pairs), strict=True)]
    ids = list(
        session.scalars(
            insert(BreachRow).returning(BreachRow.id, sort_by_parameter_order=True),
            [
                breach_values(f, a, ref)
                | {
                    "reference": ref,
                    "status": "assessed",
                    "current_version": 1,
                    "created_at": at,
                    "created_by": actor,
                    "updated_at": at,
                    "updated_by": actor,
                    "row_version": 1,
                }
                for (ref, f), a in zip(pairs, assessments, strict=True)
            ],
        )
    )
    versions: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    recipients: list[dict[str, Any]] = []
    recs: list[dict[str, Any]] = []
    for breach_id, (ref, f), a in zip(ids, pairs, assessments, strict=True):
        facts_dict = facts_to_dict(f)
        work = recommendations.plan(
            a, None, (), {}, breach_id=breach_id, version=1, service=f.service, at=at, actor=actor
        )
        recs += work.create
        p, r = index_rows(breach_id, f)
        people += p
        recipients += r
        versions.append(
            {
                "breach_id": breach_id,
                "number": 1,
                "facts": dumps(facts_dict),
                "assessment": assessment_json(a),
                "removed": "[]",
                "reason": None,
                "created_at": at,
                "created_by": actor,
            }
        )
        after = audit_view(facts_dict, a, 1) | {
            "status": "assessed",
            "recommendations": [x["code"] for x in work.create],
            "removed": [],
        }
        uow.audit("breach.created", ref, None, after, "imported")
    session.execute(insert(VersionRow), versions)
    for table, rows in ((PersonRow, people), (RecipientRow, recipients), (RecommendationRow, recs)):
        if rows:
            session.execute(insert(table), rows)
    uow.flush_audit()
    return [ref for ref, _f in pairs]
