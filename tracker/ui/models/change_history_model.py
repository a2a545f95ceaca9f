"""An action's change history from the audit log, newest first, as readable entries.

Each entry reads ``23 Nov 2026 16:48 · Pip Mayo · edit`` with the change below it
(``% complete: 0 → 25``). The audit log is the record a regulator may ask for; this is
where a lead sees it for one action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from tracker.ui.formatting import format_local_time
from tracker.ui.models.entry_list_model import EntryListModel

if TYPE_CHECKING:
    from tracker.services.audit import AuditRow

FIELD_NAMES = {
    "percent": "% complete",
    "rag": "RAG",
    "status": "Status",
    "revised_due_date": "Revised due",
    "due_date": "Due",
    "start_date": "Start",
    "needs_review": "Needs review",
    "review_reason": "Review reason",
    "text": "Action",
    "label": "Number",
    "leads": "Leads",
}


def describe_change(row: AuditRow) -> str:
    heading = " · ".join((format_local_time(row.at), row.user, row.cause))
    field = FIELD_NAMES.get(row.field, row.field.replace("_", " ").capitalize())
    old = row.old_value if row.old_value not in (None, "") else "(empty)"
    new = row.new_value if row.new_value not in (None, "") else "(empty)"
    return f"{heading}\n{field}: {old} → {new}"


class ChangeHistoryModel(EntryListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(describe_change, None, parent)

    def set_changes(self, rows: list[AuditRow]) -> None:
        """Audit records oldest first (as the service gives them); shown newest first."""
        self.set_entries(list(reversed(rows)))
