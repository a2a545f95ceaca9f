"""A bar chart of counts by workstream whose segments can be clicked (or chosen with the
arrow keys and Enter) to list the actions behind them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from tracker.charts.bars import BarHit, BarRow, paint_bars
from tracker.wording import count_noun


class BarChart(QWidget):
    """Stacked bars, one row per workstream; ``segmentActivated(place, figure)`` says
    which workstream (the row's ``place``) and which figure ("rag:R") was chosen."""

    segmentActivated = Signal(object, str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(260, 150)
        self.rows: list[BarRow] = []
        self.hits: list[BarHit] = []
        self._focus = 0  # index into hits

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def set_rows(self, rows: Sequence[BarRow]) -> None:
        self.rows = list(rows)
        self._focus = 0
        self.hits = []
        self.update()

    def plot_rect(self) -> QRectF:
        line = self.fontMetrics().height()
        return QRectF(self.rect()).adjusted(4, line * 1.5, -4, -4)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        title = self.font()
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(
            QRectF(4, 0, self.width() - 8, self.fontMetrics().height() * 1.4),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.title,
        )
        painter.setFont(self.font())
        focus = None
        if self.hasFocus() and self.hits:
            chosen = self.hits[min(self._focus, len(self.hits) - 1)]
            focus = (chosen.row, chosen.segment)
        self.hits = paint_bars(painter, self.plot_rect(), self.rows, focus=focus)
        painter.end()

    def hit_at(self, point: QPointF) -> BarHit | None:
        for hit in self.hits:
            if hit.rect.contains(point):
                return hit
        return None

    def focused_hit(self) -> BarHit | None:
        """The segment the keyboard is on (Enter chooses it)."""
        return self.hits[min(self._focus, len(self.hits) - 1)] if self.hits else None

    def describe(self, hit: BarHit) -> str:
        row = self.rows[hit.row]
        segment = row.segments[hit.segment]
        return f"{row.label}: {count_noun(segment.count, 'action')} {segment.label.lower()}"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is None:
            QToolTip.hideText()
        else:
            tip = f"{self.describe(hit)}. Click to list them."
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self._focus = self.hits.index(hit)
            self._activate(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.hits:
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._move(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._move(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate(self.hits[min(self._focus, len(self.hits) - 1)])
        else:
            super().keyPressEvent(event)

    def _move(self, step: int) -> None:
        self._focus = (self._focus + step) % len(self.hits)
        hit = self.hits[self._focus]
        self.setAccessibleDescription(self.describe(hit))
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _activate(self, hit: BarHit) -> None:
        row = self.rows[hit.row]
        place: Any = row.place
        self.segmentActivated.emit(place, row.segments[hit.segment].figure)
