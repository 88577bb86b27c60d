"""The decision note (METHOD.md section 6): how every result was reached, in plain words.

A reader with only this note and METHOD.md can recompute the assessment by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from breach_desk.domain.assessment import Assessment, Factor
from breach_desk.domain.clock import format_local
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
        f"Cause: {facts.cause}; cyber incident: {_yes(facts.cyber_incident)}",
        f"People: {s.count:,}{' (estimate)' if s.count_is_estimate else ''}; groups: "
        f"{', '.join(g for g in s.groups) or 'not given'}; vulnerable: {_yes(s.vulnerable)}; "
        f"already aware: {_yes(s.already_aware)}; named: {len(s.people)}",
        f"Data: {', '.join(c for c in d.categories)}; extent: {d.extent}; "
        f"unintelligible: {_yes(d.unintelligible)}; publicly available: "
        f"{_yes(d.publicly_available)}; identifiability: "
        f"{d.identifiability if d.identifiability else 'proposed by the method'}"
        + (f"; records: {d.records:,}" if d.records is not None else ""),
        f"Loss: confidentiality {loss.confidentiality}; integrity {loss.integrity}; "
        f"availability {loss.availability}"
        + (f" ({loss.outage_hours:g} h outage)" if loss.outage_hours is not None else "")
        + f"; essential service disrupted: {_yes(loss.essential_service_disrupted)}",
    ]
    if facts.recipients:
        for r in facts.recipients:
            bits: list[str] = [r.kind]
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


def _sections(factors: Iterable[Factor]) -> dict[str, list[str]]:
    """Factor lines grouped by the part of the method they belong to (the id before the dot)."""
    out: dict[str, list[str]] = {}
    for f in factors:
        line = f"- {f.effect}: {f.reason} [{f.source}]" if f.source else f"- {f.effect}: {f.reason}"
        out.setdefault(f.id.partition(".")[0], []).append(line)
    return out


def write_note(a: Assessment) -> str:
    facts, severity, ico, subjects = a.facts, a.severity, a.ico, a.data_subjects
    sections = _sections(a.factors)
    out: list[str] = [
        f"Decision note for {a.reference}",
        f"Method: {a.method} (ENISA 2013 severity, SE = DPC x EI + CB; UK GDPR Arts. 33 and 34)",
        "",
        "Inputs",
        *(f"- {line}" for line in _inputs(facts)),
        "",
        "Severity",
        *sections.get("dpc", []),
        *sections.get("ei", []),
        *sections.get("cb", []),
        *sections.get("se", []),
    ]
    finals = sections.get("final", [])
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
        *sections.get("likelihood", []),
        f"Likelihood: {a.likelihood.upper()}",
        "",
        "Risk",
        *sections.get("risk", []),
        "",
        "Decisions",
        f"- ICO: {'REPORT' if ico.report else 'no report'}. {ico.reason}",
        f"- Affected people: {'TELL THEM' if subjects.notify else 'not required'}. "
        f"{subjects.reason}",
        "",
        "Earlier breaches matched",
    ]
    out += [f"- {m.reference}: {m.matched_on}" for m in a.repeat] or [
        "- none found in the register" if not facts.previous_related_breaches else "- none matched"
    ]
    out += ["", "Recommendations"]
    out += [
        f"- {r.code} ({r.owner_role}, due {r.due_date.isoformat()}): {r.text} {r.why}"
        for r in a.recommendations
    ]
    return "\n".join(out)
