"""What the officer has entered so far, as plain data: to facts, from facts, to a draft and back.

The wizard's widgets write into a ``FormState``; everything else (validation, the live panel,
matching, drafts) reads it. It has no Qt in it, so it is tested on its own.

``to_facts`` gives the typed ``Facts`` (what the officer typed is checked by the format's own
rules, as a file is) and ``from_facts`` makes the answers from them. The plain facts (a yes or
no, a choice, a number, a text, a list of choices: ``SIMPLE``) are converted from their
declarations in ``domain/facts.py``, each held in the attribute named as the fact (``ANSWERS``)
or, for a fact declared later with no attribute here, in ``more`` under its path; the facts made
of several answers (dates as typed, the tables, harm, how it was found, the officer's
judgements) have their own lines. A draft is the answers as they are, complete or not.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta, timezone
from enum import IntEnum, StrEnum
from typing import Any, Final

from breach_desk.domain.clock import LONDON, as_aware
from breach_desk.domain.declared import Declared, declared_fields, is_enum, item_type
from breach_desk.domain.facts import FACTS_FORMAT, Facts, PartialDate
from breach_desk.facts_io import Problem, facts_from_dict, text_problems


class Page(IntEnum):
    BASICS = 0
    PEOPLE = 1
    DATA = 2
    HAPPENED = 3
    RECIPIENTS = 4
    ASSESSMENT = 5
    DECISIONS = 6
    RECOMMENDATIONS = 7
    SUMMARY = 8


PAGE_TITLES = {
    Page.BASICS: "Basics",
    Page.PEOPLE: "People",
    Page.DATA: "Data",
    Page.HAPPENED: "What happened",
    Page.RECIPIENTS: "Recipients",
    Page.ASSESSMENT: "Assessment",
    Page.DECISIONS: "Decisions",
    Page.RECOMMENDATIONS: "Recommendations",
    Page.SUMMARY: "Summary",
}

_PAGE_NAMED = {
    "basics": Page.BASICS,
    "people": Page.PEOPLE,
    "data": Page.DATA,
    "happened": Page.HAPPENED,
    "recipients": Page.RECIPIENTS,
    "assessment": Page.ASSESSMENT,
    "decisions": Page.DECISIONS,
}
FACT_PAGES: dict[str, Page] = {
    d.top: _PAGE_NAMED[d.page] for d in declared_fields(Facts) if d.page is not None
}
"""The page where each fact is entered, from its declaration (``domain/facts.py``)."""


def page_named(name: str) -> Page:
    """The page a declaration names ('data')."""
    return _PAGE_NAMED[name]


_WIZARD_ANSWERS = {
    "ico_delay_reason": Page.DECISIONS,
    "recommendations": Page.RECOMMENDATIONS,
    "reassess_reason": Page.SUMMARY,
}
"""Answers the wizard asks that are not facts of the breach."""
_INDEX = re.compile(r"\[\d*\]")


def page_of(path: str) -> Page:
    """The page where the field a problem names is entered ('recipients[2].kind': Recipients)."""
    parts = _INDEX.sub("", path).split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        page = FACT_PAGES.get(key) or _WIZARD_ANSWERS.get(key)
        if page is not None:
            return page
    return Page.BASICS


@dataclass
class FormState:
    """Every answer in the wizard. Empty text means 'not given'."""

    title: str = ""
    service: str = ""
    description: str = ""
    occurred_known: bool = False
    occurred: str = ""
    """ISO date (its day, or month, unused when only the year or month is known), or date and
    time to the minute ('2021-03-15T10:00', London wall clock)."""
    occurred_precision: str = ""
    """'minute', 'date', 'month' or 'year': how precisely it is known ('' with
    ``occurred_known``: date)."""
    aware: str = ""
    """ISO date-time, wall-clock London time, no offset."""
    count: int = 1
    count_estimate: bool = False
    groups: list[str] = field(default_factory=list)
    vulnerable: bool = False
    already_aware: bool = False
    people: list[dict[str, str]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    extent: str = "limited"
    presence_reveals_category: bool = False
    records: int | None = None
    unintelligible: bool = False
    publicly_available: bool = False
    identifiability: str = ""
    confidentiality: str = ""
    integrity: str = "none"
    availability: str = "none"
    cause: str = "unknown"
    occurrences: int = 1
    outage_hours: float | None = None
    essential_service_disrupted: bool = False
    cyber_incident: bool = False
    harm_reported: bool = False
    harm_note: str = ""
    harm_at: str = ""
    """ISO date (or the date-time as given in imported facts), '' when not known."""
    discovered_how: str = ""
    discovered_note: str = ""
    containment: str = ""
    recipients: list[dict[str, Any]] = field(default_factory=list)
    dpc_adjustment: int = 0
    dpc_reason: str = ""
    override: str = ""
    override_reason: str = ""
    art34: str = ""
    art34_reason: str = ""
    ico_delay_reason: str = ""
    reassess_reason: str = ""
    reference: str = ""
    previous_related_breaches: list[str] = field(default_factory=list)
    more: dict[str, Any] = field(default_factory=dict)
    """Answers to facts declared with no attribute here, by the fact's path
    ('data.published_elsewhere'): written, read and bound from their declarations."""

    # --- drafts -------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return copy.deepcopy(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormState:
        known = {f.name for f in fields(cls)}
        return cls(**{k: copy.deepcopy(v) for k, v in data.items() if k in known})

    # --- facts --------------------------------------------------------------------------------

    def missing(self) -> list[tuple[Page, str]]:
        """Required answers not given yet: the live panel stands in for them until they are."""
        out: list[tuple[Page, str]] = []
        if not self.title.strip():
            out.append((Page.BASICS, "title"))
        if not self.aware:
            out.append((Page.BASICS, "when you became aware"))
        if not self.categories:
            out.append((Page.DATA, "data categories"))
        if not self.confidentiality:
            out.append((Page.HAPPENED, "confidentiality loss"))
        return out

    def to_facts(self, *, stand_ins: bool = False, at: datetime | None = None) -> Facts:
        """The facts the answers give, checked by the format's own rules as a file's are
        (``facts_io``): raises FactsError naming each field that cannot be taken. With
        ``stand_ins``, required answers not yet given are replaced by neutral values so the
        rest can be checked and assessed provisionally."""
        return facts_from_dict(self._format(stand_ins), at=at)

    def unusable_text(self) -> list[Problem]:
        """Text typed that no register can keep (a NUL character pasted in), by field."""
        return text_problems(self._format(stand_ins=True))

    def answer(self, path: str) -> Any:
        """The answer held for the fact at ``path`` (one declared with no answer of its own is
        held in ``more``)."""
        name = ANSWERS.get(path)
        if name is not None:
            return getattr(self, name)
        if path in self.more:
            return self.more[path]
        return blank_answer(SIMPLE_BY_PATH[path])

    def set_answer(self, path: str, value: Any) -> None:
        name = ANSWERS.get(path)
        if name is not None:
            setattr(self, name, value)
        else:
            self.more[path] = value

    def _format(self, stand_ins: bool) -> dict[str, Any]:
        """The answers in the facts' interchange format, for its checks: each plain fact
        written from its declaration, the facts made of several answers by hand below."""
        out: dict[str, Any] = {"format": FACTS_FORMAT}
        for d in SIMPLE:
            value = _format_value(d, self.answer(d.path))
            if value is not _LEFT_OUT:
                _put(out, d.path, value)
        for part in ("subjects", "data", "loss"):
            out.setdefault(part, {})
        subjects, data, loss = out["subjects"], out["data"], out["loss"]
        if self.availability == "none":
            loss.pop("outage_hours", None)  # no outage where availability was not lost
        out["aware_at"] = with_offset(self.aware)
        people = [_clean(p) for p in self.people]
        people = [p for p in people if p]
        if people:
            subjects["people"] = people
        occurred = self.occurred_at()
        if occurred:
            out["occurred_at"] = with_offset(occurred)
        if self.harm_reported:
            harm: dict[str, Any] = {"note": self.harm_note}
            if self.harm_at:
                harm["at"] = self.harm_at
            out["harm_reported"] = harm
        if self.discovered_how:
            found: dict[str, Any] = {"kind": self.discovered_how}
            if self.discovered_note.strip():
                found["note"] = self.discovered_note.strip()
            out["discovered_how"] = found
        # An empty row names nobody: it is refused (checks.py), never read as someone.
        recipients = [_recipient(r) for r in self.recipients if not blank_recipient(r)]
        if recipients:
            out["recipients"] = recipients
        assessor: dict[str, Any] = {}
        if self.dpc_adjustment:
            assessor["dpc_adjustment"] = {"value": self.dpc_adjustment, "reason": self.dpc_reason}
        if self.override:
            assessor["severity_override"] = {"band": self.override, "reason": self.override_reason}
        if self.art34:
            assessor["art34_exception"] = {"ground": self.art34, "reason": self.art34_reason}
        if assessor:
            out["assessor"] = assessor
        if stand_ins:
            if not self.title.strip():
                out["title"] = "(untitled)"
            if not data.get("categories"):
                data["categories"] = ["other"]
            if not self.confidentiality:
                loss["confidentiality"] = "known_recipients" if recipients else "none"
        return out

    def occurred_at(self) -> str:
        """``occurred_at`` at the precision given: '2022', '2022-06', '2022-06-14',
        '2022-06-14T10:00' (London wall clock) or ''."""
        if not self.occurred_known or not self.occurred:
            return ""
        cut = {"year": 4, "month": 7, "date": 10, "": 10}.get(self.occurred_precision)
        return self.occurred[:cut]

    @classmethod
    def from_facts(cls, facts: Facts) -> FormState:
        """The answers that give ``facts`` (reassessment, a breach reopened)."""
        state = cls()
        for d in SIMPLE:
            state.set_answer(d.path, _answer_of(d, _get(facts, d.path)))
        state.aware = london_minutes(facts.aware_at)
        state.set_occurred(facts.occurred_at)
        state.people = [_row(p) for p in facts.subjects.people]
        harm = facts.harm_reported
        if harm is not None:
            state.harm_reported = True
            state.harm_note = harm.note
            state.harm_at = harm.at.isoformat() if harm.at is not None else ""
        found = facts.discovered_how
        if found is not None:
            state.discovered_how = found.kind.value
            state.discovered_note = found.note or ""
        state.recipients = [recipient_row(_row(r)) for r in facts.recipients]
        judged = facts.assessor
        if judged.dpc_adjustment is not None:
            state.dpc_adjustment = judged.dpc_adjustment.value
            state.dpc_reason = judged.dpc_adjustment.reason
        if judged.severity_override is not None:
            state.override = judged.severity_override.band.value
            state.override_reason = judged.severity_override.reason
        if judged.art34_exception is not None:
            state.art34 = judged.art34_exception.ground.value
            state.art34_reason = judged.art34_exception.reason
        return state

    def set_occurred(self, occurred: date | datetime | PartialDate | str | None) -> None:
        """When it happened, at the precision known: a moment (as London wall-clock time), a
        date, a month or a year; or its text in the format ('2022-06', '2022-06-14T10:00')."""
        if isinstance(occurred, str):
            occurred = _occurred_from_text(occurred)
        self.occurred_known = occurred is not None
        if occurred is None:
            self.occurred, self.occurred_precision = "", ""
        elif isinstance(occurred, datetime):
            self.occurred, self.occurred_precision = london_minutes(occurred), "minute"
        elif isinstance(occurred, PartialDate):
            self.occurred = occurred.first_day().isoformat()
            self.occurred_precision = "year" if occurred.month is None else "month"
        else:
            self.occurred, self.occurred_precision = occurred.isoformat(), "date"


_LEFT_OUT: Final = object()
_BY_HAND: Final = (
    "aware_at",
    "occurred_at",
    "subjects.people",
    "harm_reported",
    "discovered_how",
    "recipients",
    "assessor",
)
"""Facts made of several answers, or written as the officer sees them (a date as typed): each
has its own lines in ``FormState`` and its own widget code on its page."""


def _by_hand(path: str) -> bool:
    return any(path == p or path.startswith((p + ".", p + "[]")) for p in _BY_HAND)


SIMPLE: Final = tuple(
    d
    for d in declared_fields(Facts)
    if not _by_hand(d.path) and "[]" not in d.path and not dataclasses.is_dataclass(d.kind)
)
"""The plain facts (a yes or no, a choice, a number, a text, a list of choices): each held in
one answer and written, read and bound to its widget from its declaration alone."""
SIMPLE_BY_PATH: Final = {d.path: d for d in SIMPLE}
_NAMED: Final = {"subjects.count_is_estimate": "count_estimate"}
"""Answers not named as their fact is."""


def _answers() -> dict[str, str]:
    names = {f.name for f in fields(FormState)}
    out: dict[str, str] = {}
    for d in SIMPLE:
        name = _NAMED.get(d.path, d.name)
        if name in names and name not in out.values():
            out[d.path] = name
    return out


ANSWERS: Final = _answers()
"""The ``FormState`` attribute holding each plain fact's answer; a fact declared since, with
no attribute of its own, is held in ``FormState.more`` under its path."""


def _get(instance: Any, path: str) -> Any:
    for name in path.split("."):
        instance = getattr(instance, name)
    return instance


def _put(out: dict[str, Any], path: str, value: Any) -> None:
    *parents, name = path.split(".")
    for parent in parents:
        out = out.setdefault(parent, {})
    out[name] = value


def blank_answer(d: Declared) -> Any:
    """The answer of a fact not given: its default as the widgets hold it."""
    default = None if d.default is dataclasses.MISSING else d.default
    return _answer_of(d, default)


def _answer_of(d: Declared, value: Any) -> Any:
    """A fact's value as its answer holds it: a choice as its value ('' for none), a list of
    choices as a list, text '' for none; yes/no, numbers as they are."""
    if item_type(d.kind) is not None:
        return [v.value if isinstance(v, StrEnum) else v for v in value or ()]
    if is_enum(d.kind) or d.kind is str:
        return "" if value is None else str(value.value if isinstance(value, StrEnum) else value)
    if d.kind is bool:
        return bool(value)
    return value


def _format_value(d: Declared, answer: Any) -> Any:
    """An answer as the format writes it, or _LEFT_OUT when it says nothing (a box not
    ticked, a text not typed, a list left empty); required facts are always written, so that
    the format's checks name them."""
    if d.kind is bool:
        return True if answer else _LEFT_OUT
    if item_type(d.kind) is not None:
        return list(answer) if answer or d.required else _LEFT_OUT
    if isinstance(answer, str):
        text = answer.strip() if d.fact.blank_is_none else answer
        return text if text or d.required else _LEFT_OUT
    return _LEFT_OUT if answer is None else answer


def _occurred_from_text(text: str) -> date | datetime | PartialDate | None:
    if not text:
        return None
    if len(text) == 4:
        return PartialDate(int(text))
    if len(text) == 7:
        return PartialDate(int(text[:4]), int(text[5:7]))
    if len(text) == 10:
        return date.fromisoformat(text)
    return as_aware(datetime.fromisoformat(text))


def _row(item: Any) -> dict[str, Any]:
    """A table's row for one person or recipient: each field by name, what is not known left
    out."""
    out: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if value is not None:
            out[f.name] = value.value if isinstance(value, StrEnum) else value
    return out


def recipient_row(row: dict[str, Any]) -> dict[str, Any]:
    if row.get("poses_risk_to_subject") is False and row.get("risk_note"):
        row["set_aside"] = True
    return row


def blank_recipient(row: dict[str, Any]) -> bool:
    """A recipient row with nothing said in it (added, then left): it names nobody."""
    return not any(str(row.get(k) or "").strip() for k in ("label", "email", "risk_note"))


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() for k, v in row.items() if isinstance(v, str) and v.strip()}


def _recipient(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": row.get("kind") or "unknown"}
    for key in ("label", "risk_note", "email"):
        text = str(row.get(key) or "").strip()
        if text:
            out[key] = text
    if row.get("poses_risk_to_subject"):
        out["poses_risk_to_subject"] = True
    elif row.get("set_aside"):  # a risk the register records, set aside with the reason given
        out["poses_risk_to_subject"] = False
    if row.get("deletion_confirmed"):
        out["deletion_confirmed"] = True
    return out


def london_minutes(moment: datetime) -> str:
    """Stored times carry an offset; the form edits London wall-clock time, to the minute
    ('2021-03-15T10:00'). In the hour the clocks go back, which came round twice, the second
    keeps its offset ('2020-10-25T01:30+00:00')."""
    local = as_aware(moment).astimezone(LONDON)
    text = local.replace(tzinfo=None).isoformat(timespec="minutes")
    return text + local.isoformat()[-6:] if local.fold else text


def with_offset(text: str) -> str:
    """A London wall-clock time ('2021-03-15T10:00') with its offset from UTC, as the facts
    carry a moment once read; a date, a month or a year as it is."""
    if len(text) <= 10:
        return text
    try:
        moment = as_aware(datetime.fromisoformat(text))
    except ValueError:
        return text  # refused by the format's checks, naming the field
    return moment.astimezone(timezone(moment.utcoffset() or timedelta(0))).isoformat()
