"""docs/method.md describes every rule the method applies: each code the engine can record (a
factor, a likelihood rule, a recommendation, a decision ground, a tracking status) is read from
the code and must appear there in `code font`. Change the method, and this fails until the page
says what changed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from breach_desk.domain import vocabulary
from breach_desk.domain.enums import Art34Ground, OwnerRole, RecommendationStatus
from breach_desk.method.recommendations import CATALOGUE

REPO = Path(__file__).resolve().parents[2]
METHOD = REPO / "breach_desk" / "method"
DOC = REPO / "docs" / "method.md"


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _callee(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def factor_ids() -> set[str]:
    """Every factor id the engine records: the first argument of each ``Factor(...)`` (or of a
    helper that passes it on, or the first field of ``factor((...))``), and, where that argument
    is a variable, the dotted ids listed in the tuples it is taken from."""
    found: set[str] = set()
    dotted: set[str] = set()
    for path in METHOD.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                first = _constant(node.args[0])
                if first is not None and _callee(node) in ("Factor", "_floor"):
                    found.add(first)
                # records.factor((id, effect, reason, source)): the named tuple from one tuple
                fields = node.args[0]
                if _callee(node) == "factor" and isinstance(fields, ast.Tuple) and fields.elts:
                    first = _constant(fields.elts[0])
                    if first is not None:
                        found.add(first)
            if isinstance(node, ast.Tuple) and node.elts:
                first = _constant(node.elts[0])
                if first and re.fullmatch(r"[a-z]+\.[a-z_]+", first):
                    dotted.add(first)
    parts = {f.partition(".")[0] for f in found if "." in f}
    listed = {step for step in vocabulary.FACTOR_STEPS if not step.endswith(".")}  # not prefixes
    return found | {d for d in dotted if d.partition(".")[0] in parts} | listed


def likelihood_rules() -> set[str]:
    """The rule names ``_base_likelihood`` can return (the second item of each returned tuple)."""
    tree = ast.parse((METHOD / "likelihood.py").read_text(encoding="utf-8"))
    (base,) = [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_base_likelihood"
    ]
    rules = {
        rule
        for node in ast.walk(base)
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple)
        for rule in [_constant(node.value.elts[1])]
        if rule is not None
    }
    return rules | set(vocabulary.LIKELIHOOD_RULES)


def codes() -> dict[str, set[str]]:
    return {
        "factor": factor_ids(),
        "likelihood rule": likelihood_rules(),
        "recommendation": set(CATALOGUE),
        "Art. 34(3) ground": {g.value for g in Art34Ground},
        "owner": {o.value for o in OwnerRole},
        "tracking status": {s.value for s in RecommendationStatus},
    }


def test_the_codes_are_found_in_the_code() -> None:
    """The derivation finds what it should (else the test below would pass on nothing)."""
    found = codes()
    assert {"dpc.base", "cb.confidentiality", "final.floor_recipient_risk", "risk.matrix"} <= (
        found["factor"]
    )
    assert {"essential_service_disrupted", "likely", "possible"} <= found["likelihood rule"]
    assert {"NOTIFY_ICO", "SAFETY_PLAN", "REPORT_BACK"} <= found["recommendation"]
    assert len(found["factor"]) >= 25


@pytest.mark.parametrize("kind", sorted(codes()))
def test_every_code_the_method_applies_is_described(kind: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(c for c in codes()[kind] if f"`{c}`" not in text)
    assert missing == [], f"docs/method.md does not describe the {kind}(s) {missing}"


def test_the_page_names_the_method_version_the_code_applies() -> None:
    from breach_desk.domain.assessment import METHOD_VERSION

    assert f"`{METHOD_VERSION}`" in DOC.read_text(encoding="utf-8")
