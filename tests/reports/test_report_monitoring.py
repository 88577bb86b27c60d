"""The monitoring report across the register: the report the founding council could not produce."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
from pdf_reading import body_text, flat, page_texts
from register_factory import SERVICES, synthetic_register

from breach_desk.domain.register import Breach
from breach_desk.reports import ReportSettings, render_monitoring

AT = datetime.fromisoformat("2024-06-01T12:00:00+01:00")


@pytest.fixture(scope="module")
def register() -> list[Breach]:
    return list(synthetic_register(80, AT))


@pytest.fixture
def at_settings() -> ReportSettings:
    return ReportSettings(organisation="Anytown Borough Council", generated_at=AT)


def test_recommendations_by_service_overdue_first(
    register: list[Breach], at_settings: ReportSettings
) -> None:
    text = flat(body_text(render_monitoring(register, at_settings)))
    assert "Recommendations by service" in text
    unfinished = [
        (b.reference, r) for b in register for r in b.recommendations if not r.status.finished
    ]
    overdue = [r for _, r in unfinished if r.overdue(AT)]
    assert f"Unfinished recommendations {len(unfinished)}" in text
    assert f"Overdue recommendations {len(overdue)}" in text
    # Within each service, every OVERDUE row comes before any row that is not overdue.
    pattern = (
        r"(?:" + "|".join(re.escape(sv) for sv in SERVICES) + r"): (\d+) unfinished, (\d+) overdue"
    )
    heads = list(re.finditer(pattern, text))
    assert len(heads) == len({b.facts.service for b in register})
    ends = [h.start() for h in heads[1:]] + [text.index("Breaches by severity band")]
    for head, stop in zip(heads, ends, strict=True):
        statuses = re.findall(r"\b(OVERDUE|Open|In progress|Done)\b", text[head.end() : stop])
        n_overdue = int(head.group(2))
        assert len(statuses) == int(head.group(1))
        assert statuses[:n_overdue] == ["OVERDUE"] * n_overdue
        assert "OVERDUE" not in statuses[n_overdue:]


def test_breaches_by_band_and_month_and_repeats(
    register: list[Breach], at_settings: ReportSettings
) -> None:
    text = flat(body_text(render_monitoring(register, at_settings)))
    assert "Breaches by severity band and month" in text
    total = re.search(r"Total \(all months\) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", text)
    assert total is not None
    assert int(total.group(6)) == len(register)
    assert "Repeat breaches" in text
    flagged = [b for b in register if b.related or b.facts.occurrences > 1]
    assert f"Repeat breaches {len(flagged)}" in text
    for b in flagged:
        assert b.reference in text


def test_streams_once_and_reports_progress(
    register: list[Breach], at_settings: ReportSettings
) -> None:
    consumed: list[str] = []

    def stream() -> Iterator[Breach]:
        for b in register:
            consumed.append(b.reference)
            yield b

    calls: list[tuple[int, int | None, str]] = []
    pdf = render_monitoring(
        stream(),
        at_settings,
        total=len(register),
        progress=lambda done, total, stage: calls.append((done, total, stage)),
    )
    assert len(consumed) == len(register)
    reading = [c for c in calls if c[2] == "reading"]
    assert reading[-1] == (len(register), len(register), "reading")
    pages = [c[0] for c in calls if c[2] == "laying out"]
    assert pages == list(range(1, len(page_texts(pdf)) + 1))


def test_progress_can_cancel(register: list[Breach], at_settings: ReportSettings) -> None:
    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int | None, stage: str) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        render_monitoring(register, at_settings, progress=cancel)


def test_empty_register(at_settings: ReportSettings) -> None:
    text = flat(body_text(render_monitoring([], at_settings)))
    assert "Breaches in the register 0" in text
    assert "No unfinished recommendations." in text
    assert "No repeat breaches." in text


def test_deterministic(register: list[Breach], at_settings: ReportSettings) -> None:
    assert render_monitoring(register[:20], at_settings) == render_monitoring(
        iter(register[:20]), at_settings
    )


def test_plain_cells_wrap_as_paragraphs_do_and_keep_user_text_out() -> None:
    """The monitoring table's own short words (dates, statuses, days) are drawn by the table
    as plain strings, broken where a paragraph would break them; anything a plain string could
    not print as a paragraph does (a word wider than its column, text beyond plain ASCII)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from breach_desk.reports.parts import plain_cell
    from breach_desk.reports.styles import styles

    def lines_of(value: str, width: float) -> list[str]:
        p = Paragraph(value, styles().cell)
        p.wrap(width - 6, 1000)
        return [
            " ".join(w.text if hasattr(w, "text") else w for w in ln[1]) for ln in p.blPara.lines
        ]

    for value, width in (("14 May 2024", 18 * mm), ("In progress", 21 * mm), ("", 16 * mm)):
        plain = plain_cell(value, width)
        assert isinstance(plain, str)
        if value:
            assert plain.split("\n") == lines_of(value, width)
    assert plain_cell("14 May 2024", 18 * mm) == "14 May\n2024"
    assert plain_cell("1,234\u00a0d", 16 * mm) == "1,234\u00a0d"
    assert isinstance(plain_cell("Superlongwordwithoutanyspace", 16 * mm), Paragraph)
    assert isinstance(plain_cell("Zoë <b>", 40 * mm), Paragraph)
    assert isinstance(plain_cell("OVERDUE", 21 * mm, bold=True), str)
