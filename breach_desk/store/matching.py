"""Repeat-breach matching: earlier breaches involving the same person or the same recipient.

A person matches on email, identifier or folded name; a recipient on email or folded label
(``normalise.py``). Every lookup is an indexed equality, so matching stays fast however large
the register grows. Matches feed METHOD.md's repeat step and the decision note.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.facts import Facts
from breach_desk.store.models import BreachRow, PersonRow, RecipientRow
from breach_desk.store.normalise import fold, norm_email, norm_identifier

MAX_MATCHES = 50
"""At most this many earlier breaches are listed (the most recent first)."""
_CHUNK = 400

_COLUMNS: dict[str, InstrumentedAttribute[str | None]] = {
    "person_email": PersonRow.email_norm,
    "person_identifier": PersonRow.identifier_norm,
    "person_name": PersonRow.name_folded,
    "recipient_email": RecipientRow.email_norm,
    "recipient_label": RecipientRow.label_folded,
}
_WORDING = {
    "person_email": "the same person (email {})",
    "person_identifier": "the same person (identifier {})",
    "person_name": "the same person (name {})",
    "recipient_email": "the same recipient (email {})",
    "recipient_label": "the same recipient ({})",
}


@dataclass(frozen=True, slots=True)
class Key:
    kind: str
    value: str
    """Normalised: what is compared."""
    shown: str
    """As entered in the new breach: what the decision note says."""


def keys_for(facts: Facts) -> list[Key]:
    keys: dict[tuple[str, str], Key] = {}

    def add(kind: str, value: str | None, shown: str | None) -> None:
        if value and shown and (kind, value) not in keys:
            keys[(kind, value)] = Key(kind, value, " ".join(shown.split()))

    for p in facts.subjects.people:
        add("person_email", _email(p.email), p.email)
        add("person_identifier", _identifier(p.identifier), p.identifier)
        add("person_name", _name(p.name), p.name)
    for r in facts.recipients:
        add("recipient_email", _email(r.email), r.email)
        add("recipient_label", _name(r.label), r.label)
    return list(keys.values())


def _email(value: str | None) -> str | None:
    return _cut(norm_email(value), 320)


def _identifier(value: str | None) -> str | None:
    return _cut(norm_identifier(value), 100)


def _name(value: str | None) -> str | None:
    return _cut(fold(value), 200)


def index_rows(breach_id: int, facts: Facts) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for ``people`` and ``recipients``: what later breaches are matched against."""
    people = [
        {
            "breach_id": breach_id,
            "name_folded": _name(p.name),
            "email_norm": _email(p.email),
            "identifier_norm": _identifier(p.identifier),
        }
        for p in facts.subjects.people
    ]
    recipients = [
        {
            "breach_id": breach_id,
            "kind": r.kind.value,
            "label_folded": _name(r.label),
            "email_norm": _email(r.email),
        }
        for r in facts.recipients
    ]
    return people, recipients


def _cut(value: str | None, size: int) -> str | None:
    return value[:size] if value else value


@dataclass(frozen=True, slots=True)
class _Hit:
    kind: str
    value: str
    breach_id: int
    reference: str
    title: str
    aware_key: str


def _lookup(session: Session, wanted: dict[str, set[str]]) -> list[_Hit]:
    selects = []
    for kind, values in wanted.items():
        column = _COLUMNS[kind]
        table = PersonRow if kind.startswith("person") else RecipientRow
        for start in range(0, len(values), _CHUNK):
            chunk = sorted(values)[start : start + _CHUNK]
            selects.append(
                select(
                    literal(kind).label("kind"),
                    column.label("value"),
                    BreachRow.id,
                    BreachRow.reference,
                    BreachRow.title,
                    BreachRow.aware_at,
                )
                .join(BreachRow, BreachRow.id == table.breach_id)
                .where(column.in_(chunk))
            )
    if not selects:
        return []
    stmt = selects[0] if len(selects) == 1 else union_all(*selects)
    return [
        _Hit(r.kind, r.value, r.id, r.reference, r.title, r.aware_at.astimezone(UTC).isoformat())
        for r in session.execute(stmt)
    ]


def _combine(keys: Iterable[Key], hits: Iterable[_Hit], exclude: set[str]) -> list[RepeatMatch]:
    by_key = {(k.kind, k.value): k for k in keys}
    found: dict[str, tuple[str, str, list[str]]] = {}
    for hit in hits:
        key = by_key.get((hit.kind, hit.value))
        if key is None or hit.reference in exclude:
            continue
        entry = found.setdefault(hit.reference, (hit.aware_key, hit.title, []))
        wording = _WORDING[hit.kind].format(key.shown)
        if wording not in entry[2]:
            entry[2].append(wording)
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[0]), reverse=True)
    return [
        RepeatMatch(reference, ", ".join(parts), title)
        for reference, (_aware, title, parts) in ordered[:MAX_MATCHES]
    ]


def find_matches(session: Session, facts: Facts, exclude: str | None = None) -> list[RepeatMatch]:
    """Earlier breaches in the register sharing a person or recipient with ``facts``."""
    keys = keys_for(facts)
    wanted: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        wanted[k.kind].add(k.value)
    excluded = {exclude} if exclude else set()
    return _combine(keys, _lookup(session, wanted), excluded)


class BatchMatcher:
    """Matching for an import: one query per batch, plus the batch's own earlier records."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def match(self, batch: Sequence[tuple[str, Facts]]) -> list[list[RepeatMatch]]:
        all_keys = [keys_for(facts) for _ref, facts in batch]
        wanted: dict[str, set[str]] = defaultdict(set)
        for keys in all_keys:
            for k in keys:
                wanted[k.kind].add(k.value)
        by_key: dict[tuple[str, str], list[_Hit]] = defaultdict(list)
        for hit in _lookup(self.session, wanted):
            by_key[(hit.kind, hit.value)].append(hit)
        out: list[list[RepeatMatch]] = []
        for (reference, facts), keys in zip(batch, all_keys, strict=True):
            hits = [h for k in keys for h in by_key.get((k.kind, k.value), ())]
            out.append(_combine(keys, hits, {reference}))
            aware_key = facts.aware_at.astimezone(UTC).isoformat()
            for k in keys:  # later records of this batch see this one
                by_key[(k.kind, k.value)].append(
                    _Hit(k.kind, k.value, 0, reference, facts.title, aware_key)
                )
        return out
