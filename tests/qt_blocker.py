"""Make Qt unimportable in this interpreter, as on a machine without PySide6 installed.

Used by ``tests/conftest.py`` when BREACH_DESK_BLOCK_QT=1 (CI runs the core tests so once) and by
``tests/unit/test_without_qt.py`` in a subprocess.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

BLOCKED = ("PySide6", "shiboken6")
ENV = "BREACH_DESK_BLOCK_QT"


class QtBlocker:
    """A meta-path finder that refuses Qt before any other finder can find it."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (Qt is blocked)", name=name)
        return None


def install() -> None:
    """Block Qt from here on; Qt already imported is an error (the block would prove nothing)."""
    loaded = sorted(m for m in sys.modules if m.partition(".")[0] in BLOCKED)
    if loaded:
        raise RuntimeError(f"Qt was imported before it could be blocked: {', '.join(loaded)}")
    if not any(isinstance(f, QtBlocker) for f in sys.meta_path):
        sys.meta_path.insert(0, QtBlocker())
