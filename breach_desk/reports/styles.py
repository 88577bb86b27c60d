"""Type, colour and the words for values: one look for every report (design/UI.md, the PDF)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from breach_desk.domain import description, vocabulary
from breach_desk.domain.enums import Band, Likelihood, RecommendationStatus, Risk
from breach_desk.reports.typefaces import FONT, FONT_BOLD, register_fonts

MARGIN = 18 * mm
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#b8b8b8")
SHADE = colors.HexColor("#f1f1f1")
OVERDUE_TINT = colors.HexColor("#fde3e0")

BAND_COLOUR = {
    Band.LOW: colors.HexColor("#2e7d32"),
    Band.MEDIUM: colors.HexColor("#f2b400"),
    Band.HIGH: colors.HexColor("#e8710a"),
    Band.VERY_HIGH: colors.HexColor("#c62828"),
}
BAND_TEXT = {
    Band.LOW: colors.white,
    Band.MEDIUM: INK,
    Band.HIGH: INK,
    Band.VERY_HIGH: colors.white,
}
RISK_TINT = {
    Risk.UNLIKELY: colors.HexColor("#e3f1e4"),
    Risk.RISK: colors.HexColor("#fdf0c8"),
    Risk.HIGH: colors.HexColor("#f9d3cf"),
}
RISK_WORDS = vocabulary.RISK_SHORT
"""For narrow places (the matrix, a table column)."""
LIKELIHOOD_ORDER = (Likelihood.OCCURRED, Likelihood.LIKELY, Likelihood.POSSIBLE, Likelihood.REMOTE)
BANDS = (Band.LOW, Band.MEDIUM, Band.HIGH, Band.VERY_HIGH)


class Styles:
    """Paragraph styles, built once the fonts are registered."""

    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK)
        self.body = base
        self.body_bold = ParagraphStyle("body_bold", parent=base, fontName=FONT_BOLD)
        self.small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11)
        self.muted = ParagraphStyle("muted", parent=self.small, textColor=MUTED)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=FONT_BOLD)
        self.code = ParagraphStyle("code", parent=self.cell_bold, fontSize=7.5, leading=10)
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=1,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        )
        self.title = ParagraphStyle("title", parent=self.h1, fontSize=18, leading=22, spaceBefore=0)
        self.big = ParagraphStyle("big", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16)
        self.band = ParagraphStyle(
            "band", parent=base, fontName=FONT_BOLD, fontSize=15, leading=18, textColor=colors.white
        )
        self.letter = ParagraphStyle("letter", parent=base, fontSize=11, leading=15.5, spaceAfter=8)


@cache
def styles() -> Styles:
    return Styles()


def band_words(band: Band | None) -> str:
    return vocabulary.band_caps(band) if band else "NOT ASSESSED"


def day(value: date | datetime | None) -> str:
    """'15 Mar 2021' (London date for a moment): the one description's format."""
    return description.day(value)


def moment(value: datetime | None) -> str:
    """'Mon 15 Mar 2021 10:00 GMT' in London time: the one description's format."""
    return description.moment(value)


def status_words(status: RecommendationStatus) -> str:
    return vocabulary.label(status)
