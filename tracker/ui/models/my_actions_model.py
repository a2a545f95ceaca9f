"""The Overview's "My actions": every action the user leads, from every workstream, in
one list (a tab's "My actions" button shows only that tab's).

One row per action: its reference, workstream, text, due date, status and RAG. Each row
knows its tab and action id, so activating it opens the action where it lives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from tracker.ui.formatting import first_line, format_date, rag_label
from tracker.ui.models.headed_table_model import HeadedTableModel

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow, WorkstreamInfo

PLACE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # (tab, action id)
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
HEADERS = ("Ref", "Workstream", "Action", "Due", "Status", "RAG")
REF, WORKSTREAM, ACTION, DUE, STATUS, RAG = range(len(HEADERS))


class MyAction(NamedTuple):
    row: ActionRow
    tab: str
    workstream: str  # as the Overview names it: "Personalisation", "Enablers: IT"


def my_actions(rows: list[ActionRow], workstreams: list[WorkstreamInfo]) -> list[MyAction]:
    """The rows in workstreams the window shows, named as the Overview names them."""
    tabs: dict[str, int] = {}
    for w in workstreams:
        tabs[w.tab] = tabs.get(w.tab, 0) + 1
    by_id = {w.id: w for w in workstreams}
    result = []
    for row in rows:
        w = by_id.get(row.workstream_id)
        if w is not None:  # a plan the window does not show (e.g. archived)
            name = f"{w.tab}: {w.title}" if tabs[w.tab] > 1 else w.tab
            result.append(MyAction(row, w.tab, name))
    return result


class MyActionsModel(HeadedTableModel[MyAction]):
    HEADERS = HEADERS

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        row = item.row
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == REF:
                return row.ref
            if column == WORKSTREAM:
                return item.workstream
            if column == ACTION:
                return first_line(row.text)
            if column == DUE:
                return format_date(row.effective_due)
            if column == STATUS:
                return row.status
            if column == RAG:
                return rag_label(row.brag) if row.brag else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == ACTION:
            return row.text or None
        if role == PLACE_ROLE:
            return (item.tab, row.id)
        return None
