"""What every wizard page shares: its Designer form in a scroll area, a slot for the live panel,
and problems shown beside the fields they name.

A problem for a field the officer has not touched yet ("Required.") waits in the line at the
bottom of the page; once the field is touched, or Next is tried, it moves beside the field. Next
stays disabled while this page, or an earlier one, has a problem.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from breach_desk.facts_io import Problem
from breach_desk.gui import style
from breach_desk.gui.widgets.date_field import DateField
from breach_desk.gui.wizard.checks import Outcome, in_words
from breach_desk.gui.wizard.state import PAGE_TITLES, FormState, Page, page_of

if TYPE_CHECKING:
    from breach_desk.domain.assessment import RepeatMatch
    from breach_desk.domain.notification import IcoReport
    from breach_desk.gui.backend import Backend


class Host(Protocol):
    """What a page may ask of its wizard."""

    backend: Backend
    outcome: Outcome
    reassessing: str | None
    ico_report: IcoReport | None
    """The breach's recorded report to the ICO, when reassessing one."""
    matches: list[RepeatMatch]
    """Earlier breaches with the same people or recipients (from the register)."""
    restoring: bool
    """A resumed draft is being walked to its page: Next touches nothing."""

    def go_to(self, page: Page) -> None: ...
    def open_breach(self, reference: str) -> None: ...
    def preview_report(self) -> None: ...
    def state(self) -> FormState: ...


class Form(Protocol):
    """A page's Designer form (``generated/ui_*.py``), as every page uses it."""

    pageProblems: QLabel

    def setupUi(self, page: QWidget) -> None: ...


FormT = TypeVar("FormT", bound=Form, covariant=True)


class BasePage(QWizardPage, Generic[FormT]):
    page_id: Page = Page.BASICS
    subtitle = ""
    growers: tuple[str, ...] = ()
    """Object names of the lists, tables and texts that take the spare height."""
    changed = Signal()

    def __init__(self, form: Callable[[], FormT], host: Host) -> None:
        super().__init__()
        self.host = host
        self.ui: FormT = form()
        self.content = QWidget()
        self.content.setObjectName(f"{self.page_id.name.lower()}Content")
        self.ui.setupUi(self.content)
        outer = self.content.layout()
        if isinstance(outer, QBoxLayout):
            self._grow(outer)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        # Never clipped: a page too wide for a small window scrolls instead.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Not a stop of its own: Tab, and a page opened, go straight to the first field.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(self.content)
        self.panel_slot = QVBoxLayout()
        self.panel_slot.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(self.panel_slot)
        self.setTitle(PAGE_TITLES[self.page_id])
        if self.subtitle:
            self.setSubTitle(self.subtitle)
        self._labels: list[tuple[str, QLabel]] = []
        self._touched: set[str] = set()
        self._blocking: list[Problem] = []
        self.problems_line: QLabel = self.ui.pageProblems
        self.problems_line.setAccessibleName("What is still needed on this page")
        for label in self.content.findChildren(QLabel):
            name = label.objectName()
            if name.endswith(("Error", "Matches", "Problems")) or name == "removedLabel":
                # Word-wrapped labels take the whole width of their column, not a sliver.
                label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            if name.endswith("Error"):
                label.hide()
                label.setAccessibleName("Problem")
        # A date that cannot be taken (unreadable, or one that does not exist) says why beside
        # its field and keeps Next disabled, whatever the rest of the form says.
        self._dates = self.content.findChildren(DateField)
        self._date_paths: dict[str, DateField] = {}
        for date_field in self._dates:
            date_field.changed.connect(self.completeChanged.emit)

    def _grow(self, outer: QBoxLayout) -> None:
        """Spare height goes to the page's lists, tables and texts (``growers``), so more of
        them shows in a bigger window; a page without any keeps its rows together at the top."""
        growers = [
            w
            for name in self.growers
            if isinstance(w := self.content.findChild(QWidget, name), QWidget)
        ]
        if not growers:
            outer.addStretch(1)
            return
        for widget in growers:
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            for i in range(outer.count()):
                item = outer.itemAt(i)
                inner = item.layout() if item is not None else None
                if item is not None and (
                    item.widget() is widget or (inner is not None and _holds(inner, widget))
                ):
                    outer.setStretch(i, 1)

    # wiring -----------------------------------------------------------------------------------

    def errors_at(self, path: str, label: QLabel) -> None:
        """Problems whose path starts with ``path`` are shown in ``label`` (first match wins)."""
        self._labels.append((path, label))

    def dates_at(self, path: str, field: DateField) -> None:
        """While ``field`` says why its text cannot be taken, the form's own problem for
        ``path`` ('Required.') is not said again beside it."""
        self._date_paths[path] = field

    def watch(self, signal: SignalInstance, path: str) -> None:
        signal.connect(partial(self._edited, path))

    def _edited(self, path: str, *_args: object) -> None:
        self._touched.add(path)
        self.changed.emit()

    def touch_all(self) -> None:
        self._touched.add("")

    def forget_touches(self) -> None:
        """Answers filled in by the app (a draft, a reassessment) are not the officer's edits."""
        self._touched.clear()

    # state ------------------------------------------------------------------------------------

    def read(self, state: FormState) -> None:
        """Copy this page's answers into ``state``."""

    def write(self, state: FormState) -> None:
        """Show ``state`` in this page's widgets (restoring a draft, reassessing)."""

    def refresh(self, outcome: Outcome) -> None:
        """Update what the page shows from the latest outcome (read-outs, matches)."""

    # problems ---------------------------------------------------------------------------------

    def _label_for(self, path: str) -> QLabel | None:
        for prefix, label in self._labels:
            if path == prefix or path.startswith((prefix + ".", prefix + "[")) or prefix == "*":
                return label
        return None

    def _is_touched(self, path: str) -> bool:
        return "" in self._touched or any(
            path == t or path.startswith((t + ".", t + "[")) for t in self._touched
        )

    def show_problems(self, outcome: Outcome) -> None:
        mine = outcome.for_page(self.page_id)
        earlier = [p for p in outcome.problems if page_of(p.path) < self.page_id]
        beside: dict[int, list[str]] = {}
        labels: dict[int, QLabel] = {}
        waiting: list[str] = []
        for problem in mine:
            said = self._date_paths.get(problem.path)
            if said is not None and said.problem():
                continue  # the field says why beside itself; Next stays disabled
            text = _prefixed(problem)
            label = self._label_for(problem.path)
            if label is not None and self._is_touched(problem.path):
                beside.setdefault(id(label), []).append(text)
                labels[id(label)] = label
            else:
                waiting.append(text)
        css = style.error_css(self.palette())
        for _prefix, label in self._labels:
            texts = beside.get(id(label))
            label.setVisible(bool(texts))
            if texts:
                label.setText("⚠ " + " ".join(dict.fromkeys(texts)))
                label.setStyleSheet(css)
        for problem in earlier:
            waiting.append(
                f"{in_words(problem)} (on the {PAGE_TITLES[page_of(problem.path)]} page)"
            )
        if waiting:
            self.problems_line.setText("To go on: " + " ".join(dict.fromkeys(waiting)))
        else:
            self.problems_line.setText("")
        self.problems_line.setVisible(bool(waiting))
        blocking = mine + earlier
        if blocking != self._blocking:
            self._blocking = blocking
            self.completeChanged.emit()

    def own_problem(self) -> str:
        """A problem the page finds itself (beyond the answers' checks), shown beside its
        field by the page; Next stays disabled while there is one."""
        return ""

    def isComplete(self) -> bool:
        return (
            not self._blocking
            and not self.own_problem()
            and all(f.acceptable() for f in self._dates if f.isEnabledTo(self))
        )

    def validatePage(self) -> bool:
        if self.host.restoring:
            return self.isComplete()
        self.touch_all()
        self.show_problems(self.host.outcome)
        return self.isComplete()

    def set_panel(self, panel: QWidget) -> None:
        self.panel_slot.addWidget(panel)

    def focus_first(self) -> None:
        """Put the focus in the page's first field (a new wizard, a page opened)."""
        widget: QWidget = self.content
        for _ in range(500):
            found = widget.nextInFocusChain()
            if found is None or found is self.content:
                return
            widget = found
            if widget is self.content:
                return
            if (
                self.content.isAncestorOf(widget)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return


def _prefixed(problem: Problem) -> str:
    text = in_words(problem)
    path = problem.path
    if path.startswith(("recipients[", "subjects.people[")):
        number = int(path.split("[", 1)[1].split("]", 1)[0]) + 1
        what = "Recipient" if path.startswith("recipients") else "Person"
        field = path.split("].", 1)[1].replace("_", " ") if "]." in path else ""
        return f"{what} {number}{' ' + field if field else ''}: {text}"
    return text


def _holds(layout: QLayout, widget: QWidget) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is widget:
            return True
        inner = item.layout()
        if inner is not None and _holds(inner, widget):
            return True
    return False
