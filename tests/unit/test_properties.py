"""Property tests of the method: monotone, deterministic, total (METHOD.md section 3)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from builders import DECIDED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breach_desk.domain.enums import (
    Availability,
    Cause,
    Confidentiality,
    DataCategory,
    DiscoveredHow,
    Extent,
    Identifiability,
    Integrity,
    RecipientKind,
    SubjectGroup,
)
from breach_desk.facts_io import facts_from_dict
from breach_desk.method import assess
from breach_desk.method.note import decision_note

CONF = [c.value for c in Confidentiality]
INTEG = [i.value for i in Integrity]
AVAIL = [a.value for a in Availability]
EXTENT = [e.value for e in Extent]
IDENT = [i.value for i in Identifiability]
KINDS = [k.value for k in RecipientKind]

recipient = st.fixed_dictionaries(
    {"kind": st.sampled_from(KINDS)},
    optional={
        "label": st.text(max_size=20),
        "poses_risk_to_subject": st.booleans(),
        "deletion_confirmed": st.booleans(),
    },
)


@st.composite
def facts_dicts(draw: st.DrawFn) -> dict[str, Any]:
    conf = draw(st.sampled_from(CONF))
    data: dict[str, Any] = {
        "categories": draw(
            st.lists(
                st.sampled_from([c.value for c in DataCategory]),
                min_size=1,
                max_size=4,
                unique=True,
            )
        ),
        "extent": draw(st.sampled_from(EXTENT)),
        "unintelligible": draw(st.booleans()),
        "publicly_available": draw(st.booleans()),
        "presence_reveals_category": draw(st.booleans()),
    }
    if draw(st.booleans()):
        data["identifiability"] = draw(st.sampled_from(IDENT))
    obj: dict[str, Any] = {
        "format": "breach-desk/facts/1",
        "title": "Generated",
        "aware_at": "2024-05-02T09:00:00",
        "occurrences": draw(st.integers(1, 4)),
        "cause": draw(st.sampled_from([c.value for c in Cause])),
        "subjects": {
            "count": draw(st.sampled_from([1, 5, 999, 1000, 5000, 99_999, 100_000, 250_000])),
            "vulnerable": draw(st.booleans()),
            "groups": draw(
                st.lists(st.sampled_from([g.value for g in SubjectGroup]), max_size=3, unique=True)
            ),
            "people": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "name": st.sampled_from(["Mr B", "Ms K"]),
                            "email": st.just("a@b.org"),
                        },
                    ),
                    max_size=2,
                )
            ),
        },
        "data": data,
        "loss": {
            "confidentiality": conf,
            "integrity": draw(st.sampled_from(INTEG)),
            "availability": draw(st.sampled_from(AVAIL)),
            "essential_service_disrupted": draw(st.booleans()),
        },
        "recipients": [] if conf == "none" else draw(st.lists(recipient, max_size=3)),
    }
    if draw(st.booleans()):
        obj["assessor"] = {"dpc_adjustment": {"value": draw(st.integers(-3, 3)), "reason": "r"}}
    if draw(st.booleans()):
        obj["harm_reported"] = {"note": "Fraud reported by one person."}
    if draw(st.booleans()):
        obj["discovered_how"] = {"kind": draw(st.sampled_from([k.value for k in DiscoveredHow]))}
    return obj


def ranks(obj: dict[str, Any]) -> tuple[int, int, int]:
    a = assess(facts_from_dict(obj, at=DECIDED), DECIDED)
    return a.severity.band.rank, a.likelihood.rank, a.risk.rank


def _up(values: list[str], current: str) -> str:
    return values[min(values.index(current) + 1, len(values) - 1)]


def _down(values: list[str], current: str) -> str:
    return values[max(values.index(current) - 1, 0)]


Change = Callable[[dict[str, Any], st.DataObject], None]


def _add_category(o: dict[str, Any], d: st.DataObject) -> None:
    cats = o["data"]["categories"]
    extra = d.draw(st.sampled_from([c.value for c in DataCategory]))
    if extra not in cats:
        cats.append(extra)


def _worse_confidentiality(o: dict[str, Any], d: st.DataObject) -> None:
    o["loss"]["confidentiality"] = _up(CONF, o["loss"]["confidentiality"])


def _add_recipient(o: dict[str, Any], d: st.DataObject) -> None:
    if o["loss"]["confidentiality"] != "none":
        o["recipients"].append(
            {
                "kind": d.draw(
                    st.sampled_from(
                        ["partner_organisation", "member_of_public", "attacker", "unknown"]
                    )
                )
            }
        )


def _recipient_poses_risk(o: dict[str, Any], d: st.DataObject) -> None:
    for r in o["recipients"]:
        r["poses_risk_to_subject"] = True


def _recipient_not_deleted(o: dict[str, Any], d: st.DataObject) -> None:
    for r in o["recipients"]:
        r["deletion_confirmed"] = False


def _recipient_less_trusted(o: dict[str, Any], d: st.DataObject) -> None:
    order = ["internal_staff", "member_of_public", "attacker"]
    for r in o["recipients"]:
        if r["kind"] in order:
            r["kind"] = _up(order, r["kind"])


def _more_identifiable(o: dict[str, Any], d: st.DataObject) -> None:
    if "identifiability" in o["data"]:
        o["data"]["identifiability"] = _up(IDENT, o["data"]["identifiability"])


AGGRAVATING: dict[str, Change] = {
    "add a data category": _add_category,
    "more people": lambda o, d: o["subjects"].update(count=o["subjects"]["count"] * 20),
    "vulnerable": lambda o, d: o["subjects"].update(vulnerable=True),
    "children": lambda o, d: o["subjects"].update(
        groups=sorted({*o["subjects"]["groups"], "children"})
    ),
    "named person": lambda o, d: o["subjects"]["people"].append({"name": "Mrs P"}),
    "wider extent": lambda o, d: o["data"].update(extent=_up(EXTENT, o["data"]["extent"])),
    "more identifiable": _more_identifiable,
    "not unintelligible": lambda o, d: o["data"].update(unintelligible=False),
    "not public": lambda o, d: o["data"].update(publicly_available=False),
    "worse confidentiality": _worse_confidentiality,
    "worse integrity": lambda o, d: o["loss"].update(integrity=_up(INTEG, o["loss"]["integrity"])),
    "worse availability": lambda o, d: o["loss"].update(
        availability=_up(AVAIL, o["loss"]["availability"])
    ),
    "essential service": lambda o, d: o["loss"].update(essential_service_disrupted=True),
    "harm reported": lambda o, d: o.update(harm_reported={"note": "The recipient made contact."}),
    "presence reveals the category": lambda o, d: o["data"].update(presence_reveals_category=True),
    "more occurrences": lambda o, d: o.update(occurrences=o["occurrences"] + 1),
    "linked earlier breach": lambda o, d: o.update(previous_related_breaches=["IG-2020-001"]),
    "malicious": lambda o, d: o.update(cause="malicious_external"),
    "add an untrusted recipient": _add_recipient,
    "recipient poses a risk": _recipient_poses_risk,
    "deletion not confirmed": _recipient_not_deleted,
    "less trusted recipient": _recipient_less_trusted,
}


def _confirm_deletion(o: dict[str, Any], d: st.DataObject) -> None:
    for r in o["recipients"]:
        r["deletion_confirmed"] = True


def _better_confidentiality(o: dict[str, Any], d: st.DataObject) -> None:
    new = _down(CONF, o["loss"]["confidentiality"])
    o["loss"]["confidentiality"] = new
    if new == "none":
        o["recipients"] = []


MITIGATING: dict[str, Change] = {
    "unintelligible": lambda o, d: o["data"].update(unintelligible=True),
    "publicly available": lambda o, d: o["data"].update(publicly_available=True),
    "deletion confirmed": _confirm_deletion,
    "narrower extent": lambda o, d: o["data"].update(extent=_down(EXTENT, o["data"]["extent"])),
    "fewer people": lambda o, d: o["subjects"].update(count=max(1, o["subjects"]["count"] // 20)),
    "not vulnerable": lambda o, d: o["subjects"].update(vulnerable=False),
    "better confidentiality": _better_confidentiality,
    "integrity recovered": lambda o, d: o["loss"].update(
        integrity=_down(INTEG, o["loss"]["integrity"])
    ),
    "availability restored": lambda o, d: o["loss"].update(
        availability=_down(AVAIL, o["loss"]["availability"])
    ),
    "no essential service": lambda o, d: o["loss"].update(essential_service_disrupted=False),
    "no harm reported": lambda o, d: o.pop("harm_reported", None),
    "presence reveals nothing": lambda o, d: o["data"].update(presence_reveals_category=False),
    "single occurrence": lambda o, d: o.update(occurrences=1),
    "no risky recipient": lambda o, d: [
        r.update(poses_risk_to_subject=False) for r in o["recipients"]
    ],
}

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(facts_dicts(), st.sampled_from(sorted(AGGRAVATING)), st.data())
def test_an_aggravating_fact_never_lowers_band_likelihood_or_risk(
    obj: dict[str, Any], name: str, data: st.DataObject
) -> None:
    worse = copy.deepcopy(obj)
    AGGRAVATING[name](worse, data)
    before, after = ranks(obj), ranks(worse)
    assert all(a >= b for a, b in zip(after, before, strict=True)), (name, before, after)


@SETTINGS
@given(facts_dicts(), st.sampled_from(sorted(MITIGATING)), st.data())
def test_a_mitigating_fact_never_raises_band_likelihood_or_risk(
    obj: dict[str, Any], name: str, data: st.DataObject
) -> None:
    better = copy.deepcopy(obj)
    MITIGATING[name](better, data)
    before, after = ranks(obj), ranks(better)
    assert all(a <= b for a, b in zip(after, before, strict=True)), (name, before, after)


@settings(max_examples=200, deadline=None)
@given(facts_dicts())
def test_total_and_deterministic(obj: dict[str, Any]) -> None:
    facts = facts_from_dict(obj, at=DECIDED)
    first = assess(facts, DECIDED)
    assert first == assess(facts, DECIDED)
    assert first.severity.band.value in decision_note(first).lower().replace(" ", "_")
    assert first.factors
    assert first.recommendations[-1].code == "REPORT_BACK"


@settings(max_examples=150, deadline=None)
@given(facts_dicts(), st.sampled_from([k.value for k in DiscoveredHow]))
def test_how_the_breach_was_found_changes_no_decision(obj: dict[str, Any], kind: str) -> None:
    """METHOD 1.2: discovered_how answers the ICO form's question; it decides nothing."""
    plain = {k: v for k, v in obj.items() if k != "discovered_how"}
    found = {**plain, "discovered_how": {"kind": kind, "note": "A tenant phoned."}}
    a = assess(facts_from_dict(plain, at=DECIDED), DECIDED)
    b = assess(facts_from_dict(found, at=DECIDED), DECIDED)
    assert (a.severity, a.likelihood, a.risk, a.ico, a.data_subjects) == (
        b.severity,
        b.likelihood,
        b.risk,
        b.ico,
        b.data_subjects,
    )
    assert a.factors == b.factors
    assert a.recommendations == b.recommendations
