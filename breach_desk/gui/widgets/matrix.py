"""The 4 x 4 risk matrix of METHOD.md section 3, drawn with the assessed cell lit.

Every cell carries its word (unlikely, risk, high); the lit cell is framed and marked with a dot,
so it reads without colour. Screen readers get the whole result as the accessible description.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from breach_desk.domain import vocabulary as v
from breach_desk.domain.enums import Band, Likelihood
from breach_desk.gui import style

# Columns low to very high; rows occurred at the top down to remote; words from the vocabulary.
_BANDS = tuple(b.value for b in Band)
_BAND_WORDS = tuple(v.label(b) for b in Band)
_LIKELIHOODS = tuple(lk.value for lk in reversed(Likelihood))
_LIKELIHOOD_WORDS = {lk.value: v.label(lk) for lk in Likelihood}
_RISK_WORDS = {r.value: word for r, word in v.MATRIX_CELL.items()}


@cache
def _table() -> dict[str, dict[str, str]]:
    # The method's own matrix, imported when first drawn (not when the window starts).
    from breach_desk.method.likelihood import RISK_MATRIX

    return {lk.value: {b.value: r.value for b, r in row.items()} for lk, row in RISK_MATRIX.items()}


def _risk(likelihood: str, band: str) -> str:
    return _table()[likelihood][band]


class RiskMatrix(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._band: str | None = None
        self._likelihood: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Risk matrix")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_cell(self, band: str | None, likelihood: str | None) -> None:
        self._band, self._likelihood = band, likelihood
        if band and likelihood:
            risk = _risk(likelihood, band)
            self.setAccessibleDescription(
                f"Likelihood {v.words(Likelihood(likelihood))}, severity "
                f"{v.words(Band(band))}: risk {_RISK_WORDS[risk].lower()}."
            )
        else:
            self.setAccessibleDescription("Not assessed yet.")
        self.update()

    def _metrics(self) -> tuple[float, float, float]:
        fm = self.fontMetrics()
        left = max(fm.horizontalAdvance(w) for w in _LIKELIHOOD_WORDS.values()) + fm.height()
        top = fm.height() * 1.6
        cell_h = fm.height() * 1.9
        return left, top, cell_h

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        left, top, cell_h = self._metrics()
        width = int(left + 4 * max(fm.horizontalAdvance(w + "  ") for w in _BAND_WORDS))
        return QSize(width, int(top + 4 * cell_h + fm.height() * 1.4))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        left, top, cell_h = self._metrics()
        cell_w = (self.width() - left - 2) / 4
        text_pen = QPen(pal.color(QPalette.ColorRole.WindowText))
        p.setPen(text_pen)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.9))
        p.setFont(small)
        for col, word in enumerate(_BAND_WORDS):
            r = QRectF(left + col * cell_w, 0, cell_w, top)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, word)
        for row, likelihood in enumerate(_LIKELIHOODS):
            r = QRectF(0, top + row * cell_h, left - 6, cell_h)
            p.drawText(
                r,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _LIKELIHOOD_WORDS[likelihood],
            )
        for row, likelihood in enumerate(_LIKELIHOODS):
            for col, band in enumerate(_BANDS):
                risk = _risk(likelihood, band)
                lit = band == self._band and likelihood == self._likelihood
                a = style.accent(style.risk_kind(risk), pal)
                r = QRectF(left + col * cell_w + 1, top + row * cell_h + 1, cell_w - 2, cell_h - 2)
                bg = QColor(a.background)
                if not lit and self._band is not None:
                    # Dimmed over the window's colour, and the words chosen to read on the
                    # result: never dark on dark olive in a dark palette.
                    bg = style.blend(bg, pal.color(QPalette.ColorRole.Window), 0.45)
                p.fillRect(r, bg)
                font = QFont(small)
                font.setBold(lit)
                p.setFont(font)
                p.setPen(QPen(style.readable(a.text, bg)))
                word = _RISK_WORDS[risk]
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"● {word}" if lit else word)
                if lit:
                    p.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 3))
                    p.drawRect(r.adjusted(1, 1, -1, -1))
        p.setFont(small)
        p.setPen(text_pen)
        foot = QRectF(left, top + 4 * cell_h, 4 * cell_w, self.height() - top - 4 * cell_h)
        p.drawText(foot, Qt.AlignmentFlag.AlignCenter, "severity →   ·   likelihood ↑")
        p.end()
