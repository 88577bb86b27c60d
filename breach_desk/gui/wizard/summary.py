"""The summary page's text: the outcome, every answer in the one description of a breach, and
an Edit link to the page where each answer is entered."""

from __future__ import annotations

from breach_desk.domain import vocabulary as v
from breach_desk.domain.description import Line, day, describe_facts, describe_outcome
from breach_desk.gui.html import esc, rows, sections_html
from breach_desk.gui.wizard.checks import Outcome, in_words
from breach_desk.gui.wizard.plan import PlanItem
from breach_desk.gui.wizard.state import PAGE_TITLES, FormState, Page, page_of
from breach_desk.method.harm import recipients_as_read


def _edit_link(line: Line) -> tuple[str, str]:
    page = page_of(line.key)
    return f"edit:{int(page)}", f"Edit {PAGE_TITLES[page]}"


def not_given(state: FormState) -> set[str]:
    """The facts the officer has not answered yet (the wizard assesses with stand-ins)."""
    missing = {
        "title": not state.title.strip(),
        "aware_at": not state.aware,
        "data.categories": not state.categories,
        "loss.confidentiality": not state.confidentiality,
    }
    return {key for key, is_missing in missing.items() if is_missing}


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
    if outcome.assessment is not None:
        out.append(sections_html([describe_outcome(outcome.assessment)]))
    if outcome.facts is not None:
        out.append(
            sections_html(
                describe_facts(
                    outcome.facts,
                    not_given=not_given(state),
                    read_as=recipients_as_read(outcome.facts, outcome.assessment.repeat)
                    if outcome.assessment is not None
                    else None,
                ),
                _edit_link,
            )
        )
    else:
        out.append("<p>Your answers are summarised here once the problems above are fixed.</p>")
    if state.ico_delay_reason.strip():
        out.append(
            f"<h3>Reporting late <a href='edit:{int(Page.DECISIONS)}'>Edit "
            f"{esc(PAGE_TITLES[Page.DECISIONS])}</a></h3>"
            + rows([("Reasons for the delay", state.ico_delay_reason)])
        )
    recs = "".join(
        f"<li><b>{esc(v.recommendation_title(i.code, i.text))}</b>: {esc(i.text)} "
        f"<i>Who: {esc(v.owner_words(i.owner_role, i.owner or None))}. "
        f"Due: {esc(day(i.due_date))}.</i></li>"
        for i in plan
    )
    gone = "".join(
        f"<li>Removed: {esc(v.recommendation_title(code))}. Why: {esc(reason)}</li>"
        for code, reason in removed
    )
    out.append(
        f"<h3>The plan <a href='edit:{int(Page.RECOMMENDATIONS)}'>Edit "
        f"{esc(PAGE_TITLES[Page.RECOMMENDATIONS])}</a></h3><ul>{recs}{gone}</ul>"
    )
    return "".join(out)
