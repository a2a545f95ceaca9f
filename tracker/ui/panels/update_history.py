"""An action's update history in the detail panel: newest first, notes in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from tracker.ui.models.updates_model import UpdatesModel
from tracker.ui.panels.entry_list import EntryList

if TYPE_CHECKING:
    from tracker.services.action_rows import UpdateRow


class UpdateHistory(EntryList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            UpdatesModel(),
            empty_text="No progress updates yet.",
            object_name="updateHistory",
            accessible_name="Update history, newest first",
            parent=parent,
        )

    def set_updates(self, rows: list[UpdateRow]) -> None:
        self.model.set_updates(rows)
        self._shown(rows)
