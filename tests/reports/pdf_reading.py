"""Reading the PDFs back as a person (or a screen reader) would: their text, pages, metadata."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

HEADER_LINES = 3
"""Marking (top edge), organisation, reference."""
FOOTER_LINES = 4
"""Reference and marking, generated at, page x of y, marking (bottom edge)."""


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def all_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def body_text(pdf: bytes) -> str:
    """The text of every page without the running header and footer, in reading order."""
    out = []
    for text in page_texts(pdf):
        lines = text.rstrip("\n").split("\n")
        # a letter to a person has no 'Generated' line in its footer
        stamped = any(ln.startswith("Generated ") for ln in lines[-FOOTER_LINES:])
        out.append("\n".join(lines[HEADER_LINES : -FOOTER_LINES if stamped else 1 - FOOTER_LINES]))
    return "\n".join(out)


def squash(text: str) -> str:
    """Without any whitespace: line wrapping and no-break spaces do not count."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def flat(text: str) -> str:
    """Whitespace runs as one space (wrapped lines joined)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
