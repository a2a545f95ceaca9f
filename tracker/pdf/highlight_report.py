"""Painting the highlight report on any paged device: a PDF file (:class:`QPdfWriter`) or
a printer and its print preview (:class:`QPrinter`).

Page one: the key messages the programme office wrote for the period, the headline
figures with arrows showing the direction since the previous period (when the trend
holds one), the RAG chart by workstream and, when periods have been closed, the trend.
Then, as a flowing document with a footer on every page: exceptions (most severe first),
completed, slipped (with the reason given) and the look-ahead (due in the next 90 days).

Everything is measured on the device itself (fonts in points), so the PDF and the preview
lay out alike at any resolution.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QTextDocument,
)

from tracker.charts.bars import paint_bars, rag_rows
from tracker.charts.colours import GRID_COLOUR
from tracker.charts.trend import TrendPoint, paint_trend
from tracker.dates import long_date, numeric_date
from tracker.excel.atomic import atomic_path
from tracker.excel.board_report import BoardReportData
from tracker.excel.row_shapes import ActionShape
from tracker.pdf.report_sections import (
    LOOK_AHEAD_DAYS,
    Headline,
    completed,
    headlines,
    look_ahead,
    slipped,
)
from tracker.wording import count_noun

BETTER_COLOUR = "#2e7d32"
WORSE_COLOUR = "#c62828"
NEUTRAL_COLOUR = "#607080"
TITLE_COLOUR = "#1f3864"
MARGIN_MM = 15.0
BODY_POINTS = 9.0


def write_highlight_report(
    out: Path,
    data: BoardReportData,
    *,
    key_messages: str = "",
    trend: Sequence[TrendPoint] = (),
) -> int:
    """Write the report to ``out`` as an A4 PDF (atomically); return its page count.

    Needs a QGuiApplication (the command line makes an offscreen one)."""
    with atomic_path(out) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(300)
        writer.setTitle(f"{data.plan_name}: highlight report as at {long_date(data.as_at)}")
        writer.setCreator("Action-plan tracker")
        set_a4(writer)
        pages = paint_highlight_report(writer, data, key_messages=key_messages, trend=trend)
    return pages


def set_a4(device: QPagedPaintDevice) -> None:
    """A4 portrait with even margins."""
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_highlight_report(
    device: QPagedPaintDevice,
    data: BoardReportData,
    *,
    key_messages: str = "",
    trend: Sequence[TrendPoint] = (),
) -> int:
    """Paint the whole report on ``device`` (already laid out as wanted); return the
    number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start painting the report")
    try:
        page = _Page(painter, device)
        details = _details_document(data, device, page.body.size())
        pages = 1 + details.pageCount()
        footer = f"{data.plan_name} · highlight report as at {long_date(data.as_at)}"
        _first_page(page, data, key_messages, trend)
        page.footer(footer, 1, pages)
        height = page.body.height()
        for number in range(details.pageCount()):
            device.newPage()
            painter.save()
            painter.translate(page.body.topLeft() - QPointF(0, number * height))
            details.drawContents(painter, QRectF(0, number * height, page.body.width(), height))
            painter.restore()
            page.footer(footer, number + 2, pages)
    finally:
        painter.end()
    return pages


class _Page:
    """Sizes in points on the device, and the page's body and footer areas."""

    def __init__(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        self.painter = painter
        self.device = device
        self.unit = device.logicalDpiY() / 72.0  # device pixels per point
        paint = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiY()))
        full = QRectF(0, 0, paint.width(), paint.height())  # painting starts at the margin
        self.footer_height = self.pt(14)
        self.body = full.adjusted(0, 0, 0, -self.footer_height)
        self.full = full

    def pt(self, points: float) -> float:
        return points * self.unit

    def font(self, points: float, *, bold: bool = False) -> QFont:
        font = QFont()
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def text(
        self,
        rect: QRectF,
        text: str,
        points: float,
        *,
        bold: bool = False,
        colour: str = "#000000",
        flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> float:
        """Draw wrapped text in ``rect``; return the height it took."""
        self.painter.setFont(self.font(points, bold=bold))
        self.painter.setPen(QColor(colour))
        wrap = int(flags) | int(Qt.TextFlag.TextWordWrap)
        used = self.painter.boundingRect(rect, wrap, text)
        self.painter.drawText(rect, wrap, text)
        return min(used.height(), rect.height())

    def footer(self, text: str, number: int, pages: int) -> None:
        rect = QRectF(
            0,
            self.full.bottom() - self.footer_height * 0.7,
            self.full.width(),
            self.footer_height * 0.7,
        )
        self.painter.setPen(QColor(GRID_COLOUR))
        self.painter.drawLine(rect.topLeft(), rect.topRight())
        self.text(rect, text, 7.5, colour=NEUTRAL_COLOUR, flags=Qt.AlignmentFlag.AlignLeft)
        self.text(
            rect,
            f"Page {number} of {pages}",
            7.5,
            colour=NEUTRAL_COLOUR,
            flags=Qt.AlignmentFlag.AlignRight,
        )


def _first_page(
    page: _Page, data: BoardReportData, key_messages: str, trend: Sequence[TrendPoint]
) -> None:
    body = page.body
    y = body.top()
    width = body.width()
    state = "Sent to the board" if data.final else "Draft"
    y += page.text(
        QRectF(0, y, width, page.pt(40)),
        f"{data.plan_name}: highlight report",
        16,
        bold=True,
        colour=TITLE_COLOUR,
    )
    y += page.text(
        QRectF(0, y, width, page.pt(16)),
        f"As at {long_date(data.as_at)} · {state}",
        10,
        colour=NEUTRAL_COLOUR,
    )
    y += page.pt(10)
    y += page.text(
        QRectF(0, y, width, page.pt(18)), "Key messages", 12, bold=True, colour=TITLE_COLOUR
    )
    messages = key_messages.strip() or "No key messages have been written for this period."
    box = body.height() * 0.28
    y += page.text(QRectF(0, y, width, box), messages, 10) + page.pt(10)
    y += page.text(
        QRectF(0, y, width, page.pt(18)), "Headline figures", 12, bold=True, colour=TITLE_COLOUR
    )
    figures, before = headlines(data, trend)
    # Tall enough for the change to wrap onto a second line under a long period label.
    y += _headline_tiles(page, QRectF(0, y, width, page.pt(106)), figures, before_label(before))
    y += page.pt(8)
    charts_height = body.bottom() - y
    has_trend = bool(trend)
    bar_height = charts_height * (0.55 if has_trend else 1.0) - page.pt(22)
    y += page.text(
        QRectF(0, y, width, page.pt(18)), "RAG by workstream", 12, bold=True, colour=TITLE_COLOUR
    )
    page.painter.setFont(page.font(8))
    rows = rag_rows(data.summaries, [s.title for s in data.summaries])
    height = min(bar_height, page.pt(22) * len(rows) + page.pt(24))
    paint_bars(page.painter, QRectF(0, y, width, height), rows)
    y += height + page.pt(10)
    if has_trend:
        y += page.text(
            QRectF(0, y, width, page.pt(18)),
            "Trend across reporting periods",
            12,
            bold=True,
            colour=TITLE_COLOUR,
        )
        page.painter.setFont(page.font(8))
        paint_trend(
            page.painter, QRectF(0, y, width, body.bottom() - y - page.pt(6)), list(trend)[-6:]
        )


def before_label(before: TrendPoint | None) -> str:
    return "" if before is None else f"since {before.label}"


def _headline_tiles(page: _Page, rect: QRectF, figures: list[Headline], since: str) -> float:
    """Two rows of four tiles: value, label, and the change with its arrow."""
    columns = 4
    gap = page.pt(6)
    tile_width = (rect.width() - gap * (columns - 1)) / columns
    tile_height = (rect.height() - gap) / 2
    painter = page.painter
    for number, figure in enumerate(figures):
        row, column = divmod(number, columns)
        tile = QRectF(
            rect.left() + column * (tile_width + gap),
            rect.top() + row * (tile_height + gap),
            tile_width,
            tile_height,
        )
        painter.setPen(QColor(GRID_COLOUR))
        painter.setBrush(QColor("#f5f7fa"))
        painter.drawRect(tile)
        inner = tile.adjusted(page.pt(6), page.pt(3), -page.pt(6), -page.pt(3))
        page.text(
            QRectF(inner.left(), inner.top(), inner.width(), page.pt(22)),
            str(figure.value),
            17,
            bold=True,
            colour=TITLE_COLOUR,
        )
        page.text(
            QRectF(inner.left(), inner.top() + page.pt(21), inner.width(), page.pt(12)),
            figure.label,
            9,
            colour="#000000",
        )
        change = figure.change
        if change is None:
            continue
        colour = {True: BETTER_COLOUR, False: WORSE_COLOUR}.get(figure.better, NEUTRAL_COLOUR)
        arrow = QRectF(
            inner.right() - page.pt(14), inner.top() + page.pt(4), page.pt(12), page.pt(12)
        )
        _arrow(painter, arrow, change, colour)
        words = "no change" if change == 0 else f"{change:+d}"
        page.text(
            QRectF(inner.left(), inner.top() + page.pt(33), inner.width(), page.pt(18)),
            f"{words} {since}".strip(),
            7,
            colour=colour,
        )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    return rect.height()


def _arrow(painter: QPainter, rect: QRectF, change: int, colour: str) -> None:
    """Up, down, or level (a right-pointing arrow) for no change."""
    path = QPainterPath()
    if change > 0:
        path.moveTo(rect.center().x(), rect.top())
        path.lineTo(rect.right(), rect.bottom())
        path.lineTo(rect.left(), rect.bottom())
    elif change < 0:
        path.moveTo(rect.left(), rect.top())
        path.lineTo(rect.right(), rect.top())
        path.lineTo(rect.center().x(), rect.bottom())
    else:
        path.moveTo(rect.left(), rect.top())
        path.lineTo(rect.right(), rect.center().y())
        path.lineTo(rect.left(), rect.bottom())
    path.closeSubpath()
    painter.fillPath(path, QColor(colour))


# The pages after the first --------------------------------------------------------------
def _details_document(
    data: BoardReportData, device: QPagedPaintDevice, size: QSizeF
) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(
        f"h2 {{ color: {TITLE_COLOUR}; }} th {{ background-color: #1f3864; color: white; }}"
        " td, th { padding: 2px; } .muted { color: #607080; }"
    )
    document.setPageSize(size)
    document.setHtml(_details_html(data))
    return document


def _details_html(data: BoardReportData) -> str:
    titles = {w.id: w.title for w in data.workstreams}
    reasons = data.reasons
    parts: list[str] = []

    def section(
        title: str, intro: str, headers: dict[str, int], rows: list[list[str]]
    ) -> None:  # headers: their widths in per cent
        parts.append(f"<h2>{html.escape(title)}</h2><p class='muted'>{html.escape(intro)}</p>")
        if not rows:
            return
        head = "".join(
            f"<th align='left' width='{w}%'>{html.escape(h)}</th>" for h, w in headers.items()
        )
        body = "".join(
            "<tr>" + "".join(f"<td valign='top'>{cell}</td>" for cell in row) + "</tr>"
            for row in rows
        )
        parts.append(
            "<table width='100%' cellspacing='0' border='0.5' style='border-color:#c0c8d0;'>"
            f"<thead><tr>{head}</tr></thead>{body}</table>"
        )

    def cells(action: ActionShape, *more: str) -> list[str]:
        return [
            html.escape(action.ref),
            html.escape(titles.get(action.workstream_id, "")),
            html.escape(_short(action.text)),
            html.escape(", ".join(action.leads) or action.lead_text),
            *more,
        ]

    exceptions = data.exceptions
    section(
        "Exceptions",
        f"{count_noun(len(exceptions), 'action')} the board needs to know about: red, overdue,"
        " slipped or without a due date, most severe first.",
        {
            "Ref": 8,
            "Workstream": 15,
            "Action": 26,
            "Leads": 15,
            "Why listed": 18,
            "Due": 12,
            "RAG": 6,
        },
        [
            cells(x.action, html.escape(x.why), _due(x.action), x.action.rag or "")
            for x in exceptions
        ],
    )
    done = completed(data.actions)
    section(
        "Completed",
        f"{count_noun(len(done), 'action')} complete.",
        {"Ref": 8, "Workstream": 15, "Action": 45, "Leads": 18, "Last update": 14},
        [cells(a, numeric_date(a.last_update) if a.last_update else "") for a in done],
    )
    moved = slipped(data.actions)
    section(
        "Slipped",
        f"{count_noun(len(moved), 'action')} with a revised due date later than the original.",
        {
            "Ref": 8,
            "Workstream": 14,
            "Action": 24,
            "Leads": 14,
            "Original": 11,
            "Revised": 11,
            "Reason given": 18,
        },
        [
            cells(
                a,
                _date(a.due),
                _date(a.revised_due),
                html.escape(reasons[a.id][0]) if a.id in reasons else "",
            )
            for a in moved
        ],
    )
    ahead = look_ahead(data.actions, data.as_at)
    section(
        "Look-ahead",
        f"{count_noun(len(ahead), 'action')} due in the {LOOK_AHEAD_DAYS} days after "
        f"{long_date(data.as_at)} and not complete.",
        {"Ref": 8, "Workstream": 15, "Action": 30, "Leads": 16, "Due": 12, "Status": 13, "RAG": 6},
        [cells(a, _due(a), html.escape(a.status), a.rag or "") for a in ahead],
    )
    return "".join(parts)


def _date(value: date | None) -> str:
    return numeric_date(value) if value is not None else ""


def _due(action: ActionShape) -> str:
    return _date(action.revised_due or action.due)


def _short(text: str, limit: int = 220) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
