"""An action's progress updates, newest first, as a list of readable entries.

Each entry reads ``9 Jul 2018 · Graeme Betts · In progress · Amber · 60%`` with the note
below it, word-wrapped: a panel beside the tree is too narrow for a table of notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tracker.ui.formatting import format_date, format_percent, rag_label

if TYPE_CHECKING:
    from tracker.services.actions import UpdateRow

ITEM_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


def update_heading(update: UpdateRow) -> str:
    return " · ".join(
        (
            format_date(update.date),
            update.author,
            update.status,
            rag_label(update.rag),
            format_percent(update.percent),
        )
    )


def describe_update(update: UpdateRow) -> str:
    """The whole update in words: heading, revised due date and reason, the note."""
    lines = [update_heading(update)]
    if update.revised_due:
        reason = f" ({update.revision_reason})" if update.revision_reason else ""
        lines.append(f"Due date revised to {format_date(update.revised_due)}{reason}")
    if update.narrative:
        lines.append(update.narrative)
    return "\n".join(lines)


class UpdatesModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[UpdateRow] = []

    def set_updates(self, rows: list[UpdateRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        update = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe_update(update)
        if role == Qt.ItemDataRole.ToolTipRole and update.source != "window":
            return f"Recorded from: {update.source}"
        if role == ITEM_ROLE:
            return update
        return None
