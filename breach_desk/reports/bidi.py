"""Right-to-left text (Hebrew, Arabic) in a left-to-right report, without extra packages.

ReportLab 4.5 reorders and shapes right-to-left text only with the optional ``rlbidi`` package,
which the package index we install from does not carry. PDFs store text in the order it is
drawn, left to right; readers and text extractors (pypdf, pdftotext, screen readers) read a run
of Hebrew or Arabic glyphs back to front. So we do the two steps ourselves, per line:

1. Shape Arabic: each letter takes its isolated, initial, medial or final form (Unicode
   presentation forms, which DejaVu Sans has) from its neighbours, and lam + alef become one
   ligature. The PDF's ToUnicode map turns every form back into the typed letters (``typefaces``).
2. Reorder for display: each right-to-left run (from a Hebrew or Arabic letter to the last one
   before any left-to-right letter) is drawn reversed, keeping digits left to right, combining
   marks on their letter, and mirroring brackets.

Known limit: reordering happens before ReportLab wraps lines, so a right-to-left run that itself
wraps across lines shows its later words on the first line. Names, addresses and sentences of
right-to-left text inside English reports, the usual case, fit on a line and read correctly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<"}
_FORM = re.compile(r"<(isolated|final|initial|medial)> ([0-9A-F]{4})(?: ([0-9A-F]{4}))?$")
_LAM = "\u0644"
_TATWEEL = "\u0640"


def is_rtl(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _RTL_RANGES)


def _strong_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _strong_ltr(char: str) -> bool:
    return unicodedata.bidirectional(char) == "L"


@cache
def _tables() -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], dict[str, str]]]:
    """Presentation forms by letter, and lam-alef ligatures, read from the Unicode database."""
    forms: dict[str, dict[str, str]] = {}
    ligatures: dict[tuple[str, str], dict[str, str]] = {}
    for block in (range(0xFE70, 0xFEFD), range(0xFB50, 0xFE00)):
        for code in block:
            match = _FORM.match(unicodedata.decomposition(chr(code)))
            if not match:
                continue
            tag, first, second = match.groups()
            if second is None:
                forms.setdefault(chr(int(first, 16)), {}).setdefault(tag, chr(code))
            elif chr(int(first, 16)) == _LAM:
                key = (_LAM, chr(int(second, 16)))
                ligatures.setdefault(key, {}).setdefault(tag, chr(code))
    return forms, ligatures


def _joins_both(char: str, forms: dict[str, dict[str, str]]) -> bool:
    if char == _TATWEEL:
        return True
    f = forms.get(char, {})
    return "initial" in f or "medial" in f


def _joins(char: str, forms: dict[str, dict[str, str]]) -> bool:
    return char == _TATWEEL or "final" in forms.get(char, {})


def _transparent(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Cf") and char != "\u200d"


def shape_arabic(text: str, covered: frozenset[int] | None = None) -> str:
    """Replace Arabic letters by their contextual presentation forms (logical order kept)."""
    forms, ligatures = _tables()
    letters = [i for i, c in enumerate(text) if not _transparent(c)]
    out = list(text)
    skip: set[int] = set()
    for n, i in enumerate(letters):
        char = text[i]
        if i in skip or (char not in forms and char != _LAM):
            continue
        prev = text[letters[n - 1]] if n > 0 else ""
        nxt_i = letters[n + 1] if n + 1 < len(letters) else -1
        nxt = text[nxt_i] if nxt_i >= 0 else ""
        joins_prev = bool(prev) and _joins_both(prev, forms) and _joins(char, forms)
        if char == _LAM and (_LAM, nxt) in ligatures:
            lig = ligatures[(_LAM, nxt)]
            glyph = lig.get("final" if joins_prev else "isolated")
            if glyph and (covered is None or ord(glyph) in covered):
                out[i] = glyph
                out[nxt_i] = ""
                skip.add(nxt_i)
                continue
        joins_next = bool(nxt) and _joins_both(char, forms) and _joins(nxt, forms)
        tag = {
            (True, True): "medial",
            (True, False): "final",
            (False, True): "initial",
            (False, False): "isolated",
        }[(joins_prev, joins_next)]
        glyph = forms.get(char, {}).get(tag)
        if glyph and (covered is None or ord(glyph) in covered):
            out[i] = glyph
    return "".join(out)


def _clusters(text: str) -> list[str]:
    """A letter with the combining marks after it stays one unit when a run is reversed."""
    out: list[str] = []
    for char in text:
        if out and unicodedata.combining(char):
            out[-1] += char
        else:
            out.append(char)
    return out


def _reverse_run(run: str) -> str:
    units = _clusters(run)
    # Digits (and separators between digits) read left to right inside a right-to-left run.
    groups: list[list[str]] = []
    for unit in units:
        numeric = unicodedata.bidirectional(unit[0]) in ("EN", "AN")
        if groups and numeric and groups[-1][0] == "num":
            groups[-1].append(unit)
        else:
            groups.append(["num" if numeric else "txt", unit])
    pieces: list[str] = []
    for group in reversed(groups):
        kind, items = group[0], group[1:]
        if kind == "num":
            pieces.append("".join(items))
        else:
            pieces.extend(_MIRROR.get(u, u) for u in reversed(items))
    return "".join(pieces)


def visual_line(line: str, covered: frozenset[int] | None = None) -> str:
    """One line of text in the order to draw it, left to right (left-to-right paragraph)."""
    if line.isascii() or not any(is_rtl(c) for c in line):
        return line
    line = shape_arabic(line, covered)
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        if not _strong_rtl(line[i]):
            out.append(line[i])
            i += 1
            continue
        end = i  # the last strong right-to-left character before any left-to-right letter
        j = i
        while j < n and not _strong_ltr(line[j]):
            if _strong_rtl(line[j]):
                end = j
            j += 1
        while end + 1 < n and unicodedata.combining(line[end + 1]):
            end += 1
        out.append(_reverse_run(line[i : end + 1]))
        i = end + 1
    return "".join(out)
