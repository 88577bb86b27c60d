"""The founding case, typed into the wizard into an empty register, and a one-off variant."""

from __future__ import annotations

from typing import Any

from gui_drive import click, fill_seed, next_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from reports.pdf_reading import all_text, squash

from breach_desk.domain.description import Line, describe_facts
from breach_desk.gui.register.model import COL
from breach_desk.gui.wizard.state import Page
from breach_desk.reports.assessment import render_assessment
from breach_desk.reports.document import ReportSettings
from breach_desk.reports.ico import render_ico_report, without_names


def _open_wizard(qtbot: Any, desk: Any) -> Any:
    window = desk.window
    assert window.register_view.stack.currentWidget() is window.register_view.empty
    click(qtbot, window.register_view.empty.new_button)
    wizard = window.commands.wizard
    assert wizard is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def _finalise(qtbot: Any, desk: Any, wizard: Any) -> Any:
    button = wizard.button(QWizard.WizardButton.FinishButton)
    assert button.isEnabled(), wizard.currentPage().problems_line.text()
    with qtbot.waitSignal(wizard.finalised, timeout=20000) as blocker:
        click(qtbot, button)
    desk.wait_idle()
    return blocker.args[0]


def test_founding_case_through_the_wizard(qtbot: Any, desk: Any, seed_facts_dict: Any) -> None:
    wizard = _open_wizard(qtbot, desk)
    fill_seed(qtbot, wizard, seed_facts_dict)

    state = wizard.state()
    assert state.title == seed_facts_dict["title"]
    assert state.occurred == "2021-01-11"
    assert state.aware == "2021-03-15T10:00"
    assert state.people == [{"name": "Mr B", "email": "mr.b@example.org", "identifier": ""}]
    assert state.categories == ["contact_details", "mental_health"]
    assert state.occurrences == 3
    assert state.cause == "human_error"
    assert [r["poses_risk_to_subject"] for r in state.recipients] == [True, True]
    assert state.recipients[0]["kind"] == "member_of_public"

    panel = wizard.panel
    assert "VERY HIGH" in panel.band.text()
    assert "A high risk to people" in panel.likelihood.text()
    next_page(qtbot, wizard)

    page = wizard.pages[Page.ASSESSMENT]
    assert page.ui.bandLabel.text().startswith("VERY HIGH severity · SE 4.25")
    assert "likely" in page.ui.matrix.accessibleDescription()
    assert "very high" in page.ui.matrix.accessibleDescription()
    next_page(qtbot, wizard)

    page = wizard.pages[Page.DECISIONS]
    assert page.ui.icoDecisionLabel.text().startswith("Report to the ICO: YES")
    assert "due in 46 h" in page.ui.icoDecisionLabel.text()
    assert page.ui.subjectsDecisionLabel.text().startswith("Tell the people: YES")
    assert not page.ui.delayEdit.isVisible()
    next_page(qtbot, wizard)

    page = wizard.pages[Page.RECOMMENDATIONS]
    codes = [i.code for i in page.model.items()]
    assert {"NOTIFY_ICO", "NOTIFY_SUBJECTS", "SAFETY_PLAN", "ROOT_CAUSE_REVIEW"} <= set(codes)
    next_page(qtbot, wizard)

    summary = wizard.pages[Page.SUMMARY].ui.summaryText.toPlainText()
    assert "Severity\nVery high (SE 4.25)" in summary
    assert "Report to the ICO" in summary
    breach = _finalise(qtbot, desk, wizard)

    latest = breach.latest.assessment
    assert latest.severity.band.value == "very_high"
    assert latest.ico.report
    assert latest.data_subjects.notify
    assert breach.reference.startswith("IG-2021-")

    view = desk.window.register_view
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=10000)
    desk.wait_idle()
    model = view.proxy
    row = {key: model.index(0, col).data() for key, col in COL.items()}
    assert row["reference"] == breach.reference
    assert row["band"] == "VERY HIGH"
    assert row["risk"] == "High risk"
    assert row["repeat"] == "repeat"
    assert row["ico"] == "due in 46 h"
    qtbot.waitUntil(lambda: view.current_breach() is not None, timeout=10000)
    assert view.detail.title.text().startswith(breach.reference)
    qtbot.waitUntil(lambda: view.detail.breach is not None, timeout=10000)
    _same_words_everywhere(summary, view.detail.facts.toPlainText(), breach)


def _atoms(line: Line) -> list[str]:
    """The words of one described value, piece by piece (a list prints one entry a line)."""
    if line.items:
        return [piece for i in line.items for piece in (i.name, *i.details)]
    if line.key in ("data.categories", "subjects.groups"):
        return [piece for part in line.value.split("; ") for piece in part.split(", ")]
    return [line.value]


ICO_DRAFT_KEYS = (
    "aware_at",
    "occurred_at",
    "occurrences",
    "cause",
    "cyber_incident",
    "subjects.count",
    "subjects.groups",
    "data.categories",
    "loss.confidentiality",
    "loss.integrity",
    "loss.availability",
    "recipients",
)
"""What the ICO's form asks about, of the facts."""


def _same_words_everywhere(summary: str, detail: str, breach: Any) -> None:
    """Every fact of the founding case reads the same in the wizard's summary, the register's
    detail, the assessment report and the ICO draft: one label per value, from one vocabulary."""
    settings = ReportSettings(
        organisation="Northshire County Council", generated_at=breach.created_at
    )
    papers = {
        "wizard summary": summary,
        "register detail": detail,
        "assessment report": all_text(render_assessment(breach, settings)),
        "ICO draft": all_text(render_ico_report(breach, settings)),
    }
    flat_papers = {name: squash(text) for name, text in papers.items()}
    checked = 0
    for section in describe_facts(breach.facts):
        for line in section.lines:
            for name, text in flat_papers.items():
                if name == "ICO draft" and line.key not in ICO_DRAFT_KEYS:
                    continue
                if name != "ICO draft" and not line.long:
                    assert squash(line.label) in text, (name, line.label)
                for atom in _atoms(line):
                    if name == "ICO draft":  # names the people by their role, on purpose
                        atom = without_names(atom, breach.facts)
                    assert squash(atom) in text, (name, line.key, atom)
                    checked += 1
    assert checked > 100  # every value of every fact, in each of the four
    # and never the program's own names for them
    for name, text in papers.items():
        for raw in ("mental_health", "known_recipients", "human_error", "member_of_public"):
            assert raw not in text, (name, raw)


def test_one_off_internal_variant_needs_no_report(
    qtbot: Any, desk: Any, seed_facts_dict: Any
) -> None:
    wizard = _open_wizard(qtbot, desk)
    fill_seed(qtbot, wizard, seed_facts_dict, variant=True)
    assert wizard.state().recipients[0]["deletion_confirmed"] is True
    assert "no" in wizard.panel.ico.text()
    # Nothing to override, decide or plan for a risk this unlikely: Next goes to the Summary,
    # and the step list shows the pages it passed by as skipped.
    assert next_page(qtbot, wizard) == Page.SUMMARY
    steps = wizard.steps.list
    for skipped in (Page.ASSESSMENT, Page.DECISIONS, Page.RECOMMENDATIONS):
        assert steps.item(skipped).text().endswith("(skipped)")
    # ...and each is there on demand: a click on the step opens it.
    item = steps.item(Page.DECISIONS)
    qtbot.mouseClick(
        steps.viewport(), Qt.MouseButton.LeftButton, pos=steps.visualItemRect(item).center()
    )
    qtbot.waitUntil(lambda: wizard.currentId() == Page.DECISIONS, timeout=3000)
    page = wizard.pages[Page.DECISIONS]
    assert page.ui.icoDecisionLabel.text().startswith("Report to the ICO: NO")
    assert page.ui.subjectsDecisionLabel.text().startswith("Tell the people: NO")
    assert not steps.item(Page.DECISIONS).text().endswith("(skipped)")
    assert next_page(qtbot, wizard) == Page.SUMMARY
    breach = _finalise(qtbot, desk, wizard)
    assessment = breach.latest.assessment
    assert not assessment.ico.report
    assert assessment.likelihood.value == "remote"
    view = desk.window.register_view
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=10000)
    desk.wait_idle()
    assert view.proxy.index(0, COL["ico"]).data() == "not required"
    assert view.proxy.index(0, COL["repeat"]).data() == ""
    assert Qt  # keyboard-driven throughout
