"""The one description of a breach (``domain.description``) as report paragraphs and tables."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from breach_desk.domain.description import Line, Section, describe_facts
from breach_desk.domain.facts import Facts, Recipient
from breach_desk.reports.markup import Markup, escape, fmt, join, literal
from breach_desk.reports.parts import gap, heading, key_values, section, text


def line_markup(line: Line) -> Markup:
    """A described line's value: list entries one per line, a risk to the person in bold."""
    if not line.items:
        return escape(line.value)
    entries: list[Markup] = []
    for item in line.items:
        details = "; ".join(item.details)
        if item.warning:
            entries.append(fmt("<b>{}: {}</b>", item.name, details))
        else:
            entries.append(
                fmt("<b>{}</b>: {}", item.name, details) if details else escape(item.name)
            )
    return join(literal("<br/>"), entries)


def pairs(lines: Sequence[Line]) -> list[tuple[str, str | Markup | None]]:
    return [(ln.label, line_markup(ln)) for ln in lines]


def section_story(s: Section, label_width: float | None = None, level: int = 2) -> list[Flowable]:
    """A described section: its short lines as a label / value table, free text after it; the
    heading kept with what follows."""
    short = [ln for ln in s.lines if not ln.long]
    body: list[Flowable] = []
    if short:
        body.append(
            key_values(pairs(short))
            if label_width is None
            else key_values(pairs(short), label_width)
        )
    for ln in s.lines:
        if ln.long:
            body += [gap(2), heading(ln.label, 3), text(ln.value)]  # the heading keeps with it
    if not body:
        return []
    return [KeepTogether([heading(s.title, level), body[0]]), *body[1:]]


def facts_story(facts: Facts, read_as: Sequence[Recipient] | None = None) -> list[Flowable]:
    """The facts section; ``read_as``: the recipients as the method read them (a risk the
    register records carried forward shows on the recipient's own line)."""
    story: list[Flowable] = []
    for s in describe_facts(facts, read_as=read_as):
        story += section_story(s)
    return section("The facts", *story)
