"""Badges: a cell or a label whose colour repeats what its words say.

The words are always there ("VERY HIGH", "late by 2 d"): colour is a second channel, never the
only one.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from breach_desk.gui import style
from breach_desk.gui.register.model import BadgeRole


class BadgeDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        kind = index.data(BadgeRole)
        if not kind:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        st = widget.style() if widget is not None else None
        if st is not None:
            st.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        accent = style.accent(str(kind), option.palette)
        font = QFont(opt.font)
        font.setBold(True)
        fm = QFontMetrics(font)  # measured in the bold it is drawn in: never clipped at both ends
        pad = max(3, fm.height() // 5)
        width = min(fm.horizontalAdvance(text) + 4 * pad, opt.rect.width() - 2 * pad)
        rect = QRectF(
            opt.rect.x() + pad, opt.rect.y() + pad / 1.5, width, opt.rect.height() - pad * 1.3
        )
        if index.data(Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter):
            rect.moveLeft(opt.rect.x() + (opt.rect.width() - width) / 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent.background)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(accent.text)
        painter.setFont(font)
        elided = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width() - 2 * pad))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()


class Badge(QLabel):
    """A label with an accent: ``set_badge("very_high", "VERY HIGH")``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = "neutral"

    def set_badge(self, kind: str | None, text: str) -> None:
        self._kind = kind or "neutral"
        self.setText(text)
        self.setStyleSheet(style.badge_css(self._kind, self.palette()) if kind else "")
        self.setAccessibleName(text)
