"""Small HTML helpers for read-only text views. Every user string goes through ``esc``."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from breach_desk.domain.clock import LONDON, english
from breach_desk.domain.description import Line, Section


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def para(text: Any) -> str:
    return "<p>" + esc(text).replace("\n", "<br/>") + "</p>"


def rows(pairs: Iterable[tuple[str, Any]]) -> str:
    body = "".join(
        f"<tr><td style='padding:1px 12px 1px 0; vertical-align:top'><b>{esc(k)}</b></td>"
        f"<td style='padding:1px 0'>{esc(v).replace(chr(10), '<br/>')}</td></tr>"
        for k, v in pairs
    )
    return f"<table cellspacing='0'>{body}</table>"


def when(moment: Any) -> str:
    if moment is None:
        return "—"
    if hasattr(moment, "astimezone") and hasattr(moment, "hour"):
        return english(moment.astimezone(LONDON), "%a %d %b %Y %H:%M")
    return english(moment, "%a %d %b %Y")


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def value_words(value: Any) -> str:
    """A stored value ('mental_health', a list, True) in plain words."""
    if value is None or value == "" or value == [] or value == ():
        return "—"
    if isinstance(value, bool):
        return yes(value)
    if isinstance(value, list | tuple):
        return ", ".join(value_words(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {value_words(v)}" for k, v in value.items())
    return str(value).replace("_", " ")


def line_html(line: Line) -> str:
    """The value of one described line: list entries one per row, risks in bold."""
    if not line.items:
        return esc(line.value).replace("\n", "<br/>")
    entries = []
    for item in line.items:
        name = f"<b>{esc(item.name)}</b>"
        details = "; ".join(esc(d) for d in item.details)
        text = f"{name}: {details}" if details else name
        entries.append(f"<span style='color:#b00020'>{text}</span>" if item.warning else text)
    return "<br/>".join(entries)


def lines_html(lines: Iterable[Line]) -> str:
    short: list[str] = []
    long: list[str] = []
    for ln in lines:
        if ln.long:
            long.append(f"<h4>{esc(ln.label)}</h4>{para(ln.value)}")
        else:
            short.append(
                f"<tr><td style='padding:1px 12px 1px 0; vertical-align:top'><b>{esc(ln.label)}"
                f"</b></td><td style='padding:1px 0'>{line_html(ln)}</td></tr>"
            )
    table = f"<table cellspacing='0'>{''.join(short)}</table>" if short else ""
    return table + "".join(long)


def sections_html(
    sections: Sequence[Section], link: Callable[[Line], tuple[str, str] | None] | None = None
) -> str:
    """Described sections as HTML. ``link`` gives a line's (href, text) for an "Edit" link:
    consecutive lines with the same link share a heading."""
    out: list[str] = []
    for section in sections:
        groups: list[tuple[tuple[str, str] | None, list[Line]]] = []
        for ln in section.lines:
            target = link(ln) if link is not None else None
            if groups and groups[-1][0] == target:
                groups[-1][1].append(ln)
            else:
                groups.append((target, [ln]))
        for n, (target, lines) in enumerate(groups):
            title = esc(section.title) if n == 0 else ""
            if target is not None:
                href, text = target
                title += f" <a href='{esc(href)}'>{esc(text)}</a>"
            out.append(f"<h3>{title}</h3>" if title else "")
            out.append(lines_html(lines))
    return "".join(out)
