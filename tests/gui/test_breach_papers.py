"""The Breach menu's papers over the demo register: the ICO report draft (with the reasons for a
late report), the letter the officer edits before it is printed, the evidence pack, and closing,
refused while recommendations are open. Every PDF is built on the worker and previewed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from gui_drive import select
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QToolButton

from breach_desk.gui.actions.dialogs import SaveFile
from breach_desk.gui.dialogs import LetterDialog, Notice

SEED = "IG-2021-014"


def pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def wait_preview(desk: Any, before: Any) -> Any:
    papers = desk.window.commands.breach
    desk.qtbot.waitUntil(
        lambda: papers.preview_dialog is not None and papers.preview_dialog is not before,
        timeout=30000,
    )
    dialog = papers.preview_dialog
    desk.qtbot.waitUntil(lambda: dialog.page_count >= 1, timeout=10000)
    return dialog


def menu_texts(desk: Any, title: str) -> list[str]:
    menu = next(
        a.menu() for a in desk.window.menuBar().actions() if a.text().replace("&", "") == title
    )
    assert isinstance(menu, QMenu)
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_breach_menu_and_detail_offer_the_papers(qtbot: Any, demo: Any) -> None:
    assert menu_texts(demo, "Breach") == [
        "Reassess…",
        "Find…",
        "Export assessment as PDF…",
        "Preview assessment report",
        "Print assessment…",
        "ICO report draft…",
        "Letter to the person…",
        "Evidence pack…",
        "Evidence pack with files…",
        "Record ICO report…",
        "Add follow-up…",
        "Record ICO response…",
        "Record that people were told…",
        "Record complaint…",
        "Record complaint acknowledged…",
        "Record complaint outcome…",
        "Close breach…",
        "Approve closing…",
    ]
    actions = demo.window.commands.actions
    assert not actions["ico"].isEnabled()  # nothing selected yet
    select(demo, SEED)
    detail = demo.window.register_view.detail
    shown = {k: b for k, b in detail.buttons.items() if isinstance(b, QToolButton)}
    assert list(shown) == ["export", "ico", "letter", "pack", "close"]
    for button in shown.values():
        assert button.isVisible()
        assert button.isEnabled()
        assert button.accessibleName()
        assert button.focusPolicy() != button.focusPolicy().NoFocus


def test_ico_report_draft_asks_why_it_is_late(qtbot: Any, demo: Any, answers: Any) -> None:
    select(demo, SEED)  # aware 15 Mar 2021, not yet reported: long past 72 hours
    answers.reasons = ["The officer was on leave and the service did not report it"]
    detail = demo.window.register_view.detail
    qtbot.mouseClick(detail.buttons["ico"], Qt.MouseButton.LeftButton)
    dialog = wait_preview(demo, None)
    assert ("reason", f"ICO report draft: {SEED}") in answers.asked
    assert dialog.windowTitle() == f"Preview: {SEED} ICO report draft"
    text = pdf_text(dialog._data)
    assert "Report a personal data breach" in text
    assert "The officer was on leave" in text
    dialog.close()


def test_ico_report_draft_is_not_made_when_the_reason_is_refused(
    qtbot: Any, demo: Any, answers: Any
) -> None:
    select(demo, SEED)
    answers.reasons = []  # Cancel
    demo.window.commands.actions["ico"].trigger()
    demo.wait_idle()
    assert demo.window.commands.breach.preview_dialog is None


def test_letter_is_edited_before_it_is_printed(
    qtbot: Any, demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    breach = select(demo, SEED)
    drafts: list[str] = []

    def edit(_cls: Any, _parent: Any, reference: str, text: str) -> str:
        assert reference == SEED
        drafts.append(text)
        return text.replace("Dear Sir or Madam,", "Dear Ms Example,") + "\n\nPS: edited."

    monkeypatch.setattr(LetterDialog, "ask", classmethod(edit))
    demo.window.settings.set_text("organisation", "Anytown Council")
    demo.window.settings.set_text("contact", "the DPO, dpo@anytown.gov.uk")
    demo.window.commands.actions["letter"].trigger()
    dialog = wait_preview(demo, None)
    assert len(drafts) == 1
    assert f"Our reference: {breach.reference}" in drafts[0]
    text = pdf_text(dialog._data)
    assert "PS: edited." in text
    assert "I am sorry that this happened" in text
    dialog.close()


def test_a_letter_asks_for_the_organisation_and_contact_it_needs(
    qtbot: Any, demo: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(demo, SEED)
    demo.window.settings.set_text("organisation", "")
    demo.window.settings.set_text("contact", "")
    drafts: list[str] = []
    monkeypatch.setattr(
        LetterDialog, "ask", classmethod(lambda _c, _p, _r, text: drafts.append(text) or None)
    )
    answers.reasons[:] = ["Anytown Council", "the DPO, dpo@anytown.gov.uk, 01234 567890"]
    demo.window.commands.actions["letter"].trigger()
    qtbot.waitUntil(lambda: bool(drafts), timeout=20000)
    assert [a for a in answers.asked if a[0] == "reason"] == [
        ("reason", "Organisation"),
        ("reason", "Contact for people and the ICO"),
    ]
    assert "the DPO, dpo@anytown.gov.uk, 01234 567890" in drafts[0]
    assert "[contact]" not in drafts[0]

    # refused: no letter, and the status bar says what is missing
    demo.window.settings.set_text("contact", "")
    answers.reasons[:] = []
    demo.window.commands.actions["letter"].trigger()
    assert "needs the organisation's name and a contact" in demo.window.statusBar().currentMessage()
    assert len(drafts) == 1


def test_letter_dialog_starts_from_the_draft_and_needs_text(qtbot: Any) -> None:
    dialog = LetterDialog(None, SEED, "Dear Sir or Madam,\n\nWe are sorry.")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.edit.accessibleName() == "Letter text"
    assert ok.isEnabled()
    dialog.edit.clear()
    assert not ok.isEnabled()
    dialog.reset()
    assert dialog.text() == "Dear Sir or Madam,\n\nWe are sorry."
    assert ok.isEnabled()


def test_evidence_pack_from_the_breach_menu(
    qtbot: Any, demo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(demo, SEED)
    target = tmp_path / "pack.pdf"
    monkeypatch.setattr(SaveFile, "ask", classmethod(lambda _c, _p, _t, _s, _f: str(target)))
    demo.window.commands.actions["pack"].trigger()
    qtbot.waitUntil(target.exists, timeout=30000)
    assert SEED in pdf_text(target.read_bytes())
    bar = demo.window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage() == f"Evidence pack saved: {target}", timeout=5000)


def test_close_is_refused_while_recommendations_are_open(
    qtbot: Any, demo: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        Notice, "confirm", classmethod(lambda _c, _p, title, _t: asked.append(title) or True)
    )
    breach = select(demo, SEED)
    demo.window.commands.actions["close"].trigger()
    open_count = sum(1 for r in breach.recommendations if not r.status.finished)
    assert answers.notices == [
        (
            "Not closed",
            f"{SEED} cannot be closed. {open_count} recommendations are not yet verified or "
            "rejected: a breach closes only when every recommendation is.",
        )
    ]
    assert asked == []  # refused before asking
    demo.wait_idle()
    assert str(demo.window.register_view.current_breach().status) == "assessed"
