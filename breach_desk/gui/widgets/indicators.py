"""Check boxes that stay visible in a dark palette.

Fusion draws an unticked check box's frame a shade darker than the window: in a dark palette
that is about 1.2:1 against its background, so an unticked box all but disappears (WCAG 2.1
1.4.11 asks 3:1 for the parts of a control needed to see it). This style draws the frame again
in the palette's text colour when the palette is dark; in a light palette nothing changes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class VisibleIndicators(QProxyStyle):
    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _INDICATORS or not _dark(option.palette):
            return
        colour = QColor(option.palette.color(QPalette.ColorRole.Text))
        colour.setAlpha(220)
        rect = option.rect
        size = min(
            rect.width(),
            rect.height(),
            self.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, widget),
        )
        box = rect.adjusted(0, 0, 0, 0)
        box.setWidth(size)
        box.setHeight(size)
        box.moveCenter(rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(colour, 1))
        painter.drawRect(box.adjusted(0, 0, -1, -1))
        painter.restore()


def install(app: object) -> None:
    """Use the visible indicators application-wide (once)."""
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication) and not app.property("visibleIndicators"):
        app.setStyle(VisibleIndicators())
        app.setProperty("visibleIndicators", True)
