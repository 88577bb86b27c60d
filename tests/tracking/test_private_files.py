"""Files the window writes hold personal data, and a settings file that is not a file never
hangs the program."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from breach_desk.gui.printing import write_file
from breach_desk.services.identity import IdentityError, read_setting


def test_a_pdf_saved_from_the_window_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "IG-2021-014 assessment.pdf"
    assert write_file(str(target), b"%PDF-1.4 personal data") == str(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"%PDF-1.4 personal data"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no part file left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_the_role_setting_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "identity.json"
    os.mkfifo(fifo)
    with pytest.raises(IdentityError, match="cannot be read"):
        read_setting(fifo)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_monitoring_export_is_readable_by_its_owner_only(tmp_path: Path, suffix: str) -> None:
    from datetime import UTC, datetime

    from breach_desk.services.tracking_export import write

    target = tmp_path / f"actions{suffix}"
    assert write([], datetime.now(UTC), target) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.stat().st_size > 0  # the heading row
