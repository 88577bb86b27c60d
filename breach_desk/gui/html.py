"""Small HTML helpers for read-only text views. Every user string goes through ``esc``."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from breach_desk.domain.clock import LONDON


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
        return str(moment.astimezone(LONDON).strftime("%a %d %b %Y %H:%M"))
    return str(moment.strftime("%a %d %b %Y"))


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
