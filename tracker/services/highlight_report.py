"""Gathering the highlight report: the board report's data, the RAG trend across
reporting periods and the key messages written for the period, for the PDF writer
(:mod:`tracker.pdf.highlight_report`) to lay out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.db.database import Database
from tracker.excel.board_report import BoardReportData
from tracker.services.action_rows import WorkstreamInfo
from tracker.services.board_report_export import gather_board_report
from tracker.services.periods import list_periods
from tracker.services.trend_source import load_trend


@dataclass(frozen=True)
class HighlightInputs:
    report: BoardReportData
    trend: list[Any]  # shaped like tracker.charts.trend.TrendPoint, oldest first
    key_messages: str


def gather_highlight_report(
    database: Database,
    *,
    as_at: date | None = None,
    plan: str | int | None = None,
    key_messages: str = "",
) -> HighlightInputs:
    """Everything the highlight report shows for ``plan`` (see ``export_board_report``)."""
    report = gather_board_report(database, as_at=as_at, plan=plan)
    plan_ids = {w.plan_id for w in report.workstreams if isinstance(w, WorkstreamInfo)}
    if len(plan_ids) != 1:
        return HighlightInputs(report, [], key_messages)
    plan_id = plan_ids.pop()
    trend = load_trend(database, plan_id, until=as_at)
    if not key_messages:
        # The programme office's text for the period this report closes or follows.
        written = [
            p.key_messages
            for p in list_periods(database, plan_id)
            if p.key_messages and (as_at is None or p.on <= as_at)
        ]
        key_messages = written[-1] if written else ""
    return HighlightInputs(report, trend, key_messages)
