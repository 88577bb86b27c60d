"""Menus, toolbar and shortcuts of the main window (UI.md "Keys")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow, QSizePolicy, QToolBar, QWidget

from breach_desk.gui import committee_dialog, notify_dialogs, oldlog_dialog, remind_gui

if TYPE_CHECKING:
    from breach_desk.gui.commands import Commands
    from breach_desk.gui.desk import Desk
    from breach_desk.gui.register.view import RegisterView


def _action(
    window: QMainWindow,
    text: str,
    slot: Callable[[], object],
    keys: str | QKeySequence | QKeySequence.StandardKey = "",
    icon: str = "",
    tip: str = "",
) -> QAction:
    action = QAction(QIcon(icon) if icon else QIcon(), text, window)
    if keys:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({QKeySequence(keys).toString()})" if keys else tip)
        action.setProperty("tip", action.toolTip())
    action.triggered.connect(slot)
    return action


def build_actions(window: QMainWindow, desk: Desk, register: RegisterView, c: Commands) -> None:
    """The menus, toolbar and keys of ``window``; the commands act on ``desk``'s breach in
    view; the register's own widgets (its search box, its breach buttons) are placed here."""
    a = c.actions
    a["new"] = _action(
        window,
        "&New assessment…",
        c.new_assessment,
        "Ctrl+N",
        ":/icons/new.svg",
        "Assess a new breach",
    )
    a["reassess"] = _action(
        window,
        "&Reassess…",
        c.reassess,
        "Ctrl+R",
        ":/icons/reassess.svg",
        "Reassess the selected breach (a new version, with a reason)",
    )
    a["export"] = _action(
        window,
        "&Export assessment as PDF…",
        c.export_pdf,
        "Ctrl+E",
        ":/icons/pdf.svg",
        "Export the selected breach's assessment report as PDF",
    )
    a["preview"] = _action(
        window,
        "Pre&view assessment report",
        c.preview,
        "Ctrl+Shift+P",
        "",
        "Preview the assessment report",
    )
    a["print"] = _action(
        window,
        "&Print assessment…",
        c.print_report,
        "Ctrl+P",
        ":/icons/print.svg",
        "Print the assessment report",
    )
    b = c.breach
    a["ico"] = _action(
        window,
        "&ICO report draft…",
        b.ico_report,
        "",
        ":/icons/pdf.svg",
        "A draft of the ICO's breach report form, filled from the register, to check and copy",
    )
    a["letter"] = _action(
        window,
        "&Letter to the person…",
        b.letter,
        "",
        ":/icons/pdf.svg",
        "A letter to the affected person: edit the draft, then preview, save or print it",
    )
    a["pack"] = _action(
        window,
        "Evidence pac&k…",
        b.evidence_pack,
        "",
        ":/icons/pdf.svg",
        "One PDF of the breach: facts, decisions and every change to its recommendations",
    )
    a["pack_files"] = _action(
        window,
        "Evidence pack &with files…",
        b.evidence_pack_with_files,
        "",
        ":/icons/pdf.svg",
        "The evidence pack, and every evidence file of the breach in a folder beside it",
    )
    a["close"] = _action(
        window,
        "&Close breach…",
        b.close_breach,
        "",
        "",
        "Close the breach once every recommendation is verified or rejected",
    )
    a["approve_close"] = _action(
        window,
        "&Approve closing…",
        b.approve_close,
        "",
        "",
        "As a second IG officer, approve closing a breach on which someone else rejected a "
        "recommendation",
    )
    a["drafts"] = _action(
        window,
        "&Drafts…",
        c.open_drafts,
        "",
        ":/icons/draft.svg",
        "Assessments started and not yet finalised",
    )
    a["demo"] = _action(
        window,
        "Open the de&mo register",
        c.open_demo,
        "",
        "",
        "A separate register with the founding case and a few others",
    )
    a["own"] = _action(
        window, "Back to &your register", c.open_own, "", "", "Leave the demo register"
    )
    a["own"].setVisible(False)
    a["organisation"] = _action(
        window,
        "&Organisation name…",
        c.set_organisation,
        "",
        "",
        "The name printed at the top of every report",
    )
    a["contact"] = _action(
        window,
        "&Contact for people and the ICO…",
        c.set_contact,
        "",
        "",
        "Who the affected person and the ICO should contact, printed in letters and reports",
    )
    a["backup"] = _action(
        window,
        "&Back up register…",
        c.back_up,
        "",
        "",
        "Write a consistent copy of the whole register, safe while others are working",
    )
    a["quit"] = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    a["refresh"] = _action(window, "Re&fresh", desk.refresh, "F5", "", "Read the register again")
    a["help"] = _action(window, "&Keys and help", c.help, "F1", ":/icons/help.svg")
    a["about"] = _action(window, "&About Breach Desk", c.about)

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for key in ("new", "drafts"):
        file_menu.addAction(a[key])
    a["import_log"] = oldlog_dialog.add_to_menu(desk, file_menu, a["drafts"])
    recent_menu = file_menu.addMenu("Recent &breaches")
    recent_menu.setEnabled(False)
    file_menu.addSeparator()
    for key in ("export", "preview", "print"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    for key in ("demo", "own", "organisation", "contact"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["backup"])
    file_menu.addAction(a["quit"])

    breach_menu = bar.addMenu("&Breach")
    breach_menu.addAction(a["reassess"])
    find = _action(
        window,
        "&Find…",
        _focus_search(desk, register),
        "Ctrl+F",
        ":/icons/search.svg",
        "Search the register",
    )
    a["find"] = find
    breach_menu.addAction(find)
    breach_menu.addSeparator()
    for key in ("export", "preview", "print", "ico", "letter", "pack", "pack_files"):
        breach_menu.addAction(a[key])
    notify_dialogs.install(desk, c, breach_menu)  # who was told (issue 11)
    breach_menu.addSeparator()
    breach_menu.addAction(a["close"])
    breach_menu.addAction(a["approve_close"])  # four eyes: the second route to closing
    for key, action in a.items():
        action.setProperty("key", key)
    a["export"].setIconText("Export PDF")
    a["print"].setIconText("Print")
    register.set_breach_actions([a[k] for k in ("export", "ico", "letter", "pack", "close")])

    actions_menu = bar.addMenu("&Actions")
    c.set_menus(recent=recent_menu, views=bar.addMenu("&View"), actions=actions_menu)
    committee_dialog.install(desk, bar)  # Reports ▸ Committee report… (issue 24)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a["help"])
    help_menu.addAction(a["about"])
    remind_gui.install(window, desk, c, breach_menu, help_menu.menuAction())  # reminders (issue 23)

    tools = QToolBar("Main")
    tools.setObjectName("mainToolbar")
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tools.setIconSize(QSize(18, 18))
    tools.setMovable(False)
    for key in ("new", "reassess", "export", "print"):
        tools.addAction(a[key])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tools.addWidget(spacer)
    search: QLineEdit = register.search
    search.setMinimumWidth(window.fontMetrics().averageCharWidth() * 36)
    tools.addWidget(search)
    window.addToolBar(tools)
    c.update_enabled()


def _focus_search(desk: Desk, register: RegisterView) -> Callable[[], None]:
    def focus() -> None:
        desk.show_view("register")
        register.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        register.search.selectAll()

    return focus
