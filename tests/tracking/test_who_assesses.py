"""Only an IG officer records, assesses, reassesses and imports breaches: a service manager or an
auditor is refused in words naming their role, on SQLite (where the role is a setting) as on
PostgreSQL (where the database refuses too), in the window's services and on the command line;
and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import facts_dict
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, SqlitePeople, pg_url, seed_facts

from breach_desk.cli import main
from breach_desk.domain.register import Role
from breach_desk.facts_io import facts_from_dict, facts_to_dict
from breach_desk.services.register import NotAllowed
from breach_desk.services.tracking import Tracking

People = SqlitePeople | PgPeople
REFUSED = {
    "sm_childrens": "you are a service manager",
    "auditor_audrey": "you are an auditor",
}


@pytest.fixture
def council(people: People) -> dict[str, Tracking]:
    found = {
        "ig_alice": people("ig_alice", Role.IG_OFFICER),
        "sm_childrens": people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS),
        "auditor_audrey": people("auditor_audrey", Role.AUDITOR),
    }
    found["ig_alice"].register.finalise(seed_facts())
    return found


def what_is_stored(alice: Tracking) -> tuple[int, int, int]:
    """(breaches, versions of the founding case, audit entries), as the IG officer sees them."""
    reg = alice.register
    return reg.count_breaches(), len(reg.get(SEED_REFERENCE).versions), reg.verify_audit().entries


def new_facts() -> dict[str, object]:
    return facts_dict(service=CHILDRENS, aware_at="2021-03-14T09:00:00")


@pytest.mark.parametrize("login", sorted(REFUSED))
def test_only_an_ig_officer_changes_facts_and_assessments(
    council: dict[str, Tracking], login: str, tmp_path: Path
) -> None:
    alice, person = council["ig_alice"], council[login]
    before = what_is_stored(alice)
    assert not person.user.may_assess
    you_are = REFUSED[login]
    facts = facts_from_dict(new_facts())
    seed = seed_facts().with_reference(SEED_REFERENCE)  # type: ignore[attr-defined]
    lines = tmp_path / "two.jsonl"
    lines.write_text("\n".join(json.dumps(new_facts()) for _ in range(2)) + "\n", "utf-8")
    for what, attempt in (
        ("assesses breaches", lambda: person.register.finalise(facts)),
        ("assesses breaches", lambda: person.register.finalise(seed, reason="I disagree")),
        ("reassesses breaches", lambda: person.register.reassess(SEED_REFERENCE, seed, "Why")),
        ("imports breaches", lambda: person.register.import_facts([facts])),
        ("imports breaches", lambda: person.register.import_file(lines)),
    ):
        with pytest.raises(NotAllowed) as refused:
            attempt()
        assert str(refused.value) == f"only an IG officer {what}; {you_are}"
    assert what_is_stored(alice) == before
    # The IG officer does all of it.
    alice.register.reassess(SEED_REFERENCE, seed, "New facts arrived")
    alice.register.import_file(lines)
    assert what_is_stored(alice)[:2] == (before[0] + 2, 2)


def environment(people: People, login: str) -> dict[str, str]:
    """What that person's command line runs with: their register URL (and on SQLite their login
    and role setting)."""
    if isinstance(people, PgPeople):
        return {"BREACH_DESK_DB": pg_url(people.schema, people.login(login))}
    return {"BREACH_DESK_DB": people.url, **people.env(login)}


def test_the_command_line_refuses_them_with_exit_status_1(
    people: People,
    council: dict[str, Tracking],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    alice = council["ig_alice"]
    before = what_is_stored(alice)
    new = tmp_path / "new.json"
    new.write_text(json.dumps(new_facts()), "utf-8")
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(facts_to_dict(seed_facts())), "utf-8")
    many = tmp_path / "many.jsonl"
    many.write_text(json.dumps(new_facts()) + "\n", "utf-8")
    for login, you_are in REFUSED.items():
        for key, value in environment(people, login).items():
            monkeypatch.setenv(key, value)
        for args, what in (
            (["assess", str(new), "--save"], "assesses breaches"),
            (["reassess", SEED_REFERENCE, str(seed), "--reason", "I disagree"], "reassesses"),
            (["import", str(many)], "imports breaches"),
        ):
            capsys.readouterr()
            status = main(args)
            out, err = capsys.readouterr()
            assert status == 1, (login, args, err)
            assert err.startswith(f"breach-desk: only an IG officer {what}"), err
            assert err.rstrip().endswith(you_are), err
            assert "severity" not in out
    assert what_is_stored(alice) == before


def test_a_service_manager_still_gets_the_demo_register(
    sqlite_people: SqlitePeople, frozen: Callable[[str], None]
) -> None:
    """The demo is filled for whoever opens it first; a register in use is never added to."""
    from breach_desk.gui.demo import demo_facts, seed_demo

    frozen("2026-03-02T10:00:00+00:00")  # after the demo's cases

    bob = sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    filled = seed_demo(bob.register)
    assert len(filled) == len(demo_facts()) == bob.register.count_breaches()
    assert seed_demo(bob.register) == []
    assert bob.register.fill_empty([seed_facts()]) == []
    assert bob.register.count_breaches() == len(filled)
