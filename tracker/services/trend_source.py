"""Where the dashboard and the highlight report get the RAG trend across reporting
periods: one function, so that wiring in the periods service is a one-line change.

Until then there are no closed periods to show, and the charts say so.
"""

from __future__ import annotations

from typing import Any

from tracker.db.database import Database


def load_trend(database: Database, plan_id: int) -> list[Any]:
    """The RAG trend of plan ``plan_id`` over its last six closed periods, oldest first:
    objects shaped like ``tracker.charts.trend.TrendPoint``."""
    # Replaced at integration by: return periods.rag_trend(database, plan_id, last=6)
    return []
