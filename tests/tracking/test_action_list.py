"""The tracking lists as the database reads them (issue 13) hold exactly what the rules say, on
both engines: filtered by words (in the breach, the code or the text), service, status and
overdue; overdue first; paged without gaps or repeats; counted as listed; and a service
manager's "My actions" is their list and no more."""

from __future__ import annotations

from builders import facts_dict
from tracking_people import CHILDRENS, SEED_REFERENCE, seed_facts

from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.register import Role
from breach_desk.domain.workflow import is_mine
from breach_desk.facts_io import facts_from_dict

HOUSING = "Housing"


def words_in(item, words: str) -> bool:
    r = item.recommendation
    hay = " ".join(
        str(x) for x in (r.breach_reference, r.code, r.text, item.title, item.service)
    ).casefold()
    return all(w.casefold() in hay for w in words.split())


def test_the_lists_hold_what_the_rules_say(people, frozen) -> None:
    alice = people("ig_alice", Role.IG_OFFICER)
    bob = people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    alice.register.finalise(
        facts_from_dict(facts_dict(service=HOUSING, aware_at="2021-03-15T09:00:00"))
    )
    ids = {r.code: r.id for r in alice.breach(SEED_REFERENCE).recommendations}
    bob.done(ids["SAFETY_PLAN"], "Safety plan agreed")
    frozen("2021-03-19T09:00:00+00:00")

    everything = alice.actions()  # every recommendation not yet verified, read whole
    listed = alice.action_page(limit=1000)
    assert {i.recommendation.id for i in listed} == {i.recommendation.id for i in everything}
    late = [i.recommendation.overdue() for i in listed]
    assert late == sorted(late, reverse=True)  # overdue first
    pages = [
        i.recommendation.id for n in range(0, 40, 7) for i in alice.action_page(offset=n, limit=7)
    ]
    assert pages == [i.recommendation.id for i in listed]  # no gaps, no repeats

    for words in ("safety", "IG-2021", "housing", "children's", "zzqx", "deletion SECURE"):
        found = alice.action_page(words=words, limit=1000)
        expected = [i for i in everything if words_in(i, words)]
        assert {i.recommendation.id for i in found} == {i.recommendation.id for i in expected}, (
            words
        )
        tally = alice.action_tally(words=words)
        assert tally is not None
        assert tally.total == len(expected), words

    done = alice.action_page(status=RecommendationStatus.DONE, limit=1000)
    assert [i.recommendation.code for i in done] == ["SAFETY_PLAN"]
    overdue = alice.action_page(overdue_only=True, limit=1000)
    assert {i.recommendation.id for i in overdue} == {
        i.recommendation.id for i in everything if i.recommendation.overdue()
    }
    housing = alice.action_page(service=HOUSING, limit=1000)
    assert housing
    assert {i.service for i in housing} == {HOUSING}
    tally = alice.action_tally()
    assert tally is not None
    assert tally.total == len(everything)
    assert tally.overdue == sum(1 for i in everything if i.recommendation.overdue())
    assert tally.waiting == 1

    theirs = bob.action_page(mine=True, limit=1000)
    assert theirs
    assert all(is_mine(i.recommendation, bob.user.actor) for i in theirs)
    assert {i.recommendation.id for i in theirs} == {i.recommendation.id for i in bob.my_actions()}
    assert bob.action_tally(mine=True).total == len(theirs)
