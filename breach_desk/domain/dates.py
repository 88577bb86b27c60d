"""Dates and times as officers type them, read exactly or refused: never guessed into another.

UK day first always (``3/4/21`` is 3 April 2021). What is read: ``15/03/2021``, ``15/3/21``,
``15.03.2021``, ``15 Mar 2021``, ``15th March 2021``, ``Monday 15 March 2021``, ``March 15, 2021``,
``2021-03-15``, ``2021-03-15T10:00``, ``today``, ``yesterday 14:30``, ``tomorrow``, a time as
``10:00``, ``9.30``, ``2pm`` or ``2:30 pm`` (optionally ``GMT`` or ``BST``), and where the field
allows it, a month (``June 2022``, ``06/2022``, ``2022-06``) or a year (``2022``).

What does not exist is refused with the reason (31 November, 29 February 2021, a weekday that
does not match, 01:30 on the night the clocks go forward); what could be two moments (01:30 on
the night the clocks go back) is read as the first unless ``GMT`` says the second. Times are
Europe/London wall-clock times. Nothing here imports Qt: the window and the command line share it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from breach_desk.domain.clock import LONDON, now

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

EXAMPLES = "e.g. 15/03/2021 or 15 Mar 2021"


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "date"
    MINUTE = "minute"


class DateProblem(ValueError):
    """A typed date that cannot be read, or does not exist: the message says why, in words."""


@dataclass(frozen=True)
class Understood:
    """What was read: a year, a month, a day, or a day and a London wall-clock time."""

    precision: Precision
    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    fold: int = 0

    @property
    def date(self) -> date:
        return date(self.year, self.month, self.day)

    @property
    def moment(self) -> datetime:
        """The moment in Europe/London (midnight when no time was given)."""
        return datetime(
            self.year, self.month, self.day, self.hour, self.minute, tzinfo=LONDON, fold=self.fold
        )

    @property
    def iso(self) -> str:
        """'2022', '2022-06', '2022-06-14' or '2022-06-14T10:00' (London wall clock)."""
        if self.precision is Precision.YEAR:
            return f"{self.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        if self.precision is Precision.DAY:
            return self.date.isoformat()
        return f"{self.date.isoformat()}T{self.hour:02d}:{self.minute:02d}"

    @property
    def words(self) -> str:
        """'Monday 15 March 2021, 10:00 GMT', 'Monday 15 March 2021', 'June 2022', 'the year
        2022'."""
        if self.precision is Precision.YEAR:
            return f"the year {self.year}"
        if self.precision is Precision.MONTH:
            return f"{calendar.month_name[self.month]} {self.year}"
        d = self.date
        day = f"{calendar.day_name[d.weekday()]} {d.day} {calendar.month_name[d.month]} {d.year}"
        if self.precision is Precision.DAY:
            return day
        zone = self.moment.tzname() or ""
        said = f"{day}, {self.hour:02d}:{self.minute:02d} {zone}"
        if _ambiguous(self.moment):
            said += (
                f" ({'the first' if self.fold == 0 else 'the second'} time that hour came round)"
            )
        return said


def _ambiguous(moment: datetime) -> bool:
    other = moment.replace(fold=1 - moment.fold)
    return other.utcoffset() != moment.utcoffset()


def _exists(moment: datetime) -> bool:
    """False for a wall-clock time skipped when the clocks go forward."""
    round_trip = moment.astimezone(UTC).astimezone(LONDON)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


_TIME = re.compile(
    r"(?:\s*(?:at\s+)?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?::\d{2})?\s*(?P<ampm>am|pm)?"
    r"(?:\s*(?P<zone>gmt|bst|uk time|uk))?)$"
)
_ISO = re.compile(r"(?P<y>\d{4})-(?P<mo>\d{1,2})(?:-(?P<d>\d{1,2}))?")
_NUMERIC = re.compile(r"(?P<d>\d{1,2})[/.-](?P<mo>\d{1,2})[/.-](?P<y>\d{2}|\d{4})")
_MONTH_NUMERIC = re.compile(r"(?P<mo>\d{1,2})[/.-](?P<y>\d{4})")
_DAY_MONTH = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[a-z]+)\s+(?P<y>\d{4})"
)
_MONTH_DAY = re.compile(r"(?P<mon>[a-z]+)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<y>\d{4})")
_MONTH_YEAR = re.compile(r"(?P<mon>[a-z]+)\s+(?P<y>\d{4})")
_YEAR = re.compile(r"(?P<y>\d{4})")
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _month(name: str, original: str) -> int:
    number = MONTHS.get(name)
    if number is None:
        raise DateProblem(f"“{original}”: “{name}” is not a month ({EXAMPLES})")
    return number


def _year(text: str, reference: date) -> int:
    if len(text) == 4:
        return int(text)
    two = int(text)
    # 15/3/21 is 2021; a two-digit year more than a year ahead is last century (3/4/98: 1998).
    century = 2000 if 2000 + two <= reference.year + 1 else 1900
    return century + two


def _check_day(year: int, month: int, day: int) -> None:
    if not 1 <= month <= 12:
        raise DateProblem(f"There is no month {month}: day first, then month ({EXAMPLES})")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        if month == 2 and day == 29:
            raise DateProblem(f"29 February {year} does not exist: {year} is not a leap year")
        raise DateProblem(f"{day} {name} {year} does not exist: {name} has {days} days")


def _split_time(text: str) -> tuple[str, tuple[int, int, str] | None]:
    """The date part and the time (hour, minute, zone word) if a time ends the text."""
    # Only a clock-like ending counts as a time: '10:00', '9.30', '2pm', '14:30 gmt'.
    match = re.search(
        r"(?:^|[\s,])(?:at\s+)?(\d{1,2}(?:[:.]\d{2}(?::\d{2})?)?\s*(?:am|pm)?"
        r"(?:\s*(?:gmt|bst|uk time|uk))?)$",
        text,
    )
    if match is None:
        return text, None
    tail = match.group(1)
    if not re.search(r"[:.]|am|pm", tail):
        return text, None
    found = _TIME.fullmatch(" " + tail) or _TIME.fullmatch(tail)
    if found is None:
        return text, None
    hour, minute = int(found.group("h")), int(found.group("m") or 0)
    ampm = found.group("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            raise DateProblem(f"“{tail}” is not a time: with am or pm the hour is 1 to 12")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DateProblem(f"“{tail}” is not a time of day: use 00:00 to 23:59")
    zone = (found.group("zone") or "").strip()
    head = text[: match.start(1)].rstrip(" ,")
    head = re.sub(r"\s+at$", "", head)
    return head, (hour, minute, zone)


def _read_day(text: str, original: str, reference: date) -> tuple[Precision, int, int, int]:
    if text in _RELATIVE:
        d = reference + timedelta(days=_RELATIVE[text])
        return Precision.DAY, d.year, d.month, d.day
    weekday: int | None = None
    first, _, rest = text.partition(" ")
    if first in WEEKDAYS and rest:
        weekday, text = WEEKDAYS[first], rest
    for pattern in (_ISO, _NUMERIC, _DAY_MONTH, _MONTH_DAY):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        if pattern is _ISO and groups["d"] is None:
            return _month_only(int(groups["y"]), int(groups["mo"]))
        year = _year(groups["y"], reference)
        month = int(groups["mo"]) if "mo" in groups else _month(groups["mon"], original)
        day = int(groups["d"])
        _check_day(year, month, day)
        if weekday is not None and date(year, month, day).weekday() != weekday:
            actual = calendar.day_name[date(year, month, day).weekday()]
            raise DateProblem(
                f"{day} {calendar.month_name[month]} {year} is a {actual}, "
                f"not a {calendar.day_name[weekday]}"
            )
        return Precision.DAY, year, month, day
    if weekday is not None:
        raise DateProblem(f"Cannot read “{original}” as a date ({EXAMPLES})")
    m = _MONTH_YEAR.fullmatch(text)
    if m is not None:
        return _month_only(int(m.group("y")), _month(m.group("mon"), original))
    m = _MONTH_NUMERIC.fullmatch(text)
    if m is not None:
        return _month_only(int(m.group("y")), int(m.group("mo")))
    m = _YEAR.fullmatch(text)
    if m is not None:
        return Precision.YEAR, int(m.group("y")), 1, 1
    raise DateProblem(f"Cannot read “{original}” as a date ({EXAMPLES})")


def _month_only(year: int, month: int) -> tuple[Precision, int, int, int]:
    if not 1 <= month <= 12:
        raise DateProblem(f"There is no month {month} ({EXAMPLES})")
    return Precision.MONTH, year, month, 1


def read_date(
    text: str,
    *,
    with_time: bool = False,
    partial: bool = False,
    time_allowed: bool = False,
    at: datetime | None = None,
) -> Understood:
    """Read what was typed, exactly, or raise :class:`DateProblem` saying why in words.

    ``with_time``: a time of day is required (the moment of becoming aware); otherwise a time is
    refused, never dropped, unless ``time_allowed`` (when it happened: a day, or a day and its
    time). ``partial``: a month or a year alone is allowed. ``at`` is the moment
    'today' is judged from (default: ``clock.now()``)."""
    original = " ".join(text.split())
    if not original:
        raise DateProblem("Nothing typed: type a date, " + EXAMPLES)
    cleaned = original.lower().replace(",", " ")
    cleaned = re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", r"\1 ", " ".join(cleaned.split()))
    reference = (at or now()).astimezone(LONDON).date()
    head, clock = _split_time(cleaned)
    if not head and clock is not None:
        raise DateProblem(f"“{original}” has a time but no date: add the date first")
    precision, year, month, day = _read_day(head, original, reference)
    if precision in (Precision.YEAR, Precision.MONTH):
        if not partial:
            raise DateProblem(f"“{original}”: give the full date, day, month and year ({EXAMPLES})")
        if clock is not None:
            raise DateProblem(f"“{original}”: a time needs the full date ({EXAMPLES})")
        return Understood(precision, year, month)
    if clock is None:
        if with_time:
            raise DateProblem(
                f"“{original}”: add the time as well, e.g. {day} "
                f"{calendar.month_abbr[month]} {year} 10:00"
            )
        return Understood(Precision.DAY, year, month, day)
    if not with_time and not time_allowed:
        raise DateProblem(f"“{original}”: only the date is recorded here, without a time")
    hour, minute, zone = clock
    moment = datetime(year, month, day, hour, minute, tzinfo=LONDON)
    if not _exists(moment):
        raise DateProblem(
            f"{hour:02d}:{minute:02d} on {day} {calendar.month_name[month]} {year} did not happen "
            "in the UK: the clocks went forward from 01:00 to 02:00"
        )
    fold = 0
    if _ambiguous(moment):
        fold = 1 if zone == "gmt" else 0
    else:
        actual = (moment.tzname() or "").lower()
        if zone in ("gmt", "bst") and zone != actual:
            raise DateProblem(
                f"“{original}”: on {day} {calendar.month_name[month]} {year} UK time is "
                f"{actual.upper()}, not {zone.upper()}"
            )
    return Understood(Precision.MINUTE, year, month, day, hour, minute, fold)


def understood_from_iso(text: str) -> Understood | None:
    """The stored forms back ('2022', '2022-06', '2022-06-14', '2022-06-14T10:00[:00]'), or None."""
    text = text.strip()
    try:
        if len(text) == 4:
            return Understood(Precision.YEAR, int(text))
        if len(text) == 7:
            return Understood(Precision.MONTH, int(text[:4]), int(text[5:7]))
        if len(text) == 10:
            d = date.fromisoformat(text)
            return Understood(Precision.DAY, d.year, d.month, d.day)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(LONDON)
    t: time = moment.time()
    return Understood(
        Precision.MINUTE, moment.year, moment.month, moment.day, t.hour, t.minute, moment.fold
    )
