"""The RAG trend across the last reporting periods, as the Overview shows it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from tracker.charts.trend import TrendPoint, paint_trend


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = "RAG trend by reporting period"
        self.setAccessibleName(self.title)
        self.setMinimumSize(220, 150)
        self.trend: list[TrendPoint] = []
        self.columns: list[QRectF] = []

    def sizeHint(self) -> QSize:
        return QSize(320, 220)

    def set_trend(self, trend: Sequence[TrendPoint]) -> None:
        self.trend = list(trend)
        self.setAccessibleDescription(
            ", ".join(p.label for p in self.trend) or "No reporting period closed yet"
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        title = self.font()
        title.setBold(True)
        painter.setFont(title)
        line = self.fontMetrics().height()
        painter.drawText(
            QRectF(4, 0, self.width() - 8, line * 1.4),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.title,
        )
        painter.setFont(self.font())
        plot = QRectF(self.rect()).adjusted(4, line * 1.5, -4, -4)
        self.columns = paint_trend(painter, plot, self.trend)
        painter.end()
