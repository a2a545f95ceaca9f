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
    trend = load_trend(database, plan_ids.pop()) if len(plan_ids) == 1 else []
    return HighlightInputs(report, trend, key_messages)
