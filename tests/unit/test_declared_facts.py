"""Each fact declared once (domain/facts.py): the published format is derived and current, every
declared fact reaches the schema, the description, the exports and the wizard, and any valid
Facts survive JSON and the wizard's state unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from builders import facts_dict
from facts_strategies import LATER, any_facts
from hypothesis import HealthCheck, given, settings

from breach_desk.domain.declared import PAGES, declared_fields
from breach_desk.domain.description import LABELS, describe_facts
from breach_desk.domain.facts import Facts
from breach_desk.domain.facts_schema import facts_schema
from breach_desk.facts_io import facts_from_dict, facts_to_dict
from breach_desk.store.exporting import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
V1 = ROOT / "tests" / "data" / "facts.schema.v1.json"
"""The schema published with version 1 of the format, kept as it was."""
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DECLARED = list(declared_fields(Facts))
LABELLED = [d for d in DECLARED if d.fact.label]


def test_the_published_schema_and_the_format_description_are_current() -> None:
    p = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_schema.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    shipped = json.loads((ROOT / "breach_desk" / "schemas" / "facts.schema.json").read_text())
    assert shipped == facts_schema()


def _shape(node: dict[str, Any], path: str = "") -> dict[str, Any]:
    """Each property path with what a reader of version 1 relies on: its enum, whether it is
    required, its type."""
    out: dict[str, Any] = {}
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        here = f"{path}.{name}" if path else name
        items = prop.get("items", {})
        out[here] = (
            prop.get("type"),
            prop.get("const"),
            prop.get("enum"),
            items.get("enum"),
            name in required,
        )
        out.update(_shape(prop, here))
        out.update(_shape(items, here + "[]"))
    return out


def test_the_published_schema_stays_compatible_with_version_1() -> None:
    old = _shape(json.loads(V1.read_text(encoding="utf-8")))
    new = _shape(facts_schema())
    assert {k: new.get(k) for k in old} == old  # same names, types, enums, required
    added = set(new) - set(old)
    assert all(not new[k][4] for k in added), "a new field may not be required in version 1"


def test_every_declared_fact_is_in_the_schema() -> None:
    paths = set(_shape(facts_schema()))
    missing = [d.path for d in DECLARED if d.path not in paths]
    assert missing == []


def _full() -> Facts:
    """A breach with every optional fact given."""
    return facts_from_dict(
        facts_dict(
            **{
                "description": "What happened.",
                "service": "Housing",
                "occurred_at": "2024-05-01",
                "containment": "Recalled.",
                "subjects.people": [{"name": "Mr B"}],
                "data.records": 3,
                "data.identifiability": "maximum",
                "loss.outage_hours": 2.5,
                "previous_related_breaches": ["IG-2023-0001"],
                "harm_reported": {"note": "Fraud reported."},
                "discovered_how": {"kind": "complaint"},
                "assessor": {
                    "dpc_adjustment": {"value": 1, "reason": "r"},
                    "severity_override": {"band": "high", "reason": "r"},
                    "art34_exception": {"ground": "disproportionate_effort", "reason": "r"},
                },
            }
        ),
        at=LATER,
    )


def test_every_declared_fact_is_labelled_and_described() -> None:
    sample = _full()
    keys = {ln.key for section in describe_facts(sample) for ln in section.lines}
    missing = [d.top for d in LABELLED if d.top not in keys or LABELS[d.top] != d.fact.label]
    assert missing == []


def test_every_declared_fact_is_an_export_column() -> None:
    headings = {label for _key, label in COLUMNS}
    missing = [d.top for d in LABELLED if not any(d.fact.label in h for h in headings)]
    assert missing == []


_FORMS = {page: ROOT / "forms" / f"{page}_page.ui" for page in PAGES}
NOT_IN_THE_WIZARD = {"previous_related_breaches"}
"""Facts the wizard does not ask: earlier breaches are linked from the register's matches."""


def _object_names(form: Path) -> set[str]:
    return {w.get("name", "") for w in ET.parse(form).iter("widget")}


def test_every_declared_fact_has_its_widget_on_its_wizard_page() -> None:
    names = {page: _object_names(form) for page, form in _FORMS.items()}
    wrong = [
        f"{d.path}: no widget {d.fact.widget!r} on the {d.page} page"
        for d in DECLARED
        if d.fact.widget and d.fact.widget not in names[str(d.page)]
    ]
    assert wrong == []
    # Every fact the officer answers has a widget: a leaf of the facts, not a column of a table
    # (people, recipients), nor a part whose widgets are its own parts.
    unasked = [
        d.path
        for d in DECLARED
        if not d.fact.widget
        and "[]" not in d.path
        and d.top not in NOT_IN_THE_WIZARD
        and not any(c.path.startswith(d.path + ".") and c.fact.widget for c in DECLARED)
    ]
    assert unasked == []


@SETTINGS
@given(any_facts())
def test_any_valid_facts_survive_json(facts: Facts) -> None:
    text = json.dumps(facts_to_dict(facts), ensure_ascii=False)
    assert facts_from_dict(json.loads(text), at=LATER) == facts


@SETTINGS
@given(any_facts(wizard=True))
def test_any_facts_the_wizard_can_hold_survive_its_state(facts: Facts) -> None:
    from breach_desk.gui.wizard.state import FormState

    state = FormState.from_facts(facts)
    again = FormState.from_json(json.loads(json.dumps(state.to_json())))  # a saved draft
    assert again.to_facts(at=LATER) == facts


@SETTINGS
@given(any_facts())
def test_the_compiled_schema_accepts_what_the_schema_accepts(facts: Facts) -> None:
    from breach_desk.facts_io import _schema_problems
    from breach_desk.facts_validator import is_valid as _valid

    obj = facts_to_dict(facts)
    assert _valid(obj)
    assert list(_schema_problems(obj)) == []


def test_the_compiled_schema_refuses_what_the_schema_refuses() -> None:
    from breach_desk.facts_io import _schema_problems
    from breach_desk.facts_validator import is_valid as _valid

    for changes in (
        {"subjects.count": "12"},
        {"subjects.count": 0},
        {"subjects.vulnerable": 1},
        {"data.categories": []},
        {"data.categories": ["health", "health"]},
        {"colour": "red"},
        {"recipients": [{"kind": "neighbour"}]},
        {"harm_reported": {"at": "2024-05"}},
        {"title": "x" * 201},
        {"assessor": {"art34_exception": {"ground": "unintelligible", "reason": "r"}}},
    ):
        obj = facts_dict(**changes)
        assert list(_schema_problems(obj)), changes
        assert not _valid(obj), changes
        assert "extent" not in obj["data"]  # the compiled check never writes defaults in
