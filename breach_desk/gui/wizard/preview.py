"""The assessment report of an assessment not yet saved, from the wizard's summary page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from breach_desk.domain.facts import Facts

if TYPE_CHECKING:
    from breach_desk.domain.assessment import RepeatMatch
    from breach_desk.gui.backend import Services


def render_draft(
    _services: Services, *, facts: Facts, matches: list[RepeatMatch], organisation: str
) -> bytes:
    """On the worker: the report as it would print if finalised now (version 1, actions open)."""
    from breach_desk.domain.clock import now
    from breach_desk.gui.printing import render_assessment_pdf
    from breach_desk.reports import breach_from_facts

    breach = breach_from_facts(facts, now(), matches=matches)
    return render_assessment_pdf(breach, organisation)
