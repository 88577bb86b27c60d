"""An import's first, cheap pass: what each record brings before anything is validated.

For every record: the reference it brings (so assigned references never collide with one
further down), its title and time of awareness, and its matching keys (so each record can be
matched against the records before it without storing anything yet). A bad record gets empty
values here; validation reports it later, and then nothing is stored anyway.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from breach_desk.domain.clock import as_aware
from breach_desk.domain.facts import Facts
from breach_desk.facts_io import loads
from breach_desk.store.matching import (
    Earlier,
    Key,
    Named,
    Profile,
    Received,
    facts_profile,
    keys_for,
    profile_of,
    raw_keys,
    raw_who,
    who_of,
)
from breach_desk.store.prepared import Raw


class Brought(NamedTuple):
    """What one record brings. A tuple: an import's helper processes send one back for every
    record (a dataclass cost several times as much to unpickle)."""

    reference: str | None
    title: str
    aware_key: str
    """The time of awareness in UTC, ISO 8601: sorts matches newest first."""
    keys: tuple[Key, ...]
    people: tuple[Named, ...] = ()
    recipients: tuple[Received, ...] = ()
    profile: Profile | None = None
    """What it records about a recipient as posing a risk, for the records after it."""


def _aware_key(value: Any) -> str:
    try:
        return as_aware(datetime.fromisoformat(value)).astimezone(UTC).isoformat()
    except (TypeError, ValueError, OverflowError):
        return ""


def _read(text: str) -> Any:
    """The record's JSON. Text without escapes cannot hold what the register refuses in the
    values the survey takes (NUL, lone surrogates: what a record brings is matched in SQL), so
    it is read as it is; the rest strictly (``facts_io.loads``). Either way the record is
    validated in full later, and a bad one then stops the import."""
    if "\\u" not in text:
        return json.loads(text)
    return loads(text)


def from_raw(raw: Raw) -> Brought:
    value: Any = None
    if raw.text is not None:
        try:
            value = _read(raw.text)
        except (ValueError, RecursionError):  # FactsError and JSONDecodeError: reported later
            value = None
    if not isinstance(value, dict):
        return Brought(None, "", "", ())
    ref = value.get("reference")
    title = value.get("title")
    people, recipients = raw_who(value)
    return Brought(
        ref if isinstance(ref, str) and ref != "" else None,
        title if isinstance(title, str) else "",
        _aware_key(value.get("aware_at")),
        tuple(raw_keys(value)),
        people,
        recipients,
        profile_of(value),
    )


def from_facts(facts: Facts) -> Brought:
    return Brought(
        facts.reference,
        facts.title,
        facts.aware_at.astimezone(UTC).isoformat(),
        tuple(keys_for(facts)),
        *who_of(facts),
        facts_profile(facts),
    )


class Survey:
    """What the records bring, and which earlier records of the same import each matches."""

    def __init__(self, brought: Iterable[Brought]) -> None:
        self.records = list(brought)
        self._risky: list[tuple[int, Profile]] | None = None
        # The positions of each key, by kind and then value. Most values occur once, so a
        # position stands alone until its value comes again (at 100,000 records a list and a
        # (kind, value) pair for every key were a tenth of the importing process's memory).
        self._index: dict[str, dict[str, int | list[int]]] = {}
        for position, item in enumerate(self.records):
            for kind, value, _shown in item.keys:
                by_value = self._index.get(kind)
                if by_value is None:
                    by_value = self._index[kind] = {}
                found = by_value.get(value)
                if found is None:
                    by_value[value] = position
                elif isinstance(found, int):
                    by_value[value] = [found, position]
                else:
                    found.append(position)

    def given(self) -> list[str | None]:
        return [r.reference for r in self.records]

    def profiles(self, references: Sequence[str]) -> dict[str, Profile]:
        """The records that record a recipient as posing a risk, by reference."""
        if self._risky is None:
            self._risky = [
                (position, item.profile)
                for position, item in enumerate(self.records)
                if item.profile is not None
            ]
        return {references[position]: profile for position, profile in self._risky}

    def earlier(self, position: int, references: Sequence[str], limit: int) -> list[Earlier]:
        """Records before ``position`` sharing a key with it (the last ``limit`` per key)."""
        out: list[Earlier] = []
        for key in self.records[position].keys:
            found_at = self._index[key.kind][key.value]
            positions = [found_at] if isinstance(found_at, int) else found_at
            end = bisect_left(positions, position)
            for other in positions[max(0, end - limit) : end]:
                found = self.records[other]
                out.append(
                    Earlier(key.kind, key.value, references[other], found.title, found.aware_key)
                )
        return out
