"""Where the dashboard and the highlight report get the RAG trend across reporting
periods: the plan's closed periods (:mod:`tracker.services.periods`), the last six.
With no period closed yet there is nothing to show, and the charts say so.
"""

from __future__ import annotations

from datetime import date

from tracker.db.database import Database
from tracker.services.periods import PeriodTrend, rag_trend

TREND_PERIODS = 6


def load_trend(database: Database, plan_id: int, *, until: date | None = None) -> list[PeriodTrend]:
    """The RAG trend of plan ``plan_id`` over its last six periods closed by ``until``
    (all, when ``None``), oldest first: shaped like ``tracker.charts.trend.TrendPoint``."""
    return rag_trend(database, plan_id, last=TREND_PERIODS, until=until)
