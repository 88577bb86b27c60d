"""Private temporary copies of evidence files, opened in the desktop's viewer.

Each copy lives in a folder of its own under one per-user folder (``breach-desk-evidence-<user>``
in the system's temporary folder, readable by its owner only). The whole folder is removed when
the window closes, and at the next start if the app died before it could: personal data is not
left behind in the temporary folder.
"""

from __future__ import annotations

import getpass
import os
import shutil
import tempfile
from pathlib import Path


def root() -> Path:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    safe = "".join(c for c in user if c.isalnum() or c in "-_") or "user"
    return Path(tempfile.gettempdir()) / f"breach-desk-evidence-{safe}"


def new_folder() -> Path:
    """A fresh private folder for one copy."""
    base = root()
    base.mkdir(mode=0o700, exist_ok=True)
    if base.is_symlink() or not base.is_dir():
        raise OSError(f"{base} is not a private folder")
    os.chmod(base, 0o700)
    return Path(tempfile.mkdtemp(prefix="copy-", dir=base))


def remove_all() -> None:
    """Every temporary copy, gone (quitting, or starting after a crash)."""
    base = root()
    if base.is_dir() and not base.is_symlink():
        shutil.rmtree(base, ignore_errors=True)
