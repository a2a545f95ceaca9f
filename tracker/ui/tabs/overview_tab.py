"""The Overview tab: each workstream's counts by status and RAG, overdue, due soon and
needing review. Clicking a count (or pressing Enter on it) opens that workstream's tab
filtered to those actions.

Above the figures, the dashboard (:mod:`tracker.ui.dashboard`): the headline figures across
the plan as buttons that list their actions below, RAG and status by workstream as bar
charts whose segments open the tab filtered the same way, and the RAG trend across
reporting periods. It is built the first time the Overview is shown.

Below the figures, "My actions" lists every action the user leads, from every workstream
at once (a tab's "My actions" button shows only that tab's); activating one opens it in
its tab.

The tables are built when the first figures arrive, so the tab costs nothing at start-up.
"""

from __future__ import annotations

import html
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tracker.ui.formatting import format_date
from tracker.wording import count_noun, count_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from tracker.charts.trend import TrendPoint
    from tracker.services.action_rows import WorkstreamInfo
    from tracker.services.overview import Summary
    from tracker.ui.dashboard.dashboard import Dashboard
    from tracker.ui.models.my_actions_model import MyAction, MyActionsModel
    from tracker.ui.models.overview_model import OverviewModel


class OverviewTab(QWidget):
    figureActivated = Signal(str, int, str)  # tab, workstream id, figure
    actionActivated = Signal(str, int)  # tab, action id (from My actions)
    figureListRequested = Signal(str)  # a figure across every workstream: list its actions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab:Overview")
        self.setAccessibleName("Overview")
        self.heading = QLabel(self)
        self.heading.setObjectName("overviewHeading")
        self.heading.setWordWrap(True)
        self.model: OverviewModel | None = None
        self.table: QTableView | None = None
        self.mine_model: MyActionsModel | None = None
        self.mine_table: QTableView | None = None
        self.mine_heading: QLabel | None = None
        self.dashboard: Dashboard | None = None
        self._dashboard_box: QWidget | None = None
        self._figures: tuple[list[Summary], list[str], Summary] | None = None
        self._trend: list[TrendPoint] = []
        self._mine: tuple[str, list[MyAction]] = ("", [])
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.addWidget(self.heading)
        self._layout.addStretch(1)

    def _ensure_table(self) -> tuple[OverviewModel, QTableView]:
        if self.model is not None and self.table is not None:
            return self.model, self.table
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView

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
        figures = QWidget(self)
        figures_layout = QVBoxLayout(figures)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.addWidget(table, 1)
        figures_layout.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("overviewSplitter")
        splitter.setChildrenCollapsible(False)
        self._dashboard_box = QWidget(self)  # filled when the Overview is first shown
        self._dashboard_box.setMinimumHeight(table.fontMetrics().height() * 14)
        QVBoxLayout(self._dashboard_box).setContentsMargins(0, 0, 0, 0)
        splitter.addWidget(self._dashboard_box)
        splitter.addWidget(figures)
        splitter.addWidget(self._build_my_actions())
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        self._layout.takeAt(1)  # the stretch that kept the heading at the top
        self._layout.addWidget(splitter, 1)
        table.clicked.connect(self._activated)
        table.activated.connect(self._activated)
        self.model, self.table = model, table
        return model, table

    def _build_my_actions(self) -> QWidget:
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

        from tracker.ui.models.my_actions_model import ACTION, MyActionsModel

        box = QWidget(self)
        heading = QLabel(box)
        heading.setObjectName("myActionsHeading")
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        heading.linkActivated.connect(lambda _link: self._show_mine())
        model = MyActionsModel(parent=box)
        table = QTableView(box)
        table.setObjectName("myActionsTable")
        table.setAccessibleName("My actions in every workstream")
        table.setModel(model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        table.activated.connect(self._action_activated)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(table, 1)
        self.mine_model, self.mine_table, self.mine_heading = model, table, heading
        return box

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
        self._figures = (list(summaries), labels, total)
        if self.dashboard is not None:
            self.dashboard.show_summaries(summaries, labels, total)
            self.dashboard.show()
        else:  # built if the Overview is still in view once loading has settled
            QTimer.singleShot(0, self._build_if_visible)
        self.heading.setText(
            f"<b>Where the plan stands on {format_date(today)}</b>: "
            f"{count_noun(total.actions, 'action')}, {count_text(total.overdue)} overdue, "
            f"{count_text(total.due_soon)} due in the next 30 days, "
            f"{count_text(total.needs_review)} to review."
        )

    def show_my_actions(self, name: str, rows: list[MyAction]) -> None:
        """The actions ``name`` leads, from every workstream (``name`` may be blank)."""
        self._mine = (name, rows)
        self._show_mine()

    def _show_mine(self) -> None:
        self._ensure_table()
        assert self.mine_model is not None and self.mine_heading is not None
        name, rows = self._mine
        self.mine_model.set_rows(rows)
        who = html.escape(name.strip())
        if not who:
            text = (
                "<b>My actions</b>: set your name in Edit &gt; Preferences to list here the "
                "actions you lead in every workstream."
            )
        elif not rows:
            text = f"<b>My actions</b>: no action names {who} as a lead."
        else:
            text = (
                f"<b>My actions</b>: {who} leads {count_noun(len(rows), 'action')} across "
                "the workstreams. Double-click one, or select it and press Enter, to open it."
            )
        self.mine_heading.setText(text)

    def show_figure_actions(self, label: str, rows: list[MyAction]) -> None:
        """The actions behind a headline figure, from every workstream, in the list below
        (until the user goes back to their own)."""
        self._ensure_table()
        assert self.mine_model is not None and self.mine_heading is not None
        self.mine_model.set_rows(rows)
        self.mine_heading.setText(
            f"<b>{html.escape(label)}</b> in every workstream: "
            f"{count_noun(len(rows), 'action')}. Double-click one, or select it and press "
            "Enter, to open it. <a href='mine'>Back to my actions</a>"
        )
        if self.mine_table is not None and rows:
            self.mine_table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.mine_table.selectRow(0)

    def show_trend(self, trend: list[TrendPoint]) -> None:
        """The RAG trend across the last reporting periods, oldest first."""
        self._trend = list(trend)
        if self.dashboard is not None:
            self.dashboard.show_trend(self._trend)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.dashboard is None and self._figures is not None:
            self._ensure_dashboard()

    def _build_if_visible(self) -> None:
        if self.isVisible():
            self._ensure_dashboard()

    def _ensure_dashboard(self) -> Dashboard | None:
        """Build the charts (once, on first sight) and fill them with what has arrived."""
        if self.dashboard is None and self._dashboard_box is not None:
            from tracker.ui.dashboard.dashboard import Dashboard

            dashboard = Dashboard(self._dashboard_box)
            layout = self._dashboard_box.layout()
            assert layout is not None
            layout.addWidget(dashboard)
            dashboard.figureActivated.connect(self.figureActivated)
            dashboard.totalFigureChosen.connect(self.figureListRequested)
            self.dashboard = dashboard
            if self._figures is not None:
                dashboard.show_summaries(*self._figures)
            dashboard.show_trend(self._trend)
        return self.dashboard

    def show_message(self, text: str) -> None:
        """Say why there are no figures (no database, an empty one, still loading)."""
        self.heading.setText(text)
        if self.model is not None:
            self.model.clear()
        if self.mine_model is not None and self.mine_heading is not None:
            self.mine_model.set_rows([])
            self.mine_heading.clear()
        self._figures, self._trend, self._mine = None, [], ("", [])
        if self.dashboard is not None:  # no figures: no charts of the last file's
            self.dashboard.hide()

    def _activated(self, index: QModelIndex) -> None:
        from tracker.ui.models.overview_model import FIGURE_ROLE, WORKSTREAM_ROLE

        figure = index.data(FIGURE_ROLE)
        where = index.data(WORKSTREAM_ROLE)
        if figure and where:
            tab, workstream_id = where
            self.figureActivated.emit(tab, workstream_id, figure)

    def _action_activated(self, index: QModelIndex) -> None:
        from tracker.ui.models.my_actions_model import PLACE_ROLE

        place = index.data(PLACE_ROLE)
        if place:
            tab, action_id = place
            self.actionActivated.emit(tab, action_id)
