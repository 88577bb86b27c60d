"""The committee report's pictures: vector drawings (ReportLab graphics), readable in greyscale.

This period is drawn in solid dark grey, the comparison period in white with stripes and an
outline, and a legend names both in words: no meaning rests on colour. Every bar carries its
number; a small count hidden as 'fewer than 5' carries '<5' and no bar, so its size cannot be
read off the drawing either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from breach_desk.reports.parts import FULL_WIDTH
from breach_desk.reports.typefaces import FONT, FONT_BOLD, register_fonts

DARK = colors.HexColor("#3a3a3a")
STRIPE = colors.HexColor("#6a6a6a")
AXIS = colors.HexColor("#8a8a8a")
LIGHT = colors.HexColor("#e6e6e6")
MID = colors.HexColor("#bdbdbd")
TEXT = colors.HexColor("#1a1a1a")
HIDDEN = "<5"
LEFT_OUT = "*"
"""A count of 5 or more left out so that a hidden one cannot be worked out from the total."""
SIZE = 7.5


@dataclass(frozen=True, slots=True)
class Bar:
    """One group of bars: a label, this period's value and the comparison's (None: none).
    A value of None for this period means it is hidden (fewer than 5)."""

    label: str
    value: int | None
    compared: int | None = None
    compared_hidden: bool = False
    note: str = HIDDEN
    """What stands for a hidden value: '<5', or '*' for one left out."""
    compared_note: str = HIDDEN


def _text(
    x: float, y: float, s: str, *, anchor: str = "start", bold: bool = False, size: float = SIZE
) -> String:
    return String(
        x,
        y,
        s,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        fillColor=TEXT,
        textAnchor=anchor,
    )


def _fit(d: Drawing, s: str, width: float, size: float = SIZE) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(s, FONT, size) <= width:
        return s
    while s and stringWidth(s + "…", FONT, size) > width:
        s = s[:-1]
    return s + "…"


def _striped(d: Drawing, x: float, y: float, w: float, h: float) -> None:
    """A bar of the comparison period: white, outlined, with horizontal stripes."""
    d.add(Rect(x, y, w, h, fillColor=colors.white, strokeColor=DARK, strokeWidth=0.6))
    step = 2.2
    at = y + step
    while at < y + h - 0.5:
        d.add(Line(x, at, x + w, at, strokeColor=STRIPE, strokeWidth=0.4))
        at += step


def _legend(d: Drawing, x: float, y: float, this: str, other: str | None) -> None:
    d.add(Rect(x, y, 8, 6, fillColor=DARK, strokeColor=DARK, strokeWidth=0.6))
    d.add(_text(x + 11, y + 0.5, this))
    if other:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        x2 = x + 11 + stringWidth(this, FONT, SIZE) + 14
        _striped(d, x2, y, 8, 6)
        d.add(_text(x2 + 11, y + 0.5, other))


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose text starts in the embedded face (ReportLab's default is a Times that is
    not embedded)."""
    d = Drawing(width, height)
    d.initialFontName = FONT
    d.initialFontSize = SIZE
    return d


def _top(values: Sequence[int | None]) -> int:
    return max([v for v in values if v is not None] + [1])


DENSE = 24.0
"""Points: a month narrower than this has no numbers over its bars (the table has them) and
only January and the first month are named."""


def is_dense(months: int) -> bool:
    return bool((float(FULL_WIDTH) - 6.0) / max(months, 1) < DENSE)


def month_bars(bars: Sequence[Bar], this: str, other: str | None) -> Drawing:
    """Vertical bars, one group per month: this period beside the comparison."""
    register_fonts()
    width, height = FULL_WIDTH, 62 * mm
    d = _drawing(width, height)
    base, top_pad, left = 22.0, 26.0, 6.0
    plot_h = height - base - top_pad
    top = _top([b.value for b in bars] + [b.compared for b in bars])
    group = (width - left) / max(len(bars), 1)
    dense = is_dense(len(bars))
    pair = other is not None
    bar_w = min(group * (0.36 if pair else 0.6), 16)
    gap_w = min(2.0, group * 0.08) if pair else 0.0
    d.add(Line(left, base, width, base, strokeColor=AXIS, strokeWidth=0.6))
    for i, b in enumerate(bars):
        x0 = left + i * group + (group - bar_w * (2 if pair else 1) - gap_w) / 2
        series: list[tuple[int | None, bool, bool, str]] = [
            (b.value, b.value is None, False, b.note)
        ]
        if pair:
            series.append((b.compared, b.compared_hidden, True, b.compared_note))
        for k, (value, hidden, striped, note) in enumerate(series):
            x = x0 + k * (bar_w + gap_w)
            if hidden or value is None:
                if not dense:
                    d.add(_text(x + bar_w / 2, base + 2, note, anchor="middle", size=6.5))
                continue
            h = plot_h * value / top
            if h > 0:
                if striped:
                    _striped(d, x, base, bar_w, h)
                else:
                    d.add(
                        Rect(x, base, bar_w, h, fillColor=DARK, strokeColor=DARK, strokeWidth=0.6)
                    )
            if not dense:
                d.add(_text(x + bar_w / 2, base + h + 2, f"{value:,}", anchor="middle", size=6.5))
        lines = b.label.split("\n")
        if dense and len(lines) < 2:
            continue
        for n, line in enumerate(lines):
            d.add(
                _text(
                    left + i * group + group / 2,
                    base - 9 - n * 8,
                    line,
                    anchor="middle" if not dense else "start",
                    size=6.5,
                )
            )
    _legend(d, left, height - 9, this, other)
    return d


def horizontal_bars(
    bars: Sequence[Bar], this: str, other: str | None, *, label_width: float = 52 * mm
) -> Drawing:
    """Horizontal bars, one group per row (a cause, a service): this period and, below it, the
    comparison period."""
    register_fonts()
    pair = other is not None
    row = 20.0 if pair else 13.0
    legend = 14.0
    width = FULL_WIDTH
    height = legend + row * max(len(bars), 1) + 4
    d = _drawing(width, height)
    top = _top([b.value for b in bars] + [b.compared for b in bars])
    x0 = label_width + 4
    plot_w = width - x0 - 30
    bar_h = 7.0
    d.add(Line(x0, 2, x0, height - legend, strokeColor=AXIS, strokeWidth=0.6))
    for i, b in enumerate(bars):
        y_row = height - legend - (i + 1) * row
        label = _fit(d, b.label, label_width)
        d.add(_text(label_width, y_row + row - bar_h - 1.5, label, anchor="end"))
        series: list[tuple[int | None, bool, bool, str]] = [
            (b.value, b.value is None, False, b.note)
        ]
        if pair:
            series.append((b.compared, b.compared_hidden, True, b.compared_note))
        for k, (value, hidden, striped, note) in enumerate(series):
            y = y_row + row - (k + 1) * (bar_h + 1.5) - 0.5
            if hidden or value is None:
                d.add(_text(x0 + 3, y + 1.5, note, size=6.5))
                continue
            w = plot_w * value / top
            if w > 0:
                if striped:
                    _striped(d, x0, y, w, bar_h)
                else:
                    d.add(Rect(x0, y, w, bar_h, fillColor=DARK, strokeColor=DARK, strokeWidth=0.6))
            d.add(_text(x0 + w + 3, y + 1.5, f"{value:,}", size=6.5))
    _legend(d, x0, height - 9, this, other)
    return d


RISK_SHADE = {"unlikely": colors.white, "risk": LIGHT, "high": MID}


def matrix(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[str]],
    risks: Sequence[Sequence[str]],
    risk_words: dict[str, str],
) -> Drawing:
    """The severity × likelihood grid with the count in each cell; each cell shaded by its
    risk (white, light, darker grey) and naming the risk in words under its count."""
    register_fonts()
    label_w, head_h, cell_h = 30 * mm, 16.0, 30.0
    cell_w = (FULL_WIDTH - label_w) / len(columns)
    height = head_h + cell_h * len(rows) + 16
    d = _drawing(FULL_WIDTH, height)
    d.add(
        _text(
            label_w + cell_w * len(columns) / 2,
            height - 8,
            "Severity band",
            anchor="middle",
            bold=True,
        )
    )
    d.add(_text(0, height - 8, "Likelihood", bold=True))
    for j, c in enumerate(columns):
        d.add(_text(label_w + (j + 0.5) * cell_w, height - head_h - 4, c, anchor="middle"))
    for i, r in enumerate(rows):
        y = height - head_h - 8 - (i + 1) * cell_h
        d.add(_text(label_w - 4, y + cell_h / 2 - 2, r, anchor="end"))
        for j in range(len(columns)):
            x = label_w + j * cell_w
            risk = risks[i][j]
            d.add(
                Rect(
                    x,
                    y,
                    cell_w,
                    cell_h,
                    fillColor=RISK_SHADE.get(risk, colors.white),
                    strokeColor=AXIS,
                    strokeWidth=0.6,
                )
            )
            d.add(
                _text(
                    x + cell_w / 2,
                    y + cell_h / 2 + 1,
                    cells[i][j],
                    anchor="middle",
                    bold=True,
                    size=10,
                )
            )
            d.add(_text(x + cell_w / 2, y + 4, risk_words.get(risk, ""), anchor="middle", size=6))
    return d
