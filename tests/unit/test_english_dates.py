"""Dates read the same, in English, whatever the desktop's language.

The window's toolkit sets the C library's locale from the environment when it starts, and
strftime's day and month names follow it: under a Welsh desktop "%b" writes "Maw" for March.
These tests switch the process to a Welsh time locale (compiled here with localedef) and read
what each document and message writes.
"""

from __future__ import annotations

import ast
import locale
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from builders import DECIDED, load_case

from breach_desk.domain.clock import day_month_year, english, month_year
from breach_desk.domain.committee import Period
from breach_desk.domain.description import day, moment
from breach_desk.domain.facts import PartialDate
from breach_desk.domain.notification import when
from breach_desk.domain.remind import complaint_clock, show_date, show_deadline
from breach_desk.facts_io import facts_from_dict
from breach_desk.method import assess
from breach_desk.method.note import decision_note

PACKAGE = Path(__file__).resolve().parents[2] / "breach_desk"
WELSH = "cy_GB.UTF-8"


@pytest.fixture(scope="session")
def welsh_locales(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the Welsh locale, compiled from the C library's own sources."""
    if not sys.platform.startswith("linux"):
        pytest.skip("compiles a locale with glibc's localedef")
    localedef = shutil.which("localedef")
    # Debian's "locales" package (./dev installs it) holds the sources localedef reads.
    assert localedef is not None, "glibc's localedef is missing"
    assert Path("/usr/share/i18n/locales/cy_GB").exists(), (
        "the Welsh locale's sources are missing: install Debian's 'locales' package"
    )
    folder = tmp_path_factory.mktemp("locales")
    subprocess.run(
        [localedef, "-i", "cy_GB", "-f", "UTF-8", str(folder / WELSH)],
        check=True,
        capture_output=True,
    )
    return folder


@pytest.fixture
def welsh_desktop(welsh_locales: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's time locale set to Welsh, as the toolkit sets it on a Welsh desktop."""
    monkeypatch.setenv("LOCPATH", str(welsh_locales))
    before = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, WELSH)
    assert f"{date(2026, 3, 5):%b}" == "Maw"  # the locale is in force: strftime says so
    try:
        yield
    finally:
        locale.setlocale(locale.LC_TIME, before)


MARCH_5 = date(2026, 3, 5)
EVENING = datetime(2026, 3, 5, 18, 30, tzinfo=UTC)


@pytest.mark.usefixtures("welsh_desktop")
def test_days_and_months_are_named_in_english_under_a_welsh_locale() -> None:
    assert day(MARCH_5) == "5 Mar 2026"
    assert day(PartialDate(2022, 6)) == "June 2022"
    assert day_month_year(MARCH_5) == "5 Mar 2026"
    assert month_year(MARCH_5) == "Mar 2026"
    assert month_year(MARCH_5, long=True) == "March 2026"
    assert english(MARCH_5, "%a %A %d %b %B %Y") == "Thu Thursday 05 Mar March 2026"
    assert english(EVENING, "%d %b %Y %H:%M") == "05 Mar 2026 18:30"
    assert english(MARCH_5, "100%% %b") == "100% Mar"
    assert english(MARCH_5, "%-d %b %Y") == "5 Mar 2026"
    assert moment(EVENING) == "Thu 05 Mar 2026 18:30 GMT"
    assert when(EVENING) == "5 Mar 2026 18:30"
    assert show_date(MARCH_5) == "Thu 5 Mar 2026"
    assert show_deadline(EVENING) == "Thu 5 Mar 2026 18:30 GMT"
    clock = complaint_clock(MARCH_5, None, date(2026, 3, 10))
    assert "Apr 2026" in clock.text, clock.text  # acknowledgement due within 20 working days
    assert Period(date(2026, 1, 1), date(2026, 3, 31)).words() == "1 Jan 2026 to 31 Mar 2026"


def test_the_decision_note_is_the_same_note_on_a_welsh_desktop(
    welsh_locales: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note is stored with the assessment: where it was written must not change a word."""
    seed = facts_from_dict(load_case("seed-ombudsman-21007914.json")["facts"], at=DECIDED)
    english_note = decision_note(assess(seed, DECIDED))
    monkeypatch.setenv("LOCPATH", str(welsh_locales))
    before = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, WELSH)
    try:
        welsh_note = decision_note(assess(seed, DECIDED))
    finally:
        locale.setlocale(locale.LC_TIME, before)
    assert welsh_note == english_note
    assert re.search(
        r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b", welsh_note
    )


_BY_LOCALE = re.compile(r"%[aAbBcpxX]")
"""strftime directives the C library fills in from the locale."""


def _formats(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Each text that reaches strftime: a ``.strftime(...)`` argument, or a date's format
    specification in an f-string ('{day:%b %Y}')."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "strftime"
        ):
            for arg in node.args:
                for part in ast.walk(arg):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        yield node.lineno, part.value
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            for part in ast.walk(node.format_spec):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield node.lineno, part.value


def test_no_code_asks_strftime_for_a_name_the_locale_would_choose() -> None:
    """Names of days and months come from ``clock.english``'s tables, never the locale."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "clock.py" or "generated" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _formats(tree):
            if _BY_LOCALE.search(text):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}")
    assert not found, "\n".join(found)


def test_the_scan_finds_a_name_left_to_the_locale() -> None:
    """The scan above would see both ways of asking strftime."""
    tree = ast.parse('a = f"{d:%d %b %Y}"\nb = d.strftime("%A")\nc = f"{n:,}"\n')
    assert sorted(text for _line, text in _formats(tree) if _BY_LOCALE.search(text)) == [
        "%A",
        "%d %b %Y",
    ]


def test_a_welsh_time_locale_really_changes_strftime(welsh_locales: Path) -> None:
    """What the fixture relies on, in a fresh process: without the fix a name would change."""
    code = (
        "import locale, datetime\n"
        f"locale.setlocale(locale.LC_TIME, {WELSH!r})\n"
        "print(datetime.date(2026, 3, 5).strftime('%b'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "LOCPATH": str(welsh_locales)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "Maw"


def test_a_log_date_names_its_month_and_leaves_a_month_that_is_none_as_written() -> None:
    """An old log's dates in words, from the same names; "2021-00" was once "December 2021"."""
    from breach_desk.domain.oldlog import date_words

    assert date_words("2021-03-15T14:30") == "15 March 2021 14:30"
    assert date_words("2021-09") == "September 2021"
    assert date_words("2021-00") == "2021-00"
    assert date_words("2021-13-01") == "2021-13-01"
