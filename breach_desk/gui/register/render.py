"""A stored breach in words: the facts, one assessment version, what changed, the history."""

from __future__ import annotations

from collections.abc import Sequence

from breach_desk.domain import vocabulary as v
from breach_desk.domain.description import (
    REASONS_LATE,
    describe_changes,
    describe_facts,
    describe_outcome,
    reason_changes,
    version_changes,
)
from breach_desk.domain.enums import BreachStatus
from breach_desk.domain.facts import Facts, Recipient
from breach_desk.domain.register import AssessmentVersion, AuditEntry, Breach
from breach_desk.gui.html import esc, rows, sections_html, when


def facts_html(
    facts: Facts,
    reference: str = "",
    status: BreachStatus | None = None,
    read_as: Sequence[Recipient] | None = None,
) -> str:
    """A stored breach's facts, in the one description every document uses (``read_as``: the
    recipients as the method read them, a carried-forward risk on the recipient's line)."""
    head = [
        ("Reference", reference or facts.reference or "—"),
        ("Status", v.label(status) if status is not None else "—"),
    ]
    return (
        f"<h3>{esc(facts.title)}</h3>"
        + rows(head)
        + sections_html(describe_facts(facts, read_as=read_as))
    )


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
        extra.insert(1, (REASONS_LATE, version.ico_delay_reason))
    out = [sections_html([describe_outcome(a, delay_reason=version.ico_delay_reason)]), rows(extra)]
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


changes_list = version_changes
"""What changed between two versions (``domain.description.version_changes``)."""


def history_html(entries: Sequence[AuditEntry], breach: Breach | None = None) -> str:
    """The breach's history: when, who, what (a recommendation named by its text, with the
    evidence given or the file added; a reassessment with what changed, in sentences), why."""
    if not entries:
        return "<p>No history yet.</p>"
    body = [
        f"<tr><td style='padding:1px 10px 1px 0; vertical-align:top'>{esc(when(e.at))}</td>"
        f"<td style='padding:1px 10px 1px 0; vertical-align:top'>{esc(e.actor)}</td>"
        f"<td style='padding:1px 10px 1px 0; vertical-align:top'>{_what(e, breach)}</td>"
        f"<td style='vertical-align:top'>{esc(e.reason or '')}</td></tr>"
        for e in entries
    ]
    head = (
        "<tr><th align='left'>When</th><th align='left'>Who</th><th align='left'>What</th>"
        "<th align='left'>Why</th></tr>"
    )
    return f"<table cellspacing='0'>{head}{''.join(body)}</table>"


def _what(entry: AuditEntry, breach: Breach | None) -> str:
    what = esc(v.audit_action(entry.action))
    after = entry.after if isinstance(entry.after, dict) else {}
    before = entry.before if isinstance(entry.before, dict) else {}
    if entry.action.startswith("recommendation."):
        known = {r.id: r for r in breach.recommendations} if breach is not None else {}
        rec_id = after.get("id") or before.get("id")
        rec = known.get(rec_id) if isinstance(rec_id, int) else None
        code = str(after.get("code") or before.get("code") or "")
        text = rec.text if rec is not None else v.recommendation_title(code)
        what += f"<br>{esc(v.AUDIT_CHANGE_SUBJECT)}: {esc(text)}"
        if after.get("evidence"):
            what += f"<br><i>{esc(v.EVIDENCE)}:</i> " + esc(after["evidence"]).replace("\n", "<br>")
        if after.get("file"):
            size = after.get("size")
            sized = f" ({size:,} bytes)" if isinstance(size, int) else ""
            what += f"<br><i>{esc(v.EVIDENCE_FILE)}:</i> {esc(after['file'])}{sized}"
    elif entry.action == "breach.reassessed":
        changes = _fact_changes(before.get("facts"), after.get("facts"))
        changes += reason_changes(before.get("ico_delay_reason"), after.get("ico_delay_reason"))
        if changes:
            what += f"<br><i>{esc(v.WHAT_CHANGED)}:</i><ul>"
            what += "".join(f"<li>{esc(c)}</li>" for c in changes) + "</ul>"
    return what


def _fact_changes(before: object, after: object) -> list[str]:
    """What changed in the facts, in the one description's sentences (not field paths)."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    from breach_desk.facts_io import facts_from_dict

    try:
        old, new = facts_from_dict(before), facts_from_dict(after)
    except Exception:  # an entry from an older format: its words are not worth a failure
        return []
    return describe_changes(describe_facts(old), describe_facts(new))
