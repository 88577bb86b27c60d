"""Opening a file or a folder with the desktop's own program (tests replace ``Desktop.open``)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


class Desktop:
    @classmethod
    def open(cls, path: str) -> bool:
        """Open ``path`` (a file in its viewer, a folder in the file manager)."""
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
