"""UI state kept between runs: geometry, column widths, recent breaches. Nothing about breaches.

Every value is read with ``type=`` (pitfall P7: in a fresh process an INI file gives back 'false'
for False and a bare string for a one-item list). Geometry keys carry the Qt version, as Anki's
do, so state saved by another Qt is ignored rather than restored wrongly.
"""

from __future__ import annotations

from PySide6 import __version__ as _qt_version
from PySide6.QtCore import QByteArray, QSettings

_STATE = f"qt{_qt_version.split('.')[0]}.{_qt_version.split('.')[1]}"
RECENT_LIMIT = 8


class UiSettings:
    def __init__(self, path: str | None = None) -> None:
        if path is None:
            self._s = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "breach-desk", "breach-desk"
            )
        else:
            self._s = QSettings(path, QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._s.sync()

    # window state -----------------------------------------------------------------------------

    def geometry(self, name: str) -> QByteArray | None:
        value = self._s.value(f"{name}/geometry_{_STATE}", QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"{name}/geometry_{_STATE}", value)

    def state(self, name: str) -> QByteArray | None:
        value = self._s.value(f"{name}/state_{_STATE}", QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"{name}/state_{_STATE}", value)

    # recent breaches --------------------------------------------------------------------------

    def recent(self, register: str) -> list[str]:
        value = self._s.value(f"recent/{_key(register)}", [], type=list)
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, register: str, reference: str) -> list[str]:
        items = [reference, *[r for r in self.recent(register) if r != reference]]
        items = items[:RECENT_LIMIT]
        self._s.setValue(f"recent/{_key(register)}", items)
        return items

    # first run and choices --------------------------------------------------------------------

    def flag(self, name: str, default: bool = False) -> bool:
        return bool(self._s.value(f"flags/{name}", default, type=bool))

    def set_flag(self, name: str, value: bool) -> None:
        self._s.setValue(f"flags/{name}", value)

    def text(self, name: str, default: str = "") -> str:
        return str(self._s.value(f"text/{name}", default, type=str))

    def set_text(self, name: str, value: str) -> None:
        self._s.setValue(f"text/{name}", value)


def _key(register: str) -> str:
    """A settings key for one register (its location); QSettings keys may not contain '/'."""
    import hashlib

    return hashlib.sha1(register.encode("utf-8")).hexdigest()[:12]
