"""How people and recipients are compared across breaches, and how text is searched.

Emails are compared lower-cased; names and labels case-, space- and accent-folded ("  José
 PÉREZ" and "jose perez" are the same person); identifiers trimmed. A value that folds to
nothing never matches anything, nor does a name or label that only describes ("Member of the
public", "Unknown": ``identifying``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final


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


_WORD = re.compile(r"[^\W_]+")

DESCRIBING_WORDS: Final = frozenset(
    """
    a an the of and or to from by at in on for with as via
    his her their its our my your some any another other others same several multiple various
    all one two three more than few
    unknown known not unnamed anonymous unidentified unspecified unclear unsure none nobody
    n na nk tbc tba tbd
    member members public general person persons people individual individuals someone
    somebody anyone anybody recipient recipients addressee addressees
    resident residents tenant tenants neighbour neighbours neighbor neighbors household
    customer customers client clients service user users patient patients pupil pupils student
    students parent parents carer carers guardian family families relative relatives friend
    friends partner partners child children applicant applicants claimant claimants citizen
    citizens visitor visitors caller callers contact contacts
    third party parties external internal wrong incorrect unintended intended mistaken
    staff colleague colleagues employee employees officer officers worker workers team teams
    department departments organisation organisations organization organizations company
    companies supplier suppliers contractor contractors agency agencies professional
    professionals trusted
    attacker attackers hacker hackers criminal criminals thief thieves fraudster fraudsters
    scammer scammers malicious actor actors cyber
    address addresses email emails post postal letter letters mail inbox list lists mailing
    distribution group groups
    birth foster adoptive ex former previous new current local next door
    """.split()  # noqa: SIM905 - a list of words reads best as words
)
"""Words that describe a kind of person or recipient rather than name one. A name or label made
of nothing but these and numbers ("Member of the public", "Unknown", "the wrong tenant", "n/a",
"2 other parents") says what kind of person someone was, not which one: two breaches that both
say it are not about the same person or recipient. With one word besides them ("Leeds City
Council", "Mr A, neighbour") it is compared."""


def identifying(folded: str | None) -> str | None:
    """``folded`` (``fold``'s result) when it can tell one person or recipient from another;
    None when it only describes (every word is one of ``DESCRIBING_WORDS`` or a number, or it
    has no word at all). A letter after the first word is a pseudonym, and names: "Person A",
    "Child C" (while "A member of the public" and "n/a" only describe)."""
    if folded is None:
        return None
    words = _WORD.findall(folded.replace("n/a", "na"))
    for position, word in enumerate(words):
        if word not in DESCRIBING_WORDS and not word.isdigit():
            return folded
        if position > 0 and len(word) == 1 and word.isalpha():
            return folded
    return None


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
