"""A stored breach in words: the facts, one assessment version, what changed, the history."""

from __future__ import annotations

from typing import Any

from breach_desk.domain.clock import ico_clock_text
from breach_desk.domain.enums import SPECIAL_CATEGORIES, DataCategory
from breach_desk.gui import words
from breach_desk.gui.html import esc, para, rows, value_words, when, yes


def category_words(values: Any) -> str:
    out = []
    for c in values:
        text = words.label(words.CATEGORIES, str(c))
        if DataCategory(str(c)) in SPECIAL_CATEGORIES and "special" not in text:
            text += " — special category"
        out.append(text)
    return "; ".join(out)


def facts_html(facts: Any, reference: str = "", status: str = "") -> str:
    s, d, loss = facts.subjects, facts.data, facts.loss
    parts = [
        ("Reference", reference or facts.reference or "—"),
        ("Status", words.STATUS.get(status, status) if status else "—"),
        ("Service", facts.service or "—"),
        ("Occurred", when(facts.occurred_at) if facts.occurred_at else "not known"),
        ("Aware", f"{when(facts.aware_at)} (ICO clock: {ico_clock_text(facts.aware_at)})"),
        ("Cause", words.label(words.CAUSE, facts.cause.value)),
        ("How many times", str(facts.occurrences)),
        (
            "People",
            f"{s.count:,}{' (estimate)' if s.count_is_estimate else ''}; groups: "
            f"{', '.join(words.label(words.GROUPS, g.value) for g in s.groups) or '—'}",
        ),
        ("Vulnerable", yes(s.vulnerable)),
        ("Already aware", yes(s.already_aware)),
        (
            "Named",
            "; ".join(" · ".join(x for x in (p.name, p.email, p.identifier) if x) for p in s.people)
            or "—",
        ),
        ("Data", category_words(d.categories)),
        (
            "Extent",
            f"{d.extent.value}; unintelligible: {yes(d.unintelligible)}; publicly available: "
            f"{yes(d.publicly_available)}",
        ),
        (
            "Confidentiality",
            words.label(words.CONFIDENTIALITY, loss.confidentiality.value),
        ),
        ("Integrity", words.label(words.INTEGRITY, loss.integrity.value)),
        (
            "Availability",
            words.label(words.AVAILABILITY, loss.availability.value)
            + (f" ({loss.outage_hours:g} h)" if loss.outage_hours is not None else ""),
        ),
        ("Essential service disrupted", yes(loss.essential_service_disrupted)),
    ]
    out = [f"<h3>{esc(facts.title)}</h3>", rows(parts)]
    if facts.description:
        out += ["<h4>What happened</h4>", para(facts.description)]
    out.append("<h4>Recipients</h4>")
    if facts.recipients:
        items = []
        for r in facts.recipients:
            bits = [words.label(words.RECIPIENT_KIND, r.kind.value)]
            if r.poses_risk_to_subject:
                bits.append(
                    "POSES A RISK to the person" + (f": {r.risk_note}" if r.risk_note else "")
                )
            bits.append("deletion confirmed" if r.deletion_confirmed else "deletion not confirmed")
            if r.email:
                bits.append(r.email)
            items.append(f"<li><b>{esc(r.label or 'Unnamed')}</b>: {esc('; '.join(bits))}</li>")
        out.append("<ul>" + "".join(items) + "</ul>")
    else:
        out.append("<p>None recorded.</p>")
    if facts.containment:
        out += ["<h4>Containment</h4>", para(facts.containment)]
    return "".join(out)


def assessment_html(version: Any, previous: Any | None = None) -> str:
    a = version.assessment
    sev = a.severity
    band = words.band_label(sev.band.value)
    override = (
        f" (officer override; computed {words.band_label(sev.computed_band.value)})"
        if sev.overridden
        else ""
    )
    lines = [
        ("Severity", f"{band} (SE {sev.score:g}){override}"),
        ("Score", f"DPC {sev.dpc} × EI {sev.ei:g} + CB {sev.cb:g} = {sev.score:g}"),
        ("Likelihood", words.LIKELIHOOD[a.likelihood.value]),
        ("Risk", words.RISK[a.risk.value]),
        (
            "Report to the ICO",
            ("YES, by " + when(a.ico.deadline)) if a.ico.report else "no",
        ),
        ("Tell the people", "YES" if a.data_subjects.notify else "no"),
        ("Repeat", ", ".join(m.reference for m in a.repeat) or ("yes" if a.is_repeat else "no")),
        (
            "Version",
            f"{version.number}, {when(version.created_at)} by {version.created_by}"
            + (f" — reason: {version.reason}" if version.reason else ""),
        ),
    ]
    delay = getattr(version, "ico_delay_reason", None)
    if delay:
        lines.insert(5, ("Reasons the ICO report is late", delay))
    out = [rows(lines)]
    changes = changes_list(version, previous)
    if version.number > 1:
        out.append(f"<h4>What changed since version {version.number - 1}</h4>")
        out.append(
            "<ul>" + "".join(f"<li>{esc(c)}</li>" for c in changes) + "</ul>"
            if changes
            else "<p>Nothing in the facts or the outcome.</p>"
        )
    removed = getattr(version, "removed", ())
    if removed:
        out.append("<h4>Recommendations removed</h4><ul>")
        out += [f"<li>{esc(r.code)}: {esc(r.reason)}</li>" for r in removed]
        out.append("</ul>")
    out.append("<h4>Why</h4><ul>")
    out += [
        f"<li><b>{esc(f.effect)}</b>: {esc(f.reason)}"
        + (f" <i>[{esc(f.source)}]</i>" if f.source else "")
        + "</li>"
        for f in a.factors
    ]
    out.append("</ul>")
    return "".join(out)


def changes_list(version: Any, previous: Any | None) -> list[str]:
    """'Data: contact details → contact details, mental health', from the store when it has
    them, else worked out from the two versions' facts."""
    stored = getattr(version, "changes", ())
    if stored:
        return [
            f"{c.path.replace('_', ' ')}: {value_words(c.before)} → {value_words(c.after)}"
            for c in stored
        ]
    if previous is None:
        return []
    from breach_desk.facts_io import facts_to_dict

    before = _flatten(facts_to_dict(previous.facts))
    after = _flatten(facts_to_dict(version.facts))
    out = []
    for key in sorted(set(before) | set(after)):
        if key in ("reference",) or before.get(key) == after.get(key):
            continue
        out.append(
            f"{key.replace('_', ' ')}: {value_words(before.get(key))} → "
            f"{value_words(after.get(key))}"
        )
    pa, va = previous.assessment, version.assessment
    for name, x, y in (
        ("severity", pa.severity.band.value, va.severity.band.value),
        ("likelihood", pa.likelihood.value, va.likelihood.value),
        ("risk", pa.risk.value, va.risk.value),
        ("report to the ICO", pa.ico.report, va.ico.report),
        ("tell the people", pa.data_subjects.notify, va.data_subjects.notify),
    ):
        if x != y:
            out.append(f"outcome, {name}: {value_words(x)} → {value_words(y)}")
    return out


def _flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else k))
    else:
        out[prefix] = obj
    return out


def history_html(entries: Any) -> str:
    if not entries:
        return "<p>No history yet.</p>"
    body = []
    for e in entries:
        at = getattr(e, "at", None)
        who = getattr(e, "actor", getattr(e, "by", ""))
        action = getattr(e, "action", getattr(e, "what", ""))
        reason = getattr(e, "reason", None)
        detail = getattr(e, "summary", None) or getattr(e, "detail", None) or ""
        body.append(
            f"<tr><td style='padding:1px 10px 1px 0'>{esc(when(at))}</td>"
            f"<td style='padding:1px 10px 1px 0'>{esc(who)}</td>"
            f"<td style='padding:1px 10px 1px 0'>{esc(str(action).replace('_', ' '))}</td>"
            f"<td>{esc(detail)}{(' — ' + esc(reason)) if reason else ''}</td></tr>"
        )
    head = (
        "<tr><th align='left'>When</th><th align='left'>Who</th><th align='left'>What</th>"
        "<th align='left'>Detail</th></tr>"
    )
    return f"<table cellspacing='0'>{head}{''.join(body)}</table>"
