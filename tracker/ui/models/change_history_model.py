"""An action's change history from the audit log, newest first, as readable entries.

Each entry reads ``23 Nov 2026 16:48 · Pip Mayo · edit`` with the change below it
(``% complete: 0 → 25``, ``Due: 30 Jun 2018 → 31 Mar 2027``). Every time has its date
(a list read days later must not say only "16:48") and dates read as everywhere else in
the window, not as the log stores them. The audit log is the record a regulator may ask
for; this is where a lead sees it for one action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from tracker.dates import local_time, parse_date, short_date, short_date_time
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
DATE_FIELDS = frozenset({"revised_due_date", "due_date", "start_date"})
EMPTY = "(empty)"


def describe_value(field: str, value: str | None) -> str:
    """A logged value as the window shows it: dates as ``30 Jun 2018``."""
    if value in (None, ""):
        return EMPTY
    if field in DATE_FIELDS:
        try:
            return short_date(parse_date(value))
        except ValueError:
            return value  # not a date after all: show what was logged
    return value


def describe_change(row: AuditRow) -> str:
    heading = " · ".join((short_date_time(local_time(row.at)), row.user, row.cause))
    field = FIELD_NAMES.get(row.field, row.field.replace("_", " ").capitalize())
    old = describe_value(row.field, row.old_value)
    new = describe_value(row.field, row.new_value)
    return f"{heading}\n{field}: {old} → {new}"


class ChangeHistoryModel(EntryListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(describe_change, None, parent)

    def set_changes(self, rows: list[AuditRow]) -> None:
        """Audit records oldest first (as the service gives them); shown newest first."""
        self.set_entries(list(reversed(rows)))
