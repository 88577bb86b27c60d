"""Reminders and complaints: when someone hears about something, and what the message says.

Pure rules, no I/O. ``store/remind`` reads the register, ``services/remind`` sends.

Thresholds (one reminder per person, item and threshold, ever):

- an action due within 7 days (``due_7``), then within 1 day (``due_1``: due tomorrow or today);
- an overdue action on its first day overdue and every 7 days after (``overdue_1``,
  ``overdue_8``, …): after 14 days (configurable) its service's escalation contact is copied;
- an action done and waiting for an IG officer to verify it, once a week (``verify_1``, …);
- for IG officers: a breach whose ICO clock is within 24 hours (``ico_24h``) or late with no
  report recorded (``ico_late_1``, then every 7 days);
- for IG officers: a complaint not yet acknowledged, 7 days and 1 day before its due date, then
  weekly while late.

A message names only the breach reference, the recommendation's text, the due date and the
service: never the people affected, the data, the recipients or the description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from breach_desk.domain.clock import LONDON, as_aware, day_month_year, english, local_date

DUE_SOON_DAYS = 7
ESCALATE_AFTER_DAYS = 14
"""Days overdue after which the owner's escalation contact is copied (``--escalate-after``)."""
REPEAT_DAYS = 7
"""While something stays overdue or late, it is mentioned again every 7 days."""
ICO_WARNING = timedelta(hours=24)
COMPLAINT_ACK_DAYS = 30
"""DPA 2018 s.164A(3)(b): acknowledged within 30 days of receipt, the day of receipt counting as
the first."""
COMPLAINT_WAYS = ("letter", "email", "phone", "online", "in_person")
MAX_COMPLAINT_TEXT = 4000


class Kind(StrEnum):
    ACTION = "action"
    VERIFY = "verify"
    ICO = "ico"
    COMPLAINT = "complaint"


def acknowledgement_due(received: date) -> date:
    """The last day to acknowledge a complaint: received 1 July → 30 July."""
    return received + timedelta(days=COMPLAINT_ACK_DAYS - 1)


@dataclass(frozen=True, slots=True)
class ComplaintClock:
    text: str
    accent: str
    """'neutral', 'warn' (7 days or less), 'late', 'ok' (acknowledged)."""
    due: date


def complaint_clock(received: date, acknowledged: date | None, today: date) -> ComplaintClock:
    """'Acknowledgement due 30 Jul 2026 (12 days left)', 'Acknowledgement late by 3 days',
    'Acknowledged 5 Jul 2026'."""
    due = acknowledgement_due(received)
    if acknowledged is not None:
        late = (acknowledged - due).days
        when = day_month_year(acknowledged)
        if late > 0:
            return ComplaintClock(f"Acknowledged {when}, {_days(late)} late", "warn", due)
        return ComplaintClock(f"Acknowledged {when}", "ok", due)
    left = (due - today).days
    shown = day_month_year(due)
    if left < 0:
        return ComplaintClock(
            f"Acknowledgement late by {_days(-left)} (was due {shown})", "late", due
        )
    words = "due today" if left == 0 else f"{_days(left)} left"
    return ComplaintClock(
        f"Acknowledgement due {shown} ({words})",
        "warn" if left <= DUE_SOON_DAYS else "neutral",
        due,
    )


def _days(n: int) -> str:
    return f"{n:,} day" + ("" if n == 1 else "s")


def _repeat(days_late: int) -> str:
    """'1', '8', '15': the first day late of the current 7-day period."""
    return str(((days_late - 1) // REPEAT_DAYS) * REPEAT_DAYS + 1)


def due_threshold(due: date, today: date) -> str | None:
    """The threshold a due date has reached today, or None while it is further off."""
    left = (due - today).days
    if left < 0:
        return "overdue_" + _repeat(-left)
    if left <= 1:
        return "due_1"
    if left <= DUE_SOON_DAYS:
        return "due_7"
    return None


def verify_threshold(done_on: date, today: date) -> str:
    return "verify_" + _repeat(max(1, (today - done_on).days + 1))


def ico_threshold(deadline: datetime, at: datetime) -> str | None:
    left = as_aware(deadline) - as_aware(at)
    if left > ICO_WARNING:
        return None
    if left >= timedelta(0):
        return "ico_24h"
    late_days = (local_date(at) - local_date(deadline)).days + 1
    return "ico_late_" + _repeat(late_days)


@dataclass(slots=True)
class Item:
    """One thing a person is reminded of. Only what a message may carry."""

    kind: Kind
    key: str
    """Stable: 'action:12', 'verify:12', 'ico:IG-2026-0001', 'complaint:3'."""
    threshold: str
    reference: str
    service: str | None
    text: str
    """The recommendation's text; for a clock, what is due."""
    due: date
    status_words: str
    """'due in 5 days', 'overdue by 9 days', 'ICO report due in 17 h'."""
    days_overdue: int = 0
    deadline: datetime | None = None
    """An ICO clock's end; its words are made when the item is shown."""
    judged_at: datetime | None = None
    section: str = ""
    """Which part of the message it goes in (``SECTIONS``); '' for the kind's own."""
    judged_on: date | None = None
    """For an action: the day its words ('overdue by 3 days') are made for, when shown."""

    def __post_init__(self) -> None:
        if not self.section:
            if self.kind is Kind.ACTION:
                self.section = "overdue" if self.threshold.startswith("overdue") else "due"
            else:
                self.section = self.kind.value


@dataclass(slots=True)
class Digest:
    """Everything one person hears about today."""

    login: str
    email: str
    name: str
    items: list[Item] = field(default_factory=list)
    copy_to: list[tuple[str, str]] = field(default_factory=list)
    """(login, email) of escalation contacts copied."""


def action_words(due: date, today: date) -> str:
    left = (due - today).days
    if left < 0:
        return f"overdue by {_days(-left)}"
    if left == 0:
        return "due today"
    if left == 1:
        return "due tomorrow"
    return f"due in {_days(left)}"


def ico_words(deadline: datetime, at: datetime) -> str:
    """'report to the ICO due in 14 h', 'report to the ICO late by 905 d, no report recorded':
    the one ICO clock's words (``domain.notification``), so the email gives the number the
    register, the dashboard and the breach's detail give at the same moment."""
    from breach_desk.domain.notification import running_clock

    clock = running_clock(as_aware(deadline), at)
    if as_aware(deadline) > as_aware(at):
        return f"report to the ICO {clock.text}"
    return f"report to the ICO {clock.text}, no report recorded"


def show_date(day: date) -> str:
    return english(day, "%a %-d %b %Y")


def show_deadline(moment: datetime) -> str:
    local = as_aware(moment).astimezone(LONDON)
    return english(local, "%a %-d %b %Y %H:%M %Z")


SECTIONS = (
    ("overdue", "Overdue actions"),
    ("due", "Actions due soon"),
    ("verify", "Actions waiting for you to verify"),
    ("ico", "Reports to the ICO due or late"),
    ("complaint", "Complaints waiting for acknowledgement"),
)


def section_of(item: Item) -> str:
    return item.section


def subject(digest: Digest) -> str:
    counts: dict[str, int] = {}
    for item in digest.items:
        counts[item.section] = counts.get(item.section, 0) + 1
    parts = []
    words = {
        "overdue": ("overdue action", "overdue actions"),
        "due": ("action due soon", "actions due soon"),
        "verify": ("action to verify", "actions to verify"),
        "ico": ("ICO clock", "ICO clocks"),
        "complaint": ("complaint to acknowledge", "complaints to acknowledge"),
    }
    for key, _ in SECTIONS:
        n = counts.get(key, 0)
        if n:
            one, many = words[key]
            parts.append(f"{n} {one if n == 1 else many}")
    return "Breach Desk: " + ", ".join(parts)


def item_line(item: Item) -> str:
    service = f" · {item.service}" if item.service else ""
    if item.deadline is not None and item.judged_at is not None:
        ended = as_aware(item.deadline) <= as_aware(item.judged_at)
        text = f"the 72 hours {'ended' if ended else 'end'} {show_deadline(item.deadline)}"
        return f"{item.reference}{service}: {text} — {ico_words(item.deadline, item.judged_at)}"
    if item.kind in (Kind.ACTION, Kind.VERIFY):
        words = item.status_words
        if not words and item.judged_on is not None:
            words = action_words(item.due, item.judged_on)
        return f"{item.reference}{service}: {item.text} — due {show_date(item.due)}, {words}"
    return f"{item.reference}{service}: {item.text} — {item.status_words}"


HOW_TO_OPEN = (
    "To see the breach, open Breach Desk and type its reference (for example {ref}) in the "
    "register's search box, or run: breach-desk show {ref}"
)
