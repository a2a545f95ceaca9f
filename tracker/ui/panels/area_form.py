"""The selected area for improvement: its text fields, editable in place, and its leads
and deadline as imported."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from tracker.ui.panels.action_form import selectable_label
from tracker.ui.panels.edit_scope import make_note, show_editable
from tracker.ui.widgets.commit_text import CommitLineEdit, CommitPlainTextEdit
from tracker.wording import count_text

if TYPE_CHECKING:
    from tracker.services.action_rows import AreaRow
    from tracker.ui.editing import EditController

# (field, label, lines shown)
_TEXT_FIELDS = (
    ("title", "&Area for improvement", 4),
    ("lead_in", "Lead-&in", 2),
    ("what_has_changed", "What has &changed", 4),
    ("plans_in_place", "&Plans in place", 4),
)


class AreaForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: EditController | None = None
        self.row: AreaRow | None = None
        self._action_count = 0
        self.heading = QLabel(self)
        self.heading.setObjectName("areaHeading")
        self.heading.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("editError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.hide()
        self.ref = CommitLineEdit(self)
        self.ref.setObjectName("areaRef")
        self.ref.setAccessibleName("Area reference")
        self.ref.committed.connect(lambda text, s: self._commit("ref", text, s))
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields.addRow("&Ref", self.ref)
        self.texts: dict[str, CommitPlainTextEdit] = {}
        for field, label, lines in _TEXT_FIELDS:
            editor = CommitPlainTextEdit(self)
            editor.setObjectName(f"area_{field}")
            editor.setAccessibleName(label.replace("&", ""))
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * lines + 12)
            editor.committed.connect(lambda text, s, name=field: self._commit(name, text, s))
            self.texts[field] = editor
            fields.addRow(label, editor)
        self.leads = selectable_label(self, "areaLeads")
        fields.addRow("Leads", self.leads)
        self.count = QLabel(self)
        fields.addRow("Actions", self.count)
        self.imported = QGroupBox("As written in the imported plan", self)
        self.lead_text = selectable_label(self.imported, "areaLeadText")
        self.deadline_text = selectable_label(self.imported, "areaDeadlineText")
        imported = QFormLayout(self.imported)
        imported.addRow("Lead as written", self.lead_text)
        imported.addRow("Deadline as written", self.deadline_text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.error)
        self.read_only_note = make_note(self)
        layout.addWidget(self.read_only_note)
        layout.addLayout(fields)
        layout.addWidget(self.imported)
        layout.addStretch(1)

    def first_field(self) -> QWidget:
        return self.ref

    def set_editable(self, editable: bool) -> None:
        """Read-only for an area this login may not change (a team database's lead)."""
        show_editable(self, [self.ref, *self.texts.values()], self.read_only_note, editable)

    def show_area(self, row: AreaRow, action_count: int) -> None:
        if self.row is None or self.row.id != row.id:
            self.error.hide()
        self.row = row
        self.heading.setText(f"<b>Area for improvement {html.escape(row.ref)}</b>")
        self.ref.set_text(row.ref)
        for field, editor in self.texts.items():
            editor.set_text(getattr(row, field))
        self.leads.setText("; ".join(row.leads) or "(none named)")
        self._action_count = action_count
        self.count.setText(count_text(action_count))
        self.lead_text.setText(row.lead_text or "(none)")
        self.deadline_text.setText(row.deadline_text or "(none)")

    def _commit(self, field: str, value: str, session: object) -> None:
        if self.row is None or self.controller is None:
            return
        error = self.controller.edit_area(self.row.id, field, value, session)
        self.error.setText(error or "")
        self.error.setVisible(bool(error))
        if error:
            stored = self.controller.state.areas[self.row.id]
            self.show_area(stored, self._action_count)
