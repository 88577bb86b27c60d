"""The assessment in JSON format v1 (breach_desk/schemas/assessment.schema.json), and back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from breach_desk.domain.assessment import (
    ASSESSMENT_FORMAT,
    Assessment,
    Factor,
    IcoDecision,
    ProposedRecommendation,
    RepeatMatch,
    Severity,
    SubjectsDecision,
)
from breach_desk.domain.enums import Art34Ground, Band, Likelihood, OwnerRole, Risk
from breach_desk.domain.facts import Facts
from breach_desk.facts_io import facts_from_dict, facts_to_dict
from breach_desk.method.note import decision_note

_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
"""Stored facts were valid when saved: do not re-judge 'in the future' against today's clock."""


def _number(quarters: int) -> int | float:
    value = quarters / 4
    return int(value) if value.is_integer() else value


def assessment_to_dict(a: Assessment) -> dict[str, Any]:
    s = a.severity
    return {
        "format": ASSESSMENT_FORMAT,
        "reference": a.reference,
        "method": a.method,
        "decided_at": a.decided_at.isoformat(),
        "severity": {
            "dpc_base": s.dpc_base,
            "dpc": s.dpc,
            "ei": _number(s.ei_quarters),
            "cb": _number(s.cb_quarters),
            "score": _number(s.score_quarters),
            "computed_band": s.computed_band.value,
            "band": s.band.value,
            "overridden": s.overridden,
        },
        "likelihood": a.likelihood.value,
        "likelihood_rule": a.likelihood_rule,
        "risk": a.risk.value,
        "ico": {
            "report": a.ico.report,
            "deadline": a.ico.deadline.isoformat() if a.ico.report else None,
            "clock_deadline": a.ico.deadline.isoformat(),
            "reason": a.ico.reason,
        },
        "data_subjects": {
            "notify": a.data_subjects.notify,
            "exception": a.data_subjects.exception.value if a.data_subjects.exception else None,
            "reason": a.data_subjects.reason,
        },
        "factors": [
            {"id": f.id, "effect": f.effect, "reason": f.reason, "source": f.source}
            for f in a.factors
        ],
        "repeat": {
            "is_repeat": a.is_repeat,
            "matches": [
                {"reference": m.reference, "matched_on": m.matched_on, "title": m.title}
                for m in a.repeat
            ],
        },
        "recommendations": [
            {
                "code": r.code,
                "text": r.text,
                "owner_role": r.owner_role.value,
                "due_in_days": r.due_in_days,
                "due_date": r.due_date.isoformat(),
                "why": r.why,
            }
            for r in a.recommendations
        ],
        "decision_note": decision_note(a),
        "facts": facts_to_dict(a.facts),
    }


def _quarters(value: float) -> int:
    return round(value * 4)


def assessment_from_dict(d: dict[str, Any], facts: Facts | None = None) -> Assessment:
    """Rebuild an assessment written by ``assessment_to_dict`` (e.g. a stored version).

    It keeps the decision note exactly as written then; the facts come from ``d["facts"]``
    unless given.
    """
    s = d["severity"]
    ico = d["ico"]
    subj = d["data_subjects"]
    return Assessment(
        reference=d["reference"],
        facts=facts if facts is not None else facts_from_dict(d["facts"], at=_FAR_FUTURE),
        method=d["method"],
        decided_at=datetime.fromisoformat(d["decided_at"]),
        severity=Severity(
            dpc_base=s["dpc_base"],
            dpc=s["dpc"],
            ei_quarters=_quarters(s["ei"]),
            cb_quarters=_quarters(s["cb"]),
            computed_band=Band(s["computed_band"]),
            band=Band(s["band"]),
        ),
        likelihood=Likelihood(d["likelihood"]),
        likelihood_rule=d["likelihood_rule"],
        risk=Risk(d["risk"]),
        ico=IcoDecision(
            ico["report"], datetime.fromisoformat(ico["clock_deadline"]), ico["reason"]
        ),
        data_subjects=SubjectsDecision(
            subj["notify"],
            Art34Ground(subj["exception"]) if subj["exception"] else None,
            subj["reason"],
        ),
        factors=tuple(Factor(f["id"], f["effect"], f["reason"], f["source"]) for f in d["factors"]),
        recommendations=tuple(
            ProposedRecommendation(
                r["code"],
                r["text"],
                OwnerRole(r["owner_role"]),
                r["due_in_days"],
                date.fromisoformat(r["due_date"]),
                r["why"],
            )
            for r in d["recommendations"]
        ),
        repeat=tuple(
            RepeatMatch(m["reference"], m["matched_on"], m.get("title", ""))
            for m in d["repeat"]["matches"]
        ),
        note=d["decision_note"],
    )
