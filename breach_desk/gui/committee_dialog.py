"""Reports ▸ Committee report…: the breach report for a committee, for a period (issue 24).

The person picks the period (the last quarter, the last financial year April to March, or their
own dates), what to compare it with, and, if they wish, some services; then previews, prints or
saves it as PDF, or saves the figures behind it as a spreadsheet. The figures are counted and
the PDF laid out on the worker (``services/committee``, ``reports/committee``): the window never
waits on the database.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenuBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain.clock import today

if TYPE_CHECKING:
    from breach_desk.domain.committee import Compare, Period
    from breach_desk.gui.backend import Services
    from breach_desk.gui.desk import Desk
    from breach_desk.gui.printing import PreviewDialog

PRESETS = (
    ("quarter", "Last quarter"),
    ("year", "Last financial year (April to March)"),
    ("custom", "Dates of my own"),
)
COMPARE = (
    ("previous", "The period before"),
    ("year", "The same period a year earlier"),
    ("none", "No comparison"),
)
TITLE = "Committee report"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def make_report(
    services: Services,
    period: Period,
    compare: Compare | None,
    chosen: tuple[str, ...] | None,
    suppress: bool,
    organisation: str,
    want: str,
) -> tuple[str, bytes, str]:
    """On the worker: the figures, then the PDF or the spreadsheet. Returns (what, data,
    suggested file name)."""
    from breach_desk.domain.clock import now
    from breach_desk.gui.printing import report_settings
    from breach_desk.reports.committee import committee_xlsx, render_committee, short_period
    from breach_desk.services.committee import CommitteeRequest, committee_figures
    from breach_desk.services.register import with_audit_position

    request = CommitteeRequest(period, compare, chosen, suppress)
    settings = with_audit_position(report_settings(organisation), [services.register])
    figures = committee_figures(services.register, request, now())
    name = f"Breach report {short_period(period)}"
    if want == "xlsx":
        return want, committee_xlsx(figures, settings), f"{name}.xlsx"
    return want, render_committee(figures, settings), f"{name}.pdf"


class SaveSheet:
    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            parent, f"Save {suggested}", suggested, "Spreadsheets (*.xlsx)"
        )
        return path or None


class CommitteeDialog(QDialog):
    """The period, the comparison, the services; Preview, Print, Save PDF, Save spreadsheet."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.parent_widget())
        self.desk = desk
        self.backend = desk.backend
        self.preview: PreviewDialog | None = None
        self.setWindowTitle(TITLE)
        self.preset = QComboBox()
        for key, label in PRESETS:
            self.preset.addItem(label, key)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.compare = QComboBox()
        for key, label in COMPARE:
            self.compare.addItem(label, key)
        self.services = QListWidget()
        self.services.setAccessibleName("Services to include")
        self.services.setMaximumHeight(self.fontMetrics().height() * 8)
        self.small = QCheckBox("Show counts from 1 to 4 as 'fewer than 5' (for a public paper)")
        self.small.setChecked(True)
        self.small.setToolTip(
            "Counts that would let a hidden one be worked out by subtraction, from a total, "
            "another table or the comparison period, are 'not shown' too."
        )
        self.status = QLabel("")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Period:", self.preset)
        form.addRow("&From:", self.start)
        form.addRow("&To:", self.end)
        form.addRow("&Compare with:", self.compare)
        form.addRow(
            QLabel("Services (tick none for the whole organisation):"),
        )
        form.addRow(self.services)
        form.addRow(self.small)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons: dict[str, QPushButton] = {}
        for key, label in (
            ("preview", "Pre&view…"),
            ("print", "&Print…"),
            ("pdf", "&Save PDF…"),
            ("xlsx", "Save &spreadsheet…"),
        ):
            button = QPushButton(label)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(partial(self.make, key))
            self.buttons[key] = button
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.start.dateChanged.connect(self._check)
        self.end.dateChanged.connect(self._check)
        self._preset_changed()
        self._load_services()

    # choices ---------------------------------------------------------------------------------

    def _preset_changed(self, *_args: object) -> None:
        from breach_desk.domain.committee import last_financial_year, last_quarter

        key = self.preset.currentData()
        custom = key == "custom"
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if not custom:
            period = last_quarter(today()) if key == "quarter" else last_financial_year(today())
            self.start.setDate(_qdate(period.start))
            self.end.setDate(_qdate(period.end))
        self._check()

    def _load_services(self) -> None:
        info = self.backend.info
        scope = info.scope if info is not None else None

        def listed(found: list[str]) -> None:
            names = [s for s in found if scope is None or s in scope]
            self.services.clear()
            for name in names:
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.services.addItem(item)

        self.backend.call(lambda s: s.register.services(), on_done=listed, owner=self)

    def period(self) -> Period | None:
        from breach_desk.domain.committee import Period

        start, end = _date(self.start.date()), _date(self.end.date())
        return Period(start, end) if end >= start else None

    def chosen_services(self) -> tuple[str, ...] | None:
        ticked = tuple(
            self.services.item(i).text()
            for i in range(self.services.count())
            if self.services.item(i).checkState() == Qt.CheckState.Checked
        )
        if ticked:
            return ticked
        info = self.backend.info
        return info.scope if info is not None else None

    def _check(self, *_args: object) -> None:
        period = self.period()
        for button in self.buttons.values():
            button.setEnabled(period is not None)
        if period is None:
            self.status.setText("The period ends before it starts: change From or To.")
        else:
            self.status.setText(f"The breaches the organisation became aware of, {period.words()}.")

    # making it -------------------------------------------------------------------------------

    def make(self, want: str) -> None:
        from breach_desk.domain.committee import Compare

        period = self.period()
        if period is None:
            return
        key = self.compare.currentData()
        compare = None if key == "none" else Compare(key)
        organisation = self.desk.settings.text("organisation")
        self.status.setText("Counting the register and laying out the report…")
        for button in self.buttons.values():
            button.setEnabled(False)
        self.backend.call(
            partial(
                make_report,
                period=period,
                compare=compare,
                chosen=self.chosen_services(),
                suppress=self.small.isChecked(),
                organisation=organisation,
                want="xlsx" if want == "xlsx" else "pdf",
            ),
            on_done=partial(self._made, want),
            on_error=self._failed,
            owner=self,
        )

    def _made(self, want: str, result: tuple[str, bytes, str]) -> None:
        from breach_desk.gui.printing import PreviewDialog, SaveAs, print_pdf

        _kind, data, suggested = result
        self._check()
        if want == "preview":
            dialog = PreviewDialog(self, data, TITLE, suggested)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            dialog.show()
            self.preview = dialog
        elif want == "print":
            print_pdf(self, data, TITLE)
        else:
            path = (SaveSheet if want == "xlsx" else SaveAs).ask(self, suggested)
            if path:
                self._save(path, data)

    def _save(self, path: str, data: bytes) -> None:
        from breach_desk.gui.printing import write_file

        self.backend.call(
            lambda _s: write_file(path, data),
            on_done=lambda saved: self.status.setText(f"Saved {saved}"),
            on_error=self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException) -> None:
        from breach_desk.gui.backend import describe_error

        self._check()
        self.status.setText(f"The report could not be made: {describe_error(exc)}")


class CommitteeCommand(QObject):
    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.parent_widget())
        self.desk = desk
        self.dialog: CommitteeDialog | None = None
        self.action = QAction("&Committee report…", desk.parent_widget())
        self.action.setStatusTip(
            "The breaches of a quarter or a year in figures and pictures, for a committee"
        )
        self.action.setProperty("key", "committee")
        self.action.triggered.connect(self.open)

    def open(self) -> None:
        if self.dialog is None:
            self.dialog = CommitteeDialog(self.desk)
        self.dialog.show()
        self.dialog.raise_()


def install(desk: Desk, bar: QMenuBar) -> CommitteeCommand:
    """Reports ▸ Committee report… on the menu bar (the Reports menu made if need be)."""
    menu: Any = next(
        (a.menu() for a in bar.actions() if a.text().replace("&", "") == "Reports"), None
    )
    if menu is None:
        menu = bar.addMenu("Re&ports")
    command = CommitteeCommand(desk)
    menu.addAction(command.action)
    return command
