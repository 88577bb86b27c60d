"""Time as the method and the register see it: Europe/London for people, UTC for storage.

``now()`` honours ``BREACH_DESK_NOW`` (an ISO 8601 date-time) so that a whole process, GUI or
command line, can be run at a fixed moment: deadlines and "overdue" depend on the date. It is
the "today" people see and the method judges by, nothing more.

``recorded_now()`` is what the register writes down: when an assessment was saved, an action
moved on, a breach closed, an audit entry made. It is always the real clock, whatever
``BREACH_DESK_NOW`` says, so that nobody can date a record by setting a variable. (On a team
database the server stamps the time itself.)
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ICO_WINDOW = timedelta(hours=72)


def now() -> datetime:
    """The current moment, timezone-aware (UTC), or the fixed moment of BREACH_DESK_NOW."""
    fixed = os.environ.get("BREACH_DESK_NOW")
    if fixed:
        return as_aware(datetime.fromisoformat(fixed)).astimezone(UTC)
    return datetime.now(UTC)


def recorded_now() -> datetime:
    """The real moment (UTC) for every time the register records; never BREACH_DESK_NOW."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in Europe/London."""
    return now().astimezone(LONDON).date()


def as_aware(moment: datetime) -> datetime:
    """Naive times are wall-clock times in Europe/London."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LONDON)
    return moment


def ico_deadline(aware_at: datetime) -> datetime:
    """72 elapsed hours after becoming aware, in London time (right across clock changes)."""
    utc = as_aware(aware_at).astimezone(UTC)
    return (utc + ICO_WINDOW).astimezone(LONDON)


def local_date(moment: datetime) -> date:
    return as_aware(moment).astimezone(LONDON).date()


def is_overdue(due: date, at: datetime | None = None) -> bool:
    """Overdue means not done by the end of the due day (London)."""
    moment = as_aware(at) if at is not None else now()
    return moment.astimezone(LONDON).date() > due


def describe_duration(delta: timedelta, *, use_days: bool = True) -> str:
    """'2 d 5 h', '17 h', '45 min': how people read a countdown (``use_days=False``: '53 h')."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rem = divmod(minutes, 24 * 60) if use_days else (0, minutes)
    hours, mins = divmod(rem, 60)
    if days:
        return f"{days:,} d {hours} h" if hours else f"{days:,} d"
    if hours:
        return f"{hours:,} h {mins} min" if hours < 6 and mins else f"{hours:,} h"
    return f"{mins} min"


def ico_clock_text(aware_at: datetime, at: datetime | None = None) -> str:
    """'61 h left' or 'late by 3 d 2 h', measured against the 72-hour deadline."""
    moment = as_aware(at) if at is not None else now()
    left = ico_deadline(aware_at) - moment
    if left.total_seconds() >= 0:
        return f"{describe_duration(left, use_days=False)} left"
    return f"late by {describe_duration(left)}"


def format_local(moment: datetime) -> str:
    """A London date-time for people: 'Thu 18 Mar 2021 10:00 GMT'.

    Written from tables rather than by ``strftime`` ("%a %d %b %Y %H:%M %Z", the same text):
    every assessment writes its ICO deadline so, and strftime builds a time tuple and calls the
    C library for it (a sixth of the method's time for this one line). The names are English
    whatever the process's locale, as every other word of the product is."""
    local = as_aware(moment).astimezone(LONDON)
    return (
        f"{_WEEKDAYS[local.weekday()]} {local.day:02d} {_MONTHS[local.month]} {local.year} "
        f"{local.hour:02d}:{local.minute:02d} {local.tzname() or ''}"
    )


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LONG_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DIRECTIVE = re.compile(r"%(-d|.)")


def english(value: date, pattern: str) -> str:
    """``value.strftime(pattern)`` with the names of days and months in English, whatever the
    process's locale.

    strftime takes ``%a``, ``%A``, ``%b`` and ``%B`` from the C library's locale, and the window's
    toolkit sets that locale from the environment when it starts: under a Welsh locale "%b"
    writes "Maw" for March, into a decision note or a letter that is English in every other
    word. The names come from tables instead; ``%-d`` is the day without a leading zero (on
    every platform); every other directive is strftime's own (none of those this product uses
    depends on the locale).
    """

    def name(found: re.Match[str]) -> str:
        code = found.group(1)
        if code == "-d":
            return str(value.day)
        if code == "a":
            return _WEEKDAYS[value.weekday()]
        if code == "A":
            return _LONG_WEEKDAYS[value.weekday()]
        if code == "b":
            return _MONTHS[value.month]
        if code == "B":
            return _LONG_MONTHS[value.month]
        return found.group(0)

    return value.strftime(_DIRECTIVE.sub(name, pattern))


def month_name(month: int) -> str:
    """'March' for 3; ValueError for a number that is no month."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return _LONG_MONTHS[month]


def day_month_year(value: date) -> str:
    """'5 Mar 2026': a day as every document and view of the product writes it."""
    return f"{value.day} {_MONTHS[value.month]} {value.year}"


def month_year(value: date, *, long: bool = False) -> str:
    """'Mar 2026', or 'March 2026' with ``long``."""
    return f"{(_LONG_MONTHS if long else _MONTHS)[value.month]} {value.year}"
