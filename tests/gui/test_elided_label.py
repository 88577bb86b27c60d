"""The status bar's register line: a long path gives way in the middle, the name stays."""

from __future__ import annotations

from typing import Any

from breach_desk.gui.widgets.elided import ElidedLabel

LINE = "SQLite · /home/jsmith/" + "deep/" * 30 + "breach-desk.sqlite3 · jsmith (IG officer)"


def test_a_long_path_is_shortened_in_the_middle_not_the_name(qtbot: Any) -> None:
    label = ElidedLabel(LINE)
    qtbot.addWidget(label)
    label.resize(label.fontMetrics().averageCharWidth() * 50, label.sizeHint().height())
    label.show()
    qtbot.waitExposed(label)
    shown = label.text()
    assert "…" in shown
    assert shown.startswith("SQLite · /home")
    assert shown.endswith("jsmith (IG officer)")
    assert label.full_text() == LINE
    assert label.accessibleDescription() == LINE
    label.resize(label.sizeHint())
    qtbot.waitUntil(lambda: label.text() == LINE, timeout=2000)
