"""The RAG trend across reporting periods: a stacked column per period (red at the
bottom, then amber, green, complete and not rated).

The data is any sequence of objects shaped like the periods service's ``PeriodTrend``
(``period_id``, ``label``, ``on``, ``by_workstream``): :class:`TrendPoint` describes it and
:class:`PeriodTrendData` is a plain one, for tests and for callers without the service.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from tracker.charts.bars import legend_height, paint_legend
from tracker.charts.colours import (
    AXIS_COLOUR,
    GRID_COLOUR,
    TEXT_ON,
    TREND_COLOURS,
    TREND_KEYS,
    TREND_LABELS,
)


class TrendPoint(Protocol):
    """One closed period: counts by workstream, each by "R", "A", "G", "Complete", "None"."""

    @property
    def period_id(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def on(self) -> date: ...
    @property
    def by_workstream(self) -> Mapping[str, Mapping[str, int]]: ...


@dataclass(frozen=True)
class PeriodTrendData:
    period_id: int
    label: str
    on: date
    by_workstream: dict[str, dict[str, int]]


def totals(point: TrendPoint, workstreams: Iterable[str] | None = None) -> Counter[str]:
    """The period's counts summed over its workstreams (or only those named)."""
    wanted = None if workstreams is None else set(workstreams)
    result: Counter[str] = Counter()
    for name, counts in point.by_workstream.items():
        if wanted is None or name in wanted:
            result.update(counts)
    return result


def previous_period(trend: Sequence[TrendPoint], before: date) -> TrendPoint | None:
    """The latest period closed before ``before``: what a report on that day compares with."""
    earlier = [p for p in trend if p.on < before]
    return max(earlier, key=lambda p: p.on) if earlier else None


def paint_trend(painter: QPainter, rect: QRectF, trend: Sequence[TrendPoint]) -> list[QRectF]:
    """Draw a column per period in ``rect`` (oldest on the left); return the columns."""
    metrics = QFontMetricsF(painter.font(), painter.device())
    line = metrics.height()
    columns: list[QRectF] = []
    painter.save()
    if not trend:
        painter.setPen(QColor(AXIS_COLOUR))
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            "No reporting period has been closed yet: the trend starts with the first.",
        )
        painter.restore()
        return columns
    items = [(TREND_LABELS[k], TREND_COLOURS[k]) for k in TREND_KEYS]
    legend_space = legend_height(painter, rect.width() - line * 2, items)
    plot = QRectF(
        rect.left() + line * 2,
        rect.top() + line * 0.5,
        rect.width() - line * 2,
        rect.height() - line * 2.2 - legend_space,
    )
    sums = [totals(p) for p in trend]
    biggest = max((sum(s.values()) for s in sums), default=0) or 1
    painter.setPen(QPen(QColor(GRID_COLOUR), 0))
    for step in range(5):
        y = plot.bottom() - plot.height() * step / 4
        painter.drawLine(plot.left(), y, plot.right(), y)
        painter.setPen(QColor(AXIS_COLOUR))
        painter.drawText(
            QRectF(rect.left(), y - line / 2, line * 1.8, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(round(biggest * step / 4)),
        )
        painter.setPen(QPen(QColor(GRID_COLOUR), 0))
    pitch = plot.width() / len(trend)
    width = min(pitch * 0.6, line * 4)
    for number, (point, counts) in enumerate(zip(trend, sums, strict=True)):
        left = plot.left() + number * pitch + (pitch - width) / 2
        bottom = plot.bottom()
        for key in TREND_KEYS:
            count = counts.get(key, 0)
            if not count:
                continue
            height = plot.height() * count / biggest
            box = QRectF(left, bottom - height, width, height)
            painter.fillRect(box, QColor(TREND_COLOURS[key]))
            if height > line and metrics.horizontalAdvance(str(count)) < width:
                painter.setPen(QColor(TEXT_ON.get(key, "#ffffff")))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(count))
            bottom -= height
        columns.append(QRectF(left, bottom, width, plot.bottom() - bottom))
        painter.setPen(QColor(AXIS_COLOUR))
        label = metrics.elidedText(point.label, Qt.TextElideMode.ElideRight, pitch - 2)
        painter.drawText(
            QRectF(plot.left() + number * pitch, plot.bottom() + line * 0.2, pitch, line),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            label,
        )
    legend = QRectF(plot.left(), plot.bottom() + line * 1.5, plot.width(), legend_space)
    paint_legend(painter, legend, items)
    painter.restore()
    return columns
