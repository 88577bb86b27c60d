"""The register shows its columns: every column whole at 1,366 × 768 and 1,920 × 1,080, the
title readable, the ICO clock never clipped (the whole sentence in its tooltip)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from breach_desk.gui.register.model import COL, COLUMNS


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_every_column_shows_whole(
    qtbot: Any, demo: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = demo.window
    window.resize(*size)
    view = window.register_view
    table = view.table
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=3000)
    qtbot.wait(50)
    shot = window.grab()
    shot.save(str(tmp_path / f"register-{size[0]}.png"))
    assert shot.width() >= size[0] - 2  # a real grab of the window at that size
    viewport = table.viewport().width()
    for key in ("overdue", "repeat", "ico", "title"):
        column = COL[key]
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= viewport, f"{key} is cut off at {size}"
    em = table.fontMetrics().averageCharWidth()
    assert table.columnWidth(COL["title"]) >= em * 25
    # Each ICO cell's words fit their badge: nothing clipped at either end.
    bold = QFont(table.font())
    bold.setBold(True)
    fm = QFontMetrics(bold)
    width = table.columnWidth(COL["ico"])
    model = view.proxy
    for row in range(model.rowCount()):
        index = model.index(row, COL["ico"])
        text = str(index.data())
        assert fm.horizontalAdvance(text) + fm.height() <= width, text
        tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        assert tip.startswith(text)  # the whole sentence, in the same words


def test_the_first_window_fits_the_table_on_its_screen(
    qtbot: Any, demo: Any, tmp_path: Path
) -> None:
    from breach_desk.gui.main_window import MainWindow
    from breach_desk.gui.settings import UiSettings

    fresh = MainWindow(demo.backend, UiSettings(str(tmp_path / "first.ini")))
    qtbot.addWidget(fresh)
    view = fresh.register_view
    em = fresh.fontMetrics().averageCharWidth()
    screen = fresh.screen().availableGeometry()
    wanted = view.wanted_width() + em * 26
    assert abs(fresh.width() - min(wanted, int(screen.width() * 0.96))) <= 2
    assert len(COLUMNS) == view.proxy.columnCount()
