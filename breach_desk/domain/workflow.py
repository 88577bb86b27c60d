"""How a recommendation moves, and who may move it (METHOD.md section 5; issue 6).

open → in progress → done (by its owner, with evidence) → verified (by an IG officer who did not
mark it done); or rejected (IG, with a reason); or reopened (with a reason). A breach closes only
when every recommendation is verified or rejected, and only an IG officer closes it.

Pure: no Qt, no SQL, no clock. The store applies the ``Change`` this module returns, and the
database (on PostgreSQL, through ``store/pg_roles.py``) refuses the same things again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import local_date
from breach_desk.domain.enums import OwnerRole, RecommendationStatus
from breach_desk.domain.register import Recommendation, Role

S = RecommendationStatus

MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024
"""A file of evidence is kept in the database: a scanned letter or a screenshot, not a video."""
MAX_EVIDENCE_FILES = 20
MAX_TEXT = 20_000
"""Evidence notes and reasons: long enough for a paragraph or two, short enough to print."""


class Action(StrEnum):
    START = "start"
    DONE = "done"
    VERIFY = "verify"
    REJECT = "reject"
    REOPEN = "reopen"

    @property
    def verb(self) -> str:
        return _VERBS[self]


_VERBS = {
    Action.START: "start",
    Action.DONE: "mark done",
    Action.VERIFY: "verify",
    Action.REJECT: "reject",
    Action.REOPEN: "reopen",
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The person acting: their login, their role and (for a service manager) their services."""

    login: str
    role: str
    services: frozenset[str] = frozenset()

    @property
    def role_label(self) -> str:
        return Role.LABELS.get(self.role, self.role)

    @property
    def is_ig(self) -> bool:
        return self.role == Role.IG_OFFICER


@dataclass(frozen=True, slots=True)
class Subject:
    """What the rules need to know about a recommendation."""

    status: RecommendationStatus
    owner_role: OwnerRole
    service: str | None
    done_by: str | None = None
    breach_closed: bool = False

    @classmethod
    def of(cls, rec: Recommendation, breach_closed: bool = False) -> Subject:
        return cls(rec.status, rec.owner_role, rec.service, rec.done_by, breach_closed)


@dataclass(frozen=True, slots=True)
class Rule:
    action: Action
    from_statuses: frozenset[RecommendationStatus]
    to_status: RecommendationStatus
    ig_only: bool
    needs_reason: bool
    needs_evidence: bool


_WAITING = frozenset({S.OPEN, S.IN_PROGRESS})
_NOT_FINISHED = frozenset({S.OPEN, S.IN_PROGRESS, S.DONE})
_FINISHED_OR_DONE = frozenset({S.DONE, S.VERIFIED, S.REJECTED})
RULES: dict[Action, Rule] = {
    r.action: r
    for r in (
        Rule(Action.START, frozenset({S.OPEN}), S.IN_PROGRESS, False, False, False),
        Rule(Action.DONE, _WAITING, S.DONE, False, False, True),
        Rule(Action.VERIFY, frozenset({S.DONE}), S.VERIFIED, True, False, False),
        Rule(Action.REJECT, _NOT_FINISHED, S.REJECTED, True, True, False),
        Rule(Action.REOPEN, _FINISHED_OR_DONE, S.OPEN, False, True, False),
    )
}
"""From where, to where, IG only, reason needed, evidence needed."""


@dataclass(frozen=True, slots=True)
class ActionItem:
    """A recommendation with the breach it belongs to: one row of "My actions" or
    "Monitoring"."""

    recommendation: Recommendation
    title: str
    breach_service: str | None
    breach_closed: bool

    @property
    def service(self) -> str | None:
        return self.recommendation.service or self.breach_service

    @property
    def created_at(self) -> datetime:
        return self.recommendation.history[0].at

    def overdue_days(self, at: datetime) -> int:
        """Whole London days past the due date; 0 when not overdue."""
        if not self.recommendation.overdue(at):
            return 0
        return (local_date(at) - self.recommendation.due_date).days

    def age_days(self, at: datetime) -> int:
        """Days since the recommendation was made (London dates)."""
        return max(0, (local_date(at) - local_date(self.created_at)).days)


class Refused(Exception):
    """The change is not allowed. The message says why, in words, and what to do instead."""


@dataclass(frozen=True, slots=True)
class Change:
    """What a permitted action does: the transition to record, and the recommendation's fields
    to set (names of ``Recommendation`` attributes; ``None`` clears a field)."""

    action: Action
    from_status: RecommendationStatus
    to_status: RecommendationStatus
    by: str
    at: datetime
    reason: str | None
    evidence: str | None
    fields: tuple[tuple[str, object], ...]


def owns(actor: Actor, subject: Subject) -> bool:
    """Is this one of the actor's recommendations to work on? IG officers act for every owner."""
    if actor.role == Role.IG_OFFICER:
        return True
    if actor.role == Role.SERVICE_MANAGER:
        return subject.owner_role is OwnerRole.SERVICE and subject.service in actor.services
    return False


BLANK = re.compile(
    "[\\s\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*"
)
"""Text made only of these looks blank: white space, no-break and zero-width spaces."""
NAME_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control and text-direction characters: refused in file names (a U+202E hides '.exe')."""


def is_blank(text: str | None) -> bool:
    """Nothing a reader would see: white space, no-break and zero-width spaces only."""
    return BLANK.fullmatch(text or "") is not None


def _clean(text: str | None) -> str | None:
    if is_blank(text):
        return None
    return (text or "").strip() or None


def _refuse_role(actor: Actor, rule: Rule, subject: Subject) -> None:
    verb = rule.action.verb
    if actor.role == Role.AUDITOR:
        raise Refused(f"An auditor reads the register but changes nothing: you cannot {verb} it.")
    if actor.role not in Role.ALL:
        raise Refused(f"You have no Breach Desk role, so you cannot {verb} it.")
    if rule.ig_only and not actor.is_ig:
        raise Refused(
            f"Only an IG officer can {verb} a recommendation; you are a {actor.role_label.lower()}."
        )
    if not owns(actor, subject):
        whose = (
            f"the service manager of {subject.service}"
            if subject.owner_role is OwnerRole.SERVICE and subject.service
            else f"the {vocabulary.words(subject.owner_role)}"
        )
        raise Refused(
            f"This recommendation belongs to {whose}; a service manager can only {verb} the "
            "recommendations of their own services."
        )
    if (
        rule.action is Action.REOPEN
        and not actor.is_ig
        and subject.status is not RecommendationStatus.DONE
    ):
        raise Refused(
            "Only an IG officer can reopen a recommendation that is "
            f"{vocabulary.words(subject.status)}."
        )


def decide(
    action: Action,
    subject: Subject,
    actor: Actor,
    at: datetime,
    *,
    reason: str | None = None,
    evidence: str | None = None,
) -> Change:
    """The change ``actor`` makes by ``action`` at ``at``, or ``Refused`` saying why not."""
    rule = RULES[action]
    if subject.breach_closed:
        raise Refused(
            "The breach is closed: its recommendations can no longer change. An IG officer "
            "reassesses the breach if there is something new."
        )
    if subject.status not in rule.from_statuses:
        allowed = ", ".join(sorted(vocabulary.words(s) for s in rule.from_statuses))
        raise Refused(
            f"It is {vocabulary.words(subject.status)}: you can only {action.verb} a "
            "recommendation that is "
            f"{allowed}."
        )
    _refuse_role(actor, rule, subject)
    reason, evidence = _clean(reason), _clean(evidence)
    if rule.needs_reason and reason is None:
        raise Refused(f"Give a reason to {action.verb} it: it is kept with the change.")
    if rule.needs_evidence and evidence is None:
        raise Refused(
            "Say what was done as evidence (a sentence or two; files may be added too): the IG "
            "team verifies against it."
        )
    for label, value in (("reason", reason), ("evidence", evidence)):
        if value is not None and len(value) > MAX_TEXT:
            raise Refused(f"The {label} is too long: keep it under {MAX_TEXT:,} characters.")
    if action is Action.VERIFY and subject.done_by == actor.login:
        raise Refused(
            "You marked it done, so someone else in the IG team must verify it: the same person "
            "cannot both do and check."
        )
    fields: tuple[tuple[str, object], ...] = ()
    if action is Action.DONE:
        fields = (("evidence", evidence), ("done_by", actor.login), ("done_at", at))
    elif action is Action.VERIFY:
        fields = (("verified_by", actor.login), ("verified_at", at))
    elif action is Action.REOPEN:
        # The old evidence and sign-offs stay in the history; the next "done" brings new ones.
        fields = tuple((name, None) for name in _SIGN_OFF)
    return Change(action, subject.status, rule.to_status, actor.login, at, reason, evidence, fields)


_SIGN_OFF = ("evidence", "done_by", "done_at", "verified_by", "verified_at")


def allowed_actions(subject: Subject, actor: Actor) -> tuple[Action, ...]:
    """The actions the actor could take now (reasons and evidence aside): for buttons."""
    out: list[Action] = []
    for action in Action:
        try:
            decide(action, subject, actor, _ANY_MOMENT, reason="x", evidence="x")
        except Refused:
            continue
        out.append(action)
    return tuple(out)


_ANY_MOMENT = datetime(2000, 1, 1)


def close_refusal(
    actor: Actor,
    statuses: Iterable[RecommendationStatus],
    closed: bool,
    rejected_by: Iterable[str] = (),
    approved_by: Iterable[str] = (),
) -> str | None:
    """Why the actor cannot close the breach now, or None when they can. ``rejected_by``: who
    rejected the recommendations that stand rejected; ``approved_by``: who recorded an approval
    to close it that still stands (four eyes, METHOD section 5: whoever set a recommendation
    aside closes the breach on it only with a second IG officer's recorded approval)."""
    if closed:
        return "It is already closed."
    if not actor.is_ig:
        return f"Only an IG officer can close a breach; you are a {actor.role_label.lower()}."
    rejecters = set(rejected_by)
    if actor.login in rejecters and not second_approvers(actor, rejecters, approved_by):
        return (
            "You rejected one of its recommendations, so another IG officer must close it, or "
            "record their approval for you to close it (Approve closing): the same person "
            "cannot both set a recommendation aside and close the breach on it alone."
        )
    waiting = [s for s in statuses if not s.finished]
    if waiting:
        n = len(waiting)
        return (
            f"{n} recommendation{'s are' if n != 1 else ' is'} not yet verified or rejected: a "
            "breach closes only when every recommendation is."
        )
    return None


def second_approvers(
    actor: Actor, rejected_by: Iterable[str], approved_by: Iterable[str]
) -> set[str]:
    """The approvals that let ``actor`` close: by someone else, who rejected none of them."""
    rejecters = set(rejected_by)
    return {a for a in approved_by if a != actor.login and a not in rejecters}


def approve_close_refusal(actor: Actor, closed: bool, rejected_by: Iterable[str]) -> str | None:
    """Why the actor cannot record an approval to close the breach, or None when they can."""
    if closed:
        return "It is already closed."
    if not actor.is_ig:
        return (
            f"Only an IG officer approves closing a breach; you are a {actor.role_label.lower()}."
        )
    rejecters = set(rejected_by)
    if not rejecters:
        return (
            "None of its recommendations stands rejected by anyone: any IG officer may close "
            "it, and no approval is needed."
        )
    if actor.login in rejecters:
        return (
            "You rejected one of its recommendations: the approval to close it must come from "
            "another IG officer."
        )
    return None


def check_evidence_file(name: str, size: int, already: int) -> str | None:
    """Why a file cannot be attached, or None."""
    if is_blank(name):
        return "The file needs a name."
    if NAME_FORBIDDEN.search(name):
        return "The file's name holds a control or text-direction character: rename it."
    if size <= 0:
        return f"{name} is empty."
    if size > MAX_EVIDENCE_FILE_BYTES:
        limit = MAX_EVIDENCE_FILE_BYTES // (1024 * 1024)
        return (
            f"{name} is {size / (1024 * 1024):.1f} MB; evidence files are kept in the register, "
            f"up to {limit} MB each. Attach a smaller copy (a PDF or a scan at lower resolution)."
        )
    if already >= MAX_EVIDENCE_FILES:
        return f"A recommendation keeps at most {MAX_EVIDENCE_FILES} files."
    return None


def attach_refusal(subject: Subject, actor: Actor) -> str | None:
    """Why the actor cannot add an evidence file to this recommendation now, or None."""
    if subject.breach_closed:
        return "The breach is closed: its evidence can no longer change."
    if subject.status.finished:
        return f"It is {vocabulary.words(subject.status)}: reopen it to add evidence."
    if actor.role == Role.AUDITOR:
        return "An auditor reads the register but changes nothing."
    if not owns(actor, subject):
        return "Only its owner or an IG officer can add evidence to it."
    return None


def parse_role(role: str, services: Iterable[str] = ()) -> tuple[str, tuple[str, ...]]:
    """A role as typed ('service-manager', 'IG officer') and its services, checked."""
    role = role.strip().lower().replace("-", "_").replace(" ", "_")
    role = {"ig": Role.IG_OFFICER, "sm": Role.SERVICE_MANAGER}.get(role, role)
    if role not in Role.ALL:
        raise ValueError(f"unknown role {role!r}: choose one of {', '.join(Role.ALL)}")
    cleaned: list[str] = []
    for s in services:
        s = " ".join(s.split())
        if s and s not in cleaned:
            cleaned.append(s)
    if role == Role.SERVICE_MANAGER and not cleaned:
        raise ValueError("a service manager needs at least one service (--service NAME)")
    if role != Role.SERVICE_MANAGER and cleaned:
        raise ValueError("only a service manager has services")
    return role, tuple(cleaned)


def is_mine(rec: Recommendation, actor: Actor) -> bool:
    """Is it on the actor's list: theirs to do, or (for an IG officer) theirs to verify?"""
    waiting = rec.status in (S.OPEN, S.IN_PROGRESS)
    if rec.owner and rec.owner == actor.login:
        return waiting
    if actor.role == Role.SERVICE_MANAGER:
        return waiting and rec.owner_role is OwnerRole.SERVICE and rec.service in actor.services
    if actor.role == Role.IG_OFFICER:
        if rec.status is S.DONE:
            return rec.done_by != actor.login
        return waiting and not rec.owner and rec.owner_role is not OwnerRole.SERVICE
    return False
