"""The fonts travel with the package, with their licences; the reports stay Qt-free and SQL-free."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

from breach_desk.reports.typefaces import FONT, FONT_BOLD, FONT_SYMBOLS, font_path, to_unicode_cmap

REPO = Path(__file__).resolve().parents[2]


def test_fonts_and_licences_are_package_data() -> None:
    folder = resources.files("breach_desk.reports.fonts")
    names = {p.name for p in folder.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "SymbolaSubset.ttf"} <= names
    assert {"LICENSE-DejaVu.txt", "LICENSE-Symbola.txt"} <= names
    for name in (FONT, FONT_BOLD, FONT_SYMBOLS):
        assert Path(font_path(name)).read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    readme = (REPO / "resources" / "fonts" / "README.md").read_text(encoding="utf-8")
    assert "breach_desk/reports/fonts/" in readme


def test_to_unicode_writes_utf16_for_emoji_and_typed_letters_for_arabic_forms() -> None:
    cmap = to_unicode_cmap("F", [0x41, 0x1F600, 0xFE91, 0xFEFB])
    assert "<00> <0041>" in cmap
    assert "<01> <D83DDE00>" in cmap  # surrogate pair, not the broken <1F600>
    assert "<02> <0628>" in cmap  # beh initial form reads back as beh
    assert "<03> <06440627>" in cmap  # lam-alef ligature reads back as lam, alef


def test_reports_import_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, breach_desk.reports; "
        "print(any(m.split('.')[0] in ('PySide6', 'sqlalchemy') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
