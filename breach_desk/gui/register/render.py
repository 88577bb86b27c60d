"""A stored breach in words: the facts, one assessment version, what changed, the history."""

from __future__ import annotations

from collections.abc import Sequence

from breach_desk.domain import vocabulary as v
from breach_desk.domain.description import describe_changes, describe_facts, describe_outcome
from breach_desk.domain.enums import BreachStatus
from breach_desk.domain.facts import Facts
from breach_desk.domain.register import AssessmentVersion, AuditEntry
from breach_desk.gui.html import esc, rows, sections_html, when


def facts_html(facts: Facts, reference: str = "", status: BreachStatus | None = None) -> str:
    """A stored breach's facts, in the one description every document uses."""
    head = [
        ("Reference", reference or facts.reference or "—"),
        ("Status", v.label(status) if status is not None else "—"),
    ]
    return f"<h3>{esc(facts.title)}</h3>" + rows(head) + sections_html(describe_facts(facts))


def assessment_html(version: AssessmentVersion, previous: AssessmentVersion | None = None) -> str:
    """One assessment version: the outcome, the score, what changed, and why, step by step."""
    a = version.assessment
    sev = a.severity
    extra = [
        ("Score", f"DPC {sev.dpc} × EI {sev.ei:g} + CB {sev.cb:g} = {sev.score:g}"),
        (
            "Version",
            f"{version.number}, {when(version.created_at)} by {version.created_by}"
            + (f". Why reassessed: {version.reason}" if version.reason else ""),
        ),
    ]
    if version.ico_delay_reason:
        extra.insert(1, ("Reasons the ICO report is late", version.ico_delay_reason))
    out = [sections_html([describe_outcome(a)]), rows(extra)]
    if previous is not None:
        changes = changes_list(version, previous)
        out.append(f"<h4>What changed since version {previous.number}</h4>")
        out.append(
            "<ul>" + "".join(f"<li>{esc(c)}</li>" for c in changes) + "</ul>"
            if changes
            else "<p>Nothing in the facts or the outcome.</p>"
        )
    if version.removed:
        out.append("<h4>Recommendations removed</h4><ul>")
        out += [
            f"<li>{esc(v.recommendation_title(r.code))}. Why: {esc(r.reason)}</li>"
            for r in version.removed
        ]
        out.append("</ul>")
    out.append("<h4>How it was decided</h4><ul>")
    out += [
        f"<li><b>{esc(v.factor_step(f.id))}: {esc(f.effect)}</b>. {esc(f.reason)}"
        + (f" <i>[{esc(f.source)}]</i>" if f.source else "")
        + "</li>"
        for f in a.factors
    ]
    out.append("</ul>")
    return "".join(out)


def changes_list(version: AssessmentVersion, previous: AssessmentVersion) -> list[str]:
    """What changed between two versions, in the words of the one description: 'Kinds of
    data: Contact details (…) → Contact details (…); Mental health (special category)'."""
    before = (describe_outcome(previous.assessment), *describe_facts(previous.facts))
    after = (describe_outcome(version.assessment), *describe_facts(version.facts))
    return describe_changes(before, after)


def history_html(entries: Sequence[AuditEntry]) -> str:
    if not entries:
        return "<p>No history yet.</p>"
    body = [
        f"<tr><td style='padding:1px 10px 1px 0'>{esc(when(e.at))}</td>"
        f"<td style='padding:1px 10px 1px 0'>{esc(e.actor)}</td>"
        f"<td style='padding:1px 10px 1px 0'>{esc(v.audit_action(e.action))}</td>"
        f"<td>{esc(e.reason or '')}</td></tr>"
        for e in entries
    ]
    head = (
        "<tr><th align='left'>When</th><th align='left'>Who</th><th align='left'>What</th>"
        "<th align='left'>Why</th></tr>"
    )
    return f"<table cellspacing='0'>{head}{''.join(body)}</table>"
