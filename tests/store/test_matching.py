"""Repeat-breach matching: the register finds earlier breaches with the same person or
recipient, and they raise the likelihood and appear in the decision note."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from builders import facts
from sqlalchemy import text

from breach_desk.domain.enums import Likelihood
from breach_desk.method import assess
from breach_desk.method.note import decision_note
from breach_desk.services.register import Register
from breach_desk.store.normalise import fold

_labels = itertools.count(1)


def person(**fields: Any) -> dict[str, Any]:
    """One named person; a recipient of its own, so that only the person can match."""
    label = f"Neighbour {next(_labels)}"
    return {
        "subjects.people": [fields],
        "recipients": [{"label": label, "kind": "member_of_public"}],
    }


def recipient(**fields: Any) -> dict[str, Any]:
    return {"recipients": [{"kind": "partner_organisation", **fields}]}


@pytest.mark.parametrize(
    ("earlier", "later", "wording"),
    [
        (person(email="Mr.B@Example.org"), person(email="  mr.b@example.ORG "), "email"),
        (person(identifier="C-1234"), person(identifier="  C-1234\t"), "identifier"),
        (person(name="José  Pérez"), person(name="jose perez"), "name"),
        (person(name="ZOË O'NEILL"), person(name="  Zoe   o'neill "), "name"),
        (recipient(email="Team@Partner.org"), recipient(email="team@partner.org"), "email"),
        (recipient(label="Acme Housing Ltd"), recipient(label="ACME  housing ltd"), "Acme"),
    ],
)
def test_the_same_person_or_recipient_is_found(
    register: Register, earlier: dict[str, Any], later: dict[str, Any], wording: str
) -> None:
    first = register.finalise(facts(title="Earlier", **earlier))
    matches = register.find_matches(facts(title="Later", **later))
    assert [m.reference for m in matches] == [first.reference]
    assert matches[0].title == "Earlier"
    assert wording.lower() in matches[0].matched_on.lower()


@pytest.mark.parametrize(
    "label",
    [
        "Member of the public",
        "A member of the public",
        "Unknown",
        "the wrong tenant",
        "n/a",
        "2 other parents",
        "—",
    ],
)
def test_a_label_that_only_describes_matches_no_other_breach(
    register: Register, label: str
) -> None:
    """ "Member of the public" in two breaches is two members of the public: neither breach is a
    repeat of the other (before, every breach that said it was a repeat of every earlier one)."""
    register.finalise(facts(title="Earlier", **recipient(label=label)))
    later = facts(title="Later", **recipient(label=label))
    assert register.find_matches(later) == []
    assert not register.assess(later).is_repeat


def test_a_name_that_only_describes_matches_no_other_breach(register: Register) -> None:
    register.finalise(facts(**person(name="Unknown")))
    register.finalise(facts(**person(name="Service user")))
    assert register.find_matches(facts(**person(name="unknown"))) == []
    assert register.find_matches(facts(**person(name="service user"))) == []


@pytest.mark.parametrize(
    "label",
    ["Leeds City Council", "Mr A, neighbour", "Person A", "Person A (involved with the children)"],
)
def test_a_description_with_a_name_in_it_is_still_compared(register: Register, label: str) -> None:
    first = register.finalise(facts(title="Earlier", **recipient(label=label)))
    matches = register.find_matches(facts(title="Later", **recipient(label=label.upper())))
    assert [m.reference for m in matches] == [first.reference]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (person(email="mr.b@example.org"), person(email="mrs.b@example.org")),
        (person(identifier="C-1234"), person(identifier="c-1234")),
        (person(name="Jose Perez"), person(name="Jose Peres")),
        (recipient(label="Acme Housing"), recipient(label="Acme Housing Ltd")),
    ],
)
def test_someone_else_is_not_matched(
    register: Register, earlier: dict[str, Any], later: dict[str, Any]
) -> None:
    register.finalise(facts(**earlier))
    assert register.find_matches(facts(**later)) == []


def test_a_breach_never_matches_itself(register: Register) -> None:
    first = register.finalise(facts(**person(email="a@b.org")))
    assert register.find_matches(first.facts) == []
    second = register.reassess(first.reference, first.facts, "check")
    assert second.related == ()


def test_matches_feed_the_repeat_step_and_the_decision_note(register: Register) -> None:
    """Deletion confirmed by a trusted professional: remote on its own, possible as a repeat."""
    contained = {
        "recipients": [
            {"label": "Dr Hale", "kind": "trusted_professional", "deletion_confirmed": True}
        ],
        "subjects.people": [{"name": "Ann Lee", "email": "ann@example.org"}],
    }
    alone = assess(facts(**contained), facts().aware_at)
    assert alone.likelihood is Likelihood.REMOTE
    first = register.finalise(facts(title="First disclosure", **contained))
    second = register.finalise(facts(title="Second disclosure", **contained))
    latest = second.latest
    assert latest is not None
    assert latest.assessment.likelihood is Likelihood.POSSIBLE
    assert latest.assessment.is_repeat
    assert [m.reference for m in second.related] == [first.reference]
    assert first.reference in decision_note(latest.assessment)
    assert "ann@example.org" in decision_note(latest.assessment)
    assert register.list_breaches(search="second")[0].is_repeat


def test_matches_are_listed_newest_first(register: Register) -> None:
    refs = [
        register.finalise(
            facts(aware_at=f"2024-05-0{day}T10:00:00", **person(identifier="C-9"))
        ).reference
        for day in (3, 1, 2)
    ]
    found = register.find_matches(facts(**person(identifier="C-9")))
    assert [m.reference for m in found] == [refs[0], refs[2], refs[1]]


def test_folding() -> None:
    assert fold("  José\u00a0 PÉREZ ") == "jose perez"
    assert fold("Straße") == "strasse"
    assert fold("   ") is None
    assert fold(None) is None


# SQLite only: the planner's choice on a tiny PostgreSQL table says nothing.
@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_every_lookup_uses_an_index(engine_name: str, register: Register) -> None:
    """What keeps matching fast on a large register (the benchmark measures 100,000)."""
    with register.store.engine.connect() as conn:
        for table, column in [
            ("people", "email_norm"),
            ("people", "identifier_norm"),
            ("people", "name_folded"),
            ("recipients", "email_norm"),
            ("recipients", "label_folded"),
        ]:
            plan = conn.execute(
                text(
                    f"EXPLAIN QUERY PLAN SELECT b.reference FROM {table} t "
                    f"JOIN breaches b ON b.id = t.breach_id WHERE t.{column} IN ('x', 'y')"
                )
            ).fetchall()
            details = " ".join(str(row[-1]) for row in plan)
            assert f"ix_{table}_{column}_breach_id" in details, details
