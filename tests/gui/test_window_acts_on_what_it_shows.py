"""The window acts only on the breach it shows (issue 13): a filter that leaves the selected
breach out, or matches nothing, clears its detail and disables every command on it; a selected
row whose page is still being read shows its detail when the page arrives; the commands name
the breach they act on, in the menus, the toolbar's tips and the status bar."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from gui_drive import select, type_into
from PySide6.QtCore import QPoint, Qt

from breach_desk.facts_io import facts_from_dict
from breach_desk.gui.main_window import MainWindow, window_title
from breach_desk.gui.register.model import COL, PAGE_SIZE
from breach_desk.services.register import Register

SEED = "IG-2021-014"
BREACH_COMMANDS = ("export", "preview", "print", "ico", "letter", "pack", "reassess", "close")
ROOT = Path(__file__).resolve().parents[2]


def enabled(window: MainWindow) -> list[str]:
    return [k for k in BREACH_COMMANDS if window.commands.actions[k].isEnabled()]


def test_a_filter_that_leaves_the_selected_breach_out_clears_it(qtbot: Any, demo: Any) -> None:
    window = demo.window
    view = window.register_view
    select(demo, SEED)
    assert enabled(window) == list(BREACH_COMMANDS)

    type_into(qtbot, view.search, "IG-2026-0002")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=5000)
    qtbot.waitUntil(lambda: view.current_breach() is None, timeout=5000)
    assert view.detail.title.text() == "Select a breach to see its detail."
    assert enabled(window) == []
    assert window.commands.actions["export"].text() == "&Export assessment as PDF…"
    # Ctrl+Shift+P previews nothing: no report of a breach that is not on the screen.
    window.commands.actions["preview"].trigger()
    demo.wait_idle()
    assert window.commands.preview_dialog is None

    select(demo, "IG-2026-0002")
    assert enabled(window) == list(BREACH_COMMANDS)


def test_a_search_with_no_matches_leaves_nothing_to_act_on(qtbot: Any, demo: Any) -> None:
    window = demo.window
    view = window.register_view
    select(demo, SEED)
    type_into(qtbot, view.search, "no breach says this")
    qtbot.waitUntil(lambda: view.model.total == 0, timeout=5000)
    qtbot.waitUntil(lambda: view.current_breach() is None, timeout=5000)
    assert enabled(window) == []
    assert view.count_label.text() == "0 breaches (filtered)"


def test_a_breach_still_listed_keeps_its_detail(qtbot: Any, demo: Any) -> None:
    view = demo.window.register_view
    select(demo, SEED)
    type_into(qtbot, view.search, "assault")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=5000)
    demo.wait_idle()
    assert view.current_breach() is not None
    assert view.current_breach().reference == SEED
    rows = view.table.selectionModel().selectedRows()
    assert [view.proxy.index(r.row(), COL["reference"]).data() for r in rows] == [SEED]


def test_commands_name_the_breach_they_act_on(qtbot: Any, demo: Any) -> None:
    window = demo.window
    actions = window.commands.actions
    select(demo, SEED)
    assert actions["export"].text() == f"&Export {SEED} as PDF…"
    assert actions["reassess"].text() == f"&Reassess {SEED}…"
    assert SEED in actions["export"].toolTip()  # the toolbar button's tip
    assert SEED in actions["print"].toolTip()
    assert SEED in actions["export"].statusTip()  # what the status bar says on hover
    breach_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Breach"
    )
    named = [a.text() for a in breach_menu.actions() if SEED in a.text()]
    assert len(named) >= 7


def test_the_window_title_names_the_register_once(demo: Any) -> None:
    title = demo.window.windowTitle()
    assert title == "demo register — Breach Desk"
    assert window_title(demo.backend.info) == title


def test_first_click_on_severity_sorts_the_most_severe_first(qtbot: Any, demo: Any) -> None:
    view = demo.window.register_view
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(COL["band"]) + header.sectionSize(COL["band"]) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: view.model.query.sort == "band", timeout=5000)
    assert view.model.query.descending
    demo.wait_loaded()
    assert view.proxy.index(0, COL["band"]).data() == "VERY HIGH"


def build_register(url: str, count: int) -> None:
    cases = json.loads((ROOT / "breach_desk/gui/demo/cases.json").read_text(encoding="utf-8"))
    start = datetime(2019, 1, 2, 9, 0)
    facts = []
    for n in range(count):
        item = copy.deepcopy(cases[n % len(cases)])
        item.pop("reference", None)
        item.pop("occurred_at", None)
        item["aware_at"] = (start + timedelta(hours=2 * n)).isoformat()
        item["title"] = f"{item['title']} ({n + 1})"
        facts.append(facts_from_dict(item))
    with Register.open(url) as register:
        register.import_facts(facts)


def test_a_selected_rows_page_arriving_shows_its_detail(
    qtbot: Any, desk_factory: Any, db_url: str, answers: Any, fixed_now: str
) -> None:
    count = PAGE_SIZE * 2 + 50
    build_register(db_url, count)
    desk = desk_factory(db_url)
    view = desk.window.register_view
    assert view.model.total == count
    table = view.table
    table.setFocus()
    table.setCurrentIndex(view.proxy.index(0, COL["title"]))
    desk.wait_idle()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = count - 1
    assert [r.row() for r in table.selectionModel().selectedRows()] == [last]
    # Its page comes from the worker; until then nothing is shown and nothing can be done ...
    # ... and once it is in, its detail is shown and the commands name it.
    qtbot.waitUntil(lambda: view.current_breach() is not None, timeout=10000)
    reference = view.model.row_object(last).reference
    assert view.current_breach().reference == reference
    assert enabled(desk.window) == list(BREACH_COMMANDS)
    assert desk.window.commands.actions["export"].text() == f"&Export {reference} as PDF…"


NOTIFY = ("notify_ico", "notify_follow_up", "notify_response", "notify_people")


def test_commands_follow_the_view_on_screen(qtbot: Any, demo: Any) -> None:
    """A breach selected in the register is not acted on from Monitoring, My actions or the
    dashboard: every command on one breach is disabled there, and says why."""
    window = demo.window
    actions = window.commands.actions
    select(demo, SEED)
    assert enabled(window) == list(BREACH_COMMANDS)
    assert actions["notify_people"].text() == f"Record that people were told for {SEED}…"
    for key in [s.key for s in window.specs if s.key != "register"]:
        window.show_view(key)
        qtbot.waitUntil(lambda: window.breach_in_view() is None, timeout=3000)
        assert enabled(window) == [], key
        assert [k for k in NOTIFY if actions[k].isEnabled()] == [], key
        assert SEED not in actions["export"].text()
        assert SEED not in actions["notify_people"].text()
        assert "shows many breaches" in actions["export"].toolTip()
        assert "shows many breaches" in actions["notify_people"].toolTip()
        # Ctrl+Shift+P from there previews nothing.
        actions["preview"].trigger()
        demo.wait_idle()
        assert window.commands.preview_dialog is None
    window.show_view("register")
    assert enabled(window) == list(BREACH_COMMANDS)
    assert actions["export"].text() == f"&Export {SEED} as PDF…"


def test_no_gui_module_types_itself_against_the_main_window() -> None:
    """The commands receive a Desk (the breach in view, the services, a way to refresh)."""
    gui = ROOT / "breach_desk" / "gui"
    reaching = [
        str(path.relative_to(gui))
        for path in gui.rglob("*.py")
        if path.name not in ("main_window.py", "app.py")
        and (
            "main_window import MainWindow" in path.read_text(encoding="utf-8")
            or "register_view.current_breach" in path.read_text(encoding="utf-8")
        )
    ]
    assert reaching == []


def test_open_breach_selects_its_row_clearing_a_filter_that_hides_it(qtbot: Any, demo: Any) -> None:
    window = demo.window
    view = window.register_view
    type_into(qtbot, view.search, "IG-2026-0002")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=5000)
    window.show_view("monitoring")
    window.open_breach(SEED)  # "Open breach" from a recommendation of SEED
    qtbot.waitUntil(
        lambda: view.current_breach() is not None and view.current_breach().reference == SEED,
        timeout=10000,
    )
    demo.wait_idle()
    rows = view.table.selectionModel().selectedRows()
    assert [view.proxy.index(r.row(), COL["reference"]).data() for r in rows] == [SEED]
    assert view.search.text() == ""
    assert "(filtered)" not in view.count_label.text()
    assert f"Filters cleared to show {SEED}" in window.statusBar().currentMessage()
    assert enabled(window) == list(BREACH_COMMANDS)
