"""The detail panel's Change history: who changed what about the action, from the
audit log, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from tracker.ui.models.change_history_model import ChangeHistoryModel
from tracker.ui.panels.entry_list import EntryList

if TYPE_CHECKING:
    from tracker.services.audit import AuditRow


class ChangeHistory(EntryList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            ChangeHistoryModel(),
            empty_text="No changes since the plan was imported.",
            object_name="changeHistory",
            accessible_name="Change history from the audit log, newest first",
            parent=parent,
        )

    def set_changes(self, rows: list[AuditRow]) -> None:
        self.model.set_changes(rows)
        self._shown(rows)
