"""Composition root of the desktop app: QApplication, settings, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_gui(db_url: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Breach Desk")
    app.setOrganizationName("Breach Desk")
    window = QMainWindow()
    window.setWindowTitle("Breach Desk")
    window.setCentralWidget(QLabel("The breach register will appear here."))
    window.resize(1100, 700)
    window.show()
    return int(app.exec())
