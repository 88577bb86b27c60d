"""What changed between two assessment versions: facts field by field, then the outcome."""

from __future__ import annotations

from typing import Any

from breach_desk.domain.assessment import Assessment
from breach_desk.domain.register import FieldChange

_IGNORED = {"format", "reference"}


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted paths to leaf values: ``recipients[0].label``; lists of plain values stay whole."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if not prefix and key in _IGNORED:
                continue
            out.update(flatten(item, f"{prefix}.{key}" if prefix else key))
    elif isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
    else:
        out[prefix] = value
    return out


def outcome_paths(assessment: Assessment) -> dict[str, Any]:
    a = assessment
    return {
        "outcome.severity": a.severity.band.value,
        "outcome.score": a.severity.score,
        "outcome.likelihood": a.likelihood.value,
        "outcome.risk": a.risk.value,
        "outcome.ico_report": a.ico.report,
        "outcome.notify_subjects": a.data_subjects.notify,
        "outcome.repeat_of": [m.reference for m in a.repeat],
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    keys = list(after) + [k for k in before if k not in after]
    return [
        FieldChange(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)
    ]


def changes_between(
    before: tuple[dict[str, Any], Assessment], after: tuple[dict[str, Any], Assessment]
) -> list[FieldChange]:
    """Facts changes (as entered, format v1 paths) then outcome changes."""
    facts_changes = diff(flatten(before[0]), flatten(after[0]))
    return facts_changes + diff(outcome_paths(before[1]), outcome_paths(after[1]))
