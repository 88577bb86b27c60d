"""Reading the cells of one XLSX sheet quickly, as values the spreadsheet saved.

openpyxl's read-only mode builds an object per cell and takes about half a second per thousand
rows of a breach log; this reads the sheet's XML as a stream (``iterparse``, one row in memory
at a time) and gives each row's values: shared and inline strings, numbers, booleans, dates
(numbers in a date format), and for a formula the value saved with it (never worked out; none
when the file holds none). ``log import`` falls back to openpyxl for anything this does not
understand.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any
from xml.etree.ElementTree import iterparse

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL = re.compile(r"([A-Z]+)(\d+)")
MAX_XML = 1_000_000_000
"""A sheet larger than this uncompressed is not read (a zip bomb, not a breach log)."""


_NAMESPACES = (
    "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
    "{http://purl.oclc.org/ooxml/spreadsheetml/main}",
    "",
)
"""Transitional and strict Office Open XML, and none."""
_C, _ROW, _V, _IS = ({ns + name for ns in _NAMESPACES} for name in ("c", "row", "v", "is"))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


class FastBook:
    """One workbook: its sheet names, and the rows of any sheet."""

    def __init__(self, path: Any) -> None:
        self.zip = zipfile.ZipFile(path)
        self.sheets: dict[str, str] = {}
        self.date1904 = False
        self._read_workbook()
        self.shared = self._shared_strings()
        self.date_styles = self._date_styles()

    def close(self) -> None:
        self.zip.close()

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    def _open(self, name: str) -> IO[bytes]:
        info = self.zip.getinfo(name)
        if info.file_size > MAX_XML:
            raise ValueError(f"{name} is too large")
        return self.zip.open(info)

    def _read_workbook(self) -> None:
        targets: dict[str, str] = {}
        with self._open("xl/_rels/workbook.xml.rels") as rels:
            for _event, elem in iterparse(rels):
                if _local(elem.tag) == "Relationship":
                    target = elem.get("Target", "")
                    if target.startswith("/"):
                        target = target[1:]
                    else:
                        target = posixpath.normpath(posixpath.join("xl", target))
                    targets[elem.get("Id", "")] = target
        with self._open("xl/workbook.xml") as book:
            for _event, elem in iterparse(book):
                name = _local(elem.tag)
                if name == "sheet":
                    self.sheets[elem.get("name", "")] = targets[elem.get(_REL, "")]
                elif name == "workbookPr":
                    self.date1904 = elem.get("date1904") in ("1", "true")

    def _shared_strings(self) -> list[str]:
        try:
            handle = self._open("xl/sharedStrings.xml")
        except KeyError:
            return []
        out: list[str] = []
        with handle:
            for _event, elem in iterparse(handle):
                if _local(elem.tag) == "si":
                    out.append(_text(elem))
                    elem.clear()
        return out

    def _date_styles(self) -> set[int]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        try:
            handle = self._open("xl/styles.xml")
        except KeyError:
            return set()
        formats: dict[int, str] = dict(BUILTIN_FORMATS)
        dates: set[int] = set()
        index = 0
        in_xfs = False
        with handle:
            for event, elem in iterparse(handle, events=("start", "end")):
                name = _local(elem.tag)
                if event == "start":
                    if name == "cellXfs":
                        in_xfs = True
                    continue
                if name == "numFmt":
                    formats[int(elem.get("numFmtId", "0"))] = elem.get("formatCode", "")
                elif name == "cellXfs":
                    in_xfs = False
                elif name == "xf" and in_xfs:
                    code = formats.get(int(elem.get("numFmtId", "0")), "")
                    if code and is_date_format(code):
                        dates.add(index)
                    index += 1
        return dates

    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values by column) for every row the sheet holds."""
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        epoch = CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900
        shared, dates = self.shared, self.date_styles
        with self._open(self.sheets[sheet]) as handle:
            number = 0
            values: dict[int, Any] = {}
            next_col = 0
            for _event, elem in iterparse(handle):
                tag = elem.tag
                if tag in _C:
                    ref = elem.get("r")
                    found = _CELL.match(ref) if ref else None
                    col = _column(found[1]) if found else next_col
                    next_col = col + 1
                    kind = elem.get("t", "n")
                    raw = None
                    for child in elem:
                        if child.tag in _V:
                            raw = child.text
                        elif child.tag in _IS:
                            raw = _text(child)
                    value: Any = None
                    if raw is not None:
                        if kind == "s":
                            value = shared[int(raw)]
                        elif kind in ("inlineStr", "str"):
                            value = raw
                        elif kind == "b":
                            value = raw.strip() in ("1", "true")
                        elif kind == "e":
                            value = None
                        elif kind == "d":
                            value = datetime.fromisoformat(raw)
                        else:
                            num = float(raw)
                            if int(elem.get("s", "0")) in dates:
                                value = from_excel(num, epoch)
                            elif num.is_integer() and raw.lstrip("-").isdigit():
                                value = int(num)
                            else:
                                value = num
                    if value is not None:
                        values[col] = value
                    elem.clear()
                elif tag in _ROW:
                    ref = elem.get("r")
                    number = int(ref) if ref else number + 1
                    if values:
                        width = max(values) + 1
                        yield number, [values.get(i) for i in range(width)]
                    values = {}
                    next_col = 0
                    elem.clear()


def _text(elem: Any) -> str:
    """The text of a shared or inline string (its runs; not phonetic guides)."""
    parts: list[str] = []
    for child in elem:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)
