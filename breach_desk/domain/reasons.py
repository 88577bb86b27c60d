"""A reason kept in the record is said in words: never a stray key press or a blank.

Reasons for a late ICO report, for reassessing, for a changed score or decision, for rejecting,
setting aside or reopening a recommendation are printed in the evidence pack and read by the
ICO. One character ('n', typed by a shortcut that reached a text box) or a few symbols are not
a reason. Qt-free: the window and the command line use the same rule.
"""

from __future__ import annotations

MIN_LETTERS = 3


def reason_problem(text: str) -> str | None:
    """Why ``text`` cannot be kept as a reason, in words; None when it can."""
    said = text.strip()
    if not said:
        return "Give a reason."
    letters = sum(1 for char in said if char.isalpha())
    if letters < MIN_LETTERS or not any(len(word) >= 2 for word in _words(said)):
        return "Give the reason in words: a stray letter or symbol is not a reason."
    return None


def _words(text: str) -> list[str]:
    word, out = "", []
    for char in text:
        if char.isalpha():
            word += char
        else:
            if word:
                out.append(word)
            word = ""
    if word:
        out.append(word)
    return out
