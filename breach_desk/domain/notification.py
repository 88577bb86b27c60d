"""Telling the ICO and the people, as records; and the one ICO clock (issue 11).

A breach's report to the ICO is a fact the officer records: when it was made (the officer's
date-time, stored as given), how, the ICO's case reference, and, when it was made more than
72 hours after the organisation became aware, the reasons for the delay (UK GDPR Art. 33(1):
required then). Information may follow in phases (Art. 33(4)): follow-ups, in date order. The
ICO's response comes later. Telling the people (Art. 34) is recorded the same way.

``ico_clock`` is the only place the ICO clock is worked out. The register's ICO column, the
breach detail, the wizard, the dashboard, the command line and every printed document show
what it returns, in its words: ``not required`` (no clock at all), ``due in 14 h``,
``late by 3 d 2 h``, ``reported 18 Mar 2021 09:12 (71 h after awareness)`` or
``reported 8 h late, on … (reasons recorded)``. Pure: no database, no Qt, no clock of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from breach_desk.domain import vocabulary as v
from breach_desk.domain.clock import (
    LONDON,
    as_aware,
    describe_duration,
    english,
    ico_deadline,
    local_date,
)

LONG_LATE = timedelta(days=7)
"""Late by this much or more, the clock counts whole days."""
AMBER_HOURS = 24
"""At or under this many hours left, the clock turns amber (UI.md)."""
FUTURE_SKEW = timedelta(minutes=10)
"""How far ahead of the clock a recorded moment may be (a computer's clock a little behind),
as for the facts' times (``facts_io.CLOCK_SKEW``)."""
MAX_NOTE = 20_000
"""The longest reference, reason or text a record keeps (the register's limit for text)."""
MAX_LETTER = 200_000
"""The longest letter text kept with a record of telling the people."""
MAX_REFERENCE = 100
MAX_PEOPLE = 100_000_000


class IcoHow(StrEnum):
    ONLINE = "online"
    PHONE = "phone"
    EMAIL = "email"


class PeopleHow(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    PUBLIC_NOTICE = "public_notice"


class IcoOutcome(StrEnum):
    NO_FURTHER_ACTION = "no_further_action"
    ADVICE = "advice"
    INVESTIGATION = "investigation"
    REPRIMAND = "reprimand"
    ENFORCEMENT_NOTICE = "enforcement_notice"
    PENALTY = "penalty"


class ClockState(StrEnum):
    NOT_REQUIRED = "not_required"
    DUE = "due"
    LATE = "late"
    REPORTED = "reported"
    REPORTED_LATE = "reported_late"


CLOCK_ORDER = (
    ClockState.LATE,
    ClockState.DUE,
    ClockState.REPORTED_LATE,
    ClockState.REPORTED,
    ClockState.NOT_REQUIRED,
)
"""The register's ICO column, sorted: the clocks running (late first, then the soonest due),
the reports made, then the breaches that need none."""


@dataclass(frozen=True, slots=True)
class IcoReport:
    """The report to the ICO as it was made."""

    reported_at: datetime
    how: IcoHow
    ico_reference: str | None
    delay_reason: str | None
    voluntary: bool
    """Made when the assessment said no report was required."""
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Information given to the ICO after the first report (Art. 33(4))."""

    at: datetime
    text: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class IcoResponse:
    on: date
    outcome: IcoOutcome
    reference: str | None
    text: str | None
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class PeopleTold:
    """The people affected were told (Art. 34): when, how, how many, with which text."""

    at: datetime
    how: PeopleHow
    count: int | None
    letter_text: str | None
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class Notifications:
    """Everything a breach's register keeps about who was told: in date order."""

    ico: IcoReport | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    responses: tuple[IcoResponse, ...] = ()
    people: tuple[PeopleTold, ...] = ()

    @property
    def empty(self) -> bool:
        return self.ico is None and not self.people


NONE = Notifications()


@dataclass(frozen=True, slots=True)
class Clock:
    """The ICO clock of one breach at one moment: its state, its words and its accent."""

    state: ClockState
    text: str
    deadline: datetime | None = None
    reported_at: datetime | None = None
    hours_after_awareness: int | None = None
    accent: str | None = None
    """'neutral' (over 24 h left), 'warn' (24 h or less), 'late', 'ok' (reported), or None."""

    @property
    def shown(self) -> bool:
        """Is there a clock to show at all? (A breach needing no report has none.)"""
        return self.state is not ClockState.NOT_REQUIRED

    @property
    def rank(self) -> int:
        return CLOCK_ORDER.index(self.state)

    @property
    def short(self) -> str:
        """The beginning of the sentence, for a narrow column: up to its explanation in
        brackets ('reported 14 Jun 2024 16:40', 'late by 3 d 2 h'); a report made late keeps
        its lateness and leaves the moment to the whole sentence ('reported 1 d 18 h late')."""
        if self.state is ClockState.REPORTED_LATE:
            return self.text.split(", on ", 1)[0]
        return self.text.split(" (", 1)[0]

    def as_dict(self) -> dict[str, Any]:
        """``list --json``'s ``clock`` object."""
        return {
            "state": self.state.value,
            "text": self.text,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "reported_at": self.reported_at.isoformat() if self.reported_at else None,
            "hours_after_awareness": self.hours_after_awareness,
        }


def when(moment: datetime) -> str:
    """'18 Mar 2021 09:12': a reported moment as the clock writes it (London time)."""
    local = as_aware(moment).astimezone(LONDON)
    return english(local, "%-d %b %Y %H:%M")


def hours_after(aware_at: datetime, moment: datetime) -> int:
    """Whole hours elapsed from awareness to ``moment``."""
    return int((as_aware(moment) - as_aware(aware_at)).total_seconds() // 3600)


def ico_clock(
    required: bool,
    aware_at: datetime,
    reported_at: datetime | None,
    at: datetime,
    *,
    delay_reason_given: bool = False,
) -> Clock:
    """The ICO clock: ``required`` (the latest assessment says report), when the organisation
    became aware, when the report was made (None: not yet), the moment judged at.

    The deadline runs from the original awareness whatever reassessments came since: the
    facts keep ``aware_at``. A report made when none was required is shown as voluntary and
    is never late.
    """
    deadline = ico_deadline(aware_at)
    if reported_at is not None:
        hours = hours_after(aware_at, reported_at)
        if not required:
            text = v.CLOCK_REPORTED_VOLUNTARY.format(when=when(reported_at), hours=f"{hours:,}")
            return Clock(ClockState.REPORTED, text, None, reported_at, hours, "ok")
        late = as_aware(reported_at) - deadline
        if late > timedelta(0):
            reasons = v.CLOCK_REASONS_GIVEN if delay_reason_given else v.CLOCK_REASONS_MISSING
            text = v.CLOCK_REPORTED_LATE.format(
                when=when(reported_at), late=describe_duration(late), reasons=reasons
            )
            return Clock(
                ClockState.REPORTED_LATE,
                text,
                deadline,
                reported_at,
                hours,
                # amber, never green: the report was late even when the reasons are recorded
                "warn" if delay_reason_given else "late",
            )
        text = v.CLOCK_REPORTED.format(when=when(reported_at), hours=f"{hours:,}")
        return Clock(ClockState.REPORTED, text, deadline, reported_at, hours, "ok")
    if not required:
        return Clock(ClockState.NOT_REQUIRED, v.CLOCK_NOT_REQUIRED)
    return running_clock(deadline, at)


def running_clock(deadline: datetime, at: datetime) -> Clock:
    """The clock of a report not yet made, against its deadline: 'due in 14 h', 'late by 3 d
    2 h', 'late by 905 d' (the words every surface and every reminder use)."""
    left = deadline - as_aware(at)
    if left < timedelta(0):
        late = -left
        # After a week the hours no longer help anyone: "late by 905 d", counted in London
        # days past the deadline's day, as an overdue action counts them, so that the clock
        # and the NOTIFY_ICO action (due that day) give one number at one moment.
        days_past = (local_date(at) - local_date(deadline)).days
        words = f"{days_past:,} d" if late >= LONG_LATE else describe_duration(late)
        text = v.CLOCK_LATE.format(late=words)
        return Clock(ClockState.LATE, text, deadline, accent="late")
    accent = "warn" if left <= timedelta(hours=AMBER_HOURS) else "neutral"
    text = v.CLOCK_DUE.format(left=describe_duration(left, use_days=False))
    return Clock(ClockState.DUE, text, deadline, accent=accent)


def report_clock(
    required: bool, aware_at: datetime, report: IcoReport | None, at: datetime
) -> Clock:
    """``ico_clock`` with a recorded report (or None): the wizard's, reassessing a breach."""
    return ico_clock(
        required,
        aware_at,
        report.reported_at if report else None,
        at,
        delay_reason_given=bool(report and report.delay_reason),
    )


def breach_clock(required: bool, aware_at: datetime, notes: Notifications, at: datetime) -> Clock:
    """``ico_clock`` for a breach's records."""
    report = notes.ico
    return ico_clock(
        required,
        aware_at,
        report.reported_at if report else None,
        at,
        delay_reason_given=bool(report and report.delay_reason),
    )


# ---- What a record must hold: one problem per field, in words ---------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    """The field (the command line names its option after it: ``delay_reason`` ->
    ``--delay-reason``)."""
    message: str


@dataclass(slots=True)
class _Check:
    problems: list[Problem] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        if not any(p.field == name for p in self.problems):
            self.problems.append(Problem(name, message))

    def text(self, name: str, value: str | None, limit: int, *, required: bool = False) -> None:
        if value is None or not value.strip():
            if required:
                self.add(name, "is needed")
            return
        if "\x00" in value:
            self.add(name, "contains a NUL character")
        elif len(value) > limit:
            self.add(name, f"is too long ({len(value):,} characters; at most {limit:,})")

    def moment(self, name: str, value: datetime, aware_at: datetime, real_now: datetime) -> None:
        if as_aware(value) > as_aware(real_now) + FUTURE_SKEW:
            self.add(name, f"{when(value)} is in the future")
        elif as_aware(value) < as_aware(aware_at):
            self.add(
                name, f"{when(value)} is before the organisation became aware ({when(aware_at)})"
            )


def clean(text: str | None) -> str | None:
    """Text as a record keeps it: trimmed, None when blank."""
    return (text or "").strip() or None


def ico_report_problems(
    *,
    required: bool,
    aware_at: datetime,
    reported_at: datetime,
    delay_reason: str | None,
    stored_delay_reason: str | None,
    ico_reference: str | None,
    voluntary: bool,
    already: IcoReport | None,
    real_now: datetime,
) -> list[Problem]:
    """Why this report to the ICO cannot be recorded ([] when it can).

    Past the 72 hours the reasons for the delay are required (Art. 33(1)): given now, or kept
    with the assessment (``stored_delay_reason``). A breach needing no report takes one only
    as ``voluntary``.
    """
    c = _Check()
    if already is not None:
        c.add(
            "follow_up",
            f"the report to the ICO is already recorded ({when(already.reported_at)}): "
            "add what came after as a follow-up",
        )
        return c.problems
    if not required and not voluntary:
        c.add(
            "voluntary",
            "the assessment says this breach needs no report to the ICO: record it as a "
            "voluntary report",
        )
    c.moment("at", reported_at, aware_at, real_now)
    c.text("ico_reference", ico_reference, MAX_REFERENCE)
    c.text("delay_reason", delay_reason, MAX_NOTE)
    late = as_aware(reported_at) > ico_deadline(aware_at)
    if required and late and not clean(delay_reason) and not clean(stored_delay_reason):
        c.add(
            "delay_reason",
            f"reported {describe_duration(as_aware(reported_at) - ico_deadline(aware_at))} "
            "after the 72 hours: give the reasons for the delay (UK GDPR Art. 33(1))",
        )
    return c.problems


def follow_up_problems(
    *, report: IcoReport | None, at: datetime, text: str | None, real_now: datetime
) -> list[Problem]:
    c = _Check()
    if report is None:
        c.add("follow_up", "no report to the ICO is recorded yet: record the report first")
        return c.problems
    c.text("text", text, MAX_NOTE, required=True)
    if as_aware(at) > as_aware(real_now) + FUTURE_SKEW:
        c.add("at", f"{when(at)} is in the future")
    elif as_aware(at) < as_aware(report.reported_at):
        c.add("at", f"{when(at)} is before the report itself ({when(report.reported_at)})")
    return c.problems


def response_problems(
    *,
    report: IcoReport | None,
    on: date,
    outcome: str,
    reference: str | None,
    text: str | None,
    today: date,
) -> list[Problem]:
    c = _Check()
    if report is None:
        c.add("at", "no report to the ICO is recorded yet: record the report first")
        return c.problems
    if outcome not in {o.value for o in IcoOutcome}:
        c.add("outcome", f"must be one of {', '.join(o.value for o in IcoOutcome)}")
    first = as_aware(report.reported_at).astimezone(LONDON).date()
    if on > today:
        c.add("at", f"{on.isoformat()} is in the future")
    elif on < first:
        c.add("at", f"{on.isoformat()} is before the report itself ({first.isoformat()})")
    c.text("reference", reference, MAX_REFERENCE)
    c.text("text", text, MAX_NOTE)
    return c.problems


def people_problems(
    *,
    aware_at: datetime,
    at: datetime,
    how: str,
    count: int | None,
    letter_text: str | None,
    real_now: datetime,
) -> list[Problem]:
    c = _Check()
    c.moment("at", at, aware_at, real_now)
    if how not in {h.value for h in PeopleHow}:
        c.add("how", f"must be one of {', '.join(h.value for h in PeopleHow)}")
    if count is not None and not 1 <= count <= MAX_PEOPLE:
        c.add("count", f"must be from 1 to {MAX_PEOPLE:,}")
    c.text("letter_text", letter_text, MAX_LETTER)
    return c.problems


# ---- Words for the records --------------------------------------------------------------------


def ico_how(how: IcoHow | str) -> str:
    return v.ICO_HOW.get(str(how), str(how))


def people_how(how: PeopleHow | str) -> str:
    return v.PEOPLE_HOW.get(str(how), str(how))


def outcome_words(outcome: IcoOutcome | str) -> str:
    return v.ICO_OUTCOMES.get(str(outcome), str(outcome))


def ico_evidence(report: IcoReport) -> str:
    """The evidence NOTIFY_ICO is marked done with."""
    ref = f", ICO case reference {report.ico_reference}" if report.ico_reference else ""
    return v.NOTIFY_ICO_EVIDENCE.format(
        when=when(report.reported_at), how=ico_how(report.how), reference=ref
    )


def people_evidence(told: PeopleTold) -> str:
    count = f", {v.people_count(told.count)}" if told.count else ""
    return v.NOTIFY_SUBJECTS_EVIDENCE.format(
        when=when(told.at), how=v.in_sentence(people_how(told.how)), count=count
    )


def history_lines(notes: Notifications) -> list[tuple[str, str]]:
    """Every notification event, oldest first, as (when, what): the evidence pack's, the ICO
    draft's, the detail's and ``show``'s chronology (dates by ``description.day``/``moment``)."""
    from breach_desk.domain.description import day, moment

    events: list[tuple[datetime, str, str]] = []
    if notes.ico is not None:
        r = notes.ico
        words = f"Reported to the ICO ({v.in_sentence(ico_how(r.how))})"
        if r.ico_reference:
            words += f"; ICO case reference {r.ico_reference}"
        if r.voluntary:
            words += "; a voluntary report"
        if r.delay_reason:
            words += f". {v.NOTIFY_FIELDS['delay_reason']}: {r.delay_reason}"
        events.append(
            (r.reported_at, moment(r.reported_at), f"{words} (recorded by {r.recorded_by})")
        )
    for number, f in enumerate(notes.follow_ups, start=1):
        words = f"Follow-up {number} to the ICO: {f.text} (recorded by {f.recorded_by})"
        events.append((f.at, moment(f.at), words))
    for resp in notes.responses:
        words = f"{v.NOTIFY_FIELDS['response']}: {outcome_words(resp.outcome)}"
        if resp.reference:
            words += f" (ICO reference {resp.reference})"
        if resp.text:
            words += f". {resp.text}"
        start_of_day = datetime(resp.on.year, resp.on.month, resp.on.day, 23, 59, tzinfo=LONDON)
        events.append((start_of_day, day(resp.on), f"{words} (recorded by {resp.recorded_by})"))
    for t in notes.people:
        count = f", {v.people_count(t.count)}" if t.count else ""
        words = (
            f"The people were told ({v.in_sentence(people_how(t.how))}{count}; "
            f"recorded by {t.recorded_by})"
        )
        events.append((t.at, moment(t.at), words))
    events.sort(key=lambda e: as_aware(e[0]))
    return [(shown, words) for _, shown, words in events]


def in_order(items: Sequence[FollowUp]) -> tuple[FollowUp, ...]:
    return tuple(sorted(items, key=lambda f: as_aware(f.at)))


# ---- As JSON (``show --json``, the export beside the facts) -----------------------------------


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def as_dict(notes: Notifications) -> dict[str, Any]:
    """The records as JSON: what ``show --json`` prints under ``notifications``, and what the
    export writes beside the facts (``from_dict`` reads it back)."""
    r = notes.ico
    return {
        "ico": None
        if r is None
        else {
            "reported_at": _iso(r.reported_at),
            "how": r.how.value,
            "ico_reference": r.ico_reference,
            "delay_reason": r.delay_reason,
            "voluntary": r.voluntary,
            "recorded_by": r.recorded_by,
            "recorded_at": _iso(r.recorded_at),
        },
        "follow_ups": [
            {
                "at": _iso(f.at),
                "text": f.text,
                "recorded_by": f.recorded_by,
                "recorded_at": _iso(f.recorded_at),
            }
            for f in notes.follow_ups
        ],
        "ico_responses": [
            {
                "at": _iso(x.on),
                "outcome": x.outcome.value,
                "reference": x.reference,
                "text": x.text,
                "recorded_by": x.recorded_by,
                "recorded_at": _iso(x.recorded_at),
            }
            for x in notes.responses
        ],
        "people": [
            {
                "at": _iso(t.at),
                "how": t.how.value,
                "count": t.count,
                "letter_text": t.letter_text,
                "recorded_by": t.recorded_by,
                "recorded_at": _iso(t.recorded_at),
            }
            for t in notes.people
        ],
    }
