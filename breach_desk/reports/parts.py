"""Building blocks shared by the reports: headings, cells, tables, the recommendations table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from breach_desk.domain import vocabulary
from breach_desk.domain.description import one_line
from breach_desk.domain.enums import OwnerRole, RecommendationStatus
from breach_desk.domain.register import Recommendation
from breach_desk.reports.markup import Markup, escape, fmt, literal, para
from breach_desk.reports.styles import OVERDUE_TINT, RULE, SHADE, day, status_words, styles
from breach_desk.reports.typefaces import FONT, FONT_BOLD

NOT_KNOWN = "not yet known"
FONT_COMMANDS: tuple[tuple[Any, ...], ...] = (("FONTNAME", (0, 0), (-1, -1), FONT),)
"""Every table draws in the embedded face, even an empty cell (ReportLab's default is a
Helvetica that is not embedded)."""
FULL_WIDTH = 174 * mm


def heading(text: str, level: int = 1) -> Paragraph:
    s = styles()
    return para(escape(text), s.h1 if level == 1 else s.h2)


def text(value: str | None, style: Any = None, *, empty: str = "") -> Paragraph:
    """User text (or our words) as a paragraph that prints exactly as typed."""
    return para(escape(value if value else empty), style or styles().body)


def cell(value: str | Markup | None, style: Any = None) -> Paragraph:
    body = value if isinstance(value, Markup) else escape(value or "")
    return para(body, style or styles().cell)


def bold_cell(value: str) -> Paragraph:
    return para(escape(value), styles().cell_bold)


def plain_columns(first: int, last: int) -> list[tuple[Any, ...]]:
    """Table commands for columns ``first`` to ``last`` (below the header), whose cells may be
    plain strings (``plain_cell``): drawn in the cells' face, size and colour."""
    s = styles().cell
    where = ((first, 1), (last, -1))
    return [
        ("FONTSIZE", *where, s.fontSize),
        ("LEADING", *where, s.leading),
        ("TEXTCOLOR", *where, s.textColor),
    ]


def plain_bold(first: int, last: int, row: int) -> tuple[Any, ...]:
    """The command that sets plain cells ``first`` to ``last`` of ``row`` in bold."""
    return ("FONTNAME", (first, row), (last, row), FONT_BOLD)


_PADDING = 6.0
"""Points: a table cell's left and right padding together (``table``)."""


def plain_cell(value: str, width: float, *, bold: bool = False) -> str | Paragraph:
    """Our own short words for a column ``width`` wide (a date, a status, a number of days) as
    a plain string, wrapped at its spaces as a paragraph would wrap it; the table draws it
    itself, where a paragraph costs about ten times as much to lay out and draw (a monitoring
    report has thousands). A word wider than the column, or a character beyond plain text,
    makes it a paragraph. Never for user text: nothing in a plain string is read as markup,
    and only the main face draws it. The column needs ``plain_columns`` (and ``plain_bold``)."""
    style = styles().cell_bold if bold else styles().cell
    room = width - _PADDING
    spaced = value.replace("\u00a0", " ")  # a no-break space: the face has it
    if not spaced.isascii() or not spaced.isprintable():
        return para(escape(value), style)
    lines: list[str] = []
    line = ""
    for word in value.split(" "):
        trial = f"{line} {word}" if line else word
        if stringWidth(trial, style.fontName, style.fontSize) <= room:
            line = trial
        elif line and stringWidth(word, style.fontName, style.fontSize) <= room:
            lines.append(line)
            line = word
        else:
            return para(escape(value), style)
    return "\n".join([*lines, line])


FULL_PAGE = 600.0
"""Points: a frame at least this tall is a fresh page (the A4 body is about 690 points)."""


class RowTable(Table):  # type: ignore[misc]
    """A table whose rows never split across pages: a row that does not fit moves to the next
    page whole. Only a row taller than a whole page is split, since nothing else can print it."""

    _argH: list[float | None]
    _rowHeights: list[float | None]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts or availHeight < FULL_PAGE:
            return parts
        self.splitInRow = 1
        parts = super().split(availWidth, availHeight)
        self.splitInRow = 0
        return parts

    def _calc_height(
        self, availHeight: float, availWidth: float, H: Any = None, W: Any = None
    ) -> None:
        super()._calc_height(availHeight, availWidth, H, W)
        # A row's height depends only on its cells and the fixed column widths: keep the heights
        # worked out, so that wrapping the table again (kept with its heading, split at the foot
        # of a page, the rest on the next page) does not lay every paragraph out again.
        if self._rowHeights is not self._argH and not self._spanCmds and _fixed(self._argW):
            self._argH = [
                h if a is None else a for a, h in zip(self._argH, self._rowHeights, strict=True)
            ]


def _fixed(widths: Sequence[Any]) -> bool:
    return all(isinstance(w, int | float) for w in widths)


def table(
    rows: Sequence[Sequence[Flowable]],
    widths: Sequence[float],
    *,
    header: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
    repeat: bool = True,
    heights: Sequence[float | None] | None = None,
) -> Table:
    """A ruled table whose rows may split across pages (long user text never overflows)."""
    commands: list[tuple[Any, ...]] = [
        *FONT_COMMANDS,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ]
    commands += list(extra)
    t = RowTable(
        [list(r) for r in rows],
        colWidths=list(widths),
        rowHeights=list(heights) if heights else None,
        repeatRows=1 if header and repeat else 0,
        hAlign="LEFT",
    )
    t.setStyle(TableStyle(commands))
    return t


def key_values(
    pairs: Sequence[tuple[str, str | Markup | None]], label_width: float = 42 * mm
) -> Table:
    """Label / value rows (the facts, the ICO form)."""
    rows = [
        [bold_cell(label), cell(value if value not in (None, "") else NOT_KNOWN)]
        for label, value in pairs
    ]
    return table(rows, [label_width, FULL_WIDTH - label_width], header=False)


HEADING_ROOM = 32 * mm
"""A heading starts a new page unless this much room is left below it: room for the heading and
the first lines of what it heads, so that a heading never ends a page alone (when what follows
cannot be kept with it whole, as a long table or note)."""


def room_for(title: str, level: int = 1) -> list[Flowable]:
    """A heading that never ends a page without what it heads."""
    return [CondPageBreak(HEADING_ROOM), heading(title, level)]


def section(title: str, *flowables: Flowable) -> list[Flowable]:
    """A heading kept with the start of what follows it."""
    if not flowables:
        return room_for(title)
    # A KeepTogether inside a KeepTogether always claims more than a page (ReportLab's way of
    # forcing a split), which would push the heading and its block to the next page for
    # nothing: the heading joins the first block instead.
    head = flowables[0]
    content = list(head._content) if isinstance(head, KeepTogether) else [head]
    first = KeepTogether([heading(title), *content])
    return [CondPageBreak(HEADING_ROOM), first, *flowables[1:]]


def gap(height: float = 4 * mm) -> Spacer:
    return Spacer(1, height)


def owner_words(r: Recommendation) -> str:
    """A named owner, else the role (with the service for a service manager)."""
    if r.owner:
        return r.owner
    if r.owner_role is OwnerRole.SERVICE and r.service:
        return f"{vocabulary.label(r.owner_role)}, {one_line(r.service)}"
    return vocabulary.label(r.owner_role)


def action_markup(code: str, text: str) -> Markup:
    """A recommendation as a reader knows it: its name in bold, then what to do."""
    title = vocabulary.recommendation_title(code, text)
    return fmt("<b>{}</b><br/>{}", title, text) if title != text else escape(text)


def reopened_reason(r: Recommendation) -> str | None:
    """Why an open recommendation was reopened, when it was."""
    if r.status is not RecommendationStatus.OPEN or not r.history:
        return None
    last = r.history[-1]
    if last.from_status is None or last.from_status is RecommendationStatus.OPEN:
        return None
    return last.reason or "no reason recorded"


def status_markup(r: Recommendation, at: datetime) -> Markup:
    """The status in words; an overdue action says OVERDUE, not only in colour; a reopened one
    says why it was reopened."""
    words = escape(status_words(r.status))
    why = reopened_reason(r)
    if why is not None:
        words = fmt("{} (reopened: {})", status_words(r.status), why)
    if r.overdue(at):
        return fmt("<b>OVERDUE</b><br/>{}", words)
    return words


def evidence_markup(r: Recommendation) -> Markup:
    parts: list[Markup] = []
    if r.evidence:
        parts.append(escape(r.evidence))
    if r.files:
        parts.append(fmt("Files: {}", ", ".join(f.name for f in r.files)))
    if r.done_by:
        parts.append(fmt("Done by {}, {}", r.done_by, day(r.done_at)))
    if r.status is RecommendationStatus.REJECTED:
        parts.append(fmt("Rejected: {}", rejected_reason(r)))
        return Markup("<br/>".join(parts))
    return Markup("<br/>".join(parts)) if parts else escape("Not yet")


def rejected_reason(r: Recommendation) -> str:
    """Why a recommendation was rejected: the reason given when it was removed from the plan,
    or the reason of the change that rejected it."""
    if r.removed_reason:
        return r.removed_reason
    for t in reversed(r.history):
        if t.to_status is RecommendationStatus.REJECTED and t.reason:
            return t.reason
    return "no reason recorded"


def verified_markup(r: Recommendation) -> Markup:
    if r.verified_by:
        return fmt("{}<br/>{}", r.verified_by, day(r.verified_at))
    return literal("not verified")


RECOMMENDATION_WIDTHS = [8 * mm, 62 * mm, 24 * mm, 17 * mm, 19 * mm, 27 * mm, 17 * mm]


def recommendations_table(recommendations: Sequence[Recommendation], at: datetime) -> Table:
    """Number (the recommendation's register number, the one the evidence pack, the command
    line and the export give), action (its name and text), owner, due, status, evidence (for a
    rejected one, why), verified by and when; overdue rows marked."""
    head = ["No.", "Action", "Owner", "Due", "Status", "Evidence", "Verified"]
    rows: list[list[Flowable]] = [[bold_cell(h) for h in head]]
    extra: list[tuple[Any, ...]] = []
    for n, r in enumerate(recommendations, start=1):
        rows.append(
            [
                cell(str(r.id)),
                cell(action_markup(r.code, r.text)),
                cell(owner_words(r)),
                cell(day(r.due_date)),
                cell(status_markup(r, at)),
                cell(evidence_markup(r)),
                cell(verified_markup(r)),
            ]
        )
        if r.overdue(at):
            extra.append(("BACKGROUND", (0, n), (-1, n), OVERDUE_TINT))
            extra.append(("LINEBEFORE", (0, n), (0, n), 2.5, colors.HexColor("#c62828")))
    return table(rows, RECOMMENDATION_WIDTHS, extra=extra)
