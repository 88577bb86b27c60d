"""The only door from text into a ReportLab ``Paragraph``.

``Paragraph`` parses its text as mini-XML: raw user text corrupts (``S&P`` prints ``S&P;``),
crashes (``a <b``) or injects markup (``<b>x</b>`` turns bold). So a ``Paragraph`` is only ever
built here, from ``Markup``: a ``str`` subclass made by ``escape`` (user text: titles,
descriptions, names, notes, evidence, the letter), ``literal`` (markup written in our code) or
``fmt`` (a literal template whose arguments are escaped). Nothing else is ``Markup``, so mypy
and a runtime check refuse a plain string.

``escape`` also makes the text print as typed: newlines become line breaks, blank lines stay
blank, runs of spaces and tabs keep their width (no-break spaces: ReportLab collapses ordinary
ones), right-to-left runs are ordered and shaped (``bidi``), and emoji or symbols that DejaVu
lacks switch to the symbol font.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import Paragraph

from breach_desk.reports import bidi
from breach_desk.reports.typefaces import (
    FONT_SYMBOLS,
    keep_missing,
    main_coverage,
    symbol_coverage,
)

__all__ = ["Markup", "escape", "fmt", "join", "literal", "para"]

TAB = "\u00a0" * 4
_NBSP = "\u00a0"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ENTITY_TABLE = str.maketrans(_ENTITIES)


class Markup(str):
    """Text that is safe to hand to ``Paragraph``: escaped, or written by us."""

    __slots__ = ()

    def __add__(self, other: str) -> Markup:
        if not isinstance(other, Markup):
            raise TypeError("add Markup only to Markup; escape user text first")
        return Markup(str.__add__(self, other))


def literal(markup: str) -> Markup:
    """Markup written in our own code (a constant or a template). Never pass user text here."""
    return Markup(markup)


def _spaces(line: str) -> str:
    """Keep the width of tabs and repeated spaces; ReportLab collapses ordinary whitespace."""
    line = line.replace("\t", TAB)

    def keep(match: re.Match[str]) -> str:
        width = len(match.group())
        return " " + _NBSP * (width - 1) if match.start() else _NBSP * width

    return re.sub(r"^ +| {2,}", keep, line)


def _fonts(line: str) -> str:
    """XML-escape, and put characters that only the symbol font has in that font."""
    main, symbols = main_coverage(), symbol_coverage()
    if main.issuperset(map(ord, line)):  # the usual case: all in the main face
        return line.translate(_ENTITY_TABLE)
    out: list[str] = []
    in_symbols = False
    for char in line:
        code = ord(char)
        wants_symbols = code not in main and code in symbols
        if code not in main and not wants_symbols:
            keep_missing(code)
        if wants_symbols != in_symbols:
            out.append(f'<font name="{FONT_SYMBOLS}">' if wants_symbols else "</font>")
            in_symbols = wants_symbols
        out.append(_ENTITIES.get(char, char))
    if in_symbols:
        out.append("</font>")
    return "".join(out)


def escape(text: str | None) -> Markup:
    """User text as markup that prints exactly as typed. ``None`` prints as nothing."""
    if not text:
        return Markup("")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").rstrip("\n")
    text = _CONTROL.sub("\ufffd", text)
    covered = main_coverage()
    # a run of blank lines prints as one blank line (200 newlines are not pages of nothing)
    kept: list[str] = []
    for line in text.split("\n"):
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    lines = [_fonts(_spaces(bidi.visual_line(line, covered))) for line in kept]
    # An empty line between two <br/> collapses; a no-break space keeps it as a blank line.
    return Markup("<br/>".join(line or _NBSP for line in lines))


def fmt(template: str, *args: Any, **kwargs: Any) -> Markup:
    """Fill a literal markup template; every argument that is not Markup is escaped."""

    def safe(value: Any) -> Markup:
        return value if isinstance(value, Markup) else escape(str(value))

    return Markup(
        template.format(*(safe(a) for a in args), **{k: safe(v) for k, v in kwargs.items()})
    )


def join(separator: Markup, items: list[Markup]) -> Markup:
    return Markup(str(separator).join(items))


class _Paragraph(Paragraph):  # type: ignore[misc]
    """A paragraph laid out once for each width it is given.

    A table lays each cell's paragraph out to find the row's height, then again, at the same
    width, to draw it; a long report is mostly table cells. The lines found the first time are
    kept and drawn (the same lines: a paragraph's layout depends only on its text, its style and
    the width). Anything that drops or replaces them (a split) is laid out again.
    """

    _laid_out: tuple[float, Any, float, float] | None = None

    def _setup(self, text: str, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        """Text without a tag (a reference, a date, a name: most table cells) is parsed once per
        style: later paragraphs with the same text take copies of the parsed fragments."""
        if frags is not None or bulletText or "<" in text:
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, id(style))
        found = _PARSED.get(key)
        if found is None or found[0] is not style:
            super()._setup(text, style, bulletText, frags, cleaner)
            if len(_PARSED) >= _PARSED_MOST:
                _PARSED.clear()
            mine = self.__dict__
            _PARSED[key] = (style, mine["text"], [f.clone() for f in mine["frags"]], mine["style"])
            return
        _style, cleaned, parsed, parsed_style = found
        self.__dict__.update(
            text=cleaned,
            frags=[f.clone() for f in parsed],
            style=parsed_style,
            bulletText=bulletText,
            debug=0,
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._laid_out
        if done is not None and done[0] == availWidth and self.__dict__.get("blPara") is done[1]:
            return done[2], done[3]
        width, height = super().wrap(availWidth, availHeight)
        self._laid_out = (availWidth, self.__dict__.get("blPara"), width, height)
        return width, height


_PARSED: dict[tuple[str, int], tuple[Any, str, list[Any], Any]] = {}
"""Tagless text already parsed, by text and style: (style, cleaned text, fragments, style)."""
_PARSED_MOST = 20_000


def para(markup: Markup, style: Any) -> Paragraph:
    """The one place a ``Paragraph`` is made. Refuses anything that is not ``Markup``."""
    if not isinstance(markup, Markup):
        raise TypeError("Paragraph text must be Markup: use escape() for user text")
    return _Paragraph(str(markup), style)
