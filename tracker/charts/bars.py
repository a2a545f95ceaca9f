"""Stacked horizontal bars, one per workstream: RAG or status counts side by side.

:func:`rag_rows` and :func:`status_rows` turn the Overview's summaries into bars whose
segments name the figure behind them ("rag:R", "status:Complete"), so a click on a segment
can show exactly those actions. :func:`paint_bars` draws them on any paint device (a
widget, a PDF page) and returns where each segment was drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from tracker import domain
from tracker.charts.colours import (
    AXIS_COLOUR,
    FOCUS_COLOUR,
    NOT_RATED_COLOUR,
    RAG_COLOURS,
    STATUS_COLOURS,
    TEXT_ON,
)
from tracker.excel.row_shapes import SummaryShape


@dataclass(frozen=True)
class Segment:
    figure: str  # the figure behind it, as the Overview names figures: "rag:R"
    label: str  # "Red"
    count: int
    colour: str


@dataclass(frozen=True)
class BarRow:
    label: str
    segments: tuple[Segment, ...]
    place: Any = None  # what the window needs to open those actions: (tab, workstream id)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.segments)


@dataclass(frozen=True)
class BarHit:
    """Where a segment was drawn: row and segment numbers into the rows painted."""

    rect: QRectF
    row: int
    segment: int


def rag_rows(
    summaries: Sequence[SummaryShape], labels: Sequence[str], places: Sequence[Any] = ()
) -> list[BarRow]:
    rows = []
    for number, (summary, label) in enumerate(zip(summaries, labels, strict=True)):
        segments = [
            Segment(
                f"rag:{rag.value}",
                rag.label,
                summary.by_rag.get(rag.value, 0),
                RAG_COLOURS[rag.value],
            )
            for rag in domain.Rag
        ]
        segments.append(Segment("rag:", "Not rated", summary.by_rag.get(None, 0), NOT_RATED_COLOUR))
        rows.append(BarRow(label, tuple(segments), places[number] if places else None))
    return rows


def status_rows(
    summaries: Sequence[SummaryShape], labels: Sequence[str], places: Sequence[Any] = ()
) -> list[BarRow]:
    rows = []
    for number, (summary, label) in enumerate(zip(summaries, labels, strict=True)):
        segments = tuple(
            Segment(f"status:{s}", s, summary.by_status.get(s, 0), STATUS_COLOURS[s])
            for s in domain.STATUSES
        )
        rows.append(BarRow(label, segments, places[number] if places else None))
    return rows


def legend_items(rows: Sequence[BarRow]) -> list[tuple[str, str]]:
    """(label, colour) of each kind of segment, in order."""
    seen: dict[str, str] = {}
    for row in rows:
        for segment in row.segments:
            seen.setdefault(segment.label, segment.colour)
    return list(seen.items())


def legend_height(painter: QPainter, width: float, items: Sequence[tuple[str, str]]) -> float:
    """How tall the legend is when wrapped to ``width``."""
    return _legend(painter, QRectF(0, 0, width, 0), items, draw=False)


def paint_legend(painter: QPainter, rect: QRectF, items: Sequence[tuple[str, str]]) -> float:
    """Coloured squares with their labels from the top of ``rect``, wrapped to its width;
    return the height used."""
    return _legend(painter, rect, items, draw=True)


def _legend(
    painter: QPainter, rect: QRectF, items: Sequence[tuple[str, str]], *, draw: bool
) -> float:
    metrics = QFontMetricsF(painter.font(), painter.device())
    line = metrics.height()
    box = line * 0.7
    gap = metrics.averageCharWidth()
    x, y = rect.left(), rect.top()
    for label, colour in items:
        width = box + gap * 0.6 + metrics.horizontalAdvance(label)
        if x > rect.left() and x + width > rect.right():
            x, y = rect.left(), y + line
        if draw:
            painter.fillRect(QRectF(x, y + (line - box) / 2, box, box), QColor(colour))
            painter.setPen(QColor(AXIS_COLOUR))
            painter.drawText(
                QRectF(x + box + gap * 0.6, y, width, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        x += width + gap * 2
    return y + line - rect.top()


def paint_bars(
    painter: QPainter,
    rect: QRectF,
    rows: Sequence[BarRow],
    *,
    focus: tuple[int, int] | None = None,
) -> list[BarHit]:
    """Draw ``rows`` as stacked bars filling ``rect`` (names on the left, the legend
    below); return where each non-empty segment went. ``focus`` (row, segment) is
    outlined, for the keyboard."""
    metrics = QFontMetricsF(painter.font(), painter.device())
    line = metrics.height()
    hits: list[BarHit] = []
    if not rows:
        return hits
    items = legend_items(rows)
    legend_space = legend_height(painter, rect.width(), items) + line * 0.6
    label_width = min(
        max(metrics.horizontalAdvance(r.label) for r in rows) + line * 0.6, rect.width() * 0.38
    )
    count_width = metrics.horizontalAdvance("0000") + line * 0.4
    bars = QRectF(
        rect.left() + label_width,
        rect.top(),
        max(rect.width() - label_width - count_width, line),
        max(rect.height() - legend_space, line),
    )
    pitch = bars.height() / len(rows)
    thickness = min(pitch * 0.72, line * 1.6)
    biggest = max((r.total for r in rows), default=0) or 1
    painter.save()
    for number, row in enumerate(rows):
        top = bars.top() + number * pitch + (pitch - thickness) / 2
        painter.setPen(QColor(AXIS_COLOUR))
        name = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width - line * 0.4)
        painter.drawText(
            QRectF(rect.left(), top, label_width - line * 0.4, thickness),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        x = bars.left()
        for index, segment in enumerate(row.segments):
            if not segment.count:
                continue
            width = bars.width() * segment.count / biggest
            box = QRectF(x, top, width, thickness)
            painter.fillRect(box, QColor(segment.colour))
            text = str(segment.count)
            if metrics.horizontalAdvance(text) + line * 0.3 < width:
                painter.setPen(QColor(TEXT_ON.get(_key(segment.figure), "#ffffff")))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            hits.append(BarHit(box, number, index))
            x += width
        painter.setPen(QColor(AXIS_COLOUR))
        painter.drawText(
            QRectF(x + line * 0.3, top, count_width, thickness),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            str(row.total),
        )
    painter.setPen(QPen(QColor(AXIS_COLOUR), 0))
    painter.drawLine(bars.topLeft(), bars.bottomLeft())
    if focus is not None:
        for hit in hits:
            if (hit.row, hit.segment) == focus:
                pen = QPen(QColor(FOCUS_COLOUR), max(line / 8, 1.0))
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(hit.rect.adjusted(1, 1, -1, -1))
    legend = QRectF(rect.left(), bars.bottom() + line * 0.4, rect.width(), legend_space)
    paint_legend(painter, legend, items)
    painter.restore()
    return hits


def _key(figure: str) -> str:
    """The colour key of a figure: "rag:R" is "R", "status:Complete" is "Complete"."""
    return figure.split(":", 1)[1]
