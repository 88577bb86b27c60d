"""Team mode: two people saving the same breach. The second is told who saved first and when,
and loses nothing; saves running at the same moment never fork the audit chain."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from builders import facts
from store.conftest import People

from breach_desk.domain.clock import format_local
from breach_desk.services.drafts import Drafts
from breach_desk.services.register import ConflictError, Register


def test_the_second_save_is_refused_and_names_who_saved_first(people: People) -> None:
    alice, bob = people.open("alice"), people.open("bob")
    breach = alice.finalise(facts(title="Letter to the wrong flat"))
    seen_by_alice = alice.get(breach.reference).row_version
    seen_by_bob = bob.get(breach.reference).row_version

    bobs_work = facts(title="Letter to the wrong flat (Bob's view)", **{"subjects.count": 3})
    draft = Drafts(bob).save(
        None, {"title": bobs_work.title}, bobs_work.title, reference=breach.reference
    )
    alice.reassess(
        breach.reference, facts(title="Two letters"), "second letter found", seen_by_alice
    )
    with pytest.raises(ConflictError) as caught:
        bob.reassess(breach.reference, bobs_work, "count corrected", seen_by_bob)

    conflict = caught.value
    assert conflict.saved_by == alice.user
    assert alice.user in str(conflict)
    saved = alice.get(breach.reference)
    assert format_local(saved.updated_at) in str(conflict)
    assert "not saved" in str(conflict)
    assert [v.reason for v in saved.versions] == [None, "second letter found"]
    assert saved.title == "Two letters"
    assert Drafts(bob).load(draft) == {"title": bobs_work.title}  # Bob's work is still there
    assert bob.verify_audit().ok

    fresh = bob.get(breach.reference)
    again = bob.reassess(breach.reference, bobs_work, "count corrected", fresh.row_version)
    assert [v.created_by for v in again.versions] == [alice.user, alice.user, bob.user]


def race(*actions: Callable[[], Any]) -> list[BaseException | Any]:
    """Run the actions at the same moment, each in its own thread."""
    start = threading.Barrier(len(actions))
    results: list[BaseException | Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        start.wait()
        try:
            results[index] = action()
        except BaseException as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_simultaneous_saves_one_wins_one_is_told(people: People) -> None:
    alice, bob = people.open("alice"), people.open("bob")
    breach = alice.finalise(facts())
    results = race(
        lambda: alice.reassess(breach.reference, facts(title="Alice's"), "mine", 1),
        lambda: bob.reassess(breach.reference, facts(title="Bob's"), "mine too", 1),
    )
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(conflicts) == 1, results
    winner = next(r for r in results if not isinstance(r, BaseException))
    assert conflicts[0].saved_by == winner.versions[-1].created_by
    assert len(alice.get(breach.reference).versions) == 2
    assert alice.verify_audit().ok


def test_saves_at_the_same_moment_get_distinct_references_and_one_chain(
    people: People,
) -> None:
    alice, bob = people.open("alice"), people.open("bob")

    def save_many(reg: Register) -> list[str]:
        return [reg.finalise(facts(title=f"{reg.user} {n}")).reference for n in range(8)]

    results = race(lambda: save_many(alice), lambda: save_many(bob))
    refs = [ref for batch in results for ref in batch]
    assert sorted(refs) == [f"IG-2026-{n:04d}" for n in range(1, 17)]
    report = alice.verify_audit()
    assert report.ok
    assert report.entries == 16
