"""The Workstreams dialog's two tables: the plan's workstreams in order, and the areas of
the one selected."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from tracker.ui.formatting import first_line
from tracker.ui.models.headed_table_model import HeadedTableModel

if TYPE_CHECKING:
    from tracker.services.action_rows import WorkstreamInfo

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class WorkstreamListModel(HeadedTableModel[tuple["WorkstreamInfo", int]]):
    """One row per workstream, in the plan's order: its tab, title and number of areas."""

    TAB, TITLE, AREAS = range(3)
    HEADERS = ("Tab", "Workstream", "Areas")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        ws, areas = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (ws.tab, ws.title, str(areas))[index.column()]
        if role == ID_ROLE:
            return ws.id
        return None


class AreaListModel(HeadedTableModel["AreaRow"]):
    """The areas of one workstream: reference and title."""

    REF, TITLE = range(2)
    HEADERS = ("Ref", "Area for improvement")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        area = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (area.ref, first_line(area.title))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TITLE:
            return area.title
        if role == ID_ROLE:
            return area.id
        return None
