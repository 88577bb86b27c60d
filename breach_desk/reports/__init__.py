"""Reports that print: the assessment report, the ICO report draft, the letter to the affected
person and the monitoring report. Built with ReportLab from domain objects only: no Qt, no SQL.

Every function returns the PDF as bytes; identical inputs give identical bytes. Pass the moment
of printing in ``ReportSettings.generated_at`` (it is printed, and decides what is overdue).

    settings = ReportSettings(organisation="Anytown Council", generated_at=now())
    pdf = render_assessment(breach, settings)                       # the officer's record
    pdf = render_ico_report(breach, settings, delay_reason=None)    # draft of the ICO form
    text = default_letter_text(breach, settings)                    # the officer edits this...
    pdf = render_letter(breach, settings, text)                     # ...and prints it
    pdf = render_monitoring(breaches, settings, total=n, progress=callback)

``breach_from_facts`` makes an unsaved breach (version 1, recommendations open) from facts.
"""

from __future__ import annotations

from breach_desk.reports.assessment import render_assessment
from breach_desk.reports.document import DEFAULT_MARKING, ReportSettings
from breach_desk.reports.ico import render_ico_report
from breach_desk.reports.letter import default_letter_text, render_letter
from breach_desk.reports.monitoring import Progress, render_monitoring
from breach_desk.reports.view import breach_from_facts

__all__ = [
    "DEFAULT_MARKING",
    "Progress",
    "ReportSettings",
    "breach_from_facts",
    "default_letter_text",
    "render_assessment",
    "render_ico_report",
    "render_letter",
    "render_monitoring",
]
