"""The filter bar above each workstream's tree.

Free text over every field (debounced while typing), lead, status, RAG, overdue, due within
N days, needs review and "My actions". A figure chosen on the Overview sets those same
controls; only what no control expresses (a "slipped" figure, one workstream of a tab that
holds several) is shown as a chip that can be cleared. Emits the whole
:class:`FilterState` whenever it changes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from tracker.domain import BLUE, STATUSES
from tracker.ui.formatting import rag_label
from tracker.ui.models.action_filter import (
    RAG_NOT_RATED,
    FilterState,
    figure_label,
    state_for_figure,
)
from tracker.ui.widgets.wrapping_row import WrappingRow

# Typing waits this long for the next key before filtering, when filtering is slow enough
# to get in the way of typing (see set_debounce); a fast filter runs at every key.
TEXT_DEBOUNCE_MS = 200
# BRAG: Blue is an action complete and verified by the programme office.
_RAG_CHOICES = ("", "R", "A", "G", BLUE, RAG_NOT_RATED)


class FilterLineEdit(QLineEdit):
    """Escape clears the text (a second Escape goes to the window as usual)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class FilterBar(QWidget):
    changed = Signal(object)  # FilterState

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._figure = ""
        self._workstream_id: int | None = None
        self._workstream_title = ""
        self._updating = False

        self.text = FilterLineEdit(self)
        self.text.setObjectName("filterText")
        self.text.setAccessibleName("Filter actions")
        self.text.setPlaceholderText("Filter: words in any field  (Ctrl+F)")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(160)
        self._debounce = QTimer(self, singleShot=True, interval=0)
        self._debounce.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._debounce.start())

        self.lead = QComboBox(self)
        self.lead.setObjectName("filterLead")
        self.lead.setAccessibleName("Lead")
        self.lead.setToolTip("Only actions this person leads")
        self.lead.addItem("Any lead", "")
        self.lead.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.lead.setMinimumContentsLength(12)

        self.status = QComboBox(self)
        self.status.setObjectName("filterStatus")
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", "")
        for status in STATUSES:
            self.status.addItem(status, status)

        self.rag = QComboBox(self)
        self.rag.setObjectName("filterRag")
        self.rag.setAccessibleName("RAG rating")
        for value in _RAG_CHOICES:
            label = "Any RAG" if not value else rag_label(None if value == RAG_NOT_RATED else value)
            self.rag.addItem(label, value)

        self.overdue = QCheckBox("&Overdue", self)
        self.overdue.setObjectName("filterOverdue")
        self.due_within = QSpinBox(self)
        self.due_within.setObjectName("filterDueWithin")
        self.due_within.setAccessibleName("Due within days")
        self.due_within.setToolTip("Only actions due within this many days (not complete)")
        self.due_within.setRange(0, 3650)
        self.due_within.setSpecialValueText("Due: any time")
        self.due_within.setPrefix("Due in ≤ ")
        self.due_within.setSuffix(" days")
        self.needs_review = QCheckBox("Needs &review", self)
        self.needs_review.setObjectName("filterNeedsReview")
        self.mine = QToolButton(self)
        self.mine.setObjectName("filterMine")
        self.mine.setText("&My actions")
        self.mine.setCheckable(True)
        self.mine.setToolTip(
            "Only the actions you lead in this tab (your name is set in Preferences); "
            "the Overview lists them from every workstream"
        )

        self.figure_label = QLabel(self)
        self.figure_label.setObjectName("filterFigure")
        self.figure_clear = QToolButton(self)
        self.figure_clear.setText("✕")
        self.figure_clear.setObjectName("filterFigureClear")
        self.figure_clear.setAccessibleName("Clear Overview selection")
        self.figure_clear.setToolTip("Show all again")
        self.figure_clear.clicked.connect(self.clear_figure)

        self.clear_all = QToolButton(self)
        self.clear_all.setObjectName("filterClear")
        self.clear_all.setText("Clear filters")
        self.clear_all.clicked.connect(self.clear)

        # One line when there is room, two on a narrow window: never on top of each other.
        layout = WrappingRow(self)
        layout.add_group(
            (self.text, self.mine, self.lead, self.status, self.rag), stretch=self.text
        )
        layout.add_group(
            (
                self.overdue,
                self.due_within,
                self.needs_review,
                self.figure_label,
                self.figure_clear,
                self.clear_all,
            )
        )
        for box in (self.lead, self.status, self.rag):
            box.currentIndexChanged.connect(self._emit)
        for check in (self.overdue, self.needs_review, self.mine):
            check.toggled.connect(self._emit)
        self.due_within.valueChanged.connect(self._emit)
        self._show_figure()
        self.clear_all.setEnabled(False)

    # Reading and setting -------------------------------------------------------------
    def state(self) -> FilterState:
        return FilterState(
            text=self.text.text().strip(),
            lead=self.lead.currentData() or "",
            status=self.status.currentData() or "",
            rag=self.rag.currentData() or "",
            overdue=self.overdue.isChecked(),
            due_within=self.due_within.value(),
            needs_review=self.needs_review.isChecked(),
            mine=self.mine.isChecked(),
            figure=self._figure,
            workstream_id=self._workstream_id,
        )

    def set_state(self, state: FilterState, workstream_title: str = "") -> None:
        """Show this state and emit it once (``workstream_title`` names
        ``state.workstream_id`` on the chip)."""
        self._updating = True
        try:
            self.text.setText(state.text)
            self._set_combo(self.lead, state.lead)
            self._set_combo(self.status, state.status)
            self._set_combo(self.rag, state.rag)
            self.overdue.setChecked(state.overdue)
            self.due_within.setValue(state.due_within)
            self.needs_review.setChecked(state.needs_review)
            self.mine.setChecked(state.mine)
            self._figure = state.figure
            self._workstream_id = state.workstream_id
            self._workstream_title = workstream_title if state.workstream_id else ""
        finally:
            self._updating = False
        self._debounce.stop()
        self._show_figure()
        self._emit()

    def set_people(self, names: list[str]) -> None:
        """The names the lead filter offers (the people leading this tab's actions)."""
        current = self.lead.currentData() or ""
        blocked = self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItem("Any lead", "")
        for name in names:
            self.lead.addItem(name, name)
        self._set_combo(self.lead, current)
        self.lead.blockSignals(blocked)

    def show_figure(self, figure: str, workstream_id: int | None, workstream_title: str) -> None:
        """An Overview figure: its controls set (others cleared), chip for the rest."""
        self.set_state(state_for_figure(figure, workstream_id), workstream_title)

    def clear(self) -> None:
        self.set_state(FilterState())

    def clear_figure(self) -> None:
        self.set_state(
            FilterState(**{**self.state().__dict__, "figure": "", "workstream_id": None})
        )

    def set_debounce(self, milliseconds: int) -> None:
        """How long typing pauses before the filter runs (0: at the next idle moment,
        which still folds keys that arrive together into one filtering)."""
        self._debounce.setInterval(milliseconds)

    def flush(self) -> None:
        """Apply typed text now rather than after the pause."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit()

    # Internals -----------------------------------------------------------------------
    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index < 0 and value:
            combo.addItem(value, value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def _show_figure(self) -> None:
        parts = [self._workstream_title] if self._workstream_id is not None else []
        if self._figure:
            parts.append(figure_label(self._figure))
        shown = bool(parts)
        if shown:
            text = ": ".join(p for p in parts if p) or "one workstream"
            self.figure_label.setText(f"Showing: <b>{html.escape(text)}</b>")
            self.figure_label.setAccessibleName(f"Showing {text}")
        self.figure_label.setVisible(shown)
        self.figure_clear.setVisible(shown)

    def _emit(self) -> None:
        if self._updating:
            return
        state = self.state()
        self.clear_all.setEnabled(not state.is_empty)
        self.changed.emit(state)
