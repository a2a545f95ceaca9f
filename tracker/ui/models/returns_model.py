"""The Returns view's table: each status return sent, to whom, when it is due back and
whether it came back; overdue ones tinted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tracker.ui.formatting import format_date
from tracker.ui.models.headed_table_model import HeadedTableModel

if TYPE_CHECKING:
    from tracker.services.returns_chasing import ReturnChase

_Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Sent to", "Actions", "Sent on", "Due back", "Back on", "State")
SENT_TO, ACTIONS, SENT_ON, DUE_BACK, BACK_ON, STATE = range(len(HEADERS))
OVERDUE_TINT = QColor("#ffc7ce")


def state_text(chase: ReturnChase) -> str:
    if chase.back_on is not None:
        return "Back"
    return "Overdue" if chase.overdue else "Outstanding"


class ReturnsModel(HeadedTableModel["ReturnChase"]):
    HEADERS = HEADERS

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        chase = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                SENT_TO: chase.for_whom,
                ACTIONS: str(chase.actions),
                SENT_ON: format_date(chase.sent_on),
                DUE_BACK: format_date(chase.due_back),
                BACK_ON: format_date(chase.back_on),
                STATE: state_text(chase),
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == SENT_TO:
            return chase.file_name
        if role == Qt.ItemDataRole.BackgroundRole and chase.overdue:
            return QBrush(OVERDUE_TINT)
        return None
