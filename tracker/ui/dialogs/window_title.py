"""Dialogs wide enough for their own title.

A small dialog is as wide as its contents, and the window manager cuts a title that does
not fit its title bar ("Export st… s returns"). The title bar's font is the window
manager's, not Qt's: the width allows for it being bold and somewhat larger.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QWidget

# The title bar's icon and its close, minimise and maximise buttons, in pixels.
TITLE_BAR_BUTTONS = 160
TITLE_FONT_SCALE = 1.25


def title_width(widget: QWidget) -> int:
    """How wide ``widget`` must be for the title bar to show its whole title."""
    font = widget.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * TITLE_FONT_SCALE)
    return QFontMetrics(font).horizontalAdvance(widget.windowTitle()) + TITLE_BAR_BUTTONS


def fit_window_title(widget: QWidget, content: QWidget | None = None) -> None:
    """Make ``widget`` at least as wide as its title needs (call after setting it).

    Some dialogs (``QInputDialog``) size themselves from their layout whatever their
    minimum width says: pass the widget across the dialog's width as ``content``.
    """
    needed = title_width(widget)
    widget.setMinimumWidth(max(widget.minimumWidth(), needed))
    if content is not None:
        style = widget.style()
        margins = style.pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin) + style.pixelMetric(
            QStyle.PixelMetric.PM_LayoutRightMargin
        )
        content.setMinimumWidth(max(content.minimumWidth(), needed - margins))
