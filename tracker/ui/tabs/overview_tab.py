"""The Overview tab: each workstream's counts by status and RAG, overdue, due soon and
needing review. Clicking a count (or pressing Enter on it) opens that workstream's tab
filtered to those actions.

The table is built when the first figures arrive, so the tab costs nothing at start-up.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tracker.ui.formatting import format_date
from tracker.wording import count_noun, count_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from tracker.services.action_rows import WorkstreamInfo
    from tracker.services.overview import Summary
    from tracker.ui.models.overview_model import OverviewModel


class OverviewTab(QWidget):
    figureActivated = Signal(str, int, str)  # tab, workstream id, figure

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab:Overview")
        self.setAccessibleName("Overview")
        self.heading = QLabel(self)
        self.heading.setObjectName("overviewHeading")
        self.heading.setWordWrap(True)
        self.model: OverviewModel | None = None
        self.table: QTableView | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.addWidget(self.heading)
        self._layout.addStretch(1)

    def _ensure_table(self) -> tuple[OverviewModel, QTableView]:
        if self.model is not None and self.table is not None:
            return self.model, self.table
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

        from tracker.ui.models.overview_model import NAME, OverviewModel

        model = OverviewModel(self)
        table = QTableView(self)
        table.setObjectName("overviewTable")
        table.setAccessibleName("Overview figures by workstream")
        table.setModel(model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NAME, table.fontMetrics().averageCharWidth() * 40)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(table.fontMetrics().lineSpacing() * 2 + 10)
        hint = QLabel(
            "Click a figure, or select it and press Enter, to see those actions in their tab.",
            self,
        )
        hint.setWordWrap(True)
        self._layout.takeAt(1)  # the stretch that kept the heading at the top
        self._layout.addWidget(table, 1)
        self._layout.addWidget(hint)
        table.clicked.connect(self._activated)
        table.activated.connect(self._activated)
        self.model, self.table = model, table
        return model, table

    def show_summaries(
        self,
        workstreams: list[WorkstreamInfo],
        summaries: list[Summary],
        total: Summary,
        today: date,
        plans: int,
    ) -> None:
        model, _table = self._ensure_table()
        by_id = {w.id: w for w in workstreams}
        per_tab = Counter((w.plan_id, w.tab) for w in workstreams)
        labels = []
        for summary in summaries:
            info = by_id.get(summary.workstream_id or -1)
            label = summary.tab
            if info is not None and per_tab[info.plan_id, info.tab] > 1:
                label = f"{summary.tab}: {summary.title}"
            if plans > 1 and info is not None:
                label = f"{label} ({info.plan_name})"
            labels.append(label)
        model.set_summaries(summaries, total, labels)
        self.heading.setText(
            f"<b>Where the plan stands on {format_date(today)}</b>: "
            f"{count_noun(total.actions, 'action')}, {count_text(total.overdue)} overdue, "
            f"{count_text(total.due_soon)} due in the next 30 days, "
            f"{count_text(total.needs_review)} to review."
        )

    def show_message(self, text: str) -> None:
        """Say why there are no figures (no database, an empty one, still loading)."""
        self.heading.setText(text)
        if self.model is not None:
            self.model.clear()

    def _activated(self, index: QModelIndex) -> None:
        from tracker.ui.models.overview_model import FIGURE_ROLE, WORKSTREAM_ROLE

        figure = index.data(FIGURE_ROLE)
        where = index.data(WORKSTREAM_ROLE)
        if figure and where:
            tab, workstream_id = where
            self.figureActivated.emit(tab, workstream_id, figure)
