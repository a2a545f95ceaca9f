"""An action's progress updates, newest first, as a list of readable entries.

Each entry reads ``9 Jul 2018 · Graeme Betts · In progress · Amber · 60%`` with the note
below it, word-wrapped: a panel beside the tree is too narrow for a table of notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from tracker.ui.formatting import format_date, format_percent, rag_label
from tracker.ui.models.entry_list_model import ITEM_ROLE, EntryListModel

if TYPE_CHECKING:
    from tracker.services.action_rows import UpdateRow

__all__ = ["ITEM_ROLE", "UpdatesModel", "describe_update", "update_heading"]


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


def _source_tip(update: UpdateRow) -> str | None:
    return None if update.source == "window" else f"Recorded from: {update.source}"


class UpdatesModel(EntryListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(describe_update, _source_tip, parent)

    def set_updates(self, rows: list[UpdateRow]) -> None:
        self.set_entries(rows)
