"""Reading an import file record by record: a JSON array, or JSON lines.

Records are read lazily (a JSON-lines file never sits in memory whole) and each keeps its line
number, so every problem can say where it is. The file is read twice: once cheaply for the
references it brings (so assigned references never collide with one further down), once to
validate and store.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from breach_desk.facts_io import too_deep
from breach_desk.files import open_input
from breach_desk.store.prepared import Raw

_WS = " \t\r\n"


class ImportFile:
    """An import file on disk."""

    def __init__(self, path: str | Path) -> None:
        """Raises InputFileError for anything but a regular file (a FIFO, a device), and
        OSError when it cannot be opened."""
        self.path = Path(path)
        with open_input(self.path) as fh:
            head = fh.read(4096)
            size = os.fstat(fh.fileno()).st_size
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        stripped = head.lstrip()
        self.empty = not stripped and size <= 4096
        self.array = stripped.startswith(b"[")

    def records(self) -> Iterator[Raw]:
        if self.empty:
            yield Raw(1, 1, problem="the file is empty: expected JSON lines or a JSON array")
            return
        yield from (self._array() if self.array else self._lines())

    def _lines(self) -> Iterator[Raw]:
        record = 0
        with open_input(self.path) as fh:
            for number, data in enumerate(_bounded_lines(fh), start=1):
                if number == 1 and data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
                if not data.strip():
                    continue
                record += 1
                if data is _TOO_LONG:
                    yield Raw(
                        number,
                        record,
                        problem=f"the line is too long (over {MAX_LINE // (1024 * 1024)} MB)",
                    )
                    return
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Raw(
                        number, record, problem=f"not UTF-8 text (invalid byte at {exc.start + 1})"
                    )
                    continue
                yield Raw(number, record, text)

    def _array(self) -> Iterator[Raw]:
        with (
            open_input(self.path) as raw,
            io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as fh,
        ):
            try:
                yield from iter_array(_Buffer(fh.read))
            except UnicodeDecodeError as exc:
                yield Raw(0, 0, problem=f"not UTF-8 text (invalid byte {exc.object[exc.start]:#x})")


MAX_LINE = 8 * 1024 * 1024
"""The longest line of JSON lines read (a valid record is at most 5 MB, like a facts file)."""
_TOO_LONG = b"(too long)"


def _bounded_lines(fh: IO[bytes]) -> Iterator[bytes]:
    """The file's lines; ``_TOO_LONG`` in place of one longer than MAX_LINE, then nothing more
    (a file of zeros without a newline never sits in memory)."""
    while line := fh.readline(MAX_LINE + 1):
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            yield _TOO_LONG
            return
        yield line


class _Buffer:
    """A window on a text read in chunks: the part not yet consumed, and the line it starts on.
    A 100,000-breach export never has to sit in memory whole."""

    CHUNK = 1 << 20

    def __init__(self, read: Callable[[int], str]) -> None:
        self._read = read
        self.text = ""
        self.pos = 0
        self.line = 1  # the line of text[0]
        self.eof = False
        self._counted = (0, 1)  # (position, its line): counting goes on from there

    def more(self) -> bool:
        """Read another chunk, dropping what was consumed. False at the end of the file."""
        if self.eof:
            return False
        self.line = self.line_at(self.pos)
        chunk = self._read(self.CHUNK)
        self.text = self.text[self.pos :] + chunk
        self.pos = 0
        self._counted = (0, self.line)
        self.eof = not chunk
        return bool(chunk)

    def line_at(self, position: int) -> int:
        start, line = self._counted
        if position < start:
            start, line = 0, self.line
        line += self.text.count("\n", start, position)
        self._counted = (position, line)
        return line

    def skip(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""


def iter_array(buf: _Buffer) -> Iterator[Raw]:
    """The elements of a JSON array, one at a time, with the line each starts on."""
    # Only the end of each record is wanted here: its numbers are read (and checked) later.
    decoder = json.JSONDecoder(parse_int=len, parse_float=len, parse_constant=len)
    buf.skip()
    buf.pos += 1  # the '[' (checked when the file was opened)
    if buf.skip() == "]":
        return
    record = 0
    while True:
        record += 1
        while True:
            try:
                _value, end = decoder.raw_decode(buf.text, buf.pos)
            except json.JSONDecodeError as exc:
                # Cut short by the chunk's end, or really wrong? A record's longest string
                # (100,000 characters) fits in a chunk: if a chunk's worth follows, it is wrong.
                if len(buf.text) - exc.pos <= buf.CHUNK and buf.more():
                    continue
                line = buf.line + exc.lineno - 1
                yield Raw(line, record, problem=f"not valid JSON: {exc.msg} at line {line}")
                return
            except RecursionError:
                where = too_deep(buf.text[buf.pos :])
                yield Raw(buf.line_at(buf.pos), record, problem=str(where))
                return
            if end == len(buf.text) and buf.more():
                continue  # a number cut short by the chunk's end
            break
        yield Raw(buf.line_at(buf.pos), record, buf.text[buf.pos : end])
        buf.pos = end
        following = buf.skip()
        if following == ",":
            buf.pos += 1
            buf.skip()
            continue
        if following == "]":
            buf.pos += 1
            if buf.skip() == "":
                return
        yield Raw(
            buf.line_at(buf.pos),
            record + 1,
            problem="not valid JSON: expected ',' or ']' after a record",
        )
        return
