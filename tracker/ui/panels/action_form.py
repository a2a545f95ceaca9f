"""The selected action's fields, editable in place, with its review flag and updates.

Each field saves itself when the person leaves it (text also after a pause in typing)
through the :class:`~tracker.ui.editing.EditController`; a value the service refuses is
explained under the heading and the field goes back to the stored value. The revised due
date changes only through "Add update", which asks for a reason when it moves.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import RAGS, STATUSES
from tracker.rag_rule import DEFAULT_RULE, calculated_rag
from tracker.ui.formatting import format_date, rag_label
from tracker.ui.panels.change_history import ChangeHistory
from tracker.ui.panels.closure_box import ClosureBox
from tracker.ui.panels.edit_scope import make_note, show_editable
from tracker.ui.panels.evidence_box import EvidenceBox
from tracker.ui.panels.update_history import UpdateHistory
from tracker.ui.widgets.commit_text import CommitLineEdit, CommitPlainTextEdit
from tracker.ui.widgets.date_edit import OptionalDateEdit

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow
    from tracker.ui.editing import EditController


def split_names(text: str) -> list[str]:
    """Leads as typed: separated by semicolons or new lines."""
    return [n.strip() for n in text.replace("\n", ";").split(";") if n.strip()]


def selectable_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A label whose Alt+letter moves the focus to ``buddy``."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


class ActionForm(QWidget):
    addUpdateRequested = Signal(int)  # action id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: EditController | None = None
        self.row: ActionRow | None = None
        self._today: Callable[[], date] = date.today

        self.heading = QLabel(self)
        self.heading.setObjectName("actionHeading")
        self.heading.setWordWrap(True)
        self.marks = QLabel(self)
        self.marks.setObjectName("actionMarks")
        self.marks.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("editError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.hide()

        self.label = CommitLineEdit(self)
        self.label.setObjectName("actionLabel")
        self.label.setAccessibleName("Action number")
        self.text = CommitPlainTextEdit(self)
        self.text.setObjectName("actionText")
        self.text.setAccessibleName("Action text")
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 5 + 12)
        self.leads = CommitLineEdit(self, idle_commit=False)
        self.leads.setObjectName("actionLeads")
        self.leads.setAccessibleName("Leads")
        self.leads.setToolTip("Names separated by semicolons")
        self.start = OptionalDateEdit(self)
        self.start.setObjectName("actionStart")
        self.start.setAccessibleName("Start date")
        self.due = OptionalDateEdit(self)
        self.due.setObjectName("actionDue")
        self.due.setAccessibleName("Due date")
        for field in (self.start, self.due):
            field.problem.connect(self._show_problem)
        self.revised_due = selectable_label(self, "actionRevisedDue")
        self.revised_due.setAccessibleName("Revised due date")
        self.status = QComboBox(self)
        self.status.setObjectName("actionStatus")
        self.status.setAccessibleName("Status")
        for status in STATUSES:
            self.status.addItem(status, status)
        self.rag = QComboBox(self)
        self.rag.setObjectName("actionRag")
        self.rag.setAccessibleName("RAG rating")
        self.rag.addItem(rag_label(None), None)
        for rag in RAGS:
            self.rag.addItem(f"{rag_label(rag)} ({rag})", rag)
        self.percent = QSpinBox(self)
        self.percent.setObjectName("actionPercent")
        self.percent.setAccessibleName("Percent complete")
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setKeyboardTracking(False)
        # The panel fits beside the tree on a laptop: the choices may be cut short there.
        for combo in (self.status, self.rag):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(5)

        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields.addRow("&Number", self.label)
        fields.addRow("&Action", self.text)
        fields.addRow("&Leads", self.leads)
        fields.addRow(buddy_label("S&tart", self.start, self), self.start)
        fields.addRow(buddy_label("D&ue", self.due, self), self.due)
        fields.addRow("Revised due", self.revised_due)
        state = QHBoxLayout()
        state.addWidget(self.status, 1)
        state.addWidget(self.rag, 1)
        fields.addRow(buddy_label("&Status", self.status, self), state)
        self.calculated = selectable_label(self, "actionCalculatedRag")
        self.calculated.setAccessibleName("Calculated RAG")
        fields.addRow("Calculated RAG", self.calculated)
        fields.addRow(buddy_label("% &complete", self.percent, self), self.percent)

        self.imported = QGroupBox("As written in the imported plan", self)
        self.deadline_text = selectable_label(self.imported, "actionDeadlineText")
        self.lead_text = selectable_label(self.imported, "actionLeadText")
        imported = QFormLayout(self.imported)
        imported.addRow("Deadline as written", self.deadline_text)
        imported.addRow("Lead as written", self.lead_text)

        self.review = QGroupBox("Review", self)
        self.review.setObjectName("reviewBox")
        self.review_reason = selectable_label(self.review, "reviewReason")
        self.review_button = QPushButton(self.review)
        self.review_button.setObjectName("reviewButton")
        self.review_button.clicked.connect(self._toggle_review)
        review = QHBoxLayout(self.review)
        review.addWidget(self.review_reason, 1)
        review.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignTop)

        self.updates_box = QGroupBox("Updates and history", self)
        self.add_update = QPushButton("Add &update…", self.updates_box)
        self.add_update.setObjectName("addUpdateButton")
        self.add_update.setToolTip("Record progress: status, RAG, percent and a note (Ctrl+U)")
        self.add_update.clicked.connect(self._request_update)
        self.history = UpdateHistory(self.updates_box)
        self.changes = ChangeHistory(self.updates_box)
        self.history_tabs = QTabWidget(self.updates_box)
        self.history_tabs.setObjectName("historyTabs")
        self.history_tabs.setAccessibleName("Progress updates and change history")
        self.history_tabs.setDocumentMode(True)
        self.history_tabs.tabBar().setObjectName("historyTabBar")
        self.history_tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.history_tabs.setUsesScrollButtons(True)
        self.history_tabs.tabBar().setAccessibleName("Progress updates and change history")
        self.history_tabs.addTab(self.history, "Progress updates")
        self.history_tabs.addTab(self.changes, "Change history")
        updates = QVBoxLayout(self.updates_box)
        updates.addWidget(self.add_update, 0, Qt.AlignmentFlag.AlignLeft)
        updates.addWidget(self.history_tabs)

        # Evidence and the completion steps that rest on it (BRAG).
        self.evidence = EvidenceBox(self)
        self.closure = ClosureBox(self.evidence)
        self.evidence.layout().addWidget(self.closure)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.marks)
        layout.addWidget(self.error)
        self.read_only_note = make_note(self)
        layout.addWidget(self.read_only_note)
        layout.addLayout(fields)
        layout.addWidget(self.review)
        layout.addWidget(self.evidence)
        layout.addWidget(self.updates_box)
        layout.addWidget(self.imported)
        layout.addStretch(1)
        self._set_tab_order()

        self.label.committed.connect(lambda text, s: self._commit("label", text, s))
        self.text.committed.connect(lambda text, s: self._commit("text", text, s))
        self.leads.committed.connect(lambda text, _s: self._commit_leads(text))
        self.start.committed.connect(lambda value: self._commit("start_date", value))
        self.due.committed.connect(lambda value: self._commit("due_date", value))
        self.status.activated.connect(lambda _i: self._commit("status", self.status.currentData()))
        self.rag.activated.connect(lambda _i: self._commit("rag", self.rag.currentData()))
        # Steps of the spin box on one action merge into one undo step.
        self._percent_session = object()
        self.percent.valueChanged.connect(
            lambda value: self._commit("percent", value, self._percent_session)
        )

    def _set_tab_order(self) -> None:
        """Tab goes through the fields as they read, top to bottom, left to right."""
        order = (
            self.label,
            self.text,
            self.leads,
            self.start,
            self.due,
            self.status,
            self.rag,
            self.percent,
            self.review_button,
            self.evidence.items.list,
            self.evidence.add_file,
            self.evidence.add_link,
            self.evidence.open,
            self.evidence.remove,
            self.evidence.restore,
            self.closure.propose,
            self.closure.verify,
            self.closure.send_back,
            self.closure.reopen,
            self.add_update,
            self.history_tabs,
            self.history.list,
            self.changes.list,
        )
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def set_clock(self, today: Callable[[], date]) -> None:
        self._today = today
        self.closure.today = today
        self.start.set_clock(today)
        self.due.set_clock(today)

    def first_field(self) -> QWidget:
        return self.label

    def set_editable(self, editable: bool) -> None:
        """Read-only for an action this login may not change (a team database's lead)."""
        editors = [self.label, self.text, self.leads, self.start, self.due, self.status]
        editors += [self.rag, self.percent, self.review_button, self.add_update]
        show_editable(self, editors, self.read_only_note, editable)

    # Showing -------------------------------------------------------------------------
    def show_action(self, row: ActionRow, *, reload_history: bool = True) -> None:
        same = self.row is not None and self.row.id == row.id
        self.row = row
        if not same:
            self.error.hide()
            self._percent_session = object()
        self.heading.setText(f"<b>Action {html.escape(row.ref)}</b>")
        self._show_marks(row)
        self.label.set_text(row.label)
        self.text.set_text(row.text)
        self.leads.set_text("; ".join(row.leads))
        self.start.set_value(row.start)
        self.due.set_value(row.due)
        if row.revised_due:
            self.revised_due.setText(
                f"{format_date(row.revised_due)} (originally {format_date(row.due) or 'not set'})"
            )
        else:
            self.revised_due.setText("Not revised (Add update moves the due date)")
        self._select(self.status, row.status)
        self._select(self.rag, row.rag)
        self.calculated.setText(self._calculated_text(row))
        blocked = self.percent.blockSignals(True)
        self.percent.setValue(row.percent)
        self.percent.blockSignals(blocked)
        self.deadline_text.setText(row.deadline_text or "(none)")
        self.lead_text.setText(row.lead_text or "(none)")
        self._show_review(row)
        self.closure.show_action(row, self.controller)
        if reload_history or not same:
            self.evidence.show_action(row.id, self.controller)
            self.history.set_updates(self.controller.updates(row.id) if self.controller else [])
            self.changes.set_changes(self.controller.changes(row.id) if self.controller else [])

    def _calculated_text(self, row: ActionRow) -> str:
        """The calculated RAG with the rule that fired, and whether the declared one differs."""
        rule = self.controller.state.rag_rule if self.controller is not None else DEFAULT_RULE
        rag, reason = calculated_rag(
            row.start, row.due, row.revised_due, row.status, row.percent, self._today(), rule
        )
        text = f"{rag_label(rag)}: {reason}"
        if rag and row.rag and rag != row.rag:
            text += f". The declared {rag_label(row.rag)} differs"
        return text

    def _show_marks(self, row: ActionRow) -> None:
        marks = []
        if row.is_overdue(self._today()):
            marks.append("⚠ Overdue")
        if row.needs_review:
            marks.append("⚑ Needs review")
        if row.is_slipped:
            marks.append("Slipped: due date revised later")
        self.marks.setText("   ".join(marks))
        self.marks.setVisible(bool(marks))

    def _show_review(self, row: ActionRow) -> None:
        reason = row.review_reason or ""
        self.review.setVisible(row.needs_review or bool(reason))
        if row.needs_review:
            self.review_reason.setText(f"Needs review: {reason or 'flagged'}")
            self.review_button.setText("Mark re&viewed")
        else:
            self.review_reason.setText(f"Reviewed. It was flagged: {reason}")
            self.review_button.setText("Flag for re&view again")

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        blocked = combo.blockSignals(True)
        combo.setCurrentIndex(max(combo.findData(value), 0))
        combo.blockSignals(blocked)

    # Editing -------------------------------------------------------------------------
    def _commit(self, field: str, value: Any, session: object | None = None) -> None:
        if self.row is None or self.controller is None:
            return
        error = self.controller.edit_action(self.row.id, field, value, session)
        self._after_edit(error)

    def _commit_leads(self, text: str) -> None:
        if self.row is None or self.controller is None:
            return
        self._after_edit(self.controller.set_leads(self.row.id, split_names(text)))

    def _toggle_review(self) -> None:
        if self.row is None or self.controller is None:
            return
        self._after_edit(self.controller.set_review(self.row.id, not self.row.needs_review))

    def _show_problem(self, message: str) -> None:
        """A date field's text is not a date: say so (nothing was saved)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _after_edit(self, error: str | None) -> None:
        self.error.setText(error or "")
        self.error.setVisible(bool(error))
        if error and self.controller is not None and self.row is not None:
            # Put the stored value back in the field that was refused.
            self.show_action(self.controller.state.actions[self.row.id], reload_history=False)

    def _request_update(self) -> None:
        if self.row is not None:
            self.addUpdateRequested.emit(self.row.id)
