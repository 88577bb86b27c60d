"""The summary page's text: every answer, what follows from it, and an Edit link per page."""

from __future__ import annotations

from breach_desk.domain.clock import format_local
from breach_desk.gui import words
from breach_desk.gui.html import esc, rows, yes
from breach_desk.gui.register.render import category_words
from breach_desk.gui.wizard.checks import Outcome, in_words
from breach_desk.gui.wizard.plan import PlanItem
from breach_desk.gui.wizard.state import PAGE_TITLES, FormState, Page, page_of


def _section(page: Page, body: str) -> str:
    return f"<h3>{esc(PAGE_TITLES[page])} <a href='edit:{int(page)}'>Edit</a></h3>{body}"


def _given(text: str) -> str:
    return text if text.strip() else "—"


def summary_html(
    state: FormState, outcome: Outcome, plan: list[PlanItem], removed: list[tuple[str, str]]
) -> str:
    out: list[str] = []
    if outcome.problems:
        items = "".join(
            f"<li><a href='edit:{int(page_of(p.path))}'>"
            f"{esc(PAGE_TITLES[page_of(p.path)])}</a>: {esc(in_words(p))}</li>"
            for p in outcome.problems
        )
        out.append(f"<p><b>Before you can finalise:</b></p><ul>{items}</ul>")
    a = outcome.assessment
    if a is not None:
        sev = a.severity
        decisions = [
            (
                "Severity",
                f"{words.band_label(sev.band.value)} (SE {sev.score:g})"
                + (" — officer override" if sev.overridden else ""),
            ),
            ("Likelihood", words.LIKELIHOOD[a.likelihood.value]),
            ("Risk", words.RISK[a.risk.value]),
            (
                "Report to the ICO",
                f"YES, by {format_local(a.ico.deadline)}" if a.ico.report else "NO",
            ),
            ("Tell the people", "YES" if a.data_subjects.notify else "NO"),
            ("Repeat", "yes" if a.is_repeat else "no"),
        ]
        out.append("<h3>Outcome</h3>" + rows(decisions))
    out.append(
        _section(
            Page.BASICS,
            rows(
                [
                    ("Title", _given(state.title)),
                    ("Service", _given(state.service)),
                    ("What happened", _given(state.description)),
                    (
                        "Occurred",
                        state.occurred if state.occurred_known and state.occurred else "not known",
                    ),
                    ("Aware", state.aware.replace("T", " ") + " UK time" if state.aware else "—"),
                ]
            ),
        )
    )
    people = "; ".join(
        " · ".join(v for v in (p.get("name"), p.get("email"), p.get("identifier")) if v)
        for p in state.people
        if any(p.values())
    )
    out.append(
        _section(
            Page.PEOPLE,
            rows(
                [
                    (
                        "Number",
                        f"{state.count:,}" + (" (estimate)" if state.count_estimate else ""),
                    ),
                    (
                        "Groups",
                        ", ".join(words.label(words.GROUPS, g) for g in state.groups) or "—",
                    ),
                    ("Vulnerable", yes(state.vulnerable)),
                    ("Already aware", yes(state.already_aware)),
                    ("Named", people or "—"),
                ]
            ),
        )
    )
    out.append(
        _section(
            Page.DATA,
            rows(
                [
                    ("Kinds", category_words(state.categories) or "—"),
                    ("Extent", words.label(words.EXTENT, state.extent)),
                    ("Records", f"{state.records:,}" if state.records is not None else "not known"),
                    ("Unintelligible", yes(state.unintelligible)),
                    ("Publicly available", yes(state.publicly_available)),
                    ("Identifiability", words.label(words.IDENTIFIABILITY, state.identifiability)),
                ]
            ),
        )
    )
    out.append(
        _section(
            Page.HAPPENED,
            rows(
                [
                    (
                        "Confidentiality",
                        words.label(words.CONFIDENTIALITY, state.confidentiality) or "—",
                    ),
                    ("Integrity", words.label(words.INTEGRITY, state.integrity)),
                    (
                        "Availability",
                        words.label(words.AVAILABILITY, state.availability)
                        + (
                            f" ({state.outage_hours:g} h)" if state.outage_hours is not None else ""
                        ),
                    ),
                    ("Essential service disrupted", yes(state.essential_service_disrupted)),
                    ("Cause", words.label(words.CAUSE, state.cause)),
                    ("How many times", str(state.occurrences)),
                    ("Cyber incident", yes(state.cyber_incident)),
                    ("Containment", _given(state.containment)),
                ]
            ),
        )
    )
    recipients = "".join(
        f"<li><b>{esc(r.get('label') or 'Unnamed')}</b>: "
        f"{esc(words.label(words.RECIPIENT_KIND, r.get('kind')))}"
        + (
            f"; <b>poses a risk</b>{': ' + esc(r.get('risk_note')) if r.get('risk_note') else ''}"
            if r.get("poses_risk_to_subject")
            else ""
        )
        + ("; deletion confirmed" if r.get("deletion_confirmed") else "; deletion not confirmed")
        + "</li>"
        for r in state.recipients
    )
    out.append(
        _section(
            Page.RECIPIENTS, f"<ul>{recipients}</ul>" if recipients else "<p>None recorded.</p>"
        )
    )
    judgement = [
        (
            "DPC adjustment",
            f"{state.dpc_adjustment:+d}: {state.dpc_reason}" if state.dpc_adjustment else "none",
        ),
        (
            "Severity override",
            f"{words.label(words.OVERRIDE, state.override)}: {state.override_reason}"
            if state.override
            else "none",
        ),
    ]
    out.append(_section(Page.ASSESSMENT, rows(judgement)))
    decisions_rows = [
        (
            "Art. 34(3) exception",
            f"{words.label(words.ART34, state.art34)}: {state.art34_reason}"
            if state.art34
            else "none",
        ),
    ]
    if state.ico_delay_reason.strip():
        decisions_rows.append(("Reasons for the delay", state.ico_delay_reason))
    out.append(_section(Page.DECISIONS, rows(decisions_rows)))
    recs = "".join(
        f"<li><b>{esc(i.code)}</b> — {esc(i.owner or i.owner_role.label)}, due "
        f"{i.due_date:%d %b %Y}: {esc(i.text)}</li>"
        for i in plan
    )
    gone = "".join(f"<li>{esc(c)} removed: {esc(r)}</li>" for c, r in removed)
    out.append(_section(Page.RECOMMENDATIONS, f"<ul>{recs}{gone}</ul>"))
    return "".join(out)
