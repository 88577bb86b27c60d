"""The wizard's room goes to what needs it (issue 12, 6 and 9): lists, tables and the summary
grow with the window; problems read as sentences naming their page; drafts say when and where."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from gui_drive import fill_seed, next_page, type_moment
from PySide6.QtWidgets import QApplication

from breach_desk.domain.register import DraftInfo
from breach_desk.gui.dialogs import DraftChooser
from breach_desk.gui.wizard.state import Page


def open_wizard(qtbot: Any, desk: Any) -> Any:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def test_lists_tables_and_the_summary_grow_with_the_window(
    qtbot: Any, desk: Any, seed_facts_dict: Any
) -> None:
    wizard = open_wizard(qtbot, desk)
    wizard.resize(1280, 800)
    fill_seed(qtbot, wizard, seed_facts_dict)
    recipients = wizard.pages[Page.RECIPIENTS].ui.recipientsTable
    header = recipients.horizontalHeader()
    assert header.sectionSize(0) > header.sectionSize(5)  # Who is wider than Email
    assert header.sectionSize(3) > header.sectionSize(5)  # and so is what is known
    while wizard.currentId() != Page.SUMMARY:
        page = next_page(qtbot, wizard)
        if page == Page.RECOMMENDATIONS:
            table = wizard.pages[Page.RECOMMENDATIONS].ui.recommendationsTable
            rows = table.model().rowCount()
            assert rows >= 13
            last = table.visualRect(table.model().index(rows - 1, 1))
            assert last.bottom() <= table.viewport().height()  # every row in sight
    summary = wizard.pages[Page.SUMMARY].ui.summaryText
    assert summary.height() > 400
    before = summary.height()
    wizard.resize(1280, 1000)
    qtbot.waitUntil(lambda: summary.height() > before + 100)
    wizard.resize(1280, 800)
    wizard.go_to(Page.DATA)
    listed = wizard.pages[Page.DATA].ui.categoriesList
    last = listed.visualItemRect(listed.item(listed.count() - 1))
    assert last.bottom() <= listed.viewport().height()  # all 23 kinds, ticks in sight


def test_problems_name_their_page_in_whole_sentences(qtbot: Any, desk: Any) -> None:
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    qtbot.keyClicks(ui.titleEdit, "Dates the wrong way round")
    type_moment(qtbot, ui.occurredEdit, "12 Mar 2021")
    type_moment(qtbot, ui.awareEdit, "10 Mar 2021 10:00")
    score = wizard.panel.score.text()
    assert score.startswith("Fix first: ")
    assert "Kinds of data: Tick at least one kind of data (on the Data page)" in score
    assert score.endswith(" page).")
    assessment = wizard.pages[Page.ASSESSMENT]
    assessment.refresh(wizard.outcome)
    text = assessment.ui.bandLabel.text()
    assert (
        "When we became aware: You became aware before the breach happened: check both dates "
        "(on the Basics page)"
    ) in text
    assert "earlier pages" not in text
    assert ".;" not in text
    assert ".;" not in score


def test_the_draft_list_says_when_and_at_which_page_each_was_saved(qtbot: Any) -> None:
    long_title = "Foster carers' addresses attached to a newsletter to 400 people"
    drafts = [
        DraftInfo(7, long_title, datetime(2026, 11, 29, 9, 5, tzinfo=UTC), page=int(Page.DATA)),
        DraftInfo(8, "Laptop left on a train", datetime(2026, 11, 28, 16, 0, tzinfo=UTC)),
    ]
    dialog = DraftChooser(None, drafts, recovering=True)
    qtbot.addWidget(dialog)
    dialog.show()
    first = dialog.list.item(0).text()
    assert first.startswith(long_title)
    assert "saved 29 Nov 2026" in first
    assert first.endswith("at Data")
    wanted = dialog.list.fontMetrics().horizontalAdvance(first)
    assert dialog.list.viewport().width() >= wanted  # the whole line, title and all


def test_the_basics_clock_is_never_late_for_a_breach_that_needs_no_report(
    qtbot: Any, desk: Any, monkeypatch: Any
) -> None:
    from gui_drive import choose, tick, type_into

    monkeypatch.setenv("BREACH_DESK_NOW", "2021-03-25T12:00:00+00:00")
    wizard = open_wizard(qtbot, desk)
    ui = wizard.pages[Page.BASICS].ui
    type_into(qtbot, ui.titleEdit, "Encrypted laptop lost")
    type_moment(qtbot, ui.awareEdit, "15 Mar 2021 10:00")
    assert "late by" in ui.clockLabel.text()  # not known yet: the clock runs
    assert ui.clockLabel.text().startswith("If it must be reported: by ")  # a condition
    assert wizard.panel.clock.text().startswith("ICO clock: if it must be reported, late by")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.pages[Page.DATA].ui.categoriesList, ["basic_identifiers"])
    next_page(qtbot, wizard)
    choose(qtbot, wizard.pages[Page.HAPPENED].ui.confidentialityCombo, "None")
    assert not wizard.outcome.assessment.ico.report
    wizard.go_to(Page.BASICS)
    assert ui.clockLabel.text() == "No report needed"
    assert "late" not in ui.clockLabel.styleSheet()


def test_the_form_keeps_its_share_of_a_narrow_window(qtbot: Any, desk: Any) -> None:
    """200 % scaling on a 1,920 × 1,080 laptop leaves about 960 × 540 to lay out."""
    wizard = open_wizard(qtbot, desk)
    em = wizard.fontMetrics().averageCharWidth()
    wizard.resize(em * 135, wizard.fontMetrics().height() * 30)
    qtbot.waitUntil(lambda: not wizard.steps.isVisible(), timeout=3000)
    page = wizard.pages[Page.BASICS]
    qtbot.waitUntil(lambda: page.scroll_area.width() >= wizard.width() * 0.55, timeout=3000)
    assert wizard.panel.isVisible()
    assert wizard.panel.width() <= em * 30
    # The clock in the panel is whole: wrapped, never cut.
    clock = wizard.panel.clock
    assert clock.wordWrap()
    assert clock.height() >= clock.heightForWidth(clock.width()) - 1
    wizard.resize(em * 200, wizard.fontMetrics().height() * 46)
    qtbot.waitUntil(wizard.steps.isVisible, timeout=3000)
