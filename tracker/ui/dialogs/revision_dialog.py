"""Plan > Import revised plan: every change a revised workbook would make, reviewed before
anything is written.

One row per change: actions whose text, dates or leads changed (old → new), new areas
and actions, and actions the revision dropped, which are archived with their updates
kept. Apply writes them all in one transaction (after a backup); Cancel writes nothing.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.services.plan_revision import PlanRevision
from tracker.ui.models.headed_table_model import HeadedTableModel
from tracker.wording import count_noun

Index = QModelIndex | QPersistentModelIndex


class RevisionRow(NamedTuple):
    kind: str  # Changed, Added, New area, Archived
    ref: str
    what: str


def revision_rows(revision: PlanRevision) -> list[RevisionRow]:
    rows = []
    for changed in revision.changed:
        parts = [c.describe() for c in changed.changes]
        if changed.revived:
            parts.insert(0, "back in the plan (was archived)")
        rows.append(RevisionRow("Changed", changed.ref, "\n".join(parts)))
    for area in revision.added_areas:
        where = (
            "" if area.workstream_id is not None else f" (new workstream {area.workstream.title})"
        )
        rows.append(RevisionRow("New area", area.draft.ref, f"{area.draft.title}{where}"))
    for added in revision.added:
        rows.append(RevisionRow("Added", added.ref, added.draft.text))
    for removed in revision.removed:
        kept = f" (its {count_noun(removed.updates, 'update')} kept)" if removed.updates else ""
        rows.append(RevisionRow("Archived", removed.ref, f"{removed.text}{kept}"))
    return rows


class RevisionModel(HeadedTableModel[RevisionRow]):
    KIND, REF, WHAT = range(3)
    HEADERS = ("Change", "Ref", "What")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row[index.column()]
            return value.replace("\n", "; ") if index.column() == self.WHAT else value
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.WHAT:
            return row.what
        return None


class RevisionDialog(QDialog):
    """Review a revised plan's changes; accepted means Apply."""

    def __init__(self, revision: PlanRevision, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revisionDialog")
        self.setWindowTitle("Import revised plan")
        self.revision = revision
        intro = QLabel(
            f"{revision.draft.source_file} compared with the plan '{revision.plan_name}': "
            f"{revision.summary()}. Nothing has been written yet. Apply makes these changes "
            "(the database is backed up first); dropped actions are archived with their "
            "updates, and progress already recorded is kept.",
            self,
        )
        intro.setObjectName("revisionSummary")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.model = RevisionModel(revision_rows(revision), self)
        table = QTableView(self)
        table.setObjectName("revisionTable")
        table.setAccessibleName("Changes the revised plan makes")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(RevisionModel.KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RevisionModel.REF, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table = table
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("applyRevisionButton")
        self.apply_button.setEnabled(not revision.is_empty)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(860, 460)
