"""Text from the register or from a file, made safe to show on a terminal.

What people type is data: a title may hold an escape sequence that clears the screen or retitles
the window, a bidirectional override that reorders what is shown, or a lone surrogate that cannot
be encoded. ``printable`` shows each such character as a visible escape (``\\x1b``, ``\\u202e``)
and leaves every other character, accents and scripts included, as it is.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff]"  # lone surrogates (from undecodable bytes)
)
_UNSAFE_KEEPING_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_lines: bool = False) -> str:
    """``text`` with control, bidirectional-override and surrogate characters escaped.
    ``keep_lines`` keeps newlines and tabs (for multi-line text such as a decision note)."""
    pattern = _UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text
