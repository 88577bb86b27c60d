"""A breach brought in from the organisation's old breach log: where it came from, and what the
log recorded, shown as recorded (never recomputed, and nothing filled in that it does not say).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from breach_desk.domain.clock import LONDON, month_name

FROM_OLD_LOG = "From the old log"

_LABELS: tuple[tuple[str, str], ...] = (
    ("reference", "Log reference"),
    ("title", "Title"),
    ("description", "What happened"),
    ("service", "Service"),
    ("occurred_at", "When it happened"),
    ("aware_at", "When the organisation became aware"),
    ("cause", "Cause"),
    ("data.categories", "Data involved"),
    ("subjects.count", "Number of people affected"),
    ("subjects.people.name", "People affected"),
    ("subjects.people.email", "Emails of the people affected"),
    ("recipients.label", "Who received the data"),
    ("recipients.email", "Emails of who received the data"),
    ("recipients.poses_risk_to_subject", "Recipient poses a risk to the person"),
    ("recipients.risk_note", "Why the recipient poses a risk"),
    ("discovered_how", "How it was discovered"),
    ("log.ico_reported", "Reported to the ICO"),
    ("log.ico_reported_at", "When it was reported to the ICO"),
    ("log.ico_reference", "The ICO's reference"),
    ("log.people_told", "The people were told"),
    ("log.people_told_at", "When the people were told"),
    ("log.risk", "The log's severity"),
    ("log.closed_at", "When it was closed"),
    ("log.actions", "Actions taken"),
    ("log.lessons", "Lessons learned"),
)
LABELS = dict(_LABELS)


def _words(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        if name in ("cause", "data.categories"):
            return ", ".join(str(v).replace("_", " ") for v in value)
        return "; ".join(str(v) for v in value)
    if name in ("cause",):
        return str(value).replace("_", " ").capitalize()
    if name.endswith("_at") and isinstance(value, str):
        return _date_words(value)
    return str(value)


def date_words(text: str) -> str:
    """A log date in words at its precision: '15 March 2021 14:30', 'March 2021', '2021'."""
    return _date_words(text)


def _date_words(text: str) -> str:
    """A log date at the precision the log gave it: '15 March 2021 14:30', 'March 2021',
    '2021'."""
    day, _, at = text.partition("T")
    parts = day.split("-")
    try:
        if len(parts) == 1:
            return parts[0]
        month = month_name(int(parts[1]))
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        shown = f"{int(parts[2])} {month} {parts[0]}"
        return f"{shown} {at}" if at else shown
    except (ValueError, IndexError):
        return text


@dataclass(frozen=True, slots=True)
class OldLogEntry:
    """Where a breach from the old log came from, and what the log recorded."""

    source_file: str
    sheet: str | None
    row_number: int
    imported_by: str
    imported_at: datetime
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def imported_on(self) -> str:
        """The day it was imported, London time ('6 December 2026')."""
        day = self.imported_at.astimezone(LONDON)
        return f"{day.day} {month_name(day.month)} {day.year}"

    @property
    def origin(self) -> str:
        """'breach-log.xlsx, sheet "2021", row 7'."""
        sheet = f', sheet "{self.sheet}"' if self.sheet else ""
        return f"{self.source_file}{sheet}, row {self.row_number}"

    def lines(self) -> list[tuple[str, str]]:
        """(label, words) for every field the log holds, in a fixed order; what it does not
        hold is not listed (it is not known)."""
        out = [
            (label, _words(name, self.record[name]))
            for name, label in _LABELS
            if name in self.record and self.record[name] not in (None, "", [])
        ]
        return out

    def decisions(self) -> list[str]:
        """The decisions the log recorded, in words, as recorded."""
        r = self.record
        out: list[str] = []
        if "log.ico_reported" in r:
            if r["log.ico_reported"]:
                when = r.get("log.ico_reported_at")
                ref = r.get("log.ico_reference")
                out.append(
                    "The log records that it was reported to the ICO"
                    + (f" on {_date_words(when)}" if when else "")
                    + (f" (the ICO's reference {ref})" if ref else "")
                    + "."
                )
            else:
                out.append("The log records that it was not reported to the ICO.")
        elif r.get("log.ico_reported_at"):
            out.append(
                f"The log records a report to the ICO on {_date_words(r['log.ico_reported_at'])}."
            )
        if "log.people_told" in r:
            if r["log.people_told"]:
                when = r.get("log.people_told_at")
                out.append(
                    "The log records that the people were told"
                    + (f" on {_date_words(when)}" if when else "")
                    + "."
                )
            else:
                out.append("The log records that the people were not told.")
        if r.get("log.risk"):
            out.append(f"The log's own severity: {r['log.risk']}.")
        return out

    def text(self) -> str:
        """The entry as plain text (``breach-desk show``)."""
        lines = [
            f"{FROM_OLD_LOG}: {self.origin}",
            f"Imported by {self.imported_by} on {self.imported_on}",
            "No ICO clock, no recommendations: this is history, as the log recorded it.",
            "",
            *self.decisions(),
            "",
        ]
        lines += [f"{label}: {words}" for label, words in self.lines()]
        return "\n".join(lines)


def people_of(record: Mapping[str, Any]) -> list[dict[str, str]]:
    """The people of a stored row: a name column and an email column that list as many of each
    are one person per pair (the log's "Ms D" and "ms.d@example.org" are one person, not two);
    otherwise each name and each email stands alone, as nothing says which goes with which."""
    names = list(record.get("subjects.people.name") or [])
    emails = list(record.get("subjects.people.email") or [])
    if names and len(names) == len(emails):
        return [{"name": n, "email": e} for n, e in zip(names, emails, strict=True)]
    return [{"name": n} for n in names] + [{"email": e} for e in emails]


def facts_like(record: Mapping[str, Any]) -> dict[str, Any]:
    """The people and recipients of a stored row, shaped as facts (format v1) are, for matching
    and carrying a recorded risk forward (``store/matching``)."""
    people = people_of(record)
    labels = list(record.get("recipients.label") or [])
    r_emails = list(record.get("recipients.email") or [])
    risky = record.get("recipients.poses_risk_to_subject")
    note = record.get("recipients.risk_note")
    recipients: list[dict[str, Any]] = []
    for label in labels:
        recipients.append({"label": label})
    for index, email in enumerate(r_emails):
        if (
            index < len(recipients)
            and "email" not in recipients[index]
            and len(r_emails) == len(labels)
        ):
            recipients[index]["email"] = email
        else:
            recipients.append({"email": email})
    for r in recipients:
        r["kind"] = "unknown"
        if risky is not None:
            r["poses_risk_to_subject"] = risky
        if note:
            r["risk_note"] = note
    return {"subjects": {"people": people}, "recipients": recipients}
