"""The per-record work of an import that needs no database: validate, assess, serialise.

It is most of an import's time (schema validation alone is about a third), so a large import
runs it in helper processes while the main process writes; a small one runs it in-process.
Each record arrives with its reference and the earlier breaches it matches (worked out by the
main process), so what comes back is final: only the values to write.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from breach_desk.assessment_io import assessment_to_dict
from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.clock import recorded_now
from breach_desk.domain.facts import Facts
from breach_desk.facts_io import FactsError, facts_from_dict, loads
from breach_desk.method import assess
from breach_desk.store.errors import ImportProblem
from breach_desk.store.models import Packed, pack
from breach_desk.store.records import dumps, outcome, outcome_for_audit, stored_assessment

OUTCOME_COLUMNS = (
    "band",
    "likelihood",
    "risk",
    "ico_report",
    "ico_deadline",
    "notify_subjects",
    "is_repeat",
)


class Raw(NamedTuple):
    """One record as read from the file: its JSON text, or why it could not be read."""

    line: int
    record: int
    text: str | None = None
    problem: str | None = None


class Prepared(NamedTuple):
    """A record ready to write (or its problems). A tuple of plain values: cheap to send back
    from a helper process (a dataclass costs four times as much to unpickle)."""

    line: int
    record: int
    problems: tuple[ImportProblem, ...] = ()
    reference: str = ""
    title: str = ""
    service: str | None = None
    aware_at: datetime | None = None
    facts_json: str = ""
    assessment: str | Packed = ""
    outcome: tuple[Any, ...] = ()
    """Values of OUTCOME_COLUMNS."""
    audit_outcome: str = ""
    """The outcome for the audit entry, as JSON text."""
    recommendations: tuple[tuple[str, str, str, Any, str], ...] = ()
    """(code, text, owner_role, due_date, why) as the method proposed them."""
    search_text: str = ""
    people: tuple[tuple[str | None, str | None, str | None], ...] = ()
    """(name_folded, email_norm, identifier_norm)"""
    recipients: tuple[tuple[str, str | None, str | None], ...] = ()
    """(kind, label_folded, email_norm)"""


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
    work: Sequence[tuple[Raw, str, Sequence[RepeatMatch]]],
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
