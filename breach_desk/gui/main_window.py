"""The officer's desk: the views on the left, the register and the selected breach on the right.

Menus, toolbar and keys follow UI.md. The status bar always says which database, who, and how
many drafts wait. Window geometry, splitters and column widths are remembered (UI state only).
"""

from __future__ import annotations

import gc
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from breach_desk.gui.actions_menu import build_actions
from breach_desk.gui.backend import Backend, RegisterInfo
from breach_desk.gui.commands import Commands
from breach_desk.gui.register.view import RegisterView
from breach_desk.gui.settings import UiSettings
from breach_desk.gui.views import (
    Counted,
    Refreshable,
    ViewContext,
    ViewCounter,
    ViewSpec,
    builtin_views,
    plugin_views,
    register_view,
)
from breach_desk.gui.widgets.elided import ElidedLabel

if TYPE_CHECKING:
    from breach_desk.domain.register import Breach, DraftInfo

register_view(
    ViewSpec(
        "register",
        "Register",
        lambda ctx: RegisterView(ctx.backend),
        order=0,
        icon=":/icons/register.svg",
        tip="Every breach, reported or not",
    )
)


class MainWindow(QMainWindow):
    shown = Signal()
    """Emitted once, when the window is first shown (the start-up benchmark waits on it)."""
    counted = Signal(str, int)
    """A view's count, as now shown beside its name (view key, count)."""

    def __init__(
        self, backend: Backend, settings: UiSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle("Breach Desk")
        self.setWindowIcon(QIcon(":/icons/app.svg"))
        self._was_shown = False
        self._offered_drafts = False

        self.view_list = QListWidget()
        self.view_list.setObjectName("viewList")
        self.view_list.setAccessibleName("Views")
        self.view_list.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.view_list)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.context = ViewContext(backend, settings, self.open_breach)
        self.specs: list[ViewSpec] = builtin_views()
        self.views: dict[str, QWidget] = {}
        self.counters: dict[str, ViewCounter] = {}
        """Counts beside views not made yet (ViewSpec.counter), made once the window painted."""
        self._plugins_loaded = False
        self._counts: dict[str, int] = {}
        self._read: set[str] = set()
        """Views that have read the register since it last changed: shown again, they keep
        their rows (F5 reads the one on screen again)."""
        self._fill_view_list()
        self.view_list.currentRowChanged.connect(self._show_view)
        em = self.fontMetrics().averageCharWidth()
        self.view_list.setMinimumWidth(em * 14)

        register = self._view("register")
        assert isinstance(register, RegisterView)
        self.register_view: RegisterView = register
        self.register_view.selection_changed.connect(self._on_breach_shown)
        self.register_view.said.connect(lambda text: self.say(text, 15000))

        self.commands = Commands(self)
        build_actions(self, self, self.register_view, self.commands)
        self.register_view.empty.new_button.clicked.connect(self.commands.new_assessment)
        self.register_view.empty.demo_button.clicked.connect(self.commands.open_demo)

        self.location = ElidedLabel("Opening the register…")
        self.location.setAccessibleName("Register in use, you and your role")
        self.drafts = QLabel("")
        self.drafts.setAccessibleName("Drafts waiting")
        self.busy = QLabel("")
        bar = self.statusBar()
        bar.addPermanentWidget(self.location, 1)  # never hidden by a passing message
        bar.addPermanentWidget(self.drafts)
        bar.addPermanentWidget(self.busy)

        backend.opened.connect(self._on_opened)
        backend.open_failed.connect(self._on_open_failed)
        backend.changed.connect(self.refresh)
        backend.drafts_changed.connect(self._on_drafts)
        backend.runner.busy_changed.connect(self._on_busy)

        self.view_list.setCurrentRow(0)
        self._restore()

    # views ------------------------------------------------------------------------------------

    def ensure_view(self, key: str) -> QWidget:
        """The view's widget, made now if it was not yet (views are made when first shown)."""
        return self._view(key)

    def load_plugin_views(self) -> None:
        """Add the views other packages offer (views.PLUGIN_PACKAGES), once."""
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        known = {s.key for s in self.specs}
        extra = [s for s in plugin_views() if s.key not in known]
        if not extra:
            return
        current = self.specs[self.view_list.currentRow()].key if self.specs else "register"
        self.specs = sorted([*self.specs, *extra], key=lambda s: (s.order, s.title))
        self.view_list.blockSignals(True)
        self._fill_view_list()
        self.view_list.setCurrentRow(next(i for i, s in enumerate(self.specs) if s.key == current))
        self.view_list.blockSignals(False)
        self.commands.rebuild_view_menus()
        for spec in extra:
            if spec.counter is not None and spec.key not in self.counters:
                self._add_counter(spec.key, spec.counter(self.context))

    def _add_counter(self, key: str, counter: ViewCounter) -> None:
        counter.setParent(self)
        self.counters[key] = counter
        counter.count_changed.connect(partial(self._set_count, key))
        counter.reminded.connect(self._remind)
        if self.backend.is_open and key not in self.views:
            counter.refresh()

    def _remind(self, text: str) -> None:
        self.statusBar().showMessage(text, 30000)

    def _fill_view_list(self) -> None:
        self.view_list.clear()
        for spec in self.specs:
            item = QListWidgetItem(QIcon(spec.icon) if spec.icon else QIcon(), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(spec.tip)
            self.view_list.addItem(item)
        for key, count in self._counts.items():
            self._set_count(key, count)

    def _view(self, key: str) -> QWidget:
        widget = self.views.get(key)
        if widget is None:
            if all(s.key != key for s in self.specs):
                self.load_plugin_views()
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.factory(self.context)
            self.views[key] = widget
            settle()
            self.stack.addWidget(widget)
            if isinstance(widget, Counted):
                widget.count_changed.connect(partial(self._set_count, key))
        return widget

    def _show_view(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            key = self.specs[row].key
            widget = self._view(key)
            self.stack.setCurrentWidget(widget)
            if hasattr(self, "commands"):  # the commands follow the breach in view
                self.commands.update_enabled()
            if (
                self.backend.is_open
                and widget is not self.register_view
                and isinstance(widget, Refreshable)
                and key not in self._read
            ):
                self._read.add(key)
                widget.refresh()

    def show_view(self, key: str) -> None:
        if all(s.key != key for s in self.specs):
            self.load_plugin_views()
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.view_list.setCurrentRow(row)

    def _set_count(self, key: str, count: int) -> None:
        self._counts[key] = count
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                text = spec.title if key == "register" else f"{spec.title} ({count:,})"
                self.view_list.item(row).setText(text)
        self._fit_view_list()
        self.counted.emit(key, count)

    def _fit_view_list(self) -> None:
        """Wide enough for every name and count: a count is never cut short."""
        fm = self.view_list.fontMetrics()
        icon = self.view_list.iconSize().width()
        widest = max(
            (
                fm.horizontalAdvance(self.view_list.item(r).text())
                for r in range(self.view_list.count())
            ),
            default=0,
        )
        frame = self.view_list.frameWidth() * 2
        scroll = self.view_list.verticalScrollBar().sizeHint().width()
        needed = widest + icon + fm.averageCharWidth() * 4 + frame + scroll
        if needed > self.view_list.minimumWidth():
            self.view_list.setMinimumWidth(needed)
        sizes = self.splitter.sizes()
        if sizes and sizes[0] < needed:
            self.splitter.setSizes([needed, max(1, sum(sizes) - needed)])

    def refresh(self) -> None:
        """The register changed (or F5): read again what is on screen; the other views keep
        their rows until they are shown again, and their counts come through their counters
        (one cheap query each)."""
        self.register_view.refresh()
        current = self.stack.currentWidget()
        self._read.clear()
        if current is not self.register_view and isinstance(current, Refreshable):
            self._read.update(k for k, w in self.views.items() if w is current)
            current.refresh()
        self._refresh_counters()

    def _refresh_counters(self) -> None:
        current = self.stack.currentWidget()
        for key, counter in self.counters.items():
            if self.views.get(key) is not current:  # a view on screen gives its own count
                counter.refresh()
        # A view already made with a count beside its name and no counter of its own
        # (Monitoring) reads again now: the count beside it never lags behind a change.
        for key, view in self.views.items():
            if (
                view is not current
                and key not in self.counters
                and isinstance(view, Counted)
                and isinstance(view, Refreshable)
            ):
                self._read.add(key)
                view.refresh()

    # what the commands may ask (gui.desk.Desk) --------------------------------------------------

    def parent_widget(self) -> QWidget:
        return self

    def breach_in_view(self) -> Breach | None:
        """The register's selected breach while the register is on screen; no breach while a
        view of many (My actions, Monitoring, the dashboard) is."""
        if self.stack.currentWidget() is not self.register_view:
            return None
        return self.register_view.current_breach()

    def why_no_breach(self) -> str:
        current = self.stack.currentWidget()
        if current is not self.register_view:
            title = next((s.title for s in self.specs if self.views.get(s.key) is current), "")
            return (
                f"{title or 'This view'} shows many breaches: open one (Open breach, or the "
                "Register) to act on it."
            )
        return "Select a breach in the register to act on it."

    def say(self, text: str, timeout: int = 0) -> None:
        if text:
            self.statusBar().showMessage(text, timeout)
        else:
            self.statusBar().clearMessage()

    def offer_new(self, enabled: bool, why_not: str) -> None:
        self.register_view.empty.new_button.setEnabled(enabled)
        self.register_view.empty.new_button.setToolTip(why_not)

    # the register -----------------------------------------------------------------------------

    def open_breach(self, reference: str) -> None:
        self.show_view("register")
        self.register_view.open_reference(reference)
        self.raise_()
        self.activateWindow()

    def _on_breach_shown(self, breach: Breach | None) -> None:
        self.commands.update_enabled()
        if breach is not None and self.backend.info is not None:
            self.settings.add_recent(self.backend.info.url, breach.reference)
            self.commands.rebuild_recent()
        if breach is not None:
            from breach_desk.services.audit import recheck_breach

            reference = breach.reference
            self.backend.call(
                lambda s: recheck_breach(s.register, reference),
                on_done=partial(self._on_rechecked, reference),
                on_error=lambda _exc: None,  # the breach is shown; a failed check says nothing
                owner=self,
            )

    def _on_rechecked(self, reference: str, differences: list[str]) -> None:
        """A stored assessment its facts do not give: say so, without stopping the work."""
        if not differences:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "The stored assessment differs from its facts",
            f"Recomputing {reference} from its stored facts does not give what is stored:\n\n"
            + "\n".join(differences)
            + "\n\nThe register was changed outside Breach Desk's method. Tell the IG team; "
            "'breach-desk audit recheck' lists every breach affected.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("recheck_warning")
        box.open()

    def _on_opened(self, info: RegisterInfo) -> None:
        settle()
        demo = "DEMO register · " if info.demo else ""
        who = info.who or info.user
        self.location.set_full_text(f"{demo}{info.engine_label} · {info.location} · {who}")
        self.location.setToolTip(f"{info.url}\n{_who_tip(info)}")
        self.setWindowTitle(window_title(info))
        self.refresh()
        self.commands.on_register_opened(info)
        if not self._offered_drafts:
            self._offered_drafts = True
            self.backend.call(lambda s: s.drafts.list(), on_done=self._offer_drafts, owner=self)

    def _offer_drafts(self, drafts: list[DraftInfo]) -> None:
        if drafts:
            QTimer.singleShot(0, lambda: self.commands.offer_drafts(drafts, recovering=True))

    def _on_open_failed(self, message: str) -> None:
        self.location.set_full_text(f"⚠ The register could not be opened: {message}")
        self.register_view.count_label.setText("The register could not be opened.")

    def _on_drafts(self, count: int) -> None:
        self.drafts.setText("" if not count else f"{count} draft{'s' if count != 1 else ''}")

    def _on_busy(self, busy: bool) -> None:
        self.busy.setText("Working…" if busy else "")

    # state ------------------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            # The first window fits the register's columns, on the screen it opens on.
            em = self.fontMetrics().averageCharWidth()
            wanted = QSize(
                self.register_view.wanted_width() + em * 26, self.fontMetrics().height() * 48
            )
            screen = self.screen()
            if screen is not None:
                wanted = wanted.boundedTo(screen.availableGeometry().size() * 0.96)
            self.resize(wanted)
        state = self.settings.state("main")
        if state is not None:
            self.restoreState(state)
        em = self.fontMetrics().averageCharWidth()
        self.splitter.setSizes([em * 22, max(em * 60, self.width() - em * 22)])
        for name, splitter in (
            ("mainSplitter", self.splitter),
            ("registerSplitter", self.register_view.splitter),
        ):
            saved = self.settings.state(name)
            if saved is not None:
                splitter.restoreState(saved)
        header = self.settings.state("registerHeader")
        if header is not None:
            self.register_view.table.horizontalHeader().restoreState(header)

    def save_ui_state(self) -> None:
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_state("main", self.saveState())
        self.settings.set_state("mainSplitter", self.splitter.saveState())
        self.settings.set_state("registerSplitter", self.register_view.splitter.saveState())
        self.settings.set_state(
            "registerHeader", self.register_view.table.horizontalHeader().saveState()
        )
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._was_shown:
            self._was_shown = True
            self.shown.emit()
            # Other packages' views are set up once this first frame is on screen.
            QTimer.singleShot(0, self.load_plugin_views)

    def closeEvent(self, event: QCloseEvent) -> None:
        for view in self.views.values():  # counts still running: nobody waits for them now
            latest = getattr(view, "latest", None)
            if latest is not None:
                latest.next()
        wizard = self.commands.wizard
        if wizard is not None and wizard.isVisible():
            wizard.save_draft()
        self.save_ui_state()
        from breach_desk.gui import evidence_copies

        evidence_copies.remove_all()  # the private copies opened in a viewer go with the app
        self.backend.close()
        event.accept()


def settle() -> None:
    """Let Python's collector pass over what is made once and kept (modules, the database layer,
    the views): a full collection otherwise walks all of it, and stops the window while it does
    (about 50 ms at a time over a large register)."""
    gc.freeze()


def window_title(info: RegisterInfo) -> str:
    """The register named once, then the program: 'demo register — Breach Desk'."""
    if info.demo:
        return "demo register — Breach Desk"
    return f"{info.location} — Breach Desk"


def _who_tip(info: RegisterInfo) -> str:
    if info.identity_problem:
        return f"Your role could not be read: {info.identity_problem}"
    where = (
        "the database decides what you may see and change"
        if info.enforced
        else "your role setting decides what this window offers (breach-desk user role)"
    )
    return f"{info.who}: {where}."
