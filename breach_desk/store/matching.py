"""Repeat-breach matching: earlier breaches involving the same person or the same recipient.

A person matches on email, identifier or folded name; a recipient on email or folded label
(``normalise.py``). Every lookup is an indexed equality, so matching stays fast however large
the register grows. Matches feed METHOD.md's repeat step and the decision note.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC
from typing import Any, NamedTuple

from sqlalchemy import func, literal, select, true, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from breach_desk.domain.assessment import RecordedRisk, RepeatMatch
from breach_desk.domain.facts import Facts
from breach_desk.domain.oldlog import facts_like
from breach_desk.store.models import BreachRow, LogEntryRow, PersonRow, RecipientRow, VersionRow
from breach_desk.store.normalise import fold, identifying, norm_email, norm_identifier

MAX_MATCHES = 50
"""At most this many earlier breaches are listed (the most recent first)."""
_CHUNK = 400
PER_VALUE = MAX_MATCHES + 1  # one more: the breach itself may be among them

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


class Key(NamedTuple):
    """One matching key of a record. A tuple: an import's survey sends one for every person and
    recipient of every record back from its helper processes (a dataclass cost several times
    as much to unpickle)."""

    kind: str
    value: str
    """Normalised: what is compared."""
    shown: str
    """As entered in the new breach: what the decision note says."""


def _collect(
    people: Iterable[tuple[str | None, str | None, str | None]],
    recipients: Iterable[tuple[str | None, str | None]],
) -> list[Key]:
    keys: dict[tuple[str, str], Key] = {}

    def add(kind: str, value: str | None, shown: str | None) -> None:
        if value and shown and (kind, value) not in keys:
            # The same text, where it is the same, is one object: an import keeps the keys of
            # every record until it has written them all (the shown text is the value for most
            # emails and identifiers, and the person's or recipient's own text for the rest).
            collapsed = " ".join(shown.split())
            if collapsed == value:
                collapsed = value
            elif collapsed == shown:
                collapsed = shown
            keys[(kind, value)] = Key(kind, value, collapsed)

    for name, email, identifier in people:
        add("person_email", _email(email), email)
        add("person_identifier", _identifier(identifier), identifier)
        add("person_name", _name(name), name)
    for label, email in recipients:
        add("recipient_email", _email(email), email)
        add("recipient_label", _name(label), label)
    return list(keys.values())


def keys_for(facts: Facts) -> list[Key]:
    return _collect(
        ((p.name, p.email, p.identifier) for p in facts.subjects.people),
        ((r.label, r.email) for r in facts.recipients),
    )


def raw_keys(value: dict[str, Any]) -> list[Key]:
    """The same keys from a record not yet validated (facts format v1 as decoded JSON)."""

    def text(item: dict[str, Any], name: str) -> str | None:
        found = item.get(name)
        return found if isinstance(found, str) and found != "" else None

    subjects = value.get("subjects")
    people = subjects.get("people") if isinstance(subjects, dict) else None
    recipients = value.get("recipients")
    return _collect(
        (
            (text(p, "name"), text(p, "email"), text(p, "identifier"))
            for p in (people if isinstance(people, list) else [])
            if isinstance(p, dict)
        ),
        (
            (text(r, "label"), text(r, "email"))
            for r in (recipients if isinstance(recipients, list) else [])
            if isinstance(r, dict)
        ),
    )


def _email(value: str | None) -> str | None:
    return _cut(norm_email(value), 320)


def _identifier(value: str | None) -> str | None:
    return _cut(norm_identifier(value), 100)


def _name(value: str | None) -> str | None:
    """A person's name or a recipient's label as compared: folded, and None when it only
    describes ("Member of the public", "Unknown": ``normalise.identifying``)."""
    return _cut(identifying(fold(value)), 200)


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
class Earlier:
    """An earlier breach found by one key."""

    kind: str
    value: str
    reference: str
    title: str
    aware_key: str


def lookup(
    session: Session, wanted: dict[str, set[str]], before_id: int | None = None
) -> list[Earlier]:
    """Breaches in the register with these values (``before_id``: only rows older than it)."""
    selects = []
    for kind, values in wanted.items():
        column = _COLUMNS[kind]
        table = PersonRow if kind.startswith("person") else RecipientRow
        ordered = sorted(values)
        for start in range(0, len(ordered), _CHUNK):
            # The most recently recorded breaches per value: a value shared by thousands
            # (a partner's name) costs no more than one shared by two.
            recent = (
                select(
                    column.label("value"),
                    table.breach_id.label("breach_id"),
                    func.row_number()
                    .over(partition_by=column, order_by=table.breach_id.desc())
                    .label("rank"),
                )
                .where(column.in_(ordered[start : start + _CHUNK]))
                .where(table.breach_id < before_id if before_id is not None else true())
                .subquery()
            )
            selects.append(
                select(
                    literal(kind).label("kind"),
                    recent.c.value,
                    BreachRow.id,
                    BreachRow.reference,
                    BreachRow.title,
                    BreachRow.aware_at,
                )
                .join(BreachRow, BreachRow.id == recent.c.breach_id)
                .where(recent.c.rank <= PER_VALUE)
            )
    if not selects:
        return []
    stmt = selects[0] if len(selects) == 1 else union_all(*selects)
    return [
        Earlier(r.kind, r.value, r.reference, r.title, r.aware_at.astimezone(UTC).isoformat())
        for r in session.execute(stmt)
    ]


def combine(keys: Iterable[Key], hits: Iterable[Earlier], exclude: set[str]) -> list[RepeatMatch]:
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
    """Earlier breaches in the register sharing a person or recipient with ``facts``, each with
    what it recorded about a recipient of ``facts`` as posing a risk (METHOD.md 2)."""
    keys = keys_for(facts)
    wanted: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        wanted[k.kind].add(k.value)
    excluded = {exclude} if exclude else set()
    matches = combine(keys, lookup(session, wanted), excluded)
    return with_recorded_risks(matches, facts, stored_profiles(session, matches))


# --- what the register knows about a recipient, carried forward ---------------------------------

KeySet = frozenset[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Profile:
    """What carrying a risk forward needs of an earlier breach: its people (their keys and
    names) and the recipients it recorded as posing a risk (their keys, name and note)."""

    people: tuple[tuple[KeySet, str], ...]
    risky: tuple[tuple[KeySet, str, str | None], ...]


def _person_keys(name: str | None, email: str | None, identifier: str | None) -> KeySet:
    found = {
        ("person_email", _email(email)),
        ("person_identifier", _identifier(identifier)),
        ("person_name", _name(name)),
    }
    return frozenset((k, v) for k, v in found if v)


def _recipient_keys(label: str | None, email: str | None) -> KeySet:
    found = {("recipient_email", _email(email)), ("recipient_label", _name(label))}
    return frozenset((k, v) for k, v in found if v)


def facts_profile(facts: Facts) -> Profile | None:
    """The profile of validated facts (an import's records given as Facts)."""
    if not any(r.poses_risk_to_subject is True for r in facts.recipients):
        return None
    return profile_of(
        {
            "subjects": {
                "people": [
                    {"name": p.name, "email": p.email, "identifier": p.identifier}
                    for p in facts.subjects.people
                ]
            },
            "recipients": [
                {
                    "label": r.label,
                    "email": r.email,
                    "risk_note": r.risk_note,
                    "poses_risk_to_subject": r.poses_risk_to_subject,
                }
                for r in facts.recipients
            ],
        }
    )


def raw_who(value: Any) -> tuple[tuple[Named, ...], tuple[Received, ...]]:
    """People and recipients as entered, from a record not yet validated."""
    if not isinstance(value, dict):
        return (), ()

    def text(item: dict[str, Any], name: str) -> str | None:
        found = item.get(name)
        return found if isinstance(found, str) and found != "" else None

    subjects = value.get("subjects")
    people = subjects.get("people") if isinstance(subjects, dict) else None
    recipients = value.get("recipients")
    return (
        tuple(
            (text(p, "name"), text(p, "email"), text(p, "identifier"))
            for p in (people if isinstance(people, list) else [])
            if isinstance(p, dict)
        ),
        tuple(
            (text(r, "label"), text(r, "email"))
            for r in (recipients if isinstance(recipients, list) else [])
            if isinstance(r, dict)
        ),
    )


def profile_of(value: Any) -> Profile | None:
    """The profile of a facts record (format v1, decoded JSON, perhaps not validated); None
    when it records no recipient as posing a risk (nothing to carry forward)."""
    if not isinstance(value, dict):
        return None

    def text(item: dict[str, Any], name: str) -> str | None:
        found = item.get(name)
        return found if isinstance(found, str) and found.strip() != "" else None

    recipients = value.get("recipients")
    risky = tuple(
        (
            _recipient_keys(text(r, "label"), text(r, "email")),
            " ".join((text(r, "label") or text(r, "email") or "a recipient").split()),
            text(r, "risk_note"),
        )
        for r in (recipients if isinstance(recipients, list) else [])
        if isinstance(r, dict) and r.get("poses_risk_to_subject") is True
    )
    risky = tuple(r for r in risky if r[0])
    if not risky:
        return None
    subjects = value.get("subjects")
    people = subjects.get("people") if isinstance(subjects, dict) else None
    return Profile(
        tuple(
            (
                _person_keys(text(p, "name"), text(p, "email"), text(p, "identifier")),
                text(p, "name") or text(p, "identifier") or text(p, "email") or "",
            )
            for p in (people if isinstance(people, list) else [])
            if isinstance(p, dict)
        ),
        risky,
    )


def stored_profiles(session: Session, matches: Iterable[RepeatMatch]) -> dict[str, Profile]:
    """The profiles of the matched breaches as the register holds them now (latest version)."""
    refs = sorted({m.reference for m in matches})
    if not refs:
        return {}
    rows = session.execute(
        select(BreachRow.reference, VersionRow.facts)
        .join(
            VersionRow,
            (VersionRow.breach_id == BreachRow.id)
            & (VersionRow.number == BreachRow.current_version),
        )
        .where(BreachRow.reference.in_(refs))
    )
    out: dict[str, Profile] = {}
    for reference, text in rows:
        try:
            found = profile_of(json.loads(text))
        except (ValueError, RecursionError):
            continue
        if found is not None:
            out[reference] = found
    # Breaches from the old log not yet reassessed: what the log said about its recipients.
    logged = session.execute(
        select(BreachRow.reference, LogEntryRow.record)
        .join(LogEntryRow, LogEntryRow.breach_id == BreachRow.id)
        .where(BreachRow.reference.in_(refs), BreachRow.current_version == 0)
    )
    for reference, text in logged:
        try:
            found = profile_of(facts_like(json.loads(text)))
        except (ValueError, RecursionError):
            continue
        if found is not None:
            out[reference] = found
    return out


Named = tuple[str | None, str | None, str | None]
"""A person as entered: (name, email, identifier)."""
Received = tuple[str | None, str | None]
"""A recipient as entered: (label, email)."""


def who_of(facts: Facts) -> tuple[tuple[Named, ...], tuple[Received, ...]]:
    return (
        tuple((p.name, p.email, p.identifier) for p in facts.subjects.people),
        tuple((r.label, r.email) for r in facts.recipients),
    )


def with_recorded_risks(
    matches: Sequence[RepeatMatch], facts: Facts, profiles: Mapping[str, Profile]
) -> list[RepeatMatch]:
    """``matches`` with the recipients of ``facts`` each earlier breach recorded as posing a
    risk, and whether it involved the same person: what the method carries forward."""
    people, recipients = who_of(facts)
    return recorded_risks(matches, people, recipients, profiles)


def recorded_risks(
    matches: Sequence[RepeatMatch],
    people: Sequence[Named],
    recipients: Sequence[Received],
    profiles: Mapping[str, Profile],
) -> list[RepeatMatch]:
    if not profiles or not recipients:
        return list(matches)
    mine = [_person_keys(*p) for p in people]
    everyone: set[tuple[str, str]] = set().union(*mine) if mine else set()
    out: list[RepeatMatch] = []
    for m in matches:
        profile = profiles.get(m.reference)
        if profile is None:
            out.append(m)
            continue
        named = [name for keys, name in profile.people if keys & everyone and name]
        same = bool(named) or any(keys & everyone for keys, _name in profile.people)
        whom = " and ".join(dict.fromkeys(named)) or "a person"
        if not same:
            names = [name for _keys, name in profile.people if name]
            whom = " and ".join(dict.fromkeys(names)) or "someone else"
        risks: list[RecordedRisk] = []
        for label, email in recipients:
            keys = _recipient_keys(label, email)
            for earlier_keys, shown, note in profile.risky:
                if keys & earlier_keys:
                    risks.append(RecordedRisk(label, email, shown, whom, note))
                    break
        out.append(replace(m, same_person=same, risks=tuple(risks)))
    return out
