"""The plain facts' widgets, bound from their declarations (``domain/facts.py``).

A plain fact (a yes or no, a choice, a number, a text, a list of choices: ``state.SIMPLE``) is
entered in the widget its declaration names, on its declared page. The page finds it by that
objectName and binds it by its kind: a check box holds a yes or no, a combo box a choice (its
items' data are the values; an editable one, text), a spin box a number (below zero: not known,
where the fact may be unknown), a line or a text box text, a check list a list of choices. So a
new yes/no or choice fact costs its declaration and its widget in the form; nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from breach_desk.domain import vocabulary as words
from breach_desk.domain.declared import Declared, declared_fields, is_enum, item_type
from breach_desk.domain.facts import Facts
from breach_desk.gui.widgets.checklist import CheckList
from breach_desk.gui.wizard.state import SIMPLE, FormState, Page, blank_answer, page_named


@dataclass(frozen=True, slots=True)
class Binding:
    """One plain fact and the widget that edits it."""

    declared: Declared
    widget: QWidget
    changed: SignalInstance
    get: Callable[[], Any]
    put: Callable[[Any], None]

    @property
    def path(self) -> str:
        return self.declared.path


def on_page(page_id: Page) -> list[Declared]:
    """The plain facts entered on a page, each with the widget its declaration names."""
    return [
        d
        for d in SIMPLE
        if d.fact.widget is not None and d.page is not None and page_named(d.page) == page_id
    ]


def fill(combo: QComboBox, choices: tuple[words.Choice, ...]) -> None:
    combo.clear()
    for c in choices:
        combo.addItem(c.label, c.value)
        if c.tip:
            combo.setItemData(combo.count() - 1, c.tip, Qt.ItemDataRole.ToolTipRole)


def _combo(d: Declared, box: QComboBox) -> tuple[Callable[[], Any], Callable[[Any], None]]:
    if box.isEditable():
        return box.currentText, box.setEditText
    if box.count() == 0 and is_enum(d.kind):
        fill(box, words.choices_of(d.kind))

    def get() -> str:
        value = box.currentData() if box.currentIndex() >= 0 else None
        return str(value) if value is not None else ""

    def put(value: Any) -> None:
        box.setCurrentIndex(box.findData(value) if value or box.findData("") >= 0 else -1)

    return get, put


def _spin(d: Declared, spin: QSpinBox | QDoubleSpinBox) -> tuple[Any, Any]:
    unknown = d.optional and spin.minimum() < 0
    number: Callable[[Any], Any] = int if isinstance(spin, QSpinBox) else float

    def get() -> Any:
        value = spin.value()
        return None if unknown and value < 0 else number(value)

    def put(value: Any) -> None:
        spin.setValue(number(-1) if value is None else value)

    return get, put


_DECLARED: Final = {d.path: d for d in declared_fields(Facts)}
W = TypeVar("W", bound=QWidget)


def declared_widget(page: QWidget, path: str, kind: type[W]) -> W:
    """The widget that edits the fact at ``path`` on ``page``, found by the objectName its
    declaration gives (a fact entered by hand: a date, a table, a part of several answers)."""
    name = _DECLARED[path].fact.widget
    widget = page.findChild(kind, name) if name else None
    if widget is None:
        raise LookupError(f"no {kind.__name__} {name!r} for {path} on its page")
    return widget


def bind(page: QWidget, d: Declared) -> Binding:
    """The widget named by ``d``'s declaration on ``page``, bound by its kind."""
    assert d.fact.widget is not None
    widget = page.findChild(QWidget, d.fact.widget)
    if widget is None:
        raise LookupError(f"no widget {d.fact.widget!r} for {d.path} on its page")
    if isinstance(widget, QCheckBox):
        return Binding(d, widget, widget.toggled, widget.isChecked, widget.setChecked)
    if isinstance(widget, CheckList):
        inner = item_type(d.kind)
        if widget.count() == 0 and inner is not None and is_enum(inner):
            widget.set_choices(words.choices_of(inner))
        return Binding(
            d, widget, widget.valuesChanged, widget.get_values, lambda v: widget.set_values(list(v))
        )
    if isinstance(widget, QComboBox):
        get, put = _combo(d, widget)
        return Binding(d, widget, widget.currentTextChanged, get, put)
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        get, put = _spin(d, widget)
        return Binding(d, widget, widget.valueChanged, get, put)
    if isinstance(widget, QLineEdit):
        return Binding(d, widget, widget.textChanged, widget.text, widget.setText)
    if isinstance(widget, QPlainTextEdit):
        return Binding(d, widget, widget.textChanged, widget.toPlainText, widget.setPlainText)
    raise TypeError(f"{d.path}: no binding for a {type(widget).__name__} ({d.fact.widget})")


class Bound:
    """A page whose plain facts are bound from their declarations: each widget, when edited,
    updates the live result (its problems shown once touched), and is read into and written
    from the answer that holds its fact."""

    bindings: list[Binding]

    def bind_facts(self: Any) -> None:
        self.bindings = [bind(self, d) for d in on_page(self.page_id)]
        for b in self.bindings:
            if not (b.declared.required and b.declared.kind in (int, float)):
                b.put(blank_answer(b.declared))  # as the declaration's default says
            self.watch(b.changed, b.path)

    def binding(self, path: str) -> Binding:
        return next(b for b in self.bindings if b.path == path)

    def read_facts(self, state: FormState) -> None:
        for b in self.bindings:
            state.set_answer(b.path, b.get())

    def write_facts(self, state: FormState) -> None:
        for b in self.bindings:
            b.put(state.answer(b.path))
