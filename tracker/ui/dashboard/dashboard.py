"""The Overview's dashboard: the headline figures across the plan, RAG and status by
workstream, and the RAG trend across reporting periods.

A bar segment opens the workstream's tab filtered to its actions (the same path as the
figures table); a headline figure lists its actions from every workstream below.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from tracker.charts.bars import rag_rows, status_rows
from tracker.charts.trend import TrendPoint
from tracker.services.overview import Summary
from tracker.ui.dashboard.bar_chart import BarChart
from tracker.ui.dashboard.figure_tiles import FigureTiles
from tracker.ui.dashboard.trend_chart import TrendChart


class Dashboard(QWidget):
    figureActivated = Signal(str, int, str)  # tab, workstream id, figure
    totalFigureChosen = Signal(str)  # a figure across every workstream

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.tiles = FigureTiles(self)
        self.rag_chart = BarChart("RAG by workstream", self)
        self.rag_chart.setObjectName("ragChart")
        self.status_chart = BarChart("Status by workstream", self)
        self.status_chart.setObjectName("statusChart")
        self.trend_chart = TrendChart(self)
        self.trend_chart.setObjectName("trendChart")
        charts = QHBoxLayout()
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.rag_chart, 4)
        charts.addWidget(self.status_chart, 4)
        charts.addWidget(self.trend_chart, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tiles)
        layout.addLayout(charts, 1)
        for chart in (self.rag_chart, self.status_chart):
            chart.segmentActivated.connect(self._segment_activated)
        self.tiles.figureChosen.connect(self.totalFigureChosen)

    def show_summaries(
        self, summaries: Sequence[Summary], labels: Sequence[str], total: Summary
    ) -> None:
        places = [(s.tab, s.workstream_id) for s in summaries]
        self.rag_chart.set_rows(rag_rows(summaries, labels, places))
        self.status_chart.set_rows(status_rows(summaries, labels, places))
        self.tiles.show_total(total)

    def show_trend(self, trend: Sequence[TrendPoint]) -> None:
        self.trend_chart.set_trend(trend)

    def _segment_activated(self, place: object, figure: str) -> None:
        if isinstance(place, tuple) and len(place) == 2:
            tab, workstream_id = place
            self.figureActivated.emit(tab, workstream_id, figure)
