"""The register list as a person narrows and orders it: several services at once (a service
manager's register), and the columns that are not plain fields of a breach (the ICO deadline,
the overdue recommendations)."""

from __future__ import annotations

from builders import facts

from breach_desk.services.register import Register

CHILDRENS, HOUSING, ADULTS = "Children's Services", "Housing", "Adult Social Care"


def test_several_services_in_one_query(register: Register) -> None:
    for n, service in enumerate([CHILDRENS, HOUSING, ADULTS, CHILDRENS, None, HOUSING]):
        changes = {"title": f"Letter {n}", "aware_at": f"2024-05-0{n + 1}T09:00:00"}
        register.finalise(facts(**changes, **({"service": service} if service else {})))
    mine = [CHILDRENS, HOUSING]
    listed = register.list_breaches(services=mine)
    assert [s.title for s in listed] == ["Letter 5", "Letter 3", "Letter 1", "Letter 0"]
    assert register.count_breaches(services=mine) == 4
    assert register.count_breaches(services=[*mine, CHILDRENS]) == 4
    assert register.count_breaches(services=mine, search="letter 3") == 1
    assert register.count_breaches(services=mine, service=HOUSING) == 2
    assert register.count_breaches(services=mine, service=ADULTS) == 0
    assert register.list_breaches(services=[]) == []
    assert register.count_breaches(services=[]) == 0
    assert register.count_breaches() == 6
