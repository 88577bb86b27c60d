"""F1 on a wizard page: what the page asks and how the method uses it (METHOD.md)."""

from __future__ import annotations

from breach_desk.gui.wizard.state import Page

PAGE_HELP = {
    Page.BASICS: (
        "Give a short title and, if you can, the service and what happened.\n\n"
        "Aware is when the organisation became aware that a personal-data breach had happened. "
        "If the breach must be reported, the ICO must have the report within 72 hours of that "
        "moment (UK GDPR Art. 33(1)); the clock on this page counts down from it."
    ),
    Page.PEOPLE: (
        "How many people, which groups, and whether any of them is vulnerable: vulnerable people "
        "raise the data processing context by one (ENISA 2013).\n\n"
        "Name the people you can: Breach Desk looks for earlier breaches involving the same "
        "person. A repeat makes harm more likely (one step up)."
    ),
    Page.DATA: (
        "Tick every kind of data involved. The most sensitive sets the data processing context: "
        "simple 1, behavioural 2, financial 3, special categories 4.\n\n"
        "Extent: minimal lowers DPC to 1, extensive adds 1. Unintelligible data (strong "
        "encryption, keys safe) cannot be read by whoever holds it."
    ),
    Page.HAPPENED: (
        "Circumstances of the breach (CB): loss of confidentiality (known recipients +0.25, "
        "unknown +0.5), integrity and availability (up to +0.5 each), and a malicious cause "
        "(+0.5).\n\nHow many times: a disclosure repeated before it was stopped is a repeat."
    ),
    Page.RECIPIENTS: (
        "One row per recipient. Tick 'Poses a risk' when the recipient is known to pose a risk "
        "of harm to the person (violence, abuse, harassment): harm is then likely and severity "
        "at least high. Tick 'Deletion confirmed' only with written confirmation.\n\n"
        "Keys: F2 edits a cell, Space ticks a check box, Tab moves to the next cell and, from "
        "the last, out of the table; Ctrl+Tab leaves the table at once."
    ),
    Page.ASSESSMENT: (
        "Severity SE = DPC × EI + CB (ENISA 2013): low below 2, medium below 3, high below 4, "
        "very high from 4. Likelihood and severity give the risk (the matrix).\n\n"
        "You may adjust DPC or override the band; each needs a reason, printed in the record."
    ),
    Page.DECISIONS: (
        "Report to the ICO when the breach is likely to result in a risk (Art. 33); after 72 "
        "hours give the reasons for the delay.\n\nTell the people when the risk is high "
        "(Art. 34), unless an Art. 34(3) exception applies, with a reason."
    ),
    Page.RECOMMENDATIONS: (
        "What the method proposes from the facts. Name an owner, change a due date (F2), add "
        "from the catalogue, or remove one with a reason. Each is tracked until verified."
    ),
    Page.SUMMARY: (
        "Everything entered and what follows from it. Edit goes back to a page with your "
        "answers kept. Finalise stores the assessment in the register as a new version."
    ),
}
