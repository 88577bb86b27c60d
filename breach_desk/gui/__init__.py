"""The desktop app: the only package that imports PySide6.

A guard for PySide6 6.12.0 on Python 3.11, set before any Qt call: its stable-ABI (abi3) build
returns ``None`` from every void method without taking a reference to it (measured: 100 calls
of ``QLabel.setText`` drop None's count by 100). Python 3.12 made None immortal (PEP 683), so
there it is harmless; on 3.11 the count starts near 6,000 and the interpreter aborts with
"none_dealloc: deallocating None" after a few minutes of use. Giving None a practically endless
count makes it immortal here too. Remove when PySide6 is fixed or Python 3.11 is dropped.
"""

from __future__ import annotations

import sys


def _immortal_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    if count.value < 1 << 40:
        count.value += 1 << 48


_immortal_none()
