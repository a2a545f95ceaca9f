"""The tree view of a workstream tab, set up for large plans and for the keyboard.

Uniform row heights, and columns sized from samples of what they hold rather than by
measuring rows (``resizeRowsToContents`` took 76 s at 100,000 rows). The Action column
takes whatever width is left; when the view is too narrow for every column at its natural
width, the others give way down to a minimum (Lead first, as it has the most to give), so
that every column stays in sight on a laptop. A width the person drags a column to is
kept. Sorting is the model's own (header clicks call ``model.sort``). Enter on a row moves
the focus to the detail panel; the RAG column is drawn as a chip.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from tracker.ui.models import columns as col
from tracker.ui.models.action_tree_model import RAG_ROLE
from tracker.ui.widgets.rag_delegate import RagDelegate


class ColumnSample:
    """How wide a column would like to be, and how narrow it may get, as sample text
    (plus room for an icon or the indentation where its rows have them)."""

    def __init__(self, natural: str, minimum: str, extra: int = 10) -> None:
        self.natural = natural
        self.minimum = minimum
        self.extra = extra


INDENTATION = 14
ICON_WIDTH = 22
# area > action (workstream groups are always open, so they need no branch mark), then
# the review flag
_REF_EXTRA = 2 * INDENTATION + ICON_WIDTH + 8
_SAMPLES = {
    col.REF: ColumnSample("1.1 viii", "1.1 iii", _REF_EXTRA),
    col.LEAD: ColumnSample("June Marshall", "June M"),
    col.DUE: ColumnSample("30 Sep 2018", "30 Sep 2018", ICON_WIDTH + 12),
    col.STATUS: ColumnSample("Not started", "Not st"),
    col.RAG: ColumnSample("RAG", "RAG", 22),
    col.CALC_RAG: ColumnSample("Calc", "RAG", 22),
    col.PERCENT: ColumnSample("% complete", "100 %"),
    col.LAST_UPDATE: ColumnSample("Last update", "30 Sep 2018"),
}
# Which columns give way first when the view is narrow (the most room to give first).
_GIVE_WAY = (
    col.LEAD,
    col.PERCENT,
    col.LAST_UPDATE,
    col.STATUS,
    col.CALC_RAG,
    col.REF,
    col.DUE,
    col.RAG,
)
MIN_ACTION_WIDTH = 160
# Wide enough for the Action column to be read at a glance (about 30 characters).
COMFORTABLE_ACTION_WIDTH = 200
# The Action column's share of a narrow view before the other columns give way.
ACTION_SHARE = 0.35


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
        self.setRootIsDecorated(False)
        self.setExpandsOnDoubleClick(True)
        for column in (col.RAG, col.CALC_RAG):
            self.setItemDelegateForColumn(
                column, RagDelegate(RAG_ROLE, int(Qt.ItemDataRole.BackgroundRole), self)
            )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(col.REF, Qt.SortOrder.AscendingOrder)  # the plan's order
        self.setSortingEnabled(True)  # header clicks call the model's own sort()
        self._natural: dict[int, int] = {}
        self._minimum: dict[int, int] = {}
        self._chosen: dict[int, int] = {}  # widths the person dragged columns to
        self._fitting = False
        self._header_watched = False
        self._measure()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self._set_up_columns()

    def _measure(self) -> None:
        metrics = QFontMetrics(self.font())
        header_metrics = QFontMetrics(self.header().font())
        sort_mark = header_metrics.horizontalAdvance("  ▲")
        for column, sample in _SAMPLES.items():
            label = header_metrics.horizontalAdvance(col.HEADERS[column]) + sort_mark
            # Never narrower than the heading's own words: a heading cut short is a puzzle.
            minimum = max(
                metrics.horizontalAdvance(sample.minimum) + sample.extra,
                header_metrics.horizontalAdvance(col.HEADERS[column]) + 12,
            )
            natural = max(metrics.horizontalAdvance(sample.natural) + sample.extra, label)
            self._minimum[column] = minimum
            self._natural[column] = max(natural, minimum)
        self.header().setMinimumSectionSize(metrics.averageCharWidth() * 3)

    def _set_up_columns(self) -> None:
        header = self.header()
        for column in range(col.COLUMN_COUNT):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == col.ACTION_TEXT
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(column, mode)
        if not self._header_watched:
            header.sectionResized.connect(self._section_resized)
            self._header_watched = True
        self.fit_columns()

    def column_widths(self, available: int) -> dict[int, int]:
        """The width of each column but Action for a view ``available`` pixels wide: the
        natural widths when Action still gets its share, else narrower, never below
        each column's minimum (nor a width the person chose)."""
        widths = {c: self._chosen.get(c, w) for c, w in self._natural.items()}
        action = max(MIN_ACTION_WIDTH, int(available * ACTION_SHARE))
        excess = sum(widths.values()) + action - available
        for column in _GIVE_WAY:
            if excess <= 0:
                break
            if column in self._chosen:
                continue
            give = min(excess, widths[column] - self._minimum[column])
            if give > 0:
                widths[column] -= give
                excess -= give
        return widths

    def fit_columns(self) -> None:
        """Size the columns to the view: called when the view or the model changes."""
        if self.model() is None:
            return
        header = self.header()
        self._fitting = True
        try:
            for column, width in self.column_widths(self.viewport().width()).items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and column != col.ACTION_TEXT and column in self._natural:
            self._chosen[column] = new  # dragged by the person: keep it

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def comfortable_width(self) -> int:
        """Room for every column at its narrowest and an Action column that reads well
        (the frame and a scroll bar included)."""
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        return sum(self._minimum.values()) + COMFORTABLE_ACTION_WIDTH + frame

    def minimum_width(self) -> int:
        """Wide enough for every column at its narrowest and a readable Action column."""
        return sum(self._minimum.values()) + MIN_ACTION_WIDTH

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openDetail.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
