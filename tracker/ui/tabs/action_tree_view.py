"""The tree view of a workstream tab, set up for large plans and for the keyboard.

Uniform row heights and fixed column widths: the view never measures rows or columns
against their contents (``resizeRowsToContents`` took 76 s at 100,000 rows). Sorting is
the model's own (header clicks call ``model.sort``). Enter on a row moves the focus to
the detail panel; the RAG column is drawn as a chip.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from tracker.ui.models import columns as col
from tracker.ui.models.action_tree_model import RAG_ROLE
from tracker.ui.widgets.rag_delegate import RagDelegate

# Each fixed column is as wide as this sample text (plus room for an icon where rows have
# one); the Action column takes what is left.
_SAMPLES = {
    col.REF: ("1.10 viii", 0),  # plus two levels of indentation and the review flag
    col.LEAD: ("June Marshall, Pip M", 12),
    col.DUE: ("30 Sep 2018", 34),
    col.STATUS: ("Not started", 14),
    col.RAG: ("RAG", 22),
    col.PERCENT: ("% complete", 14),
    col.LAST_UPDATE: ("30 Sep 2018", 14),
}
MIN_ACTION_WIDTH = 160
INDENTATION = 16
ICON_WIDTH = 22


class ActionTreeView(QTreeView):
    openDetail = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionTree")
        self.setAccessibleName("Areas and actions")
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAllColumnsShowFocus(True)
        self.setIndentation(INDENTATION)
        self.setExpandsOnDoubleClick(True)
        self.setItemDelegateForColumn(
            col.RAG, RagDelegate(RAG_ROLE, int(Qt.ItemDataRole.BackgroundRole), self)
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(col.REF, Qt.SortOrder.AscendingOrder)  # the plan's order
        self.setSortingEnabled(True)  # header clicks call the model's own sort()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self._size_columns()

    def _size_columns(self) -> None:
        header = self.header()
        metrics = QFontMetrics(self.font())
        for column in range(col.COLUMN_COUNT):
            if column == col.ACTION_TEXT:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                sample, extra = _SAMPLES[column]
                if column == col.REF:  # group > area > action, then the flag
                    extra = 3 * INDENTATION + ICON_WIDTH + 8
                header.resizeSection(column, metrics.horizontalAdvance(sample) + extra)
        header.setMinimumSectionSize(metrics.averageCharWidth() * 3)

    def minimum_width(self) -> int:
        """Wide enough for every fixed column and a readable Action column."""
        return sum(self.header().sectionSize(c) for c in _SAMPLES) + MIN_ACTION_WIDTH

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openDetail.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
