"""File ▸ Import breach log…: bring the organisation's old breach log in from the window.

Choose the file (and the sheet of a workbook); the header row is found; each column is shown
with its suggested field and a few sample values, and any can be changed; the preview lists
every row with its problems beside it; Import writes all of it or nothing. Reading and
checking run on the worker thread (``Backend.call``); the window never sees the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain.oldlog import FROM_OLD_LOG, LABELS, facts_like

if TYPE_CHECKING:
    from breach_desk.domain.register import Breach
    from breach_desk.gui.backend import Backend, Services
    from breach_desk.gui.desk import Desk
    from breach_desk.gui.wizard.state import FormState
    from breach_desk.services.oldlog import Outcome, Preview

CONFLICTS = (
    ("stop", "Stop: rows imported before are problems"),
    ("skip", "Skip rows imported before"),
    ("update", "Update rows imported before with what they hold"),
)


@dataclass(frozen=True, slots=True)
class Checked:
    preview: Preview
    outcome: Outcome


def _check(
    services: Services, path: str, sheet: str | None, mapping: dict[str, str], on_conflict: str
) -> Checked:
    """On the worker: read the file with the mapping and check it against the register."""
    from breach_desk.services.oldlog import OldLog

    log = OldLog(services.register)
    preview = log.read(path, sheet, mapping)
    return Checked(preview, log.check(preview, on_conflict))


def _import(services: Services, preview: Preview, on_conflict: str) -> Outcome:
    from breach_desk.services.oldlog import OldLog

    return OldLog(services.register).import_log(preview, on_conflict)


def _sheets(path: str) -> tuple[str, ...]:
    from breach_desk.services.oldlog_read import sheet_names

    return sheet_names(path)


class ImportLogDialog(QDialog):
    """The import of an old breach log, step by step in one window."""

    imported = Signal(object)
    """The Outcome, once the log is in the register."""

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setWindowTitle("Import breach log")
        self.setAccessibleName("Import breach log")
        self.resize(980, 680)
        self.checked: Checked | None = None
        self._mapping: dict[str, str] = {}

        self.path = QLineEdit(self)
        self.path.setAccessibleName("Breach log file")
        self.path.setPlaceholderText("An Excel workbook (.xlsx) or a CSV file")
        browse = QPushButton("&Choose file…", self)
        browse.clicked.connect(self.choose_file)
        self.path.returnPressed.connect(self.file_chosen)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)

        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName("Sheet")
        self.sheet.setEnabled(False)
        self.sheet.currentIndexChanged.connect(lambda _i: self.recheck(keep_mapping=False))
        self.conflict = QComboBox(self)
        self.conflict.setAccessibleName("Rows imported before")
        for key, words in CONFLICTS:
            self.conflict.addItem(words, key)
        self.conflict.currentIndexChanged.connect(lambda _i: self.recheck())

        form = QFormLayout()
        form.addRow("File:", file_row)
        form.addRow("&Sheet:", self.sheet)
        form.addRow("&Rows imported before:", self.conflict)

        self.header_label = QLabel("Choose the file of your breach log.", self)
        self.header_label.setWordWrap(True)

        self.columns = QTableWidget(0, 3, self)
        self.columns.setAccessibleName("Columns and their fields")
        self.columns.setHorizontalHeaderLabels(["Column in the log", "Field", "Sample values"])
        self.columns.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.columns.verticalHeader().setVisible(False)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.rows = QTableWidget(0, 4, self)
        self.rows.setAccessibleName("Preview of the rows")
        self.rows.setHorizontalHeaderLabels(["Row", "Title", "When", "Problems"])
        self.rows.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.rows.verticalHeader().setVisible(False)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.columns)
        split.addWidget(self.rows)

        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.header_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    # --- choosing ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose the breach log", "", "Breach logs (*.xlsx *.csv);;All files (*)"
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        self.path.setText(path)
        self.file_chosen()

    def file_chosen(self) -> None:
        path = self.path.text().strip()
        if not path:
            return
        self._mapping = {}
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.blockSignals(False)
        self.sheet.setEnabled(False)
        self.backend.call(
            lambda _s: _sheets(path), on_done=self._on_sheets, on_error=self._on_error, owner=self
        )

    def _on_sheets(self, names: tuple[str, ...]) -> None:
        self.sheet.blockSignals(True)
        for name in names:
            self.sheet.addItem(name, name)
        self.sheet.blockSignals(False)
        self.sheet.setEnabled(len(names) > 1)
        self.recheck(keep_mapping=False)

    def recheck(self, keep_mapping: bool = True) -> None:
        path = self.path.text().strip()
        if not path:
            return
        if not keep_mapping:
            self._mapping = {}
        sheet = self.sheet.currentData() if self.sheet.count() else None
        mapping = dict(self._mapping)
        mode = str(self.conflict.currentData())
        self.import_button.setEnabled(False)
        self.summary.setText("Reading the log…")
        self.backend.call(
            lambda s: _check(s, path, sheet, mapping, mode),
            on_done=self._on_checked,
            on_error=self._on_error,
            owner=self,
        )

    def _on_error(self, exc: BaseException) -> None:
        from breach_desk.gui.backend import describe_error

        self.checked = None
        self.import_button.setEnabled(False)
        self.columns.setRowCount(0)
        self.rows.setRowCount(0)
        self.summary.setText(f"The log cannot be imported: {describe_error(exc)}")

    # --- showing ----------------------------------------------------------------------------

    def _on_checked(self, checked: Checked) -> None:
        from breach_desk.services.oldlog_read import FIELD_NAMES

        self.checked = checked
        preview = checked.preview
        where = f', sheet "{preview.sheet}"' if preview.sheet else ""
        self.header_label.setText(
            f"The headers are on row {preview.header_row}{where}. Check the field of each "
            "column; change any that is wrong (or set it to ignore)."
        )
        self.columns.setRowCount(len(preview.columns))
        for index, column in enumerate(preview.columns):
            header = QTableWidgetItem(column.header)
            header.setFlags(header.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(index, 0, header)
            combo = QComboBox(self.columns)
            combo.setAccessibleName(f"Field of {column.header}")
            for name in FIELD_NAMES:
                combo.addItem(_field_words(name), name)
            combo.setCurrentIndex(FIELD_NAMES.index(column.field))
            combo.currentIndexChanged.connect(
                lambda _i, h=column.header, c=combo: self.change_field(h, str(c.currentData()))
            )
            self.columns.setCellWidget(index, 1, combo)
            samples = QTableWidgetItem("; ".join(column.samples))
            samples.setFlags(samples.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(index, 2, samples)
        self.columns.resizeColumnToContents(0)
        self.columns.setColumnWidth(1, 300)
        by_row: dict[int, list[str]] = {}
        for problem in preview.problems:
            by_row.setdefault(problem.row or 0, []).append(problem.beside_row())
        listed = sorted({r.row for r in preview.rows} | set(by_row))
        titles = {r.row: r for r in preview.rows}
        self.rows.setRowCount(len(listed))
        for index, number in enumerate(listed):
            row = titles.get(number)
            when = row.aware_date() if row is not None else None
            cells = [
                str(number),
                row.title() if row is not None else "",
                when.isoformat() if when is not None else "",
                "\n".join(by_row.get(number, [])),
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col == 3 and value:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.rows.setItem(index, col, item)
        self.rows.resizeColumnToContents(0)
        self.rows.setColumnWidth(1, 320)
        self.rows.resizeRowsToContents()
        self.summary.setText(_summary(checked))
        self.import_button.setEnabled(
            not preview.problems and bool(checked.outcome.added or checked.outcome.updated)
        )

    def change_field(self, header: str, name: str) -> None:
        self._mapping[header] = name
        self.recheck()

    def mapping(self) -> dict[str, str]:
        return self.checked.preview.mapping() if self.checked is not None else {}

    # --- importing --------------------------------------------------------------------------

    def do_import(self) -> None:
        checked = self.checked
        if checked is None or checked.preview.problems:
            return
        mode = str(self.conflict.currentData())
        self.import_button.setEnabled(False)
        self.summary.setText("Importing…")
        self.backend.call(
            lambda s: _import(s, checked.preview, mode),
            on_done=self._on_imported,
            on_error=self._on_import_failed,
            owner=self,
        )

    def _on_import_failed(self, exc: BaseException) -> None:
        from breach_desk.gui.backend import describe_error

        self.summary.setText(f"Nothing was imported: {describe_error(exc)}")
        self.recheck()

    def _on_imported(self, outcome: Outcome) -> None:
        parts = [f"Imported {len(outcome.added)} breach{'es' if len(outcome.added) != 1 else ''}"]
        if outcome.updated:
            parts.append(f"updated {len(outcome.updated)}")
        if outcome.skipped:
            parts.append(f"skipped {len(outcome.skipped)} imported before")
        said = ", ".join(parts) + f". They are in the register marked “{FROM_OLD_LOG}”."
        if outcome.resumed is not None:  # an import of this file cut short, taken up again
            from breach_desk.services.register import resumed_sentence

            name = Path(self.checked.preview.path).name if self.checked else "the log"
            said = f"{resumed_sentence(name, outcome.resumed)} {said}"
        self.summary.setText(said)
        self.import_button.setEnabled(False)
        self.imported.emit(outcome)


def _field_words(name: str) -> str:
    if name == "ignore":
        return "(ignore this column)"
    return f"{LABELS.get(name, name)} ({name})"


def _summary(checked: Checked) -> str:
    preview, outcome = checked.preview, checked.outcome
    parts = [f"Rows read: {preview.rows_read}", f"would import: {len(outcome.added)}"]
    if outcome.updated:
        parts.append(f"would update: {len(outcome.updated)}")
    if outcome.skipped:
        parts.append(f"skipped (imported before): {len(outcome.skipped)}")
    kinds = preview.problems_by_kind()
    if kinds:
        parts.append(
            "problems: "
            + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            + ". Nothing can be imported until every problem is put right in the file "
            "or the mapping."
        )
    else:
        parts.append("no problems")
    return "; ".join(parts) + ("" if kinds else ".")


def add_to_menu(desk: Desk, menu: QMenu, before: QAction) -> QAction:
    """File ▸ Import breach log…, placed in ``menu`` before ``before``."""
    action = QAction("&Import breach log…", desk.parent_widget())
    action.setStatusTip("Bring your organisation's old breach log (Excel or CSV) in as history")

    def open_dialog() -> None:
        dialog = ImportLogDialog(desk.backend, desk.parent_widget())
        dialog.imported.connect(lambda _o: desk.refresh())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    action.triggered.connect(open_dialog)
    menu.insertAction(before, action)
    return action


def old_log_html(breach: Breach) -> str:
    """The detail's words for a breach from the old log: where it came from, the decisions the
    log recorded (as recorded), and every field it holds."""
    from breach_desk.gui.html import esc, rows

    entry = breach.old_log
    if entry is None:
        return ""
    decisions = "".join(f"<li>{esc(d)}</li>" for d in entry.decisions())
    current = not breach.versions
    intro = (
        "History, as the log recorded it: no ICO clock and no recommendations. "
        "Reassess… to assess it in full."
        if current
        else "The line of the old log this breach was first recorded from."
    )
    return (
        f"<h3>{esc(FROM_OLD_LOG)}</h3>"
        f"<p>{esc(entry.origin)}; imported by {esc(entry.imported_by)} on "
        f"{esc(entry.imported_on)}.</p>"
        f"<p>{esc(intro)}</p>"
        + (f"<ul>{decisions}</ul>" if decisions else "")
        + rows(entry.lines())
    )


def wizard_facts(breach: Breach) -> FormState:
    """What the wizard starts from when a breach from the old log is assessed in full: only
    what the log said; everything else is left for the officer to answer."""
    from breach_desk.gui.wizard.state import FormState, london_minutes, recipient_row

    entry = breach.old_log
    assert entry is not None
    r = entry.record
    who = facts_like(r)
    state = FormState(
        reference=breach.reference,
        title=breach.title,
        aware=london_minutes(breach.facts.aware_at),
        people=[dict(p) for p in who["subjects"]["people"] if p],
        categories=list(r.get("data.categories") or []),
        recipients=[
            recipient_row({k: v for k, v in rec.items() if k != "kind"} | {"kind": "unknown"})
            for rec in who["recipients"]
        ],
    )
    if isinstance(r.get("subjects.count"), int):
        state.count = r["subjects.count"]
    for name in ("service", "description", "cause"):
        if r.get(name):
            setattr(state, name, r[name])
    if r.get("occurred_at"):
        state.set_occurred(str(r["occurred_at"]))
    if r.get("discovered_how"):
        state.discovered_how = r["discovered_how"]
    return state
