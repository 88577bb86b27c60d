"""Modal questions. Each has a classmethod ``ask()`` that tests replace (pytest-qt's advice), so
no test ever blocks on a modal loop."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain.clock import LONDON, english
from breach_desk.domain.reasons import reason_problem
from breach_desk.gui.style import error_css

if TYPE_CHECKING:
    from breach_desk.domain.register import DraftInfo


class ReasonDialog(QDialog):
    """Ask for a reason that will be printed in the record."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.edit = QLineEdit(text)
        self.edit.setAccessibleName("Reason")
        label.setBuddy(self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._update)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet(error_css(self.palette()))
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.edit)
        lay.addWidget(self.problem)
        lay.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        why = reason_problem(self.edit.text())
        ok.setEnabled(why is None)
        # 'Give a reason' is plain from the empty box; a stray letter is said beside it.
        shown = why if why is not None and self.edit.text().strip() else ""
        self.problem.setText(f"⚠ {shown}" if shown else "")
        self.problem.setVisible(bool(shown))

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, text: str = "") -> str | None:
        dialog = cls(parent, title, prompt, text)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.edit.text().strip()
        return None


class LetterDialog(QDialog):
    """The letter to the affected person, prefilled with the default text, for the officer to
    edit before it is previewed, saved or printed."""

    def __init__(self, parent: QWidget | None, reference: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Letter to the person: {reference}")
        self._default = text
        intro = QLabel(
            "Edit the &letter before it is printed: put in the name and contact details, and say "
            "it in your own words. A blank line starts a new paragraph; a short first line "
            "becomes its heading. It is printed exactly as written, on your organisation's page."
        )
        intro.setWordWrap(True)
        self.edit = QPlainTextEdit(text)
        self.edit.setAccessibleName("Letter text")
        self.edit.setTabChangesFocus(True)
        intro.setBuddy(self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Preview…")
        reset = QPushButton("&Start again from the draft")
        reset.setToolTip("Replace your edits with the text Breach Desk wrote")
        self.buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        reset.clicked.connect(self.reset)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._update)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 42)
        self._update()

    def text(self) -> str:
        return self.edit.toPlainText()

    def reset(self) -> None:
        self.edit.setPlainText(self._default)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text().strip()))

    @classmethod
    def ask(cls, parent: QWidget | None, reference: str, text: str) -> str | None:
        """The letter as edited, or None when the officer cancelled."""
        dialog = cls(parent, reference, text)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.text()
        return None


class KeepOrDiscard:
    """Cancel in the wizard: keep the draft for later, discard it, or go back to it."""

    KEEP = "keep"
    DISCARD = "discard"

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Close the assessment")
        box.setText("Keep this assessment as a draft to finish later, or discard it?")
        box.setInformativeText(
            "A kept draft is offered again from File ▸ Drafts and the next time Breach Desk "
            "starts. Nothing is added to the register until you finalise."
        )
        keep = box.addButton("&Keep draft", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton("&Go back", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep:
            return cls.KEEP
        if clicked is discard:
            return cls.DISCARD
        return None


def draft_words(d: DraftInfo) -> str:
    """'Laptop left on a train — saved 29 Nov 2026 13:15, at Data'."""
    from breach_desk.domain.vocabulary import DRAFT_AT_PAGE
    from breach_desk.gui.wizard.state import PAGE_TITLES, Page

    when = english(d.updated_at.astimezone(LONDON), "%d %b %Y %H:%M")
    what = f" (reassessing {d.reference_being_reassessed})" if d.reference_being_reassessed else ""
    page = ""
    if d.page is not None and 0 <= d.page < len(Page):
        page = ", " + DRAFT_AT_PAGE.format(page=PAGE_TITLES[Page(d.page)])
    return f"{d.title or '(untitled)'}{what} — saved {when}{page}"


class DraftChooser(QDialog):
    """Offer drafts back (after a crash, or from File ▸ Drafts)."""

    def __init__(self, parent: QWidget | None, drafts: list[DraftInfo], recovering: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover a draft" if recovering else "Drafts")
        intro = QLabel(
            "Breach Desk was closed while an assessment was being entered. Everything typed "
            "was saved as a draft: open it to carry on."
            if recovering
            else "Assessments started and not yet finalised."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Drafts")
        for d in drafts:
            item = QListWidgetItem(draft_words(d))
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setToolTip(item.text())
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        intro.setBuddy(self.list)
        self.buttons = QDialogButtonBox()
        open_button = QPushButton("&Open draft")
        self.buttons.addButton(open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(
            "&Later" if recovering else "&Close", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.list)
        lay.addWidget(self.buttons)
        # Wide enough for every draft's line (title, when saved, the page), within the screen.
        fm = self.list.fontMetrics()
        em = fm.averageCharWidth()
        widest = max((fm.horizontalAdvance(draft_words(d)) for d in drafts), default=0)
        margins = lay.contentsMargins()
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        chrome = margins.left() + margins.right() + 2 * self.list.frameWidth() + scrollbar
        width = max(em * 70, widest + chrome + em * 4)
        screen = self.screen().availableGeometry().width() if self.screen() else width
        self.resize(min(width, int(screen * 0.9)), self.sizeHint().height())

    @classmethod
    def ask(
        cls, parent: QWidget | None, drafts: list[DraftInfo], recovering: bool = True
    ) -> int | None:
        dialog = cls(parent, drafts, recovering)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.list.currentItem():
            return int(dialog.list.currentItem().data(Qt.ItemDataRole.UserRole))
        return None


class Notice:
    """A message that needs acknowledging (a failed save)."""

    @classmethod
    def tell(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def confirm(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes
