"""The fonts embedded in every report, shipped as package data (``breach_desk/reports/fonts``).

DejaVu Sans covers Latin (Polish, Vietnamese...), Greek, Cyrillic, Hebrew and Arabic; a subset of
Symbola supplies the emoji and symbols DejaVu lacks. ``markup.escape`` switches to the symbol font
for exactly those characters, so every character a person typed is drawn with a real glyph
where either font has one.

ReportLab 4.5 writes the ToUnicode map (what text extraction, search and screen readers use) with
``<%04X>``, which breaks for characters above U+FFFF (emoji come out as garbage). We replace that
one function with one that writes UTF-16BE, as the PDF specification requires. The same map turns
the Arabic presentation forms our shaping draws back into the letters that were typed.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts

FONT = "BreachDeskSans"
FONT_BOLD = "BreachDeskSans-Bold"
FONT_SYMBOLS = "BreachDeskSymbols"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_SYMBOLS: "SymbolaSubset.ttf",
}
_lock = threading.Lock()
_registered = False


def _is_presentation_form(code: int) -> bool:
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def _utf16_hex(code: int) -> str:
    text = chr(code)
    if _is_presentation_form(code):
        # A shaped Arabic glyph reads back as the letters typed (lam-alef is two letters).
        text = unicodedata.normalize("NFKC", text)
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ``makeToUnicodeCMap`` with UTF-16BE destinations (PDF 1.7, 9.10.3)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def font_path(name: str) -> str:
    """Where the TrueType file of a registered name lives (inside the installed package)."""
    return str(resources.files("breach_desk.reports.fonts").joinpath(_FILES[name]))


def register_fonts() -> None:
    """Register the report fonts with ReportLab once per process (thread-safe, idempotent)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
        for name in _FILES:
            pdfmetrics.registerFont(ttfonts.TTFont(name, font_path(name)))
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT)
        addMapping(FONT, 1, 1, FONT_BOLD)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FONT_SYMBOLS, bold, italic, FONT_SYMBOLS)
        _registered = True


def _cmap(name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(name)
    return frozenset(font.face.charToGlyph)


@cache
def main_coverage() -> frozenset[int]:
    """Code points DejaVu Sans draws."""
    return _cmap(FONT)


@cache
def symbol_coverage() -> frozenset[int]:
    """Code points the symbol font adds."""
    return _cmap(FONT_SYMBOLS) - main_coverage()


def keep_missing(code: int) -> None:
    """Let a character that no report font has still reach the PDF's text (search, copy, screen
    readers): it is drawn as the font's 'missing glyph' box but its ToUnicode entry is kept.
    ReportLab would otherwise write it as code 0, which reads back as NUL."""
    for name in (FONT, FONT_BOLD):
        face = pdfmetrics.getFont(name).face
        if code not in face.charToGlyph:
            with _lock:
                face.charToGlyph[code] = 0
