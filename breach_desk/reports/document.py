"""The page every report shares: A4, header and footer with the marking, "Page x of y",
metadata without personal data, and identical bytes for identical inputs.

Determinism: ReportLab's invariant mode fixes the document id; the generation time printed in
the footer, and written as the PDF's creation date, is passed in (``ReportSettings.generated_at``),
never read here.
Reading order: the header is drawn first, the story next, the footer last, so a screen reader or
text extraction meets them in that order.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
)

from breach_desk import __version__
from breach_desk.domain.clock import as_aware
from breach_desk.reports.styles import INK, MARGIN, MUTED, RULE, moment
from breach_desk.reports.typefaces import (
    FONT,
    FONT_BOLD,
    FONT_SYMBOLS,
    keep_missing,
    main_coverage,
    register_fonts,
    symbol_coverage,
)

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
PRODUCER = "Breach Desk"

MARKING_INSET = 11 * mm
"""The protective marking, top and bottom, stays this far from the paper's edge: printers
clip within 5 mm or so, and a marking must never be lost."""
HEADER_Y = A4[1] - 17 * mm - 8
FOOTER_Y = MARKING_INSET + 8 * mm
"""Baselines of the header line (organisation, reference) and of the footer line; the audit
position prints just under the footer line, the marking under that."""

# ReportLab keeps per-document font state in module globals: build one PDF at a time.
_build_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """What every report needs besides the breach: who prints it, its marking, and when."""

    organisation: str
    generated_at: datetime
    """Printed in the footer and used for 'overdue' and ages. Pass it in: same input, same bytes."""
    marking: str = DEFAULT_MARKING
    contact: str | None = None
    """Who the affected person or the ICO should contact (the DPO or IG team), when known."""
    audit_position: str | None = None
    """Where the register's audit chain was when the report was made, as the footer prints it
    ("audit #1,234 · 7ca8e0f3b2a1…", ``store.witness.footer_text``), so that a later truncation
    of the log shows against the paper (``breach-desk audit verify --expect``)."""


@dataclass(frozen=True, slots=True)
class _Frame:
    organisation: str
    marking: str
    reference: str
    generated: str
    audit: str = ""


def _runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` in runs of one font each: the body's fallback (``markup``), so that an emoji or a
    symbol in a reference or an organisation's name prints in the header and footer as in the
    body, not as an empty box."""
    main, symbols = main_coverage(), symbol_coverage()
    out: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        name = FONT_SYMBOLS if code not in main and code in symbols else font
        if code not in main and code not in symbols:
            keep_missing(code)
        if out and out[-1][1] == name:
            out[-1] = (out[-1][0] + char, name)
        else:
            out.append((char, name))
    return out


def _width(canvas: Canvas, text: str, font: str, size: float) -> float:
    return float(sum(canvas.stringWidth(run, name, size) for run, name in _runs(text, font)))


def _draw(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "left"
) -> None:
    """Draw one line with the font fallback, anchored at its left, centre or right."""
    width = _width(canvas, text, font, size)
    if anchor == "centre":
        x -= width / 2
    elif anchor == "right":
        x -= width
    for run, name in _runs(text, font):
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += canvas.stringWidth(run, name, size)


def _clip(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Header and footer text on one line: shorten with an ellipsis when it would not fit."""
    if _width(canvas, text, font, size) <= width:
        return text
    while text and _width(canvas, text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The size at which ``text`` fits ``width`` whole (never below 4 points): the protective
    marking is never cut, only set smaller when it is very long."""
    while size > 4 and _width(canvas, text, font, size) > width:
        size -= 0.25
    return size


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds each page until the end so the footer can say 'Page x of y'."""

    def __init__(self, *args: Any, frame: _Frame, created: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._frame = frame
        self._pages: list[dict[str, Any]] = []
        # Invariant mode would date every file 1 Jan 2000: the metadata carries the moment the
        # document was made instead (the one its footer prints), still the same for the same input.
        self.setDateFormatter(lambda *_ymdhms: created)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _footer(self, number: int, total: int) -> None:
        f = self._frame
        width, _ = A4
        y = FOOTER_Y
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, y + 10, width - MARGIN, y + 10)
        self.setFillColor(MUTED)
        page = f"Page {number} of {total}"
        # the reference may be shortened; the marking after it never is
        room = (width - 2 * MARGIN) * 0.3
        marking = f" · {f.marking}"
        size = _fit(self, marking, FONT, 7.5, room * 0.6)
        reference = _clip(self, f.reference, FONT, 7.5, room - _width(self, marking, FONT, size))
        if size == 7.5:
            _draw(self, MARGIN, y, reference + marking, FONT, 7.5)
        else:  # a very long marking: whole, in smaller type
            _draw(self, MARGIN, y, reference, FONT, 7.5)
            _draw(self, MARGIN + _width(self, reference, FONT, 7.5), y, marking, FONT, size)
        if f.generated:
            _draw(self, width / 2, y, f"Generated {f.generated}", FONT, 7.5, "centre")
        if f.audit:
            _draw(self, width / 2, y - 9, f.audit, FONT, 6.5, "centre")
        _draw(self, width - MARGIN, y, page, FONT_BOLD, 7.5, "right")
        size = _fit(self, f.marking, FONT_BOLD, 8, width - 2 * MARGIN)
        _draw(self, width / 2, MARKING_INSET, f.marking, FONT_BOLD, size, "centre")


def pdf_date(moment: datetime) -> str:
    """A moment as a PDF date string, in UTC: 'D:20210420080000Z'."""
    utc = as_aware(moment).astimezone(UTC)
    return utc.strftime("D:%Y%m%d%H%M%SZ")


def _header(frame: _Frame, canvas: Canvas, doc: BaseDocTemplate) -> None:
    width, height = A4
    canvas.saveState()
    canvas.setFillColor(INK)
    size = _fit(canvas, frame.marking, FONT_BOLD, 8, width - 2 * MARGIN)
    _draw(canvas, width / 2, height - MARKING_INSET - 8, frame.marking, FONT_BOLD, size, "centre")
    y = HEADER_Y
    half = (width - 2 * MARGIN) / 2
    organisation = _clip(canvas, frame.organisation, FONT, 8.5, half * 1.2)
    _draw(canvas, MARGIN, y, organisation, FONT, 8.5)
    reference = _clip(canvas, frame.reference, FONT_BOLD, 8.5, half * 0.7)
    _draw(canvas, width - MARGIN, y, reference, FONT_BOLD, 8.5, "right")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y - 5, width - MARGIN, y - 5)
    canvas.restoreState()


def build_pdf(
    story: Sequence[Flowable],
    settings: ReportSettings,
    *,
    reference: str,
    subject: str,
    on_page: Callable[[int], None] | None = None,
    public: bool = False,
) -> bytes:
    """Lay out ``story`` on A4 pages and return the PDF. ``reference`` is the title in the PDF's
    metadata (never a person's name); ``subject`` says what kind of report it is. A ``public``
    document (a letter to a person) carries no audit position and no generation time: those
    are for the organisation's own records, and mean nothing to the person who reads it."""
    register_fonts()
    frame = _Frame(
        organisation=settings.organisation,
        marking=settings.marking,
        reference=reference,
        generated="" if public else moment(settings.generated_at),
        audit="" if public else settings.audit_position or "",
    )
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=A4[1] - HEADER_Y + 12,
        bottomMargin=FOOTER_Y + 22,
        title=reference,
        author=settings.organisation,
        subject=subject,
        creator=f"Breach Desk {__version__}",
        producer=PRODUCER,
        keywords=[],
        invariant=1,
        lang="en-GB",
        displayDocTitle=1,
        initialFontName=FONT,
    )
    body = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def page(canvas: Canvas, template_doc: BaseDocTemplate) -> None:
        _header(frame, canvas, template_doc)
        if on_page is not None:
            on_page(canvas.getPageNumber())

    doc.addPageTemplates([PageTemplate(id="page", frames=[body], onPage=page)])
    flowables = list(story)
    while flowables and isinstance(flowables[-1], Spacer | CondPageBreak):
        flowables.pop()  # space after the last thing would only start an empty page
    with _build_lock:
        doc.build(
            flowables,
            canvasmaker=partial(
                _NumberedCanvas, frame=frame, created=pdf_date(settings.generated_at)
            ),
        )
    return out.getvalue()
