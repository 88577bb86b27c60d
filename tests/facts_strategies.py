"""Any valid ``Facts``, for property tests: built from the declarations in ``domain/facts.py``,
so a new fact is generated (and round-tripped) with no change here."""

from __future__ import annotations

import dataclasses
import string
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from breach_desk.domain.clock import LONDON
from breach_desk.domain.declared import Declared, declared_fields, is_enum, item_type
from breach_desk.domain.enums import Availability, Confidentiality, DataCategory, SubjectGroup
from breach_desk.domain.facts import Facts, PartialDate

_TEXT = string.ascii_letters + string.digits + " .,'-&<>é’"


def _text(d: Declared) -> st.SearchStrategy[str]:
    most = min(d.fact.max_length or 30, 30)
    return st.text(_TEXT, min_size=1, max_size=most).map(str.strip).filter(bool)


def _moment(d: Declared) -> st.SearchStrategy[Any]:
    minutes = st.datetimes(
        min_value=datetime(2015, 1, 1),
        max_value=datetime(2024, 12, 31),
        timezones=st.just(LONDON),
        allow_imaginary=False,  # no 01:30 on the night the clocks go forward
    ).map(
        # A London wall time as the facts carry it once read: with its UTC offset. (A ZoneInfo
        # time in the hour the clocks go back never equals one in another zone, PEP 495.)
        lambda m: (m := m.replace(second=0, microsecond=0, fold=0)).astimezone(
            timezone(m.utcoffset() or timedelta(0))
        )
    )
    if d.fact.moment == "date-time":
        return minutes
    days = st.dates(min_value=date(2010, 1, 1), max_value=date(2024, 12, 31))
    partial = st.builds(
        PartialDate, st.integers(2010, 2024), st.one_of(st.none(), st.integers(1, 12))
    )
    return st.one_of(days, partial, minutes)


def _field(d: Declared, wizard: bool) -> st.SearchStrategy[Any]:
    kind, f = d.kind, d.fact
    inner = item_type(kind)
    if dataclasses.is_dataclass(kind):
        return _of(kind, d.path + ".", wizard)
    if inner is not None:
        most = min(f.max_items or 3, 3)
        if dataclasses.is_dataclass(inner):
            items = _of(inner, d.path + "[].", wizard)
            return st.lists(items, min_size=f.min_items or 0, max_size=most).map(tuple)
        if is_enum(inner):
            return st.lists(
                st.sampled_from(list(inner)), min_size=f.min_items or 0, max_size=most, unique=True
            ).map(tuple)
        return st.lists(
            st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=12),
            max_size=most,
        ).map(tuple)
    if is_enum(kind):
        members = [m for m in kind if not f.choices or m.value in f.choices]
        return st.sampled_from(members)
    if f.moment is not None:
        return _moment(d)
    if kind is bool:
        return st.booleans()
    if kind is int:
        low = f.minimum if f.minimum is not None else 0
        high = min(f.maximum if f.maximum is not None else 10_000, 10_000_000)
        ints = st.integers(low, high)
        return ints.filter(bool) if wizard and d.path.endswith("dpc_adjustment.value") else ints
    if kind is float:
        return st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 1))
    if kind is str:
        return _text(d)
    raise TypeError(f"{d.path}: no strategy for {kind!r}")  # pragma: no cover


def _of(cls: Any, prefix: str, wizard: bool) -> st.SearchStrategy[Any]:
    kwargs: dict[str, st.SearchStrategy[Any]] = {}
    for d in declared_fields(cls, prefix):
        if d.path[len(prefix) :] != d.name:
            continue
        s = _field(d, wizard)
        if not d.required:
            absent = d.default if d.default is not dataclasses.MISSING else None
            if d.optional:
                s = st.one_of(st.none(), s)
            elif absent is not None:
                s = st.one_of(st.just(absent), s)
        kwargs[d.name] = s
    return st.builds(cls, **kwargs)


def _consistent(facts: Facts, wizard: bool) -> Facts:
    """What the format's own checks ask beyond the schema, and (``wizard``) what the wizard can
    express: it edits times to the minute, drops rows that name nobody, and keeps an outage
    only when availability was lost."""
    changes: dict[str, Any] = {}
    occurred = facts.occurred_at
    if occurred is not None:
        start = occurred if isinstance(occurred, datetime) else None
        day = occurred.first_day() if isinstance(occurred, PartialDate) else occurred
        if isinstance(day, datetime):
            day = day.astimezone(LONDON).date()
        if (start is not None and start > facts.aware_at) or day > facts.aware_at.astimezone(
            LONDON
        ).date():
            changes["occurred_at"] = None
    if facts.loss.confidentiality is Confidentiality.NONE and facts.recipients:
        changes["recipients"] = ()
    if wizard:
        recipients = []
        for r in changes.get("recipients", facts.recipients):
            if not r.label:
                r = dataclasses.replace(r, label="Someone")
            if r.poses_risk_to_subject is False and not r.risk_note:
                r = dataclasses.replace(r, poses_risk_to_subject=None)
            recipients.append(r)
        changes["recipients"] = tuple(recipients)
        people = tuple(
            p if p.name else dataclasses.replace(p, name="A person") for p in facts.subjects.people
        )
        # Check lists hold their choices in the vocabulary's order.
        groups = tuple(g for g in SubjectGroup if g in facts.subjects.groups)
        changes["subjects"] = dataclasses.replace(facts.subjects, people=people, groups=groups)
        categories = tuple(c for c in DataCategory if c in facts.data.categories)
        changes["data"] = dataclasses.replace(facts.data, categories=categories)
        loss = facts.loss
        if loss.availability is Availability.NONE and loss.outage_hours is not None:
            changes["loss"] = dataclasses.replace(loss, outage_hours=None)
    return dataclasses.replace(facts, **changes)


def any_facts(wizard: bool = False) -> st.SearchStrategy[Facts]:
    """Any valid Facts; with ``wizard``, any the wizard can hold."""
    return _of(Facts, "", wizard).map(lambda f: _consistent(f, wizard))


LATER = datetime(2030, 1, 1, tzinfo=UTC)
"""A moment after every generated time (the format refuses times in the future)."""
ONE_DAY = timedelta(days=1)
