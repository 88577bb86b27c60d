"""The published facts format, derived from the declarations in ``domain/facts.py``.

``facts_schema()`` is the JSON Schema shipped in the package (``schemas/facts.schema.json``) and
``facts_format_markdown()`` the description of the format for users (``docs/facts-format.md``).
``tools/build_schema.py`` writes both; a test fails when either is stale. No I/O here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Iterator
from typing import Any, Final

from breach_desk.domain.declared import (
    UNSET,
    Declared,
    declared_fields,
    is_enum,
    item_type,
)
from breach_desk.domain.facts import FACTS_FORMAT, Facts, PartialDate
from breach_desk.domain.facts_codec import TOP_ORDER as FACT_ORDER

SCHEMA_DESCRIPTION: Final = (
    "What an information-governance officer knows about one personal-data breach. Facts only: "
    "the assessment (severity, risk, decisions) is computed from them. Unknown optional facts are "
    "simply left out. docs/facts-format.md describes each field; docs/method.md how the "
    "assessment uses them."
)
TOP_ORDER: Final = ("format", *FACT_ORDER)
"""The order of the top-level fields in the published schema and its description (the order
of the first version); a fact not listed here follows them."""

_MOMENT_TYPES: Final = {dt.date, dt.datetime, PartialDate}


def _is_moment(kind: Any) -> bool:
    args = set(typing.get_args(kind)) or {kind}
    return bool(args) and args <= _MOMENT_TYPES


def _children(cls: type, prefix: str) -> list[Declared]:
    """The declared fields directly inside ``cls`` (not deeper)."""
    return [d for d in declared_fields(cls, prefix) if "." not in d.path[len(prefix) :]]


def _object(cls: type, prefix: str, order: tuple[str, ...] = ()) -> dict[str, Any]:
    fields = _children(cls, prefix)
    if order:
        rank = {name: n for n, name in enumerate(order)}
        fields.sort(key=lambda d: rank.get(d.name, len(rank)))
    out: dict[str, Any] = {"type": "object", "additionalProperties": False}
    required = [d.name for d in fields if d.required]
    if required:
        out["required"] = required
    out["properties"] = {d.name: _property(d) for d in fields}
    return out


def _property(d: Declared) -> dict[str, Any]:
    f, kind = d.fact, d.kind
    inner = item_type(kind)
    out: dict[str, Any]
    if dataclasses.is_dataclass(kind):
        out = _object(typing.cast(type, kind), d.path + ".")
    elif inner is not None:
        out = {"type": "array"}
        if dataclasses.is_dataclass(inner):
            items = _object(typing.cast(type, inner), d.path + "[].")
        elif is_enum(inner):
            items = {"enum": [m.value for m in inner]}
        else:
            items = {"type": "string"}
            if f.item_max_length is not None:
                items["maxLength"] = f.item_max_length
        if f.min_items is not None:
            out["minItems"] = f.min_items
        if f.unique:
            out["uniqueItems"] = True
        if f.max_items is not None:
            out["maxItems"] = f.max_items
        out["items"] = items
    elif is_enum(kind):
        out = {"enum": list(f.choices) if f.choices else [m.value for m in kind]}
    elif kind is bool:
        out = {"type": "boolean"}
    elif kind is int:
        out = {"type": "integer"}
    elif kind is float:
        out = {"type": "number"}
    elif kind is str or _is_moment(kind) or kind is dt.datetime:
        out = {"type": "string"}
    else:  # pragma: no cover - a new kind of field needs its rule here
        raise TypeError(f"{d.path}: no JSON Schema rule for {kind!r}")
    for key, value in (
        ("minimum", f.minimum),
        ("maximum", f.maximum),
        ("minLength", f.min_length),
        ("maxLength", f.max_length),
    ):
        if value is not None:
            out[key] = value
    default = f.schema_default if f.schema_default is not UNSET else d.default
    if default is not dataclasses.MISSING and default is not None and default != ():
        out["default"] = default.value if is_enum(type(default)) else default
    if f.help:
        out["description"] = f.help
    return _ordered(out)


_KEY_ORDER: Final = (
    "type",
    "const",
    "enum",
    "additionalProperties",
    "required",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "uniqueItems",
    "maxItems",
    "default",
    "description",
    "items",
    "properties",
)


def _ordered(node: dict[str, Any]) -> dict[str, Any]:
    return {k: node[k] for k in sorted(node, key=_KEY_ORDER.index)}


def facts_schema() -> dict[str, Any]:
    """The JSON Schema of the facts format, version 1."""
    body = _object(Facts, "", TOP_ORDER)
    properties = {"format": {"const": FACTS_FORMAT}, **body["properties"]}
    properties = {k: properties[k] for k in _top_order(properties)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": FACTS_FORMAT,
        "title": "Breach facts, interchange format version 1",
        "description": SCHEMA_DESCRIPTION,
        "type": "object",
        "additionalProperties": False,
        "required": ["format", *body["required"]],
        "properties": properties,
    }


def _top_order(properties: dict[str, Any]) -> list[str]:
    rank = {name: n for n, name in enumerate(TOP_ORDER)}
    return sorted(properties, key=lambda k: rank.get(k, len(rank)))


# ---- The description for users -------------------------------------------------------------


def _type_words(node: dict[str, Any]) -> str:
    if "const" in node:
        return f"exactly `{node['const']}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type")
    if kind == "array":
        items = node["items"]
        what = "objects (below)" if items.get("type") == "object" else _type_words(items)
        return f"a list of {what}"
    return {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "object": "an object (below)",
    }.get(str(kind), str(kind))


def _bounds(node: dict[str, Any]) -> str:
    parts = []
    if "minimum" in node:
        parts.append(f"at least {node['minimum']:,}")
    if "maximum" in node:
        parts.append(f"at most {node['maximum']:,}")
    if node.get("minLength"):
        parts.append("not empty")
    if "maxLength" in node:
        parts.append(f"up to {node['maxLength']:,} characters")
    if "minItems" in node:
        parts.append(f"at least {node['minItems']} item")
    if "maxItems" in node:
        parts.append(f"up to {node['maxItems']:,} items")
    if node.get("uniqueItems"):
        parts.append("no value twice")
    if "default" in node:
        default = node["default"]
        shown = str(default).lower() if isinstance(default, bool) else default
        parts.append(f"when left out: `{shown}`")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _tables(
    node: dict[str, Any], path: str, labels: dict[str, str]
) -> Iterator[tuple[str, list[str]]]:
    rows = [
        "| Field | Required | Value | What it means |",
        "|---|---|---|---|",
    ]
    nested: list[tuple[str, dict[str, Any]]] = []
    required = set(node.get("required", ()))
    for name, prop in node["properties"].items():
        full = f"{path}.{name}" if path else name
        label = labels.get(full.replace("[]", ""), "")
        meaning = " ".join(
            x for x in (f"**{label}.**" if label else "", prop.get("description", "")) if x
        )
        value = _type_words(prop)
        bounds = _bounds(prop)
        rows.append(
            f"| `{full}` | {'yes' if name in required else ''} | "
            f"{_cell(value + (f' ({bounds})' if bounds else ''))} | {_cell(meaning)} |"
        )
        if prop.get("type") == "object":
            nested.append((full, prop))
        elif prop.get("type") == "array" and prop["items"].get("type") == "object":
            nested.append((full + "[]", prop["items"]))
    yield path, rows
    for sub, child in nested:
        yield from _tables(child, sub, labels)


def facts_format_markdown() -> str:
    """The facts format described for users, from the same declarations as the schema."""
    labels = {d.top: d.fact.label for d in declared_fields(Facts) if d.fact.label}
    schema = facts_schema()
    out = [
        "# The facts format (version 1)",
        "",
        "<!-- Generated by tools/build_schema.py from breach_desk/domain/facts.py: "
        "do not edit. -->",
        "",
        "Breach Desk reads and writes the facts of a breach as one JSON object (`breach-desk "
        "assess`, `breach-desk import`, `breach-desk export --format json`). It holds what the "
        "information-governance officer knows; the assessment (severity, likelihood, risk, the "
        "decisions) is computed from it and is not part of it. A file of several breaches is a "
        "JSON array of these objects, or one object per line.",
        "",
        "- Leave out what is not known: an optional field left out reads as its stated default, "
        "or as not known.",
        "- Times are ISO 8601. A time without an offset is London time. `aware_at` needs a time of "
        "day (the 72-hour clock runs from it); `occurred_at` and `harm_reported.at` may be a year "
        "(`2022`), a month (`2022-06`), a day or a date-time.",
        "- Text may hold any Unicode except the NUL character. A field name the format does not "
        "know is refused, so a misspelt field is never silently dropped.",
        "- Every problem is reported on one line naming the field, e.g. "
        "`subjects.count: must be at least 1, got 0`.",
        "- The JSON Schema of the format is shipped in the package as "
        "`breach_desk/schemas/facts.schema.json`.",
        "",
        "A minimal example:",
        "",
        "```json",
        "{",
        '  "format": "breach-desk/facts/1",',
        '  "title": "Letter sent to the wrong address",',
        '  "aware_at": "2024-05-02T09:00:00",',
        '  "subjects": {"count": 1},',
        '  "data": {"categories": ["basic_identifiers", "contact_details"]},',
        '  "loss": {"confidentiality": "known_recipients"},',
        '  "recipients": [{"label": "Neighbour", "kind": "member_of_public"}]',
        "}",
        "```",
    ]
    for path, rows in _tables(schema, "", labels):
        out += ["", f"## `{path}`" if path else "## The breach", "", *rows]
    return "\n".join(out) + "\n"
