"""Questions the tracking views ask. Each has a classmethod ``ask()`` that tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain.workflow import MAX_EVIDENCE_FILE_BYTES, MAX_EVIDENCE_FILES


class DoneDialog(QDialog):
    """Mark an action done: what was done (required), and files of evidence (optional)."""

    def __init__(self, parent: QWidget | None, what: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark done")
        intro = QLabel(
            f"<b>{_html(what)}</b><br>Say what was done: the IG team verifies against it. "
            f"Files (a letter, a screenshot) are kept in the register, up to "
            f"{MAX_EVIDENCE_FILE_BYTES // (1024 * 1024)} MB each."
        )
        intro.setWordWrap(True)
        self.evidence = QPlainTextEdit()
        self.evidence.setAccessibleName("Evidence")
        self.evidence.setTabChangesFocus(True)
        intro.setBuddy(self.evidence)
        self.files = QListWidget()
        self.files.setAccessibleName("Evidence files")
        add = QPushButton("&Add files…")
        remove = QPushButton("&Remove file")
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mark &done")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.evidence.textChanged.connect(self._update)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.evidence, 2)
        lay.addWidget(QLabel("Files of evidence:"))
        lay.addWidget(self.files, 1)
        lay.addLayout(row)
        lay.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 24)
        self._update()

    def _add(self) -> None:
        for path in OpenFiles.ask(self):
            if self.files.count() < MAX_EVIDENCE_FILES:
                self.files.addItem(path)

    def _remove(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.evidence.toPlainText().strip()))

    @classmethod
    def ask(cls, parent: QWidget | None, what: str) -> tuple[str, list[str]] | None:
        dialog = cls(parent, what)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        paths = [dialog.files.item(i).text() for i in range(dialog.files.count())]
        return dialog.evidence.toPlainText().strip(), paths


class OpenFiles:
    @classmethod
    def ask(cls, parent: QWidget | None) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, "Files of evidence")
        return list(paths)


class SaveFile:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), filters)
        return path or None


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
