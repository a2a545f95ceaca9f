"""The few colours and marker icons the window uses, drawn once and shared.

Markers never rely on colour alone: the overdue marker is a round badge with "!", the
review marker a flag, and each comes with a tooltip and accessible text in the model.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

# "B", Blue: complete and verified by the programme office (BRAG).
RAG_COLOURS = {"R": "#c62828", "A": "#ef8f00", "G": "#2e7d32", "B": "#1565c0"}
RAG_TEXT_COLOURS = {"R": "#ffffff", "A": "#000000", "G": "#ffffff", "B": "#ffffff"}
OVERDUE_TEXT = "#9b1c1c"
OVERDUE_BACKGROUND = "#fde8e8"
REVIEW_BACKGROUND = "#fff4d6"
REVIEW_MARK = "#b26a00"


@cache
def brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


@cache
def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@cache
def italic_font() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


def _canvas(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


@cache
def overdue_icon() -> QIcon:
    """A red round badge with an exclamation mark."""
    size = 32
    pixmap = _canvas(size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(OVERDUE_TEXT))
    painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    painter.setPen(QPen(QColor("white"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(16, 8), QPointF(16, 18))
    painter.drawPoint(QPointF(16, 24))
    painter.end()
    return QIcon(pixmap)


@cache
def review_icon() -> QIcon:
    """An amber flag on a pole."""
    size = 32
    pixmap = _canvas(size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#5d4037"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(8, 4), QPointF(8, 29))
    flag = QPainterPath()
    flag.moveTo(9, 5)
    flag.lineTo(27, 10)
    flag.lineTo(9, 17)
    flag.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillPath(flag, QColor(REVIEW_MARK))
    painter.end()
    return QIcon(pixmap)


@cache
def calendar_icon() -> QIcon:
    """A page of a wall calendar: the button that opens a date field's calendar."""
    size = 32
    pixmap = _canvas(size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#37474f"), 2))
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(QRectF(4, 6, 24, 22), 3, 3)
    painter.fillRect(QRectF(5, 7, 22, 6), QColor(FOCUS_COLOUR))
    painter.setPen(QPen(QColor("#37474f"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(11, 3), QPointF(11, 9))
    painter.drawLine(QPointF(21, 3), QPointF(21, 9))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#37474f"))
    for row in range(2):
        for column in range(3):
            painter.drawRect(QRectF(9 + column * 6, 16 + row * 6, 3, 3))
    painter.end()
    return QIcon(pixmap)


# Where the keyboard is must be plain to see: a strong outline on whatever has the focus
# (the styles' own focus marks are a faint dotted line, or nothing, on the tree, the tab
# bar and buttons). A date field whose text is not a date is outlined in red.
FOCUS_COLOUR = "#1a5fb4"
PROBLEM_COLOUR = "#c62828"
FOCUS_STYLE_SHEET = f"""
QTreeView, QListView, QTableView, QPlainTextEdit, QTextBrowser {{
    border: 1px solid palette(mid);
    padding: 1px;
}}
QTreeView:focus, QListView:focus, QTableView:focus, QPlainTextEdit:focus, QTextBrowser:focus {{
    border: 2px solid {FOCUS_COLOUR};
    padding: 0px;
}}
QLineEdit:focus {{
    border: 2px solid {FOCUS_COLOUR};
}}
QAbstractSpinBox:focus, QComboBox:focus {{
    border: 2px solid {FOCUS_COLOUR};
    border-radius: 2px;
}}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {FOCUS_COLOUR};
    border-radius: 3px;
    padding: 2px 6px;
}}
QCheckBox:focus {{
    border: 2px solid {FOCUS_COLOUR};
    border-radius: 3px;
}}
QTabBar::tab:focus {{
    background: {FOCUS_COLOUR};
    color: white;
}}
QLineEdit[problem="true"] {{
    border: 2px solid {PROBLEM_COLOUR};
}}
"""
