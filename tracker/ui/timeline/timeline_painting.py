"""Painting the timeline on any device (the window, a printer, a PDF): QtGui only.

A row per action: a thin bar from its start date to its original due date, a diamond on
the original due date and, when the due date has been moved later, a red bar from the
original to the revised due date ending in a hollow diamond: the slip. Complete actions
are green. A vertical line marks today. The names sit in a column on the left and the
dates on a header along the top, both fixed while the dates scroll.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from tracker.ui.timeline.timeline_rows import TimelineRow

# Pixels per day for each zoom the box offers ("zoom from weeks to years").
ZOOMS: tuple[tuple[str, float], ...] = (
    ("Weeks", 24.0),
    ("Months", 6.0),
    ("Quarters", 2.0),
    ("Years", 0.6),
)
MIN_PX_PER_DAY = 0.25
MAX_PX_PER_DAY = 60.0

PLAN_COLOUR = "#8fa9c8"  # start to due
DUE_COLOUR = "#1f3864"  # original due date
SLIP_COLOUR = "#d32f2f"  # original to revised due date
COMPLETE_COLOUR = "#2e7d32"
TODAY_COLOUR = "#e65100"
GRID_COLOUR = "#e3e8ee"
HEADER_BACKGROUND = "#f3f5f8"
TEXT_COLOUR = "#1a1a1a"


@dataclass(frozen=True)
class TimeScale:
    """Where a date falls: ``origin`` at x = 0, ``px_per_day`` to the right."""

    origin: date
    px_per_day: float

    def x(self, day: date) -> float:
        return (day - self.origin).days * self.px_per_day

    def date_at(self, x: float) -> date:
        return self.origin + timedelta(days=round(x / self.px_per_day))


def zoom_name(px_per_day: float) -> str:
    """The zoom box's name for a scale: the nearest of :data:`ZOOMS`."""
    return min(ZOOMS, key=lambda z: abs(z[1] - px_per_day) / z[1])[0]


def ticks(first: date, last: date, px_per_day: float) -> list[tuple[date, str]]:
    """Dates to mark on the axis, spaced for the scale: weeks, months, quarters or years."""
    marks: list[tuple[date, str]] = []
    if px_per_day >= 10:
        day = first + timedelta(days=(7 - first.weekday()) % 7)  # Mondays
        while day <= last:
            marks.append((day, f"{day.day} {day:%b}"))
            day += timedelta(days=7)
        return marks
    step = 1 if px_per_day >= 2.5 else 3 if px_per_day >= 0.9 else 12
    year, month = first.year, first.month
    while True:
        if (month - 1) % step == 0:
            day = date(year, month, 1)
            if day > last:
                break
            if day >= first:
                label = f"{year}" if step == 12 else f"{day:%b} {year}"
                marks.append((day, label))
        month += 1
        if month > 12:
            year, month = year + 1, 1
        if date(year, month, 1) > last:
            break
    return marks


@dataclass(frozen=True)
class Layout:
    """The fixed parts: the names column's width, a row's height, the header's height."""

    label_width: float
    row_height: float
    header_height: float


def default_layout(metrics: QFontMetricsF) -> Layout:
    line = metrics.height()
    return Layout(metrics.averageCharWidth() * 34, line * 1.6, line * 1.8)


def paint_timeline(
    painter: QPainter,
    rect: QRectF,
    rows: Sequence[TimelineRow],
    scale: TimeScale,
    today: date,
    layout: Layout,
    *,
    first_row: int = 0,
    x_offset: float = 0.0,
) -> None:
    """Draw the rows from ``first_row`` that fit in ``rect``; ``x_offset`` scrolls the
    dates (pixels from the scale's origin to the left edge of the dates area)."""
    painter.save()
    painter.setClipRect(rect)
    metrics = QFontMetricsF(painter.font(), painter.device())
    dates = QRectF(
        rect.left() + layout.label_width,
        rect.top(),
        rect.width() - layout.label_width,
        rect.height(),
    )
    body_top = rect.top() + layout.header_height
    visible = max(int((rect.bottom() - body_top) // layout.row_height), 0)
    shown = rows[first_row : first_row + visible]

    def x_of(day: date) -> float:
        return dates.left() + scale.x(day) - x_offset

    # Header and grid lines.
    painter.fillRect(
        QRectF(rect.left(), rect.top(), rect.width(), layout.header_height),
        QColor(HEADER_BACKGROUND),
    )
    first_day = scale.date_at(x_offset)
    last_day = scale.date_at(x_offset + dates.width())
    painter.save()
    painter.setClipRect(dates)
    for day, label in ticks(first_day, last_day, scale.px_per_day):
        x = x_of(day)
        painter.setPen(QPen(QColor(GRID_COLOUR), 0))
        painter.drawLine(QPointF(x, body_top), QPointF(x, rect.bottom()))
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(
            QRectF(x + 3, rect.top(), metrics.horizontalAdvance(label) + 6, layout.header_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
    painter.restore()

    # Rows.
    for number, row in enumerate(shown):
        top = body_top + number * layout.row_height
        if (first_row + number) % 2:
            painter.fillRect(
                QRectF(rect.left(), top, rect.width(), layout.row_height), QColor("#fafbfc")
            )
        name = metrics.elidedText(
            f"{row.ref}  {row.text}", Qt.TextElideMode.ElideRight, layout.label_width - 8
        )
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(
            QRectF(rect.left() + 4, top, layout.label_width - 8, layout.row_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            name,
        )
        painter.save()
        painter.setClipRect(QRectF(dates.left(), top, dates.width(), layout.row_height))
        _paint_row(painter, row, x_of, top, layout.row_height)
        painter.restore()

    # Today, over everything, and the names column's edge.
    x = x_of(today)
    if dates.left() <= x <= dates.right():
        painter.setPen(QPen(QColor(TODAY_COLOUR), max(metrics.height() / 8, 2.0)))
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.drawText(
            QRectF(x + 3, body_top, metrics.horizontalAdvance("Today") + 6, metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            "Today",
        )
    painter.setPen(QPen(QColor("#b0bac6"), 0))
    painter.drawLine(QPointF(dates.left(), rect.top()), QPointF(dates.left(), rect.bottom()))
    painter.drawLine(QPointF(rect.left(), body_top), QPointF(rect.right(), body_top))
    painter.restore()


def _paint_row(painter: QPainter, row: TimelineRow, x_of, top: float, height: float) -> None:  # type: ignore[no-untyped-def]
    middle = top + height / 2
    bar = height * 0.22
    mark = height * 0.28
    due_colour = COMPLETE_COLOUR if row.complete else DUE_COLOUR
    end = row.due or row.revised_due
    if row.start is not None and end is not None and end > row.start:
        painter.fillRect(
            QRectF(
                QPointF(x_of(row.start), middle - bar / 2), QPointF(x_of(end), middle + bar / 2)
            ),
            QColor(PLAN_COLOUR),
        )
    if row.slipped and row.due is not None and row.revised_due is not None:
        painter.fillRect(
            QRectF(
                QPointF(x_of(row.due), middle - bar), QPointF(x_of(row.revised_due), middle + bar)
            ),
            QColor(SLIP_COLOUR),
        )
        _diamond(painter, x_of(row.revised_due), middle, mark, SLIP_COLOUR, hollow=True)
    elif row.revised_due is not None and row.revised_due != row.due:
        _diamond(painter, x_of(row.revised_due), middle, mark, due_colour, hollow=True)
    if row.due is not None:
        _diamond(painter, x_of(row.due), middle, mark, due_colour)


def _diamond(
    painter: QPainter, x: float, y: float, size: float, colour: str, *, hollow: bool = False
) -> None:
    shape = QPolygonF(
        [QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)]
    )
    path = QPainterPath()
    path.addPolygon(shape)
    path.closeSubpath()
    if hollow:
        painter.fillPath(path, QColor("#ffffff"))
        painter.setPen(QPen(QColor(colour), max(size / 4, 1.0)))
        painter.drawPath(path)
    else:
        painter.fillPath(path, QColor(colour))
