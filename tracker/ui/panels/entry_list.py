"""A word-wrapped, read-only list of entries with a line saying when there are none:
the detail panel's progress updates and change history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from tracker.ui.models.entry_list_model import EntryListModel


class EntryList(QWidget):
    def __init__(
        self,
        model: EntryListModel,
        *,
        empty_text: str,
        object_name: str,
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.list = QListView(self)
        self.list.setObjectName(object_name)
        self.list.setAccessibleName(accessible_name)
        self.list.setModel(model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(120)
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def _shown(self, rows: Sequence[object]) -> None:
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
