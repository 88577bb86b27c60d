"""The founding case, typed into the wizard into an empty register, and a one-off variant."""

from __future__ import annotations

from typing import Any

from gui_drive import click, fill_seed, next_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from breach_desk.gui.register.model import COL
from breach_desk.gui.wizard.state import Page


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
    assert "High risk" in panel.likelihood.text()
    next_page(qtbot, wizard)

    page = wizard.pages[Page.ASSESSMENT]
    assert page.ui.bandLabel.text().startswith("VERY HIGH severity · SE 4.25")
    assert "likely" in page.ui.matrix.accessibleDescription()
    assert "very high" in page.ui.matrix.accessibleDescription()
    next_page(qtbot, wizard)

    page = wizard.pages[Page.DECISIONS]
    assert page.ui.icoDecisionLabel.text().startswith("Report to the ICO: YES")
    assert "46 h left" in page.ui.icoDecisionLabel.text()
    assert page.ui.subjectsDecisionLabel.text().startswith("Tell the people: YES")
    assert not page.ui.delayEdit.isVisible()
    next_page(qtbot, wizard)

    page = wizard.pages[Page.RECOMMENDATIONS]
    codes = [i.code for i in page.model.items()]
    assert {"NOTIFY_ICO", "NOTIFY_SUBJECTS", "SAFETY_PLAN", "ROOT_CAUSE_REVIEW"} <= set(codes)
    next_page(qtbot, wizard)

    summary = wizard.pages[Page.SUMMARY].ui.summaryText.toPlainText()
    assert "Very high".upper() in summary
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
    assert row["ico"] == "46 h left"
    qtbot.waitUntil(lambda: view.current_breach() is not None, timeout=10000)
    assert view.detail.title.text().startswith(breach.reference)


def test_one_off_internal_variant_needs_no_report(
    qtbot: Any, desk: Any, seed_facts_dict: Any
) -> None:
    wizard = _open_wizard(qtbot, desk)
    fill_seed(qtbot, wizard, seed_facts_dict, variant=True)
    assert wizard.state().recipients[0]["deletion_confirmed"] is True
    assert "no" in wizard.panel.ico.text()
    for _ in range(2):
        next_page(qtbot, wizard)
    page = wizard.pages[Page.DECISIONS]
    assert page.ui.icoDecisionLabel.text().startswith("Report to the ICO: NO")
    assert page.ui.subjectsDecisionLabel.text().startswith("Tell the people: NO")
    for _ in range(2):
        next_page(qtbot, wizard)
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
