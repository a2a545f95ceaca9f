"""The rows of the Coverage view: each finding or quality statement with each action that
answers it, one row per pair; an item no action answers is one highlighted row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from tracker.ui.formatting import rag_label
from tracker.ui.models.headed_table_model import HeadedTableModel
from tracker.ui.widgets import palette
from tracker.wording import count_noun

if TYPE_CHECKING:  # the service layer loads when the view is first opened
    from tracker.services.coverage import CoverageRow, CoveringAction

REF, TEXT, ACTION, RATING, CALCULATED, EVIDENCE = range(6)
ACTION_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
UNCOVERED_ROLE = int(Qt.ItemDataRole.UserRole) + 2
NO_ACTION = "No action answers it"
UNCOVERED_BACKGROUND = "#fde2e1"
NO_EVIDENCE_BACKGROUND = "#fff2cc"  # answered by actions, none holding evidence yet

Pair = tuple["CoverageRow", "CoveringAction | None"]


def coverage_pairs(rows: list[CoverageRow]) -> list[Pair]:
    return [pair for row in rows for pair in ([(row, a) for a in row.actions] or [(row, None)])]


class CoverageModel(HeadedTableModel[Pair]):
    HEADERS = ("Ref", "Finding or statement", "Action", "BRAG", "Calc RAG", "Evidence")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        item, action = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, action, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.BackgroundRole and action is None:
            return palette.brush(UNCOVERED_BACKGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and item.without_evidence:
            return palette.brush(NO_EVIDENCE_BACKGROUND)
        if role == ACTION_ID_ROLE:
            return action.id if action is not None else None
        if role == UNCOVERED_ROLE:
            return action is None
        return None

    @staticmethod
    def _text(item: CoverageRow, action: CoveringAction | None, column: int, tip: bool) -> Any:
        if column == REF:
            return item.ref
        if column == TEXT:
            score = f" (indicative score {item.score})" if item.score else ""
            text = f"{item.text}{score}"
            return f"{item.group}: {text}" if tip else text
        if action is None:
            return NO_ACTION if column == ACTION else ""
        if column == ACTION:
            return f"{action.ref} {action.text}" if tip else f"{action.ref}  {action.text[:90]}"
        if column == RATING:
            return rag_label(action.rating) if tip else action.rating or ""
        if column == EVIDENCE:
            return count_noun(action.evidence, "piece") + " of evidence" if tip else action.evidence
        return rag_label(action.calculated_rag) if tip else action.calculated_rag or ""
