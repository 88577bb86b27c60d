"""How people and recipients are compared across breaches, and how text is searched.

Emails are compared lower-cased; names and labels case-, space- and accent-folded ("  José
 PÉREZ" and "jose perez" are the same person); identifiers trimmed. A value that folds to
nothing never matches anything.
"""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str | None:
    """Case-, space- and accent-folded text, or None when nothing is left."""
    if text is None:
        return None
    if text.isascii():
        return " ".join(text.casefold().split()) or None
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = " ".join(stripped.casefold().split())
    return folded or None


def norm_email(email: str | None) -> str | None:
    if email is None:
        return None
    value = email.strip().lower()
    return value or None


def norm_identifier(identifier: str | None) -> str | None:
    if identifier is None:
        return None
    value = identifier.strip()
    return value or None


def search_key(text: str) -> str:
    """What a search box's text is compared as (the same folding as the stored search text)."""
    return fold(text) or ""
