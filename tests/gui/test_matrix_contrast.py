"""The risk matrix's words read on their cells in a dark palette, checked from a grab."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette

from breach_desk.gui import style
from breach_desk.gui.widgets.matrix import _BANDS, _LIKELIHOODS, RiskMatrix, _risk

DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.Text: "#e8e8e8",
}


@pytest.mark.parametrize("dark", [True, False])
def test_every_cell_reads_in_light_and_dark_palettes(qtbot: Any, dark: bool) -> None:
    matrix = RiskMatrix()
    qtbot.addWidget(matrix)
    if dark:
        palette = QPalette()
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
        matrix.setPalette(palette)
    matrix.set_cell("low", "remote")  # every other cell dimmed
    matrix.resize(matrix.sizeHint() * 1.5)
    image = matrix.grab().toImage()
    left, top, cell_h = matrix._metrics()
    cell_w = (matrix.width() - left - 2) / 4
    seen: dict[str, float] = {}
    for row, likelihood in enumerate(_LIKELIHOODS):
        for col, band in enumerate(_BANDS):
            x0, y0 = int(left + col * cell_w + 4), int(top + row * cell_h + 4)
            x1, y1 = int(left + (col + 1) * cell_w - 4), int(top + (row + 1) * cell_h - 4)
            pixels = [image.pixelColor(x, y) for x in range(x0, x1) for y in range(y0, y1)]
            counts: dict[str, int] = {}
            for p in pixels:
                counts[p.name()] = counts.get(p.name(), 0) + 1
            background = QColor(max(counts, key=lambda name: counts[name]))
            best = max(style.contrast(p, background) for p in pixels)
            key = f"{_risk(likelihood, band)} ({likelihood}, {band})"
            seen[key] = best
    weak = {k: round(v, 1) for k, v in seen.items() if v < 4.5}
    assert weak == {}
