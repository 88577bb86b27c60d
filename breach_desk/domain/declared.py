"""How a fact is declared: its label, its help, its wizard page and widget, its constraints.

Each field of the frozen dataclasses in ``domain/facts.py`` carries one ``Fact`` in its
``dataclasses.field`` metadata. Everything that has to know the shape of a breach reads it from
there (``declared_fields`` walks them): the JSON Schema and the format's description for users
(``domain/facts_schema.py``, written out by ``tools/build_schema.py``), the labels of the
description and the exports, the wizard's page of each fact and the widget that edits it.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, TypeVar, dataclass_transform

FACT: Final = "fact"
"""The key of a field's declaration in ``dataclasses.field(metadata=...)``."""


class _Unset:
    """No default stated in the format beyond the field's own."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()

PAGES: Final = ("basics", "people", "data", "happened", "recipients", "assessment", "decisions")
"""The wizard pages a fact can be entered on, in the wizard's order."""


@dataclass(frozen=True, slots=True)
class Fact:
    """What one field of the facts is, for people and for the formats derived from it."""

    label: str | None = None
    """Its name for people ('When we became aware'): the description's line, the export column.
    None for a part of a larger fact (a recipient's email) that is never shown on its own."""
    help: str | None = None
    """What it means, for the published schema and the format's description."""
    page: str | None = None
    """The wizard page where it is entered (one of ``PAGES``); None: inherited from the fact
    it is part of."""
    widget: str | None = None
    """The objectName of the widget that edits it on its page (forms/*.ui)."""
    minimum: int | None = None
    maximum: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False
    item_max_length: int | None = None
    choices: tuple[str, ...] | None = None
    """The values the format accepts, where fewer than the enum's (an Art. 34 ground)."""
    schema_default: Any = UNSET
    """The default the format states, where it is not the field's own (None means 'not known'
    in the domain; absent reads as false in the format)."""
    blank_is_none: bool = False
    """Empty text in the format reads as not given (None)."""
    moment: str | None = None
    """'date-time' or 'date': text in the format, read by the dates' own rules."""


def fact(
    *,
    default: Any = dataclasses.MISSING,
    default_factory: Any = dataclasses.MISSING,
    **declared: Any,
) -> Any:
    """A dataclass field with its declaration (``fact(default=False, label=..., page=...)``)."""
    meta = {FACT: Fact(**declared)}
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, field_specifiers=(fact,))
def declared(cls: type[_T]) -> type[_T]:
    """A frozen dataclass of the facts whose fields are declared with ``fact``: type checkers
    see which fields have defaults, as with ``dataclasses.field``."""
    return dataclass(frozen=True, slots=True)(cls)


@dataclass(frozen=True, slots=True)
class Declared:
    """One declared field, found by walking the facts: its path in the format and its type."""

    path: str
    """'data.presence_reveals_category'; list items add '[]' ('recipients[].email')."""
    name: str
    fact: Fact
    kind: Any
    """The field's type, without ``None``: a dataclass, an enum, a tuple, str, int..."""
    optional: bool
    required: bool
    default: Any
    page: str | None
    """The page, inherited from the enclosing fact when not declared."""

    @property
    def top(self) -> str:
        """The path without list markers ('recipients.email')."""
        return self.path.replace("[]", "")


def declaration(f: dataclasses.Field[Any]) -> Fact:
    meta = f.metadata.get(FACT)
    if not isinstance(meta, Fact):
        raise TypeError(f"field {f.name} has no declaration (use domain.declared.fact)")
    return meta


def unwrap(hint: Any) -> tuple[Any, bool]:
    """(the type without None, whether None is allowed)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) != len(typing.get_args(hint))
        if len(args) == 1:
            return args[0], optional
        return types.UnionType if not args else typing.Union[tuple(args)], optional  # noqa: UP007
    return hint, False


def item_type(kind: Any) -> Any | None:
    """The item type of ``tuple[X, ...]``, else None."""
    if typing.get_origin(kind) is tuple:
        return typing.get_args(kind)[0]
    return None


def is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


def declared_fields(cls: type, prefix: str = "", page: str | None = None) -> Iterator[Declared]:
    """Every declared field of ``cls`` and of the dataclasses inside it, depth first."""
    return iter(_declared(cls, prefix, page))


@functools.cache
def _declared(cls: type, prefix: str, page: str | None) -> tuple[Declared, ...]:
    """The declarations never change once the classes exist: read the type hints (which
    evaluates every annotation) once per class, not on every description of a breach."""
    return tuple(_walk(cls, prefix, page))


def _walk(cls: type, prefix: str, page: str | None) -> Iterator[Declared]:
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        meta = declaration(f)
        kind, optional = unwrap(hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        default = f.default if f.default is not dataclasses.MISSING else dataclasses.MISSING
        path = f"{prefix}{f.name}"
        here = meta.page or page
        yield Declared(path, f.name, meta, kind, optional, required, default, here)
        inner = item_type(kind)
        if dataclasses.is_dataclass(kind):
            yield from _declared(typing.cast(type, kind), path + ".", here)
        elif inner is not None and dataclasses.is_dataclass(inner):
            yield from _declared(typing.cast(type, inner), path + "[].", here)
