"""View > Coverage: each finding and each quality statement of the plan in view, the
actions that answer it and their RAG. Findings with no action and statements no action
serves stand out. Double-click (or Enter on) an action to open it in its tab."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.assurance.coverage_model import (
    ACTION,
    ACTION_ID_ROLE,
    TEXT,
    CoverageModel,
    coverage_pairs,
)
from tracker.wording import count_noun

if TYPE_CHECKING:  # the service layer loads when the view is first opened
    from tracker.services.coverage import Coverage, CoverageRow


class CoverageTable(QTableView):
    """A coverage table; Enter on a row chooses it, as a double-click does."""

    chosen = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(self.chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.chosen.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class CoverageView(QDialog):
    def __init__(
        self,
        plan_name: str,
        coverage: Coverage,
        open_action: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coverageView")
        self.setWindowTitle(f"Coverage: {plan_name}")
        self._open_action = open_action
        self.summary = QLabel(self)
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.findings = self._table("coverageFindings")
        self.statements = self._table("coverageStatements")
        self.tabs.addTab(self.findings, "&Findings")
        self.tabs.addTab(self.statements, "&Quality statements")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.show_coverage(coverage)
        self.resize(960, 560)

    def _table(self, name: str) -> CoverageTable:
        table = CoverageTable(self)
        table.setObjectName(name)
        table.setModel(CoverageModel(parent=table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The finding and the action share the width left by the short columns.
        for column in (TEXT, ACTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.chosen.connect(self._activated)
        return table

    def show_coverage(self, coverage: Coverage) -> None:
        for table, rows in (
            (self.findings, coverage.findings),
            (self.statements, coverage.statements),
        ):
            model = table.model()
            assert isinstance(model, CoverageModel)
            model.set_rows(coverage_pairs(rows))
        self.summary.setText(
            f"{_summary(coverage.findings, 'finding')}; "
            f"{_summary(coverage.statements, 'quality statement')}. Rows in red have no "
            "action; yellow, actions but no evidence yet. Double-click an action, or press "
            "Enter on it, to open it."
        )

    def _activated(self, index: QModelIndex) -> None:
        action_id = index.data(ACTION_ID_ROLE)
        if action_id is not None:
            self._open_action(action_id)


def _summary(rows: list[CoverageRow], noun: str) -> str:
    uncovered = sum(1 for r in rows if r.uncovered)
    unproven = sum(1 for r in rows if r.without_evidence)
    return (
        f"{count_noun(len(rows), noun)}, {uncovered:,} with no action, "
        f"{unproven:,} with actions but no evidence yet"
    )
