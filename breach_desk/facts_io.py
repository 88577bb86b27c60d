"""The JSON interchange format, version 1: read, validate and write breach facts.

Validation has two layers: the JSON Schema shipped in the package (shapes, types, categories), then
the checks a schema cannot express (dates that parse, aware after occurred, not in the future,
no recipients when nothing was disclosed). Every problem names the field path and what is wrong.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from breach_desk.domain.clock import as_aware, now
from breach_desk.domain.facts import (
    Facts,
    PartialDate,
)
from breach_desk.domain.facts_codec import build, facts_to_json
from breach_desk.facts_validator import is_valid
from breach_desk.printable import printable

MAX_FACTS_BYTES = 5 * 1024 * 1024
MAX_UTC_OFFSET = timedelta(hours=14)
"""The widest offset from UTC any place keeps (Kiribati, +14:00); PostgreSQL refuses wider."""
"""The largest facts file that can be valid (100,000-character description, 1,000 recipients...)."""
CLOCK_SKEW = timedelta(minutes=10)
EARLIEST_YEAR = 1900
"""Dates before this are typing mistakes (and the years 1 and 9999 are at the calendar's ends,
where a time-zone offset cannot be applied)."""


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str
    record: int | None = None
    """1-based record (line, for JSON lines) number in a file of several breaches."""

    def __str__(self) -> str:
        where = f"record {self.record}: " if self.record is not None else ""
        path = printable(self.path)
        return f"{where}{path}: {self.message}" if path else f"{where}{self.message}"


class FactsError(ValueError):
    """The facts could not be read; ``problems`` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --- reading bytes -----------------------------------------------------------------------------


def _decode(data: bytes, limit: int) -> str:
    if len(data) > limit:
        raise FactsError(
            [
                Problem(
                    "",
                    f"the file is too large ({len(data) / 1024 / 1024:.1f} MB; "
                    f"the limit is {limit / 1024 / 1024:.0f} MB)",
                )
            ]
        )
    if not data.strip():
        raise FactsError([Problem("", "the file is empty: expected a JSON object of breach facts")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactsError(
            [Problem("", f"the file is not UTF-8 text (invalid byte at position {exc.start})")]
        ) from None


_MARKS = threading.local()
"""``count``: how many _Refused and _Repeated values the reader has made in this thread (the
reader calls its hooks in the thread that parses). A parse that made none, of a text without
escapes, needs no walk through what it read (``loads``)."""


def _marked() -> int:
    return getattr(_MARKS, "count", 0)


class _Refused:
    """A value the JSON reader met but will not use (NaN, a number too large to be one); the
    check that follows the parse names its field."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        _MARKS.count = _marked() + 1
        self.message = message


class _Repeated(dict[str, Any]):
    """An object in which a key appears more than once (the last value won in plain JSON)."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]], repeated: str) -> None:
        _MARKS.count = _marked() + 1
        super().__init__(pairs)
        self.repeated = repeated


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    for key, _value in pairs:
        if key in seen:
            return _Repeated(pairs, key)
        seen.add(key)
    return obj  # pragma: no cover - unreachable


MAX_DIGITS = 18
"""Whole numbers up to 18 digits (every count the schema allows fits a 64-bit integer)."""


def _int(text: str) -> int | _Refused:
    digits = len(text) - text.startswith("-")
    if digits > MAX_DIGITS:
        return _Refused(f"the number has {digits:,} digits: too large to be a count")
    return int(text)


def _float(text: str) -> float | _Refused:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        return _Refused(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too large")
    return value


def _constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a number JSON allows: give a number, or leave the field out")


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object, parse_int=_int, parse_float=_float, parse_constant=_constant
)


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character (\\u0000), which text cannot hold"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (
                f"contains a lone surrogate (\\u{ord(text[exc.start]):04x}), which is not "
                "valid Unicode text"
            )
    return None


def _unusable(value: Any) -> list[Problem]:
    """What the JSON reader accepted but the register cannot use: a key given twice, NaN or
    Infinity, a number too large, NUL characters and lone surrogates in text; each with the
    path of its field, in document order."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack and len(problems) < 20:
        item, parts = stack.pop()
        if isinstance(item, str):
            if (bad := _text_problem(item)) is not None:
                problems.append(Problem(_path(parts) or "(top level)", bad))
        elif isinstance(item, dict):
            if isinstance(item, _Repeated):
                problems.append(Problem(_path((*parts, item.repeated)), "is given more than once"))
            children: list[tuple[Any, tuple[str | int, ...]]] = []
            for key, child in item.items():
                if (bad := _text_problem(key)) is not None:
                    problems.append(Problem(_path((*parts, key)), f"the field name {bad}"))
                    continue
                children.append((child, (*parts, key)))
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend((child, (*parts, n)) for n, child in reversed(list(enumerate(item))))
        elif isinstance(item, _Refused):
            problems.append(Problem(_path(parts) or "(top level)", item.message))
    return problems


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?|[\[\]{},]')
MAX_DEPTH = 64
"""Deeper than this is not breach facts (they are at most five levels deep)."""


def too_deep(text: str) -> Problem:
    """Where a text nests too deeply for the JSON reader: the path of the first value deeper
    than MAX_DEPTH (strings are skipped whole, so brackets in them do not count)."""
    stack: list[str | int | None] = []  # a key (None before it is read), or a list index
    for match in _TOKENS.finditer(text):
        token = match.group()
        if match.group(1) is not None:  # a key
            if stack and not isinstance(stack[-1], int):
                stack[-1] = token[1 : token.rindex('"')]
        elif token in "[{":
            if len(stack) >= MAX_DEPTH:
                break
            stack.append(0 if token == "[" else None)
        elif token in "]}":
            if stack:
                stack.pop()
        elif token == "," and stack:
            top = stack[-1]
            stack[-1] = top + 1 if isinstance(top, int) else None
    parts = [p for p in stack if p is not None]
    shown = _path(parts[:3]) + ("…" if len(parts) > 3 else "")
    message = f"not valid JSON: nested too deeply (more than {MAX_DEPTH} levels)"
    return Problem(shown or "(top level)", message)


def text_problems(value: Any) -> list[Problem]:
    """Text in decoded facts (a dict built by a window, say) that no register can hold: NUL
    characters (PostgreSQL refuses them) and lone surrogates; each with its field's path.
    ``loads`` already refuses these in JSON text."""
    return _unusable(value)


def _plain_text(text: str) -> bool:
    """Can no string read from ``text`` hold a NUL or a lone surrogate? Only an escape
    (``\\u0000``, ``\\ud800``) can put one there: the reader refuses raw control characters,
    and text that encodes as UTF-8 has no lone surrogate of its own."""
    if "\\u" in text or "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def loads(text: str) -> Any:
    """Strict JSON: what ``json.loads`` reads, less what the register cannot store (see
    ``_unusable``). Raises FactsError naming the field (nesting too deep included), or
    json.JSONDecodeError for text that is not JSON at all."""
    marked = _marked()
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        raise FactsError([too_deep(text)]) from None
    if _marked() == marked and _plain_text(text):
        return value  # nothing refused, and no text that could hold a NUL or lone surrogate
    problems = _unusable(value)
    if problems:
        raise FactsError(problems)
    return value


def _parse_json(text: str, check: bool = True) -> Any:
    try:
        return loads(text) if check else _DECODER.decode(text)
    except RecursionError:
        raise FactsError([too_deep(text)]) from None
    except json.JSONDecodeError as exc:
        raise FactsError(
            [Problem("", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]
        ) from None


def parse_facts(data: bytes, at: datetime | None = None) -> Facts:
    return facts_from_dict(_parse_json(_decode(data, MAX_FACTS_BYTES)), at=at)


def parse_facts_many(data: bytes, limit: int = 1024 * 1024 * 1024) -> list[Facts]:
    """A JSON array of facts objects, or JSON lines (one object per line). All or nothing."""
    text = _decode(data, limit)
    stripped = text.lstrip()
    items: list[tuple[int, Any]] = []
    problems: list[Problem] = []
    if stripped.startswith("["):
        parsed = _parse_json(text, check=False)
        if not isinstance(parsed, list):  # pragma: no cover - '[' starts a list
            raise FactsError([Problem("", "expected a JSON array of breach facts")])
        for number, obj in enumerate(parsed, start=1):
            bad = _unusable(obj)
            if bad:
                problems += [Problem(p.path, p.message, number) for p in bad]
            else:
                items.append((number, obj))
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append((number, loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(
                    Problem("", f"not valid JSON: {exc.msg} at column {exc.colno}", number)
                )
            except RecursionError:
                problems.append(Problem("", "not valid JSON: nested too deeply", number))
            except FactsError as exc:
                problems += [Problem(p.path, p.message, number) for p in exc.problems]
    at = now()
    out: list[Facts] = []
    for number, obj in items:
        try:
            out.append(facts_from_dict(obj, at=at))
        except FactsError as exc:
            problems += [Problem(p.path, p.message, number) for p in exc.problems]
    if problems:
        raise FactsError(problems)
    return out


# --- validation --------------------------------------------------------------------------------


@cache
def _schema(name: str) -> dict[str, Any]:
    text = resources.files("breach_desk.schemas").joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema("facts.schema.json"))


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _schema_problems(obj: Any) -> Iterator[Problem]:
    for err in sorted(_validator().iter_errors(obj), key=lambda e: list(map(str, e.absolute_path))):
        path = _path(err.absolute_path)
        kind, expected = err.validator, err.validator_value
        if kind == "required":
            missing = [name for name in expected if name not in err.instance]
            for name in missing:
                yield Problem(f"{path}.{name}" if path else name, "required field is missing")
            continue
        if kind == "additionalProperties":
            allowed = set(err.schema.get("properties", {}))
            for name in sorted(set(err.instance) - allowed):
                yield Problem(f"{path}.{name}" if path else name, "unknown field")
            continue
        if kind == "type":
            names = expected if isinstance(expected, list) else [expected]
            message = (
                f"expected {' or '.join(_TYPE_NAMES.get(str(n), str(n)) for n in names)}, "
                f"got {_describe(err.instance)}"
            )
        elif kind == "enum":
            message = f"{err.instance!r} is not one of: {', '.join(map(str, expected))}"
        elif kind == "const":
            message = f"must be {expected!r}, got {err.instance!r}"
        elif kind == "minimum":
            message = f"must be at least {expected}, got {err.instance!r}"
        elif kind == "maximum":
            message = f"must be at most {expected}, got {err.instance!r}"
        elif kind == "minLength":
            message = (
                "must not be empty" if expected == 1 else f"needs at least {expected} characters"
            )
        elif kind == "maxLength":
            message = f"is too long ({len(err.instance):,} characters; at most {expected:,})"
        elif kind == "minItems":
            message = f"needs at least {expected} item{'s' if expected != 1 else ''}"
        elif kind == "maxItems":
            message = f"has too many items ({len(err.instance):,}; at most {expected:,})"
        elif kind == "uniqueItems":
            message = "lists the same value more than once"
        else:
            message = err.message
        yield Problem(path or "(top level)", message)


def _oversized(obj: Any, schema: Mapping[str, Any], parts: tuple[str, ...]) -> list[Problem]:
    """Lists longer than the schema's maxItems, found without looking at their items."""
    if isinstance(obj, list):
        limit = schema.get("maxItems")
        if limit is not None and len(obj) > limit:
            return [Problem(_path(parts), f"has too many items ({len(obj):,}; at most {limit:,})")]
        return []
    if not isinstance(obj, dict):
        return []
    found: list[Problem] = []
    for key, sub in schema.get("properties", {}).items():
        if key in obj:
            found += _oversized(obj[key], sub, (*parts, key))
    return found


_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?")


def _parse_moment(
    value: str, field: str, problems: list[Problem], need_time: bool
) -> date | datetime | PartialDate | None:
    text = value.strip()
    if not text:
        problems.append(Problem(field, "must not be empty"))
        return None
    partial = _PARTIAL.fullmatch(text)
    if partial and not need_time:  # a year, or a year and month: the precision known
        year, month = int(partial.group(1)), partial.group(2)
        if year < EARLIEST_YEAR:
            problems.append(Problem(field, f"{value!r} is before {EARLIEST_YEAR}: check the year"))
            return None
        if month is not None and not 1 <= int(month) <= 12:
            problems.append(Problem(field, f"{value!r} is not a valid month (01 to 12)"))
            return None
        return PartialDate(year, int(month) if month else None)
    looks_like_date_only = "T" not in text and " " not in text and len(text) <= 10
    try:
        if looks_like_date_only:
            day = date.fromisoformat(text)
            if day.year < EARLIEST_YEAR:
                problems.append(
                    Problem(field, f"{value!r} is before {EARLIEST_YEAR}: check the year")
                )
                return None
            if need_time:
                problems.append(
                    Problem(
                        field,
                        f"{value!r} has no time of day: give a date-time such as "
                        f"{text}T09:00 (the 72-hour clock runs from it)",
                    )
                )
                return None
            return day
        moment = as_aware(datetime.fromisoformat(text.replace("Z", "+00:00")))
        moment.astimezone(UTC)  # OverflowError at the ends of the calendar
        offset = moment.utcoffset()
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            problems.append(
                Problem(
                    field,
                    f"{value!r} has an offset from UTC beyond ±14:00: no place on Earth keeps "
                    "that time (check the +hh:mm at its end)",
                )
            )
            return None
        if moment.year < EARLIEST_YEAR:
            problems.append(Problem(field, f"{value!r} is before {EARLIEST_YEAR}: check the year"))
            return None
        return moment
    except OverflowError:
        problems.append(Problem(field, f"{value!r} is outside the calendar Breach Desk keeps"))
        return None
    except ValueError as exc:
        reason = str(exc)
        detail = f" ({reason})" if "range" in reason else ""
        problems.append(
            Problem(
                field,
                f"{value!r} is not a valid ISO 8601 date{'-time' if need_time else ''}{detail}",
            )
        )
        return None


def _compare_key(moment: date | datetime | PartialDate) -> datetime:
    """When it happened at the earliest (a year or a month: its first day)."""
    if isinstance(moment, datetime):
        return moment
    day = moment.first_day() if isinstance(moment, PartialDate) else moment
    return as_aware(datetime(day.year, day.month, day.day))


def _semantic_problems(obj: Mapping[str, Any], at: datetime) -> tuple[list[Problem], Any, Any, Any]:
    problems: list[Problem] = []
    aware = _parse_moment(obj["aware_at"], "aware_at", problems, need_time=True)
    occurred = None
    if "occurred_at" in obj:
        occurred = _parse_moment(obj["occurred_at"], "occurred_at", problems, need_time=False)
    limit = at + CLOCK_SKEW
    if isinstance(aware, datetime) and aware > limit:
        problems.append(Problem("aware_at", f"{obj['aware_at']!r} is in the future"))
    if occurred is not None and _compare_key(occurred) > limit:
        problems.append(Problem("occurred_at", f"{obj['occurred_at']!r} is in the future"))
        occurred_known = False  # one mistake, one message: not also "aware before it happened"
    else:
        occurred_known = occurred is not None
    if isinstance(aware, datetime) and occurred is not None and occurred_known:
        if isinstance(occurred, datetime):
            before = aware < occurred
        elif isinstance(occurred, PartialDate):
            before = aware.date() < occurred.first_day()
        else:
            before = aware.date() < occurred
        if before:
            problems.append(
                Problem(
                    "aware_at",
                    f"{obj['aware_at']!r} is before the breach happened "
                    f"(occurred_at {obj['occurred_at']!r})",
                )
            )
    if not obj["title"].strip():
        problems.append(Problem("title", "must not be blank"))
    if obj["loss"]["confidentiality"] == "none" and obj.get("recipients"):
        problems.append(
            Problem(
                "recipients",
                "recipients are listed but confidentiality is 'none': if someone received or "
                "saw the data, choose the confidentiality loss that fits",
            )
        )
    for key, value in obj.get("assessor", {}).items():
        if not str(value.get("reason", "")).strip():
            problems.append(Problem(f"assessor.{key}.reason", "must not be blank"))
    harm = obj.get("harm_reported")
    harm_at = None
    if harm is not None:
        if not harm["note"].strip():
            problems.append(Problem("harm_reported.note", "must not be blank"))
        if "at" in harm:
            harm_at = _parse_moment(harm["at"], "harm_reported.at", problems, need_time=False)
            if harm_at is not None and _compare_key(harm_at) > limit:
                problems.append(Problem("harm_reported.at", f"{harm['at']!r} is in the future"))
    return problems, aware, occurred, harm_at


def _finite(value: Any) -> Any:
    """A number, or None for NaN and infinity (which a register written before they were
    refused may hold): never passed on, never exported."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _opt(text: Any) -> str | None:
    return text if isinstance(text, str) and text != "" else None


def facts_from_dict(obj: Any, at: datetime | None = None) -> Facts:
    """Validate a decoded JSON value and build Facts. Raises FactsError listing every problem."""
    if not isinstance(obj, dict):
        raise FactsError(
            [Problem("", f"expected a JSON object of breach facts, got {_describe(obj)}")]
        )
    problems = _oversized(obj, _schema("facts.schema.json"), ())
    if problems:  # before the schema: it would check each of 200,000 items first
        raise FactsError(problems)
    # The compiled validator answers quickly for a valid document; jsonschema words the problems.
    problems = [] if is_valid(obj) else list(dict.fromkeys(_schema_problems(obj)))
    if problems:
        raise FactsError(problems)
    more, aware, occurred, harm_at = _semantic_problems(obj, at or now())
    if more:
        raise FactsError(more)
    moments = {"aware_at": aware, "occurred_at": occurred, "harm_reported.at": harm_at}

    def moment(path: str, text: str) -> date | datetime | PartialDate | None:
        # A date declared later than these three is read by the same rules, its field named.
        return moments[path] if path in moments else _stored_moment(path, text)

    facts: Facts = build(Facts, obj, moment)
    return facts


def _stored_moment(path: str, text: str) -> date | datetime | PartialDate | None:
    problems: list[Problem] = []
    value = _parse_moment(text, path, problems, need_time=path == "aware_at")
    if problems:
        raise FactsError(problems)
    return value


def facts_from_stored(obj: Mapping[str, Any]) -> Facts:
    """Facts the register wrote itself (checked when they were saved), built without checking
    them again: fast enough for every row of a large export."""
    facts: Facts = build(Facts, obj, _stored_moment)
    return facts


# --- writing -----------------------------------------------------------------------------------


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    """Facts in format v1; reading the result back gives equal Facts."""
    return facts_to_json(facts)
