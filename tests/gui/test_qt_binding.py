"""The Qt binding must not leak or drop references on the calls the window makes thousands of
times: PySide6 6.12.0 under Python 3.11 dropped one reference to None per void call, and the app
aborted with 'deallocating None' after a few minutes of use."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Breach Desk")
    drift = sys.getrefcount(None) - before
    assert abs(drift) < 100, f"None's reference count moved by {drift} over 2,000 Qt calls"
