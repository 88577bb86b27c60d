"""The workflow's rules, checked for every action, status, person and recommendation.

The expectation below is written from the issue's words, as a table, independently of how
``domain/workflow`` is built: who may take each step, from where, and with what.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from breach_desk.domain.enums import OwnerRole, RecommendationStatus
from breach_desk.domain.register import Recommendation, Role, Transition
from breach_desk.domain.workflow import (
    MAX_EVIDENCE_FILE_BYTES,
    Action,
    Actor,
    Refused,
    Subject,
    allowed_actions,
    attach_refusal,
    check_evidence_file,
    close_refusal,
    decide,
    is_mine,
    parse_role,
)

S = RecommendationStatus
AT = datetime(2021, 3, 16, 9, 0, tzinfo=UTC)
HOME, AWAY = "Children's Services", "Housing"

PEOPLE = {
    "ig": Actor("ig", Role.IG_OFFICER),
    "ig2": Actor("ig2", Role.IG_OFFICER),
    "sm": Actor("sm", Role.SERVICE_MANAGER, frozenset({HOME})),
    "sm_elsewhere": Actor("sm_elsewhere", Role.SERVICE_MANAGER, frozenset({AWAY})),
    "auditor": Actor("auditor", Role.AUDITOR),
    "nobody": Actor("nobody", ""),
}

# (action, from) -> to, as METHOD.md section 5 and the issue put it.
MOVES = {
    (Action.START, S.OPEN): S.IN_PROGRESS,
    (Action.DONE, S.OPEN): S.DONE,
    (Action.DONE, S.IN_PROGRESS): S.DONE,
    (Action.VERIFY, S.DONE): S.VERIFIED,
    (Action.REJECT, S.OPEN): S.REJECTED,
    (Action.REJECT, S.IN_PROGRESS): S.REJECTED,
    (Action.REJECT, S.DONE): S.REJECTED,
    (Action.REOPEN, S.DONE): S.OPEN,
    (Action.REOPEN, S.VERIFIED): S.OPEN,
    (Action.REOPEN, S.REJECTED): S.OPEN,
}
IG_ONLY = {Action.VERIFY, Action.REJECT}


def expected(action: Action, subject: Subject, who: str, reason: bool, evidence: bool) -> S | None:
    """The status it moves to, or None when it must be refused."""
    actor = PEOPLE[who]
    if subject.breach_closed or (action, subject.status) not in MOVES:
        return None
    is_ig = actor.role == Role.IG_OFFICER
    owns = is_ig or (
        actor.role == Role.SERVICE_MANAGER
        and subject.owner_role is OwnerRole.SERVICE
        and subject.service in actor.services
    )
    if not owns or (action in IG_ONLY and not is_ig):
        return None
    if action is Action.REOPEN and not is_ig and subject.status is not S.DONE:
        return None  # a service manager takes back only their own 'done', before it is checked
    if action in (Action.REJECT, Action.REOPEN) and not reason:
        return None
    if action is Action.DONE and not evidence:
        return None
    if action is Action.VERIFY and subject.done_by == actor.login:
        return None
    return MOVES[(action, subject.status)]


SUBJECTS = [
    Subject(status, owner_role, HOME, done_by, closed)
    for status, owner_role, done_by, closed in itertools.product(
        S, OwnerRole, (None, "ig", "sm"), (False, True)
    )
]


@pytest.mark.parametrize("action", list(Action))
def test_every_action_from_every_state_by_everyone(action: Action) -> None:
    checked = allowed = 0
    for subject, who, reason, evidence in itertools.product(
        SUBJECTS, PEOPLE, (False, True), (False, True)
    ):
        want = expected(action, subject, who, reason, evidence)
        kwargs = {"reason": "why" if reason else "  ", "evidence": "what" if evidence else None}
        checked += 1
        if want is None:
            with pytest.raises(Refused):
                decide(action, subject, PEOPLE[who], AT, **kwargs)
            continue
        change = decide(action, subject, PEOPLE[who], AT, **kwargs)
        allowed += 1
        assert (change.from_status, change.to_status, change.by) == (subject.status, want, who)
    assert checked == len(SUBJECTS) * len(PEOPLE) * 4
    assert allowed > 0


def test_marking_done_records_the_evidence_and_who() -> None:
    change = decide(
        Action.DONE,
        Subject(S.IN_PROGRESS, OwnerRole.SERVICE, HOME),
        PEOPLE["sm"],
        AT,
        evidence="  Safety plan agreed with Mr B  ",
    )
    assert dict(change.fields) == {
        "evidence": "Safety plan agreed with Mr B",
        "done_by": "sm",
        "done_at": AT,
    }
    assert change.evidence == "Safety plan agreed with Mr B"


def test_verifying_keeps_the_evidence_and_adds_who_checked() -> None:
    subject = Subject(S.DONE, OwnerRole.SERVICE, HOME, done_by="sm")
    change = decide(Action.VERIFY, subject, PEOPLE["ig"], AT, reason="Seen the letter")
    assert dict(change.fields) == {"verified_by": "ig", "verified_at": AT}
    assert change.reason == "Seen the letter"


def test_reopening_clears_the_sign_offs_but_the_history_keeps_them() -> None:
    subject = Subject(S.VERIFIED, OwnerRole.SERVICE, HOME, done_by="sm")
    change = decide(Action.REOPEN, subject, PEOPLE["ig"], AT, reason="The recipient wrote again")
    assert dict(change.fields) == dict.fromkeys(
        ("evidence", "done_by", "done_at", "verified_by", "verified_at")
    )
    assert change.reason == "The recipient wrote again"


@pytest.mark.parametrize(
    ("who", "subject", "words"),
    [
        ("sm", Subject(S.DONE, OwnerRole.SERVICE, HOME, "sm"), "Only an IG officer can verify"),
        ("ig", Subject(S.DONE, OwnerRole.IG, HOME, "ig"), "someone else in the IG team"),
        ("sm_elsewhere", Subject(S.OPEN, OwnerRole.SERVICE, HOME), "their own services"),
        ("sm", Subject(S.OPEN, OwnerRole.IG, HOME), "belongs to the information governance"),
        ("auditor", Subject(S.OPEN, OwnerRole.SERVICE, HOME), "changes nothing"),
        ("ig", Subject(S.OPEN, OwnerRole.SERVICE, HOME, breach_closed=True), "breach is closed"),
        ("ig", Subject(S.VERIFIED, OwnerRole.SERVICE, HOME), "It is verified"),
    ],
)
def test_a_refusal_says_why_in_words(who: str, subject: Subject, words: str) -> None:
    action = Action.VERIFY if subject.status is not S.OPEN else Action.START
    with pytest.raises(Refused, match=words):
        decide(action, subject, PEOPLE[who], AT, reason="r", evidence="e")


def test_the_buttons_offered_are_the_moves_allowed() -> None:
    subject = Subject(S.DONE, OwnerRole.SERVICE, HOME, done_by="sm")
    assert allowed_actions(subject, PEOPLE["sm"]) == (Action.REOPEN,)
    assert allowed_actions(subject, PEOPLE["ig"]) == (Action.VERIFY, Action.REJECT, Action.REOPEN)
    assert allowed_actions(subject, PEOPLE["auditor"]) == ()


def _rec(status: S, owner_role: OwnerRole, **kw: object) -> Recommendation:
    return Recommendation(
        id=1,
        breach_reference="IG-2021-014",
        code="X",
        text="x",
        owner_role=owner_role,
        due_date=date(2021, 3, 17),
        status=status,
        service=HOME,
        history=(Transition(AT, "ig", None, S.OPEN),),
        **kw,  # type: ignore[arg-type]
    )


def test_my_actions_are_mine_to_do_or_mine_to_verify() -> None:
    sm_open = _rec(S.OPEN, OwnerRole.SERVICE)
    ig_open = _rec(S.IN_PROGRESS, OwnerRole.IG)
    done_by_sm = _rec(S.DONE, OwnerRole.SERVICE, done_by="sm")
    done_by_ig = _rec(S.DONE, OwnerRole.IG, done_by="ig")
    named = _rec(S.OPEN, OwnerRole.IG, owner="sm")
    assert [is_mine(r, PEOPLE["sm"]) for r in (sm_open, ig_open, done_by_sm, named)] == [
        True,
        False,
        False,
        True,
    ]
    assert not is_mine(sm_open, PEOPLE["sm_elsewhere"])
    assert [is_mine(r, PEOPLE["ig"]) for r in (sm_open, ig_open, done_by_sm, done_by_ig)] == [
        False,
        True,
        True,
        False,
    ]
    assert is_mine(done_by_ig, PEOPLE["ig2"])
    assert not any(is_mine(r, PEOPLE["auditor"]) for r in (sm_open, ig_open, done_by_sm))


def test_closing_needs_an_ig_officer_and_nothing_left_open() -> None:
    finished = [S.VERIFIED, S.REJECTED]
    assert close_refusal(PEOPLE["ig"], finished, closed=False) is None
    assert close_refusal(PEOPLE["ig"], [], closed=False) is None
    assert "1 recommendation is not yet" in (
        close_refusal(PEOPLE["ig"], [*finished, S.DONE], False) or ""
    )
    assert "Only an IG officer" in (close_refusal(PEOPLE["sm"], finished, False) or "")
    assert "already closed" in (close_refusal(PEOPLE["ig"], finished, True) or "")


def test_evidence_files_have_a_size_limit() -> None:
    assert check_evidence_file("letter.pdf", MAX_EVIDENCE_FILE_BYTES, 0) is None
    assert "up to 10 MB each" in (
        check_evidence_file("scan.tif", MAX_EVIDENCE_FILE_BYTES + 1, 0) or ""
    )
    assert "empty" in (check_evidence_file("blank.txt", 0, 0) or "")
    assert "at most 20 files" in (check_evidence_file("one-more.pdf", 10, 20) or "")
    subject = Subject(S.VERIFIED, OwnerRole.SERVICE, HOME)
    assert "reopen it" in (attach_refusal(subject, PEOPLE["sm"]) or "")
    assert attach_refusal(Subject(S.DONE, OwnerRole.SERVICE, HOME), PEOPLE["sm"]) is None


@pytest.mark.parametrize(
    ("typed", "services", "role"),
    [
        ("IG officer", (), Role.IG_OFFICER),
        ("service-manager", ("Housing", " Housing "), Role.SERVICE_MANAGER),
        ("auditor", (), Role.AUDITOR),
    ],
)
def test_roles_as_typed(typed: str, services: tuple[str, ...], role: str) -> None:
    assert parse_role(typed, services) == (role, tuple(dict.fromkeys(s.strip() for s in services)))


@pytest.mark.parametrize(
    ("typed", "services", "words"),
    [
        ("manager", (), "unknown role"),
        ("service_manager", (), "needs at least one service"),
        ("auditor", ("Housing",), "only a service manager has services"),
    ],
)
def test_roles_that_cannot_be_used(typed: str, services: tuple[str, ...], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_role(typed, services)
