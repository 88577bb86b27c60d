"""The decision note (METHOD.md section 6): how every result was reached, in plain words.

A reader with only this note and METHOD.md can recompute the assessment by hand.
"""

from __future__ import annotations

from breach_desk.domain.assessment import (
    Factor,
    IcoDecision,
    ProposedRecommendation,
    RepeatMatch,
    Severity,
    SubjectsDecision,
)
from breach_desk.domain.clock import format_local
from breach_desk.domain.enums import Likelihood, Risk
from breach_desk.domain.facts import Facts


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _inputs(facts: Facts) -> list[str]:
    s, d, loss = facts.subjects, facts.data, facts.loss
    lines = [
        f"Title: {facts.title}",
        f"Service: {facts.service or 'not given'}",
        f"Occurred: {facts.occurred_at.isoformat() if facts.occurred_at else 'not known'}",
        f"Aware: {format_local(facts.aware_at)}",
        f"Occurrences: {facts.occurrences}",
        f"Cause: {facts.cause.value}; cyber incident: {_yes(facts.cyber_incident)}",
        f"People: {s.count:,}{' (estimate)' if s.count_is_estimate else ''}; groups: "
        f"{', '.join(g.value for g in s.groups) or 'not given'}; vulnerable: {_yes(s.vulnerable)}; "
        f"already aware: {_yes(s.already_aware)}; named: {len(s.people)}",
        f"Data: {', '.join(c.value for c in d.categories)}; extent: {d.extent.value}; "
        f"unintelligible: {_yes(d.unintelligible)}; publicly available: "
        f"{_yes(d.publicly_available)}; identifiability: "
        f"{d.identifiability.value if d.identifiability else 'proposed by the method'}"
        + (f"; records: {d.records:,}" if d.records is not None else ""),
        f"Loss: confidentiality {loss.confidentiality.value}; integrity {loss.integrity.value}; "
        f"availability {loss.availability.value}"
        + (f" ({loss.outage_hours:g} h outage)" if loss.outage_hours is not None else "")
        + f"; essential service disrupted: {_yes(loss.essential_service_disrupted)}",
    ]
    if facts.recipients:
        for r in facts.recipients:
            bits = [r.kind.value]
            if r.poses_risk_to_subject:
                bits.append(
                    "poses a risk to the person" + (f" ({r.risk_note})" if r.risk_note else "")
                )
            bits.append("deletion confirmed" if r.deletion_confirmed else "deletion not confirmed")
            lines.append(f"Recipient: {r.label or 'unnamed'}: {'; '.join(bits)}")
    else:
        lines.append("Recipients: none recorded")
    if facts.previous_related_breaches:
        lines.append(f"Linked by the officer: {', '.join(facts.previous_related_breaches)}")
    return lines


def _section(factors: tuple[Factor, ...] | list[Factor], prefix: str) -> list[str]:
    return [
        f"- {f.effect}: {f.reason}" + (f" [{f.source}]" if f.source else "")
        for f in factors
        if f.id.startswith(prefix)
    ]


def write_note(
    facts: Facts,
    reference: str,
    method: str,
    severity: Severity,
    likelihood: Likelihood,
    risk: Risk,
    ico: IcoDecision,
    subjects: SubjectsDecision,
    factors: list[Factor],
    recommendations: tuple[ProposedRecommendation, ...],
    matches: tuple[RepeatMatch, ...],
) -> str:
    out: list[str] = [
        f"Decision note for {reference}",
        f"Method: {method} (ENISA 2013 severity, SE = DPC x EI + CB; UK GDPR Arts. 33 and 34)",
        "",
        "Inputs",
        *(f"- {line}" for line in _inputs(facts)),
        "",
        "Severity",
        *_section(factors, "dpc."),
        *_section(factors, "ei"),
        *_section(factors, "cb."),
        *_section(factors, "se"),
    ]
    finals = _section(factors, "final.")
    out += ["", "Final considerations", *(finals or ["- none applied"])]
    out.append(
        f"Severity: {severity.band.label.upper()} (SE {severity.score:g}"
        + (
            f"; computed band {severity.computed_band.label}, overridden by the officer)"
            if severity.overridden
            else ")"
        )
    )
    out += [
        "",
        "Likelihood",
        *_section(factors, "likelihood."),
        f"Likelihood: {likelihood.value.upper()}",
        "",
        "Risk",
        *_section(factors, "risk."),
        "",
        "Decisions",
        f"- ICO: {'REPORT' if ico.report else 'no report'}. {ico.reason}",
        f"- Affected people: {'TELL THEM' if subjects.notify else 'not required'}. "
        f"{subjects.reason}",
        "",
        "Earlier breaches matched",
    ]
    out += [f"- {m.reference}: {m.matched_on}" for m in matches] or [
        "- none found in the register" if not facts.previous_related_breaches else "- none matched"
    ]
    out += ["", "Recommendations"]
    out += [
        f"- {r.code} ({r.owner_role.value}, due {r.due_date.isoformat()}): {r.text} {r.why}"
        for r in recommendations
    ]
    return "\n".join(out)
