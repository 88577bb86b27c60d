"""A date (and time) typed as written, with what was understood said in words beside it.

The officer types 15/03/2021, 15 Mar 2021 10:00, yesterday 14:30 or, where allowed, June 2022;
beside the field: "Monday 15 March 2021, 10:00 GMT", or the reason it cannot be taken
("31 November 2021 does not exist: November has 30 days"). The text typed is never rewritten
into another date: what is kept is exactly what the words beside it say. The reading is
``domain.dates``, shared with the command line.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import (
    Property,
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from breach_desk.domain.dates import (
    DateProblem,
    Precision,
    Understood,
    read_date,
    understood_from_iso,
)
from breach_desk.gui import style

_TYPED_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def typed_form(understood: Understood) -> str:
    """How a stored date is shown for editing: '15 Mar 2021 10:00', 'Jun 2022', '2022'."""
    if understood.precision is Precision.YEAR:
        return str(understood.year)
    month = _TYPED_MONTHS[understood.month - 1]
    if understood.precision is Precision.MONTH:
        return f"{month} {understood.year}"
    day = f"{understood.day} {month} {understood.year}"
    if understood.precision is Precision.DAY:
        return day
    text = f"{day} {understood.hour:02d}:{understood.minute:02d}"
    if understood.fold:
        text += " GMT"
    return text


class DateField(QWidget):
    """A line to type a date in, and the words that say what it means (or why not).

    ``with_time``: a time of day is required; ``time_allowed``: a time of day may follow the
    day; ``partial``: a month or a year alone is allowed; ``optional``: an empty field is
    allowed (and means 'not given')."""

    changed = Signal()
    """The text was edited (whether or not it reads as a date)."""
    isoChanged = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        with_time: bool = False,
        partial: bool = False,
        optional: bool = False,
    ) -> None:
        super().__init__(parent)
        self._with_time = with_time
        self._time_allowed = False
        self._partial = partial
        self._optional = optional
        self._understood: Understood | None = None
        self._problem = ""
        self._iso = ""
        self.edit = QLineEdit(self)
        self.edit.setObjectName("dateText")
        self.said = QLabel(self)
        self.said.setObjectName("dateWords")
        self.said.setWordWrap(True)
        self.said.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.said.setAccessibleName("Date understood as")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.said, 1)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(self.edit.focusPolicy())  # a label's mnemonic reaches it
        self.edit.textChanged.connect(self._typed)
        self._configure()

    # Designer's custom-widget constructor takes only a parent: the kind is set afterwards.
    def configure(
        self,
        *,
        with_time: bool = False,
        time_allowed: bool = False,
        partial: bool = False,
        optional: bool = False,
    ) -> None:
        self._with_time, self._partial, self._optional = with_time, partial, optional
        self._time_allowed = time_allowed
        self._configure()
        self._typed(self.edit.text())

    def _configure(self) -> None:
        if self._with_time:
            example = "e.g. 15/03/2021 10:00"
            more = "15 Mar 2021 10:00, yesterday 14:30"
        elif self._partial:
            example = "e.g. 15/03/2021 or June 2022"
            more = "15 Mar 2021, June 2022, 2022; empty if not known"
            if self._time_allowed:
                more = "15 Mar 2021, 15 Mar 2021 10:00, June 2022, 2022; empty if not known"
        else:
            example = "e.g. 15/03/2021"
            more = "15 Mar 2021, today"
        self.edit.setPlaceholderText(example)
        # The form names the field (Designer sets the name and tip on the whole widget).
        self.edit.setAccessibleName(self.accessibleName() or "Date")
        self.edit.setToolTip(self.toolTip())
        width = self.edit.fontMetrics().horizontalAdvance("Wednesday 30 Sep 2026 23:59 ")
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width * 3 // 2)
        self.edit.setAccessibleDescription(
            f"Type the date as you would write it, day first: {example.removeprefix('e.g. ')}, "
            f"{more}"
        )

    def _typed(self, text: str) -> None:
        understood: Understood | None = None
        problem = ""
        if text.strip():
            try:
                understood = read_date(
                    text,
                    with_time=self._with_time,
                    time_allowed=self._time_allowed,
                    partial=self._partial,
                )
            except DateProblem as exc:
                problem = str(exc)
        elif not self._optional:
            problem = ""  # 'Required' is the form's to say, once the field is touched
        self._understood, self._problem = understood, problem
        if understood is not None:
            self.said.setText(understood.words)
            self.said.setStyleSheet("")
        elif problem:
            self.said.setText("⚠ " + problem)
            self.said.setStyleSheet(style.error_css(self.palette()))
        else:
            self.said.setText("Not known" if self._optional else "")
            self.said.setStyleSheet("")
        iso = understood.iso if understood is not None else ""
        moved = iso != self._iso
        self._iso = iso
        self.changed.emit()
        if moved:
            self.isoChanged.emit(iso)

    # reading ----------------------------------------------------------------------------------

    def understood(self) -> Understood | None:
        return self._understood

    def problem(self) -> str:
        """Why the text typed cannot be taken ('' when it can, or when nothing is typed)."""
        return self._problem

    def acceptable(self) -> bool:
        """Nothing refused: empty, or a date that exists. (Whether empty is allowed is the
        form's rule, said beside the field.)"""
        return not self._problem

    def text(self) -> str:
        return self.edit.text()

    def get_iso(self) -> str:
        return self._iso

    def set_iso(self, iso: str) -> None:
        """Show a stored date ('2022', '2022-06', '2022-06-14', '2022-06-14T10:00')."""
        understood = understood_from_iso(iso) if iso else None
        self.edit.setText(typed_form(understood) if understood is not None else "")

    iso = Property(str, get_iso, set_iso, notify=isoChanged)

    def set_moment(self, moment: datetime) -> None:
        self.set_iso(moment.strftime("%Y-%m-%dT%H:%M"))

    def set_date(self, day: date) -> None:
        self.set_iso(day.isoformat())

    def date(self) -> date | None:
        return self._understood.date if self._understood is not None else None

    def moment(self) -> datetime | None:
        """The London moment typed (a date alone: its midnight)."""
        return self._understood.moment if self._understood is not None else None


class DateDelegate(QStyledItemDelegate):
    """A table cell's date typed as written (a due date): the cell keeps it exactly, or keeps
    what it had and ``refused`` says why (the page shows it beside the table)."""

    refused = Signal(str)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        edit = QLineEdit(parent)
        edit.setPlaceholderText("e.g. 30/09/2026")
        edit.setAccessibleName("Due date")
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        day = value.toPython() if isinstance(value, QDate) else value
        if isinstance(day, date):
            editor.setText(typed_form(Understood(Precision.DAY, day.year, day.month, day.day)))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QLineEdit)
        try:
            understood = read_date(editor.text())
        except DateProblem as exc:
            self.refused.emit(f"Due date not changed: {exc}")
            return
        self.refused.emit("")
        model.setData(index, understood.date, Qt.ItemDataRole.EditRole)
