"""Paints the RAG column as a coloured chip with its letter: never colour alone.

The chip's letter (R, A, G) is drawn in a colour chosen for contrast; the cell's tooltip
and accessible text give the word ("Red"). Unrated actions show an outlined dash. Chips
are drawn once per size and reused: this delegate paints every visible row.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tracker.ui.widgets.palette import RAG_COLOURS, RAG_TEXT_COLOURS

CHIP_WIDTH = 26
CHIP_HEIGHT = 17


@cache
def chip_pixmap(rag: str | None, ratio: float) -> QPixmap:
    """The chip for a rating ("R", "A", "G" or None), at a device pixel ratio."""
    pixmap = QPixmap(round(CHIP_WIDTH * ratio), round(CHIP_HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(QApplication.font())
    font.setBold(True)
    painter.setFont(font)
    rect = QRectF(0.5, 0.5, CHIP_WIDTH - 1, CHIP_HEIGHT - 1)
    if rag in RAG_COLOURS:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(RAG_COLOURS[rag]))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor(RAG_TEXT_COLOURS[rag]))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, rag)
    else:
        painter.setPen(QPen(QColor("#9e9e9e"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("#616161"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "–")
    painter.end()
    return pixmap


class RagDelegate(QStyledItemDelegate):
    """Draws ``index.data(rag_role)`` ("R"/"A"/"G"/None) as a chip on action rows."""

    def __init__(self, rag_role: int, background_role: int, parent: object | None = None) -> None:
        super().__init__(parent)
        self._role = rag_role
        self._background = background_role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        if not option.state & QStyle.StateFlag.State_Selected:
            background = index.data(self._background)
            if background is not None:
                painter.fillRect(option.rect, background)
        # The selection and focus look as in every other cell.
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        if not index.flags() & Qt.ItemFlag.ItemNeverHasChildren:
            return  # areas and groups have no rating
        pixmap = chip_pixmap(index.data(self._role), painter.device().devicePixelRatioF())
        rect = option.rect
        x = rect.x() + (rect.width() - CHIP_WIDTH) // 2
        y = rect.y() + (rect.height() - CHIP_HEIGHT) // 2
        painter.drawPixmap(x, y, pixmap)
