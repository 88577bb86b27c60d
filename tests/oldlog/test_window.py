# ruff: noqa: F811 - pytest fixtures imported from the window tests
"""File ▸ Import breach log… in the real window: choose the file and sheet, see the header row
found, each column's field and samples, change one, see every problem beside its row, import;
the rows then stand in the register marked as from the old log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui.conftest import answers, db_url, desk, desk_factory, fixed_now  # noqa: F401
from gui.gui_drive import select
from logs import northshire_xlsx, two_sheet_xlsx, westborough_csv, westborough_row
from PySide6.QtWidgets import QComboBox

from breach_desk.gui.oldlog_dialog import ImportLogDialog

pytestmark = pytest.mark.gui


def _open(desk: Any) -> ImportLogDialog:
    action = desk.window.commands.actions["import_log"]
    assert action.text() == "&Import breach log…"
    assert action in desk.window.menuBar().actions()[0].menu().actions()
    action.trigger()
    dialog = desk.window.findChild(ImportLogDialog)
    assert isinstance(dialog, ImportLogDialog)
    return dialog


def _checked(desk: Any, dialog: ImportLogDialog, path: Path) -> None:
    dialog.checked = None
    dialog.open_file(str(path))
    desk.qtbot.waitUntil(lambda: dialog.checked is not None, timeout=20000)
    desk.wait_idle()


def _field_combo(dialog: ImportLogDialog, header: str) -> QComboBox:
    for row in range(dialog.columns.rowCount()):
        if dialog.columns.item(row, 0).text() == header:
            combo = dialog.columns.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            return combo
    raise AssertionError(f"no column {header}")


def test_a_council_workbook_is_imported_from_the_window(desk: Any, tmp_path: Path) -> None:
    dialog = _open(desk)
    _checked(desk, dialog, northshire_xlsx(tmp_path))
    assert "The headers are on row 3" in dialog.header_label.text()
    assert _field_combo(dialog, "Date reported").currentData() == "aware_at"
    assert _field_combo(dialog, "Officer notes").currentData() == "ignore"
    samples = {
        dialog.columns.item(r, 0).text(): dialog.columns.item(r, 2).text()
        for r in range(dialog.columns.rowCount())
    }
    assert samples["RAG / Severity"] == "Red; Amber; 3"
    assert dialog.sheet.count() == 2  # the workbook's two sheets, the log's first
    assert dialog.summary.text() == "Rows read: 4; would import: 4; no problems."
    assert dialog.import_button.isEnabled()

    # Change a field: the officer's notes kept as lessons learned.
    combo = _field_combo(dialog, "Officer notes")
    dialog.checked = None
    combo.setCurrentIndex(combo.findData("log.lessons"))
    desk.qtbot.waitUntil(lambda: dialog.checked is not None, timeout=20000)
    assert dialog.mapping()["Officer notes"] == "log.lessons"
    assert dialog.mapping()["Lessons learned"] == "log.lessons"
    # Two columns for one field is a problem beside the header row, and stops the import.
    assert not dialog.import_button.isEnabled()
    assert "is mapped to log.lessons" in dialog.rows.item(0, 3).text()
    dialog.checked = None
    combo = _field_combo(dialog, "Officer notes")  # the table was drawn again
    combo.setCurrentIndex(combo.findData("ignore"))
    desk.qtbot.waitUntil(lambda: dialog.checked is not None, timeout=20000)
    assert dialog.import_button.isEnabled()

    dialog.import_button.click()
    desk.qtbot.waitUntil(lambda: dialog.summary.text().startswith("Imported 4"), timeout=20000)
    desk.wait_loaded()
    view = desk.window.register_view
    desk.qtbot.waitUntil(lambda: view.model.row_of("NS-2021-004") is not None, timeout=20000)
    from breach_desk.gui.register.model import COL

    row = view.model.row_of("NS-2021-004")
    assert view.proxy.index(row, COL["status"]).data() == "From the old log"
    assert view.proxy.index(row, COL["ico"]).data() == "—"  # no clock
    assert view.proxy.index(row, COL["aware_at"]).data() == "15 March 2021 10:30"
    june = view.model.row_of("NS-2021-011")
    assert view.proxy.index(june, COL["aware_at"]).data() == "June 2021"  # no day invented
    breach = select(desk, "NS-2021-004")
    assert breach.old_log is not None
    actions = desk.window.commands.actions
    assert actions["reassess"].isEnabled()
    for name in ("export", "print", "ico", "letter", "pack", "close"):
        assert not actions[name].isEnabled(), name  # no assessment of its own yet
    text = view.detail.facts.toPlainText()
    assert "From the old log" in text
    assert 'northshire-breach-log.xlsx, sheet "Breach log", row 4' in text
    assert "The log records that it was reported to the ICO on 17 March 2021." in text
    assert "Number of people affected" not in select(desk, "NS-2021-011").old_log.lines()


def test_every_problem_stands_beside_its_row_and_nothing_is_imported(
    desk: Any, tmp_path: Path
) -> None:
    rows = [
        westborough_row(
            {
                "Ref": "WB/1",
                "Date breach reported": "31/02/2021",
                "Department": "Education",
                "Description": "A",
                "Type": "Misdirected email",
                "ICO notified": "Y",
            }
        ),
        westborough_row(
            {
                "Ref": "WB/2",
                "Date breach reported": "01/03/2021",
                "Department": "Education",
                "Description": "B",
                "ICO notified": "Perhaps",
            }
        ),
    ]
    dialog = _open(desk)
    _checked(desk, dialog, westborough_csv(tmp_path, rows))
    assert not dialog.sheet.isEnabled()  # a CSV has no sheets
    problems = {
        dialog.rows.item(r, 0).text(): dialog.rows.item(r, 3).text()
        for r in range(dialog.rows.rowCount())
    }
    assert problems["2"] == 'Date breach reported: "31/02/2021" is not a date that exists'
    assert problems["3"].startswith('ICO notified: "Perhaps" is not yes or no')
    assert not dialog.import_button.isEnabled()
    assert "2 unknown value" not in dialog.summary.text()
    assert "1 bad date, 1 unknown value" in dialog.summary.text()
    dialog.do_import()  # even if asked, nothing is written
    desk.wait_idle()
    assert desk.window.register_view.model.total == 0


def test_the_sheet_of_a_workbook_is_chosen(desk: Any, tmp_path: Path) -> None:
    dialog = _open(desk)
    _checked(desk, dialog, two_sheet_xlsx(tmp_path))
    assert dialog.sheet.isEnabled()
    assert dialog.rows.rowCount() == 1
    dialog.checked = None
    dialog.sheet.setCurrentIndex(dialog.sheet.findData("2022"))
    desk.qtbot.waitUntil(lambda: dialog.checked is not None, timeout=20000)
    assert dialog.rows.rowCount() == 2
    assert dialog.checked.preview.sheet == "2022"


def test_reassess_starts_from_only_what_the_log_said(desk: Any, tmp_path: Path) -> None:
    from breach_desk.gui.oldlog_dialog import wizard_facts
    from breach_desk.gui.wizard.state import FormState

    dialog = _open(desk)
    _checked(desk, dialog, westborough_csv(tmp_path))
    dialog.import_button.click()
    desk.qtbot.waitUntil(lambda: dialog.summary.text().startswith("Imported 3"), timeout=20000)
    desk.wait_loaded()
    desk.qtbot.waitUntil(
        lambda: desk.window.register_view.model.row_of("WB/21/07") is not None, timeout=20000
    )
    breach = select(desk, "WB/21/07")
    state = wizard_facts(breach)
    assert state.title == "SEN report emailed to the wrong parent"
    assert state.service == "Education"
    assert state.categories == ["health", "social_care"]
    assert state.people == [{"email": "lucy.ford@example.org"}]
    assert state.confidentiality == ""  # not in the log: the officer answers it
    quiet = select(desk, "WB/21/12")
    assert wizard_facts(quiet).count == FormState().count  # blank in the log: not invented
