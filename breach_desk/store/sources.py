"""Reading an import file record by record: a JSON array, or JSON lines.

Records are read lazily (a JSON-lines file never sits in memory whole) and each keeps its line
number, so every problem can say where it is. The file is read twice: once cheaply for the
references it brings (so assigned references never collide with one further down), once to
validate and store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from breach_desk.store.preparing import Raw

_WS = " \t\r\n"


class ImportFile:
    """An import file on disk."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with open(self.path, "rb") as fh:
            head = fh.read(4096)
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        stripped = head.lstrip()
        self.empty = not stripped and self.path.stat().st_size <= 4096
        self.array = stripped.startswith(b"[")

    def records(self) -> Iterator[Raw]:
        if self.empty:
            yield Raw(1, 1, problem="the file is empty: expected JSON lines or a JSON array")
            return
        yield from (self._array() if self.array else self._lines())

    def _lines(self) -> Iterator[Raw]:
        record = 0
        with open(self.path, "rb") as fh:
            for number, data in enumerate(fh, start=1):
                if number == 1 and data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
                if not data.strip():
                    continue
                record += 1
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Raw(
                        number, record, problem=f"not UTF-8 text (invalid byte at {exc.start + 1})"
                    )
                    continue
                yield Raw(number, record, text)

    def _array(self) -> Iterator[Raw]:
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Raw(1, 1, problem=f"not UTF-8 text (invalid byte at position {exc.start})")
            return
        yield from iter_array(text)


def iter_array(text: str) -> Iterator[Raw]:
    """The elements of a JSON array, one at a time, with the line each starts on."""
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip(_WS)) + 1  # after '['
    line, counted, record = 1, 0, 0

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, position)
        counted = position
        return line

    def skip(position: int) -> int:
        while position < len(text) and text[position] in _WS:
            position += 1
        return position

    pos = skip(pos)
    if pos < len(text) and text[pos] == "]":
        return
    while True:
        record += 1
        start_line = line_at(pos)
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield Raw(
                exc.lineno,
                record,
                problem=f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            )
            return
        except RecursionError:
            yield Raw(start_line, record, problem="not valid JSON: nested too deeply")
            return
        del value
        yield Raw(start_line, record, text[pos:end])
        pos = skip(end)
        if pos < len(text) and text[pos] == ",":
            pos = skip(pos + 1)
            continue
        if pos < len(text) and text[pos] == "]" and not text[pos + 1 :].strip(_WS):
            return
        bad_line = line_at(min(pos, len(text)))
        yield Raw(
            bad_line, record + 1, problem="not valid JSON: expected ',' or ']' after a record"
        )
        return
