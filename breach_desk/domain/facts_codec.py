"""Facts to and from their JSON form, derived from the declarations in ``domain/facts.py``.

``facts_io`` checks a JSON value first (the schema, then the checks a schema cannot make) and
builds ``Facts`` with ``build``; ``to_json`` writes them back. Both walk the declared fields, so a
new fact is read and written with no code here. Reading back what ``to_json`` wrote gives equal
``Facts``.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, Final

from breach_desk.domain.declared import Declared, declared_fields, is_enum, item_type
from breach_desk.domain.facts import FACTS_FORMAT, Facts, PartialDate

MomentReader = Callable[[str, str], Any]
"""(the field's path, its text) -> a date, a date-time or a PartialDate."""

TOP_ORDER: Final = (
    "reference",
    "title",
    "description",
    "service",
    "occurred_at",
    "aware_at",
    "occurrences",
    "cause",
    "cyber_incident",
    "discovered_how",
    "harm_reported",
    "subjects",
    "data",
    "loss",
    "recipients",
    "previous_related_breaches",
    "containment",
    "assessor",
)
"""The order facts are written in (the first version's); a fact not listed follows them."""


@dataclass(frozen=True, slots=True)
class _Step:
    name: str
    path: str
    mode: str
    kind: Any
    blank_is_none: bool


def _mode(d: Declared) -> str:
    kind = d.kind
    inner = item_type(kind)
    if dataclasses.is_dataclass(kind):
        return "object"
    if inner is not None:
        if dataclasses.is_dataclass(inner):
            return "objects"
        return "enums" if is_enum(inner) else "values"
    if is_enum(kind):
        return "enum"
    if d.fact.moment is not None:
        return "moment"
    if kind is float:
        return "float"
    return "value"


@cache
def _plan(cls: type) -> tuple[_Step, ...]:
    """The fields of ``cls`` and how each is read and written (worked out once per class)."""
    steps = []
    for d in declared_fields(cls):
        if "." in d.path:
            continue
        kind = item_type(d.kind) if d.kind is not None and item_type(d.kind) else d.kind
        steps.append(_Step(d.name, d.path, _mode(d), kind, d.fact.blank_is_none))
    return tuple(steps)


def _finite(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def build(cls: type, obj: Mapping[str, Any], read_moment: MomentReader, prefix: str = "") -> Any:
    """An instance of the facts dataclass ``cls`` from its checked JSON object."""
    values: dict[str, Any] = {}
    for step in _plan(cls):
        if step.name not in obj:
            continue
        raw = obj[step.name]
        path = prefix + step.name
        mode = step.mode
        if mode == "object":
            value = None if raw is None else build(step.kind, raw, read_moment, path + ".")
        elif mode == "objects":
            value = tuple(build(step.kind, item, read_moment, path + "[].") for item in raw)
        elif mode == "enums":
            value = tuple(step.kind(item) for item in raw)
        elif mode == "values":
            value = tuple(raw)
        elif mode == "enum":
            value = step.kind(raw)
        elif mode == "moment":
            value = read_moment(path, raw)
        elif mode == "float":
            value = _finite(raw)
        elif step.blank_is_none:
            value = raw if isinstance(raw, str) and raw != "" else None
        else:
            value = raw
        values[step.name] = value
    return cls(**values)


def _moment_text(moment: date | datetime | PartialDate) -> str:
    return moment.isoformat()


def _write(value: Any, mode: str) -> Any:
    if mode == "object":
        return to_json(value)
    if mode == "objects":
        return [to_json(item) for item in value]
    if mode == "enums":
        return [item.value for item in value]
    if mode == "values":
        return list(value)
    if mode == "enum":
        return typing.cast(StrEnum, value).value
    if mode == "moment":
        return _moment_text(value)
    if mode == "float":
        return _finite(value)
    return value


def to_json(instance: Any) -> dict[str, Any]:
    """The JSON object of a facts dataclass: what is not known (None) and empty lists are left
    out, and so is a part with nothing in it (an officer's judgement not made)."""
    out: dict[str, Any] = {}
    cls: type = type(instance)
    for step in _plan(cls):
        value = getattr(instance, step.name)
        if value is None or value == ():
            continue
        written = _write(value, step.mode)
        if written is None or (step.mode == "object" and written == {}):
            continue
        out[step.name] = written
    return out


def facts_to_json(facts: Facts) -> dict[str, Any]:
    """Facts in format v1, in the order of the first version; reading it back gives equal
    Facts."""
    body = to_json(facts)
    rank = {name: n for n, name in enumerate(TOP_ORDER)}
    ordered = sorted(body, key=lambda k: rank.get(k, len(rank)))
    return {"format": FACTS_FORMAT, **{k: body[k] for k in ordered}}
