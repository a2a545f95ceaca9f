"""The detail panel's Evidence section: the action's files and links, with Add file…,
Add link…, Open and Remove (and Restore for what was just removed).

Files are copied into the database; Open writes a stored file to a temporary folder and
hands it to the system's viewer. Every change goes through :mod:`tracker.services.evidence`
(one transaction each, audited); a refusal is explained under the buttons.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.services import evidence
from tracker.services.evidence import EvidenceRow, size_text
from tracker.ui.formatting import format_local_time
from tracker.ui.models.entry_list_model import ITEM_ROLE, EntryListModel
from tracker.ui.panels.entry_list import EntryList
from tracker.ui.widgets.wrapping_row import WrappingRow

if TYPE_CHECKING:
    from tracker.ui.editing import EditController


def describe_evidence(row: EvidenceRow) -> str:
    """``File: minutes.pdf (12 KB) — Board minutes`` and who added it when."""
    if row.kind == evidence.FILE:
        what = f"File: {row.name} ({size_text(row.size or 0)})"
    else:
        what = f"Link: {row.name}"
    note = f" — {row.description}" if row.description and row.description != row.name else ""
    return f"{what}{note}\nAdded by {row.added_by}, {format_local_time(row.added_at)}"


def evidence_tooltip(row: EvidenceRow) -> str | None:
    if row.sha256:
        return f"{row.media_type or 'file'}; SHA-256 {row.sha256}"
    return row.url


class EvidenceList(EntryList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            EntryListModel(describe_evidence, evidence_tooltip),
            empty_text="No evidence yet: add a file or a link that shows the action was done.",
            object_name="evidenceList",
            accessible_name="Evidence",
            parent=parent,
        )
        self.list.setMinimumHeight(60)

    def set_evidence(self, rows: list[EvidenceRow]) -> None:
        self.model.set_entries(rows)
        self._shown(rows)

    def selected(self) -> EvidenceRow | None:
        index = self.list.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None


class EvidenceBox(QGroupBox):
    """Evidence of one action. ``changed`` after each addition, removal or restoration."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Evidence and completion", parent)
        self.setObjectName("evidenceBox")
        self.controller: EditController | None = None
        self.action_id: int | None = None
        self._removed: EvidenceRow | None = None
        self._rows: list[EvidenceRow] = []
        self.items = EvidenceList(self)
        self.add_file = QPushButton("Add &file…", self)
        self.add_file.setObjectName("addEvidenceFile")
        self.add_file.setToolTip(
            f"Store a copy of a file (up to {size_text(evidence.MAX_EVIDENCE_BYTES)}) with the plan"
        )
        self.add_link = QPushButton("Add lin&k…", self)
        self.add_link.setObjectName("addEvidenceLink")
        self.add_link.setToolTip("A web address or a path on a shared drive")
        self.open = QPushButton("&Open", self)
        self.open.setObjectName("openEvidence")
        self.remove = QPushButton("Remove", self)
        self.remove.setObjectName("removeEvidence")
        self.restore = QPushButton("Restore", self)
        self.restore.setObjectName("restoreEvidence")
        self.restore.hide()
        self.message = QLabel(self)
        self.message.setObjectName("evidenceMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        # Wraps onto two lines beside the tree on a laptop rather than widening the panel.
        buttons = QWidget(self)
        row = WrappingRow(buttons)
        row.add_group((self.add_file, self.add_link))
        row.add_group((self.open, self.remove, self.restore))
        layout = QVBoxLayout(self)
        layout.addWidget(self.items)
        layout.addWidget(buttons)
        layout.addWidget(self.message)
        self.add_file.clicked.connect(self._add_file)
        self.add_link.clicked.connect(self._add_link)
        self.open.clicked.connect(self._open)
        self.remove.clicked.connect(self._remove)
        self.restore.clicked.connect(self._restore)
        self.items.list.doubleClicked.connect(lambda _index: self._open())
        self.items.list.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self._enable()

    def rows(self) -> list[EvidenceRow]:
        """The evidence shown (not removed), oldest first."""
        return list(self._rows)

    # Showing -------------------------------------------------------------------------
    def show_action(self, action_id: int, controller: EditController | None) -> None:
        if action_id != self.action_id:
            self._removed = None
            self._say("")
        self.action_id, self.controller = action_id, controller
        self._rows = []
        if controller is not None:
            try:
                self._rows = evidence.list_evidence(controller.database, action_id)
            except TrackerError as exc:
                controller.failed.emit(str(exc))
        self.items.set_evidence(self._rows)
        self.restore.setVisible(self._removed is not None)
        self._enable()

    def _enable(self) -> None:
        ready = self.controller is not None and self.action_id is not None
        chosen = ready and self.items.selected() is not None
        self.add_file.setEnabled(ready)
        self.add_link.setEnabled(ready)
        self.open.setEnabled(chosen)
        self.remove.setEnabled(chosen)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #9b1c1c;" if problem else "")
        self.message.setVisible(bool(text))

    # Changing ------------------------------------------------------------------------
    def _write(self, step: str, write: Callable[[], object]) -> bool:
        """Run one service call; say what it refused. True when it was written."""
        assert self.controller is not None
        try:
            write()
        except TrackerError as exc:
            self._say(str(exc), problem=True)
            return False
        self.controller.written.emit()
        self._say(step)
        if self.action_id is not None:
            self.show_action(self.action_id, self.controller)
        self.changed.emit()
        return True

    def _add_file(self) -> None:
        if self.controller is None or self.action_id is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(self, "Add evidence file", "", "All files (*)")
        if not chosen:
            return
        path = Path(chosen)
        description, ok = QInputDialog.getText(
            self, "Describe the evidence", "What does this file show?", text=path.name
        )
        if not ok:
            return
        database, action_id = self.controller.database, self.action_id
        self._removed = None
        self._write(
            f"Added {path.name}.",
            lambda: evidence.add_file(database, action_id, path, description),
        )

    def _add_link(self) -> None:
        if self.controller is None or self.action_id is None:
            return
        link, ok = QInputDialog.getText(
            self,
            "Add a link",
            "Web address (https://…, mailto:…) or shared-drive path (\\\\server\\share\\…):",
        )
        if not ok or not link.strip():
            return
        description, ok = QInputDialog.getText(
            self, "Describe the evidence", "What does this link show?"
        )
        if not ok:
            return
        database, action_id = self.controller.database, self.action_id
        self._removed = None
        self._write(
            "Added the link.", lambda: evidence.add_link(database, action_id, link, description)
        )

    def _open(self) -> None:
        row = self.items.selected()
        if row is None or self.controller is None:
            return
        try:
            url = self._url_of(row)
        except TrackerError as exc:
            self._say(str(exc), problem=True)
            return
        if not QDesktopServices.openUrl(url):
            self._say(f"No program on this computer opens {row.name}.", problem=True)

    def _url_of(self, row: EvidenceRow) -> QUrl:
        assert self.controller is not None
        if row.kind == evidence.LINK:
            target = row.url or row.name
            scheme = QUrl(target).scheme()
            return QUrl(target) if len(scheme) > 1 else QUrl.fromLocalFile(target)
        name, content = evidence.read_file_bytes(self.controller.database, row.id)
        # A folder of its own, so the file keeps its name (the viewer shows it).
        folder = Path(tempfile.mkdtemp(prefix="tracker-evidence-"))
        path = folder / Path(name).name
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise TrackerError(
                f"Could not write {name} to a temporary folder to open it ({exc.strerror})."
            ) from exc
        return QUrl.fromLocalFile(str(path))

    def _remove(self) -> None:
        row = self.items.selected()
        if row is None or self.controller is None:
            return
        database = self.controller.database
        if self._write(
            f"Removed {row.name}. It is kept in the file's history; Restore brings it back.",
            lambda: evidence.remove(database, row.id),
        ):
            self._removed = row
            self.restore.show()

    def _restore(self) -> None:
        row = self._removed
        if row is None or self.controller is None:
            return
        database = self.controller.database
        self._removed = None
        self._write(f"Restored {row.name}.", lambda: evidence.restore(database, row.id))
