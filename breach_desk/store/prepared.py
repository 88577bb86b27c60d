"""What an import reads and writes per record: a record as read from the file, and the values
to store once it is validated and assessed (``services/preparing`` does that work; the store
writes what it is given, ``store/importing``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.errors import ImportProblem
from breach_desk.store.models import Packed

OUTCOME_COLUMNS = (
    "band",
    "likelihood",
    "risk",
    "ico_report",
    "ico_deadline",
    "notify_subjects",
    "is_repeat",
)


class Raw(NamedTuple):
    """One record as read from the file: its JSON text, or why it could not be read."""

    line: int
    record: int
    text: str | None = None
    problem: str | None = None


class Prepared(NamedTuple):
    """A record ready to write (or its problems). A tuple of plain values: cheap to send back
    from a helper process (a dataclass costs four times as much to unpickle)."""

    line: int
    record: int
    problems: tuple[ImportProblem, ...] = ()
    reference: str = ""
    title: str = ""
    service: str | None = None
    aware_at: datetime | None = None
    facts_json: str = ""
    assessment: str | Packed = ""
    outcome: tuple[Any, ...] = ()
    """Values of OUTCOME_COLUMNS."""
    audit_outcome: str = ""
    """The outcome for the audit entry, as JSON text."""
    recommendations: tuple[tuple[str, str, str, Any, str], ...] = ()
    """(code, text, owner_role, due_date, why) as the method proposed them."""
    search_text: str = ""
    people: tuple[tuple[str | None, str | None, str | None], ...] = ()
    """(name_folded, email_norm, identifier_norm)"""
    recipients: tuple[tuple[str, str | None, str | None], ...] = ()
    """(kind, label_folded, email_norm)"""


Work = tuple[Raw, str, Sequence[RepeatMatch]]
"""A record to prepare: as read, its reference, the earlier breaches it matches."""
