"""The 4x4 risk matrix of METHOD.md section 3, drawn as a table with this breach's cell marked.

A table, not a picture: every cell is text, so a screen reader and text extraction read it, and
the marked cell says THIS BREACH in words as well as with a heavy border.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from breach_desk.domain.enums import Band, Likelihood
from breach_desk.method.likelihood import RISK_MATRIX
from breach_desk.reports.markup import fmt, literal, para
from breach_desk.reports.parts import FONT_COMMANDS
from breach_desk.reports.styles import (
    BAND_COLOUR,
    BAND_TEXT,
    BANDS,
    LIKELIHOOD_ORDER,
    RISK_TINT,
    RISK_WORDS,
    SHADE,
    band_words,
    styles,
)


def risk_matrix(band: Band, likelihood: Likelihood) -> Flowable:
    s = styles()
    centre = s.cell.clone("matrix", alignment=1)
    centre_bold = s.cell_bold.clone("matrix_bold", alignment=1)
    rows: list[list[Any]] = [
        [para(literal("Likelihood \\ severity"), s.cell_bold)]
        + [
            para(fmt("{}", band_words(b)), centre_bold.clone("b", textColor=BAND_TEXT[b]))
            for b in BANDS
        ]
    ]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 1), (0, -1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    for col, b in enumerate(BANDS, start=1):
        commands.append(("BACKGROUND", (col, 0), (col, 0), BAND_COLOUR[b]))
    for row, lk in enumerate(LIKELIHOOD_ORDER, start=1):
        line: list[Any] = [para(fmt("{}", lk.value.capitalize()), s.cell_bold)]
        for col, b in enumerate(BANDS, start=1):
            risk = RISK_MATRIX[lk][b]
            commands.append(("BACKGROUND", (col, row), (col, row), RISK_TINT[risk]))
            if b is band and lk is likelihood:
                line.append(para(fmt("<b>THIS BREACH</b><br/>{}", RISK_WORDS[risk]), centre_bold))
                commands.append(("BOX", (col, row), (col, row), 2.2, colors.black))
            else:
                line.append(para(fmt("{}", RISK_WORDS[risk]), centre))
        rows.append(line)
    t = Table(rows, colWidths=[38 * mm] + [28 * mm] * 4, hAlign="LEFT")
    t.setStyle(TableStyle([*FONT_COMMANDS, *commands]))
    return t
