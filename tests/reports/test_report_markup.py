"""The one door from text into a Paragraph (reports/markup.py): user text is data."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pdf_reading import flat, page_texts
from reportlab.platypus import SimpleDocTemplate

from breach_desk.reports import bidi
from breach_desk.reports.markup import Markup, escape, fmt, literal, para
from breach_desk.reports.styles import styles

LTR_CASES = [
    "<b>injected bold</b>",
    "a <b",
    "0.1 <A <0.9",
    "Use <script> tags",
    "ISHARES CORE S&P 500",
    "<font name=x>not a font</font>",
    "&amp; stays &amp;",
    "&nbsp; &lt; &#169; &unknown;",
    "<br/> is not a line break",
    "Zażółć gęślą jaźń, Łódź",
    "Tiếng Việt có dấu: Nguyễn Thị Ánh",
    "quotes \"double\" and 'single'",
    "backslash \\ and braces {0} {}",
]
EMOJI = "emoji 😀 🧑\u200d💻 ✅ 🙂 done"


def build(texts: list[str]) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, invariant=1)
    doc.build([para(escape(t), styles().body) for t in texts])
    return out.getvalue()


def lines_of(pdf: bytes) -> list[str]:
    return [line for text in page_texts(pdf) for line in text.split("\n")]


@pytest.mark.parametrize("text", LTR_CASES)
def test_markup_characters_are_text_not_markup(text: str) -> None:
    assert para(escape(text), styles().body).getPlainText() == text


def test_every_case_prints_exactly_as_typed() -> None:
    got = lines_of(build([*LTR_CASES, EMOJI]))
    for text in [*LTR_CASES, EMOJI]:
        assert text in got


def test_emoji_and_symbols_without_a_glyph_still_extract() -> None:
    # U+1FAE8 (Unicode 15) is in neither font: it prints as a box but reads back as typed.
    text = "shaking face \U0001fae8 and a star \u2b50"
    assert text in lines_of(build([text]))


def test_plain_strings_cannot_reach_a_paragraph() -> None:
    with pytest.raises(TypeError):
        para("<b>raw</b>", styles().body)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        escape("safe ") + "<b>unsafe</b>"


def test_fmt_escapes_its_arguments_but_keeps_markup_arguments() -> None:
    out = fmt("<b>{}</b> {}", "S&P <i>", literal("<i>ok</i>"))
    assert isinstance(out, Markup)
    assert out == "<b>S&amp;P &lt;i&gt;</b> <i>ok</i>"


def test_newlines_blank_lines_tabs_and_spaces_keep_their_shape() -> None:
    text = "first line\nsecond line\n\nafter a blank line\n\tindented\ttab  two spaces"
    got = lines_of(build([text]))
    assert got[:3] == ["first line", "second line", " "]
    assert got[3] == "after a blank line"
    # No-break spaces keep the width of a tab (4) and of repeated spaces.
    assert got[4] == "    indented    tab  two spaces"


def test_carriage_returns_and_control_characters_are_harmless() -> None:
    markup = escape("a\r\nb\rc\x00d\x07e")
    assert markup == "a<br/>b<br/>c\ufffdd\ufffde"
    assert lines_of(build(["a\r\nb"]))[:2] == ["a", "b"]


def test_none_and_empty_print_nothing() -> None:
    assert escape(None) == ""
    assert escape("") == ""


@pytest.mark.parametrize(
    "text",
    [
        "שלום עולם",
        "مرحبا بالعالم",
        "سلام لا إله",
        "Name: שרה כהן",
        "Name: فاطمة الزهراء",
    ],
)
def test_right_to_left_text_extracts_as_typed(text: str) -> None:
    assert text in lines_of(build([text]))


def test_mixed_direction_keeps_every_word() -> None:
    text = "Mr כהן (tenant) wrote مرحبا on 3 May"
    got = flat(" ".join(lines_of(build([text]))))
    for word in ("Mr", "כהן", "tenant", "wrote", "مرحبا", "May"):
        assert word in got


def test_hebrew_is_drawn_right_to_left_with_digits_left_to_right() -> None:
    assert bidi.visual_line("abc שלום") == "abc םולש"
    assert bidi.visual_line("שלום 123 עולם") == "םלוע 123 םולש"
    assert bidi.visual_line("(שלום)") == "(םולש)"
    assert bidi.visual_line("plain English") == "plain English"


def test_arabic_letters_take_their_joining_forms() -> None:
    shaped = bidi.shape_arabic("ببب")
    names = [unicodedata.name(c) for c in shaped]
    assert names == [
        "ARABIC LETTER BEH INITIAL FORM",
        "ARABIC LETTER BEH MEDIAL FORM",
        "ARABIC LETTER BEH FINAL FORM",
    ]
    assert (
        unicodedata.name(bidi.shape_arabic("لا")) == "ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"
    )
