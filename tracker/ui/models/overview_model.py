"""The Overview's figures: one row per workstream and a total, one column per count.

Every count cell names the figure behind it (see ``tracker.services.overview``), so a
click can open the workstream's tab on exactly those actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tracker.domain import BLUE, RAGS, STATUSES
from tracker.ui.formatting import rag_label
from tracker.ui.widgets import palette
from tracker.wording import count_text

if TYPE_CHECKING:
    from tracker.services.overview import Summary

FIGURE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the figure name, e.g. "overdue"
WORKSTREAM_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # (tab, workstream id) or None
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


class Column(NamedTuple):
    title: str
    figure: str  # "" for the name column
    tip: str


COLUMNS: tuple[Column, ...] = (
    Column("Workstream", "", "The plan's workstreams, tab by tab"),
    Column("Actions", "all", "All actions"),
    *(Column(s, f"status:{s}", f"Actions with status {s}") for s in STATUSES),
    *(Column(rag_label(r), f"rag:{r}", f"Actions rated {rag_label(r)}") for r in RAGS),
    Column("Blue", f"rag:{BLUE}", "Complete, with the evidence verified by the programme office"),
    Column("Not rated", "rag:", "Actions without a RAG rating"),
    Column("Overdue", "overdue", "Past their (revised) due date and not complete"),
    Column("Due in 30 days", "due_soon", "Due in the next 30 days and not complete"),
    Column("Needs review", "needs_review", "Flagged for review on import or later"),
)
NAME = 0
_ATTENTION = {"overdue", "needs_review"}


def figure_value(summary: Summary, figure: str) -> int:
    if figure == "all":
        return summary.actions
    if figure.startswith("status:"):
        return summary.by_status.get(figure.removeprefix("status:"), 0)
    if figure.startswith("rag:"):
        # BRAG: a verified action counts as Blue, not by the rating it had.
        return summary.by_brag.get(figure.removeprefix("rag:") or None, 0)
    return int(getattr(summary, figure))


class OverviewModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Summary] = []
        self._labels: list[str] = []

    def set_summaries(self, summaries: list[Summary], total: Summary, labels: list[str]) -> None:
        """Rows in plan order with their labels (e.g. "Enablers: IT"), then the total."""
        self.beginResetModel()
        self._rows = [*summaries, total]
        self._labels = [*labels, "All workstreams"]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._labels = [], []
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = COLUMNS[index.column()]
        is_total = summary.workstream_id is None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == NAME:
                return self._labels[index.row()]
            return count_text(figure_value(summary, column.figure))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (is_total or index.column() == NAME):
            return palette.bold_font()
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column.figure in _ATTENTION
            and figure_value(summary, column.figure)
        ):
            return palette.brush(palette.OVERDUE_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole and column.figure:
            where = self._labels[index.row()]
            if is_total:
                return f"{column.tip}: across all workstreams"
            return f"{column.tip} in {where}: click or press Enter to list them"
        if role == FIGURE_ROLE:
            return column.figure or None
        if role == WORKSTREAM_ROLE:
            return None if is_total else (summary.tab, summary.workstream_id)
        return None
