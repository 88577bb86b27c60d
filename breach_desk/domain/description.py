"""One typed description of a breach: ordered sections of labelled lines, in the vocabulary's words.

Every place that shows a breach to a person renders these sections (the wizard summary and the
register detail as HTML, the reports as paragraphs, the decision note and the command line as
text, the exports' column headings); none keeps wording of its own. A new fact is a domain field,
a vocabulary entry and a line here; mypy checks the renderers.

The sections follow the order an officer enters the facts in (the wizard's pages), which is also
the order a reader of a file note expects: the breach, the people, the data, what happened, who
received it, the officer's own judgement.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Final

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Assessment
from breach_desk.domain.clock import (
    LONDON,
    as_aware,
    day_month_year,
    format_local,
    month_year,
)
from breach_desk.domain.declared import declared_fields
from breach_desk.domain.enums import Art34Ground, Availability
from breach_desk.domain.facts import Facts, PartialDate, Person, Recipient
from breach_desk.domain.register import (
    AssessmentVersion,
    AuditEntry,
    Breach,
    CloseApproval,
    Recommendation,
)

NOT_GIVEN = "Not given"
NOT_KNOWN = "Not known"


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a list line (a recipient, a named person): a name and what is said of it."""

    name: str
    details: tuple[str, ...] = ()
    warning: bool = False
    """Something the reader must not miss (a recipient who poses a risk to the person)."""


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    """The fact's path in the facts format ('loss.confidentiality'): stable, for renderers and
    tests; never shown."""
    label: str
    value: str
    items: tuple[Item, ...] = ()
    """For a list (recipients, named people): one entry each; ``value`` then summarises."""
    long: bool = False
    """Free text the officer wrote (what happened, containment): a paragraph of its own."""
    warning: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    lines: tuple[Line, ...]


def one_line(text: str) -> str:
    """A one-line value (a title, a name, a service) as one line: line breaks and runs of
    whitespace become one space, so 200 newlines in a title cannot fill pages."""
    return " ".join(text.split())


OUTCOME_LABELS: Final[dict[str, str]] = {
    "severity": "Severity",
    "likelihood": "Likelihood",
    "risk": "Risk",
    "ico": "Report to the ICO",
    "data_subjects": "Tell the people affected",
    "repeat": "Repeat breach",
}

LABELS: Final[dict[str, str]] = {
    **{d.top: d.fact.label for d in declared_fields(Facts) if d.fact.label},
    **OUTCOME_LABELS,
}
"""The label of every described value, by its key (the fact's path in the facts format, or the
outcome's name): the facts' labels come from their declarations (``domain/facts.py``), also for
the exports' column headings."""


def _line(key: str, value: str, items: tuple[Item, ...] = (), **flags: bool) -> Line:
    return Line(key, LABELS[key], value, items, **flags)


# ---- Dates and times, one way everywhere -------------------------------------------------------


def day(value: date | datetime | PartialDate | None) -> str:
    """'15 Mar 2021' (the London date of a moment); 'June 2022' or '2022' for a day known only
    to its month or year."""
    if value is None:
        return NOT_KNOWN
    if isinstance(value, PartialDate):
        if value.month is None:
            return str(value.year)
        return month_year(value.first_day(), long=True)
    if isinstance(value, datetime):
        value = as_aware(value).astimezone(LONDON).date()
    return day_month_year(value)


def moment(value: datetime | None) -> str:
    """'Mon 15 Mar 2021 10:00 GMT' in London time."""
    return format_local(value) if value is not None else NOT_KNOWN


# ---- The facts ---------------------------------------------------------------------------------


def _count(n: int, estimate: bool) -> str:
    return f"{n:,}" + (" (estimate)" if estimate else "")


def person_words(p: Person) -> Item:
    name = one_line(p.name or p.identifier or p.email or "") or "Unnamed"
    return Item(name, tuple(x for x in (p.email, p.identifier) if x and x != name))


def recipient_item(r: Recipient, *, with_email: bool = True) -> Item:
    details = [v.label(r.kind)]
    if r.poses_risk_to_subject:
        note = f": {one_line(r.risk_note)}" if r.risk_note else ""
        details.append("Poses a risk to the person" + note)
    elif r.poses_risk_to_subject is False and r.risk_note:
        details.append(f"{v.RISK_SET_ASIDE}: {r.risk_note}")
    details.append("Deletion confirmed" if r.deletion_confirmed else "Deletion not confirmed")
    if with_email and r.email:
        details.append(r.email)
    label = one_line(r.label or "") or "Unnamed recipient"
    return Item(label, tuple(details), r.poses_risk_to_subject is True)


def _categories(facts: Facts) -> str:
    return "; ".join(v.label(c) for c in facts.data.categories)


def _discovered(facts: Facts) -> str:
    found = facts.discovered_how
    if found is None:
        return NOT_GIVEN
    note = one_line(found.note or "")
    return v.label(found.kind) + (f": {note}" if note else "")


def _harm(facts: Facts) -> str:
    harm = facts.harm_reported
    if harm is None:
        return "No harm reported so far"
    when = f" ({day(harm.at)})" if harm.at is not None else ""
    return f"Yes{when}: {one_line(harm.note)}"


def value_at(facts: Facts, key: str) -> object:
    """The value of the fact at ``key`` ('data.extent')."""
    value: object = facts
    for part in key.split("."):
        value = getattr(value, part)
    return value


def plain(value: object) -> str:
    """A fact's value in words, by its kind: yes or no, an enum's label, a number, one line of
    text; a list joined; not known when absent."""
    if value is None:
        return NOT_KNOWN
    if isinstance(value, bool):
        return v.yes_no(value)
    if isinstance(value, StrEnum):
        return v.label(value)
    if isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) else f"{value:g}"
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, tuple):
        return "; ".join(plain(x) for x in value) or NOT_GIVEN
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date | PartialDate):
        return day(value)
    return str(value)  # pragma: no cover - a new kind of fact: give it a rendering here


def _plain(facts: Facts, key: str) -> Line:
    return _line(key, plain(value_at(facts, key)))


_SECTIONS: Final = (
    ("breach", "The breach", ("basics",)),
    ("people", "The people affected", ("people",)),
    ("data", "The data", ("data",)),
    ("happened", "What happened to it", ("happened",)),
    ("recipients", "Who received it", ("recipients",)),
    ("judgement", "The officer's judgement", ("assessment", "decisions")),
)
"""The description's sections, and the wizard pages whose facts each shows."""
_WHEN_GIVEN: Final = frozenset(
    {"description", "containment", "subjects.people", "previous_related_breaches"}
)
"""Facts described only when given (free text, lists): absent, they have no line."""


def _art34(ground: Art34Ground) -> str:
    return f"Art. 34(3){v.label(ground)}"


@cache
def _labelled_facts() -> tuple[tuple[str, str | None], ...]:
    """Every declared fact with a label: its key and its wizard page (a note is written for
    every imported breach: walking the declarations each time was a tenth of it)."""
    return tuple((d.top, d.page) for d in declared_fields(Facts) if d.fact.label)


def describe_facts(
    facts: Facts,
    *,
    not_given: Collection[str] = (),
    read_as: Sequence[Recipient] | None = None,
) -> tuple[Section, ...]:
    """The facts of a breach, section by section.

    ``not_given`` names facts (by key) that the officer has not answered yet: they read
    "Not given" instead of the stand-in the wizard assesses with. ``read_as``: the
    recipients as the method read them (``method.harm.recipients_as_read``: a risk the register
    records carried forward onto the recipient's own line); None: as the facts give them.
    """
    s, d, loss = facts.subjects, facts.data, facts.loss

    def given(key: str, value: str) -> str:
        return NOT_GIVEN if key in not_given else value

    breach = [
        _line("title", given("title", one_line(facts.title))),
        _line("service", one_line(facts.service or "") or NOT_GIVEN),
        _line(
            "occurred_at",
            (
                moment(facts.occurred_at)
                if isinstance(facts.occurred_at, datetime)
                else day(facts.occurred_at)
            ),
        ),
        _line("aware_at", given("aware_at", moment(facts.aware_at))),
        _line("discovered_how", _discovered(facts)),
    ]
    if facts.description:
        breach.append(_line("description", facts.description, long=True))

    people = [
        _line("subjects.count", _count(s.count, s.count_is_estimate)),
        _line(
            "subjects.groups",
            ", ".join(v.label(g) for g in s.groups) or NOT_GIVEN,
        ),
        _plain(facts, "subjects.vulnerable"),
        _plain(facts, "subjects.already_aware"),
    ]
    if s.people:
        items = tuple(person_words(p) for p in s.people)
        people.append(_line("subjects.people", "; ".join(i.name for i in items), items))

    data = [
        _line("data.categories", given("data.categories", _categories(facts))),
        _plain(facts, "data.extent"),
        _plain(facts, "data.presence_reveals_category"),
        _line("data.records", f"{d.records:,}" if d.records is not None else NOT_KNOWN),
        _plain(facts, "data.unintelligible"),
        _plain(facts, "data.publicly_available"),
        _line(
            "data.identifiability",
            v.label(d.identifiability)
            if d.identifiability is not None
            else v.IDENTIFIABILITY_PROPOSED.label,
        ),
    ]

    availability = v.label(loss.availability)
    if loss.outage_hours is not None and loss.availability is not Availability.NONE:
        availability += f" ({loss.outage_hours:g} hours)"
    happened = [
        _line(
            "loss.confidentiality",
            given("loss.confidentiality", v.label(loss.confidentiality)),
        ),
        _plain(facts, "loss.integrity"),
        _line("loss.availability", availability),
        _plain(facts, "loss.essential_service_disrupted"),
        _line("harm_reported", _harm(facts), warning=facts.harm_reported is not None),
        _plain(facts, "cause"),
        _plain(facts, "occurrences"),
        _plain(facts, "cyber_incident"),
    ]
    if facts.containment:
        happened.append(_line("containment", facts.containment, long=True))

    read = tuple(read_as) if read_as is not None else facts.recipients
    recipients: list[Line] = []
    if read:
        items = tuple(recipient_item(r) for r in read)
        recipients.append(
            _line(
                "recipients",
                "; ".join(i.name for i in items),
                items,
                warning=any(i.warning for i in items),
            )
        )
    else:
        recipients.append(_line("recipients", "No recipient recorded"))
    if facts.previous_related_breaches:
        recipients.append(
            _line(
                "previous_related_breaches",
                ", ".join(facts.previous_related_breaches),
            )
        )

    a = facts.assessor
    judgement = [
        _line(
            "assessor.dpc_adjustment",
            f"{a.dpc_adjustment.value:+d}: {a.dpc_adjustment.reason}"
            if a.dpc_adjustment
            else "No adjustment",
        ),
        _line(
            "assessor.severity_override",
            f"{v.label(a.severity_override.band)}: {a.severity_override.reason}"
            if a.severity_override
            else "No: the method's band stands",
        ),
        _line(
            "assessor.art34_exception",
            f"{_art34(a.art34_exception.ground)}: {a.art34_exception.reason}"
            if a.art34_exception
            else "No exception claimed",
        ),
    ]

    lines = {
        "breach": breach,
        "people": people,
        "data": data,
        "happened": happened,
        "recipients": recipients,
        "judgement": judgement,
    }
    # A declared fact with no line of its own above gets a plain one in its page's section:
    # a new fact is described from its declaration alone.
    shown = {ln.key for section in lines.values() for ln in section} | _WHEN_GIVEN
    for key, page in _labelled_facts():
        if key not in shown:
            section = next(name for name, _t, pages in _SECTIONS if page in pages)
            lines[section].append(_plain(facts, key))
    return tuple(Section(key, title, tuple(lines[key])) for key, title, _pages in _SECTIONS)


# ---- The outcome -------------------------------------------------------------------------------


def severity_words(a: Assessment) -> str:
    sev = a.severity
    # a band a final consideration moved away from the score's names what moved it
    movers = [
        v.in_sentence(v.factor_step(f.id))
        for f in a.factors
        if f.id.startswith("final.") and f.id != "final.override" and "→" in f.effect
    ]
    moved = f"; moved by {' and '.join(movers)}" if movers else ""
    out = f"{v.label(sev.band)} (SE {sev.score:g}{moved})"
    if sev.overridden:
        out += f"; set by the officer, the method computed {v.words(sev.computed_band)}"
    return out


def judged_at(a: Assessment) -> datetime:
    """The moment the assessment judged deadlines by: its decision time, on the day its plan
    counts from (they differ only when a fixed clock, ``BREACH_DESK_NOW``, moved "today")."""
    decided = as_aware(a.decided_at).astimezone(LONDON)
    counted = [r for r in a.recommendations if r.code != "NOTIFY_ICO"]
    if not counted:
        return decided
    first_day = counted[0].due_date - timedelta(days=counted[0].due_in_days)
    if first_day == decided.date():
        return decided
    return datetime.combine(first_day, decided.timetz())


def ico_words(a: Assessment, delay_reason: str | None = None) -> str:
    """The ICO decision as the outcome says it: by when, or, when the deadline had passed by
    the time of the assessment, how late, with the officer's reasons for the delay."""
    if not a.ico.report:
        return "No: record it in the register"
    deadline = a.ico.deadline
    judged = judged_at(a)
    if judged <= deadline:
        return f"Yes, within 72 hours of becoming aware: by {moment(deadline)}"
    from breach_desk.domain.notification import ico_clock

    late = ico_clock(True, a.facts.aware_at, None, judged).text
    reasons = one_line(delay_reason or "") or "not yet given"
    return (
        f"Yes, and already late when assessed ({late}): the 72 hours ended {moment(deadline)}. "
        f"Reasons for the delay (Art. 33(1)): {reasons}"
    )


def describe_outcome(a: Assessment, *, delay_reason: str | None = None) -> Section:
    """What the method decided, as the top of every document shows it (``delay_reason``: the
    officer's reasons for reporting after the 72 hours, when stored with the version)."""
    subjects = a.data_subjects
    if subjects.notify:
        tell = "Yes, without undue delay"
    elif subjects.exception is not None:
        tell = f"No: {_art34(subjects.exception)} applies"
    else:
        tell = "No: the risk to them is not high"
    lines = [
        _line("severity", severity_words(a)),
        _line("likelihood", v.label(a.likelihood)),
        _line("risk", v.label(a.risk)),
        _line("ico", ico_words(a, delay_reason)),
        _line("data_subjects", tell),
        _line(
            "repeat",
            (", ".join(m.reference for m in a.repeat) or "Yes") if a.is_repeat else "No",
        ),
    ]
    return Section("outcome", "The outcome", tuple(lines))


def describe(facts: Facts, assessment: Assessment | None = None) -> tuple[Section, ...]:
    """The outcome (when assessed) followed by the facts."""
    head = (describe_outcome(assessment),) if assessment is not None else ()
    return head + describe_facts(facts)


def line(sections: Sequence[Section], key: str) -> Line:
    """The line with ``key`` (a renderer that needs one fact on its own, e.g. the ICO draft)."""
    for section in sections:
        for ln in section.lines:
            if ln.key == key:
                return ln
    raise KeyError(key)


def _flat(sections: Sequence[Section]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for section in sections:
        for ln in section.lines:
            value = "; ".join(
                i.name + (f" ({', '.join(i.details)})" if i.details else "") for i in ln.items
            )
            out[ln.key] = (ln.label, value or ln.value)
    return out


def describe_changes(before: Sequence[Section], after: Sequence[Section]) -> list[str]:
    """What differs between two descriptions, a sentence per line: 'Kinds of data: Contact
    details (address, email, phone) → Contact details (…); Mental health (special category)'."""
    old, new = _flat(before), _flat(after)
    out: list[str] = []
    for key, (label, value) in new.items():
        was = old.get(key)
        if was is None:
            out.append(f"{label}: added, {value}")
        elif was[1] != value:
            out.append(f"{label}: {was[1]} → {value}")
    out += [
        f"{label}: removed (was {value})" for key, (label, value) in old.items() if key not in new
    ]
    return out


def as_text(sections: Sequence[Section]) -> list[str]:
    """Plain text: a heading per section, 'Label: value' lines, list entries indented."""
    out: list[str] = []
    for section in sections:
        out += ["", section.title]
        for ln in section.lines:
            if ln.items:
                out.append(f"- {ln.label}:")
                out += [
                    f"    {i.name}" + (f": {'; '.join(i.details)}" if i.details else "")
                    for i in ln.items
                ]
            else:
                out.append(f"- {ln.label}: {ln.value}")
    return out[1:]


# ---- A breach's record in words: what changed between versions, its history ---------------------

REASONS_LATE: Final = "Reasons the ICO report is late"


def reason_changes(before: object, after: object) -> list[str]:
    """A change to the reasons for a late ICO report, as every other change is shown: it is
    printed in the evidence pack and read by the ICO."""
    old = str(before or "").strip()
    new = str(after or "").strip()
    if old == new:
        return []
    if not old:
        return [f"{REASONS_LATE}: given: “{new}”"]
    if not new:
        return [f"{REASONS_LATE}: “{old}” taken out"]
    return [f"{REASONS_LATE}: “{old}” → “{new}”"]


def version_changes(version: AssessmentVersion, previous: AssessmentVersion) -> list[str]:
    """What changed between two versions, in the words of the one description: 'Kinds of
    data: Contact details (…) → Contact details (…); Mental health (special category)' (never a
    field's path), for the window, the command line and the documents alike."""
    before = (describe_outcome(previous.assessment), *describe_facts(previous.facts))
    after = (describe_outcome(version.assessment), *describe_facts(version.facts))
    return describe_changes(before, after) + reason_changes(
        previous.ico_delay_reason, version.ico_delay_reason
    )


def close_approval_words(a: CloseApproval) -> str:
    """'Closing approved by a second IG officer, ig_dave, on Mon 15 Mar 2021 10:00 GMT', and,
    for one a later rejection made void, when."""
    words = f"{v.CLOSE_APPROVED}, {a.by}, on {moment(a.at)}"
    if a.void_since is not None:
        words += f". {v.CLOSE_APPROVAL_VOID}, on {moment(a.void_since)}"
    return words


def closed_words(breach: Breach) -> str | None:
    """'closed by ig_alice on Mon 15 Mar 2021 10:00 GMT, with the approval of ig_dave' (the
    approvals that stood when it closed), or None while it is not closed."""
    if breach.closed_at is None:
        return None
    words = f"closed by {breach.closed_by} on {moment(breach.closed_at)}"
    closed = as_aware(breach.closed_at)
    standing = [
        a.by
        for a in breach.close_approvals
        if as_aware(a.at) <= closed and (a.void_since is None or as_aware(a.void_since) > closed)
    ]
    if standing:
        words += f", with the approval of {' and '.join(dict.fromkeys(standing))}"
    return words


def overdue_words(due: date, today: date) -> str:
    """'OVERDUE by 3 d' (whole London days past the due day), as the window's detail and the
    command line say it; '' when it is not past."""
    late = (today - due).days
    return f"OVERDUE by {v.days(late)}" if late > 0 else ""


def audit_subject(entry: AuditEntry, recommendations: Sequence[Recommendation] = ()) -> str:
    """The recommendation an audit entry is about, by its name (its text when the officer wrote
    it), or '' for an entry about the breach itself."""
    if not entry.action.startswith("recommendation."):
        return ""
    after = entry.after if isinstance(entry.after, dict) else {}
    before = entry.before if isinstance(entry.before, dict) else {}
    rec_id = after.get("id") or before.get("id")
    known = {r.id: r for r in recommendations}
    rec = known.get(rec_id) if isinstance(rec_id, int) else None
    if rec is not None:
        return f"{v.recommendation_title(rec.code, rec.text)} (recommendation {rec.id})"
    code = str(after.get("code") or before.get("code") or "")
    return v.recommendation_title(code) if code else ""
