"""Printing the timeline: the whole span of dates fitted to the page's width, as many
rows per page as fit, the title and page number on each (QtGui only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPagedPaintDevice, QPageLayout, QPageSize, QPainter

from tracker.ui.timeline.timeline_painting import TimeScale, default_layout, paint_timeline
from tracker.ui.timeline.timeline_rows import TimelineRow, date_span


def set_landscape_a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_timeline_pages(
    device: QPagedPaintDevice, rows: Sequence[TimelineRow], today: date, title: str
) -> int:
    """Paint the timeline on ``device``; return the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start printing the timeline")
    try:
        font = QFont()
        font.setPointSizeF(8)
        painter.setFont(font)
        metrics = QFontMetricsF(font, device)
        page = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiY()))
        page.moveTo(0, 0)
        title_height = metrics.height() * 2
        area = page.adjusted(0, title_height, 0, -metrics.height() * 1.5)
        layout = default_layout(metrics)
        first, last = date_span(rows, today)
        span = max((last - first).days, 1)
        scale = TimeScale(first, (area.width() - layout.label_width) / span)
        per_page = max(int((area.height() - layout.header_height) // layout.row_height), 1)
        pages = max((len(rows) + per_page - 1) // per_page, 1)
        for number in range(pages):
            if number:
                device.newPage()
            bold = QFont(font)
            bold.setPointSizeF(11)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(
                QRectF(0, 0, page.width(), title_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                title,
            )
            painter.setFont(font)
            paint_timeline(painter, area, rows, scale, today, layout, first_row=number * per_page)
            painter.drawText(
                QRectF(0, page.bottom() - metrics.height(), page.width(), metrics.height()),
                int(Qt.AlignmentFlag.AlignRight),
                f"Page {number + 1} of {pages}",
            )
    finally:
        painter.end()
    return pages
