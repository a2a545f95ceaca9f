"""The timeline as a scrolling widget: dates scroll sideways under a fixed names column,
rows scroll a row at a time. Ctrl+wheel, + and - zoom (about the mouse, or the middle)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QKeyEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from tracker.ui.timeline.timeline_painting import (
    MAX_PX_PER_DAY,
    MIN_PX_PER_DAY,
    ZOOMS,
    Layout,
    TimeScale,
    default_layout,
    paint_timeline,
)
from tracker.ui.timeline.timeline_rows import TimelineRow, date_span

ZOOM_STEP = 1.5


class TimelineView(QAbstractScrollArea):
    zoomChanged = Signal(float)  # pixels per day

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline of the actions' due dates")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rows: list[TimelineRow] = []
        self.today = today
        self.first, self.last = date_span([], today)
        self.px_per_day = ZOOMS[2][1]  # quarters: a year or so in view
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)

    # Data and scale ------------------------------------------------------------------
    def set_rows(self, rows: Sequence[TimelineRow], today: date) -> None:
        first_time = not self.rows
        keep = self.scale.date_at(self._centre_x())
        self.rows = list(rows)
        self.today = today
        self.first, self.last = date_span(self.rows, today)
        self._update_bars()
        if not first_time:
            self.centre_on(keep)
        elif any(abs((d - today).days) <= 180 for row in self.rows for d in row.dates):
            self.centre_on(today)
        else:  # a plan of the past (or the future): start at its first date
            self.horizontalScrollBar().setValue(0)

    @property
    def scale(self) -> TimeScale:
        return TimeScale(self.first, self.px_per_day)

    @property
    def layout_sizes(self) -> Layout:
        return default_layout(QFontMetricsF(self.font()))

    def dates_width(self) -> float:
        return max(self.viewport().width() - self.layout_sizes.label_width, 1.0)

    def x_for(self, day: date) -> float:
        """Where ``day`` is drawn in the viewport (for tests and the mouse)."""
        return (
            self.layout_sizes.label_width + self.scale.x(day) - self.horizontalScrollBar().value()
        )

    def row_middle(self, row: int) -> float:
        """The middle of row ``row`` (counted from the first row) in the viewport."""
        sizes = self.layout_sizes
        shown = row - self.verticalScrollBar().value()
        return sizes.header_height + (shown + 0.5) * sizes.row_height

    def set_zoom(self, px_per_day: float, anchor_x: float | None = None) -> None:
        """Change the scale, keeping the date under ``anchor_x`` (default: the middle)."""
        px_per_day = min(max(px_per_day, MIN_PX_PER_DAY), MAX_PX_PER_DAY)
        if px_per_day == self.px_per_day:
            return
        sizes = self.layout_sizes
        at = self.dates_width() / 2 if anchor_x is None else anchor_x - sizes.label_width
        fixed = self.horizontalScrollBar().value() + at
        day_offset = fixed / self.px_per_day  # days from origin under the anchor
        self.px_per_day = px_per_day
        self._update_bars()
        self.horizontalScrollBar().setValue(round(day_offset * px_per_day - at))
        self.viewport().update()
        self.zoomChanged.emit(px_per_day)

    def zoom_in(self) -> None:
        self.set_zoom(self.px_per_day * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.px_per_day / ZOOM_STEP)

    def centre_on(self, day: date) -> None:
        self.horizontalScrollBar().setValue(round(self.scale.x(day) - self.dates_width() / 2))

    def _centre_x(self) -> float:
        return self.horizontalScrollBar().value() + self.dates_width() / 2

    def _update_bars(self) -> None:
        sizes = self.layout_sizes
        total = self.scale.x(self.last)
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(round(total - self.dates_width()), 0))
        bar.setPageStep(round(self.dates_width()))
        bar.setSingleStep(max(round(self.px_per_day * 7), 1))
        visible = max(int((self.viewport().height() - sizes.header_height) // sizes.row_height), 1)
        rows = self.verticalScrollBar()
        rows.setRange(0, max(len(self.rows) - visible, 0))
        rows.setPageStep(visible)

    # Qt ------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(800, 400)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_bars()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), Qt.GlobalColor.white)
        if not self.rows:
            painter.drawText(
                QRectF(self.viewport().rect()),
                int(Qt.AlignmentFlag.AlignCenter),
                "No actions to show.",
            )
        else:
            paint_timeline(
                painter,
                QRectF(self.viewport().rect()),
                self.rows,
                self.scale,
                self.today,
                self.layout_sizes,
                first_row=self.verticalScrollBar().value(),
                x_offset=self.horizontalScrollBar().value(),
            )
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                position: QPointF = event.position()
                self.set_zoom(self.px_per_day * ZOOM_STEP**steps, position.x())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_T:
            self.centre_on(self.today)
        else:
            super().keyPressEvent(event)
