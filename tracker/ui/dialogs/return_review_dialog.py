"""The review dialog shown before a status return is imported.

It lists what would change (action, field, now -> returned), the conflicts (sent / now /
returned, with a per-action choice: keep current or apply returned, keep current by
default) and the rejected rows with their reasons. When rows were rejected, Apply stays
disabled until the user confirms applying the rest. "Recorded as by" starts with the name
the lead wrote in "Returned by" (or the return's one lead) and says where it came from;
when nobody is named it must be chosen before Apply. The dialog only returns the user's
choice; the caller applies it with :func:`tracker.services.return_apply.apply_return`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.services.return_changes import ActionChange, Rejection, ReturnReview
from tracker.ui.models.headed_table_model import HeadedTableModel
from tracker.wording import count_noun, count_text

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ReturnSelection:
    """What the user chose: conflicts to apply (by action id), and rejections accepted."""

    apply_conflicts: frozenset[int]
    accept_rejections: bool
    author: str | None = None  # who the updates are recorded as by (None: the review's)


class _RowsModel(HeadedTableModel):
    """Read-only rows of (display, sort) values under fixed headers."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return value
        return None


class ChangesModel(_RowsModel):
    REF, ROW, FIELD, NOW, RETURNED = range(5)
    HEADERS = ("Action", "Row", "Field", "Now", "Returned")

    def __init__(self, changes: Sequence[ActionChange], parent: QWidget | None = None) -> None:
        rows = [(c.ref, c.row, f.label, f.now, f.returned) for c in changes for f in c.fields]
        super().__init__(rows, parent)


class RejectionsModel(_RowsModel):
    ROW, REF, REASON = range(3)
    HEADERS = ("Row", "Action", "Reason")

    def __init__(self, rejections: Sequence[Rejection], parent: QWidget | None = None) -> None:
        super().__init__([(r.row, r.ref, r.reason) for r in rejections], parent)


class ConflictsModel(HeadedTableModel):
    """One row per conflicting action; the Choice column is checked to apply returned."""

    REF, FIELD, SENT, NOW, RETURNED, CHOICE = range(6)
    HEADERS = ("Action", "Field", "Sent", "Now", "Returned", "Apply returned?")

    def __init__(self, conflicts: Sequence[ActionChange], parent: QWidget | None = None) -> None:
        super().__init__(conflicts, parent)
        self._apply: set[int] = set()

    @property
    def chosen(self) -> frozenset[int]:
        return frozenset(self._apply)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CHOICE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        conflict = self.rows[index.row()]
        column = index.column()
        if column == self.CHOICE:
            applied = conflict.action_id in self._apply
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if applied else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DisplayRole:
                return "Apply returned" if applied else "Keep current"
            if role == SORT_ROLE:
                return int(applied)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            return None
        if column == self.REF:
            return conflict.ref if role != Qt.ItemDataRole.ToolTipRole else conflict.text
        parts = {
            self.FIELD: [f.label for f in conflict.fields],
            self.SENT: [f.sent for f in conflict.fields],
            self.NOW: [f.now for f in conflict.fields],
            self.RETURNED: [f.returned for f in conflict.fields],
        }[column]
        return "\n".join(parts)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.CHOICE
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        action_id = self.rows[index.row()].action_id
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked:
            self._apply.add(action_id)
        else:
            self._apply.discard(action_id)
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True


def _table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    view.resizeColumnsToContents()
    view.resizeRowsToContents()
    return view


class ReturnReviewDialog(QDialog):
    """Shows a :class:`ReturnReview`; ``selection()`` is the user's choice after Apply."""

    def __init__(self, review: ReturnReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(f"Import status return: {review.scope_label}")
        self.resize(980, 600)
        layout = QVBoxLayout(self)

        summary = QLabel(self)
        summary.setWordWrap(True)
        summary.setText(
            f"<b>{review.scope_label}</b> (for {review.for_whom}) from "
            f"{review.path.name}, exported {review.exported_on}.<br>"
            f"{count_noun(len(review.changes), 'action')} to update, "
            f"{count_noun(len(review.conflicts), 'conflict')}, "
            f"{count_noun(len(review.rejections), 'row')} rejected, "
            f"{review.unchanged} unchanged."
            + (" This return has already been imported." if review.already_imported else "")
            + "<br>History is kept: each change is a new update."
        )
        layout.addWidget(summary)

        self.author = QComboBox(self)
        self.author.setObjectName("returnAuthor")
        self.author.setEditable(True)
        self.author.setAccessibleName("Who the updates are recorded as by")
        self.author.addItems(list(review.author_choices))
        self.author.setEditText(review.author)
        line = self.author.lineEdit()
        line.setPlaceholderText("Choose or type who sent this return")
        line.textChanged.connect(self._update_buttons)
        source = QLabel(f"({review.author_source})", self)
        source.setTextFormat(Qt.TextFormat.PlainText)
        source.setObjectName("returnAuthorSource")
        source.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Recorded as &by", self.author)
        form.addRow("", source)
        layout.addLayout(form)

        self.changes_model = ChangesModel(review.changes, self)
        self.conflicts_model = ConflictsModel(review.conflicts, self)
        self.rejections_model = RejectionsModel(review.rejections, self)
        self.tabs = QTabWidget(self)
        self.changes_view = _table(self.changes_model, self)
        self.conflicts_view = _table(self.conflicts_model, self)
        self.rejections_view = _table(self.rejections_model, self)
        # A rejected row may have several problems: its reason wraps onto as many lines as
        # it needs at the width the dialog gives it.
        self.rejections_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.tabs.addTab(self.changes_view, f"Changes ({count_text(len(review.changes))})")
        self.tabs.addTab(self.conflicts_view, f"Conflicts ({count_text(len(review.conflicts))})")
        rejected = count_text(len(review.rejections))
        self.tabs.addTab(self.rejections_view, f"Rejected rows ({rejected})")
        if not review.changes and review.conflicts:
            self.tabs.setCurrentWidget(self.conflicts_view)
        elif not review.changes and review.rejections:
            self.tabs.setCurrentWidget(self.rejections_view)
        layout.addWidget(self.tabs, 1)

        self.accept_rejections = QCheckBox(
            f"{count_noun(len(review.rejections), 'row')} rejected: "
            f"{'it' if len(review.rejections) == 1 else 'they'} will not be applied. "
            "Apply the rest of the return anyway.",
            self,
        )
        self.accept_rejections.setVisible(bool(review.rejections))
        self.accept_rejections.toggled.connect(self._update_buttons)
        layout.addWidget(self.accept_rejections)

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.conflicts_model.dataChanged.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        has_work = bool(self.review.changes or self.conflicts_model.chosen)
        confirmed = not self.review.rejections or self.accept_rejections.isChecked()
        named = bool(self.author.currentText().strip())
        self.apply_button.setEnabled(has_work and confirmed and named)

    def selection(self) -> ReturnSelection:
        return ReturnSelection(
            apply_conflicts=self.conflicts_model.chosen,
            accept_rejections=self.accept_rejections.isChecked(),
            author=" ".join(self.author.currentText().split()) or None,
        )

    @classmethod
    def ask(cls, review: ReturnReview, parent: QWidget | None = None) -> ReturnSelection | None:
        """Show the dialog modally; the user's selection, or None if cancelled."""
        dialog = cls(review, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.selection()
