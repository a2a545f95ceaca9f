"""File > Import action plan: choose the workbook, map columns if need be, preview, confirm.

Reading and saving both run on a worker thread. The preview is the CLI's own dry-run
summary (what will be created and what is flagged). Saving shows a progress dialog whose
Cancel stops the import; a cancelled or failed import is one rolled-back transaction, so
it changes nothing, and its message reads as the CLI's does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.db import Database
from tracker.errors import DuplicatePlanError, TrackerError
from tracker.importing.plan_draft import PlanDraft
from tracker.importing.plan_layout import HeaderNotRecognisedError
from tracker.services.import_report import format_import_summary
from tracker.services.plan_import import read_plan, save_plan
from tracker.services.plans import distinct_plan_name
from tracker.ui.dialogs.column_mapping import ColumnMappingWidget
from tracker.ui.dialogs.messages import describe_error
from tracker.ui.file_filters import WORKBOOKS_TO_OPEN
from tracker.ui.settings import Settings
from tracker.ui.workers import ProgressRelay, TaskRunner

log = logging.getLogger(__name__)

# The end of the duplicate-import refusal, in the dialog's words.
WINDOW_IMPORT_AGAIN = "tick 'Import as a new plan' below, then press Import"


def read_named_plan(
    database: Database, path: Path, name: str | None, mapping: dict[str, str] | None
) -> tuple[PlanDraft, str]:
    """Read the workbook; unless ``name`` is given, give the plan a name no other plan in
    the database has ("… (2)"). Returns the draft and the name the sheet suggested."""
    draft = read_plan(path, name=name, mapping=mapping)
    title = draft.name
    if name is None:
        draft.name = distinct_plan_name(database, title)
    return draft, title


class ImportPlanDialog(QDialog):
    imported = Signal(str)  # the summary, as the CLI prints it after an import

    def __init__(
        self,
        database: Database,
        runner: TaskRunner,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importPlanDialog")
        self.setWindowTitle("Import action plan")
        self.database = database
        self.runner = runner
        self.settings = settings
        self.draft: PlanDraft | None = None
        self.plan_id: int | None = None  # the plan made, once imported
        self.progress: QProgressDialog | None = None
        self.relay: ProgressRelay | None = None
        self._working = False

        # Page 1: choose the file.
        self.choose_page = QWidget(self)
        self.path = QLineEdit(self.choose_page)
        self.path.setObjectName("planPath")
        self.path.setAccessibleName("Workbook file")
        self.path.setPlaceholderText("The action plan workbook (.xlsx, .xls, .ods…)")
        browse = QPushButton("&Browse…", self.choose_page)
        browse.setObjectName("browseButton")
        browse.clicked.connect(self.browse)
        self.name = QLineEdit(self.choose_page)
        self.name.setObjectName("planName")
        self.name.setAccessibleName("Plan name")
        self.name.setPlaceholderText("Optional: the sheet's title is used otherwise")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        choose = QFormLayout(self.choose_page)
        intro = QLabel(
            "Choose the workbook to import. Nothing is written until you confirm the preview.",
            self.choose_page,
        )
        intro.setWordWrap(True)
        choose.addRow(intro)
        # A label beside a layout, not a widget, has no buddy: set one, or Qt shows the
        # "&" of its Alt+W key as text.
        workbook_label = QLabel("&Workbook", self.choose_page)
        workbook_label.setBuddy(self.path)
        choose.addRow(workbook_label, row)
        choose.addRow("Plan &name", self.name)

        # Page 2: map columns.
        self.mapping = ColumnMappingWidget(self)
        self.mapping.changed.connect(self._update_buttons)

        # Page 3: preview.
        self.preview_page = QWidget(self)
        self.summary = QPlainTextEdit(self.preview_page)
        self.summary.setObjectName("importSummary")
        self.summary.setAccessibleName("What will be imported")
        self.summary.setReadOnly(True)
        self.summary.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.as_new = QCheckBox(
            "Import as a &new plan even if this file was imported before", self.preview_page
        )
        self.as_new.setObjectName("importAsNew")
        self.name_note = QLabel(self.preview_page)
        self.name_note.setObjectName("planNameNote")
        self.name_note.setWordWrap(True)
        self.name_note.hide()
        preview = QVBoxLayout(self.preview_page)
        preview.addWidget(QLabel("This is what will be created:", self.preview_page))
        preview.addWidget(self.summary, 1)
        preview.addWidget(self.name_note)
        preview.addWidget(self.as_new)

        self.pages = QStackedWidget(self)
        for page in (self.choose_page, self.mapping, self.preview_page):
            self.pages.addWidget(page)
        self.error = QLabel(self)
        self.error.setObjectName("importError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.hide()
        self.back = QPushButton("< &Back", self)
        self.next = QPushButton("&Next >", self)
        self.confirm = QPushButton("&Import", self)
        self.cancel = QPushButton("Cancel", self)
        for button, name in (
            (self.back, "backButton"),
            (self.next, "nextButton"),
            (self.confirm, "importButton"),
            (self.cancel, "cancelButton"),
        ):
            button.setObjectName(name)
            button.setAutoDefault(False)
        self.next.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back, self.next, self.confirm, self.cancel):
            buttons.addWidget(button)
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.read)
        self.confirm.clicked.connect(self.save)
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.path.textChanged.connect(self._update_buttons)
        self.resize(680, 520)
        self._update_buttons()

    # Navigation ----------------------------------------------------------------------
    def browse(self) -> None:
        folder = str(self.settings.last_folder or Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Import action plan", folder, WORKBOOKS_TO_OPEN)
        if name:
            self.settings.last_folder = Path(name).parent
            self.path.setText(name)

    def go_back(self) -> None:
        self._show_error("")
        self.pages.setCurrentWidget(self.choose_page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentWidget()
        working = self._working
        self.back.setVisible(page is not self.choose_page)
        self.back.setEnabled(not working)
        self.next.setVisible(page is not self.preview_page)
        ready = (
            bool(self.path.text().strip())
            if page is self.choose_page
            else (self.mapping.is_complete())
        )
        self.next.setEnabled(ready and not working)
        self.confirm.setVisible(page is self.preview_page)
        self.confirm.setEnabled(not working and self.draft is not None)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # Reading -------------------------------------------------------------------------
    def read(self) -> None:
        path = Path(self.path.text().strip()).expanduser()
        mapping = self.mapping.mapping() if self.pages.currentWidget() is self.mapping else {}
        name = self.name.text().strip() or None
        self._show_error("")
        self._set_working(True)
        database = self.database
        self.runner.run(
            lambda: read_named_plan(database, path, name, mapping or None),
            self._read_done,
            self._read_failed,
        )

    def _read_done(self, read: tuple[PlanDraft, str]) -> None:
        self._set_working(False)
        draft, title = read
        self.draft = draft
        renamed = draft.name != title
        if renamed:
            # The suggestion stays in the name field: Back shows it, and can change it.
            self.name.setText(draft.name)
            self.name_note.setText(
                f"A plan called '{title}' is already in this database, so this one will be "
                f"called '{draft.name}'. Go Back to choose another name."
            )
        self.name_note.setVisible(renamed)
        self.summary.setPlainText(format_import_summary(draft, dry_run=True))
        self.pages.setCurrentWidget(self.preview_page)
        self._update_buttons()
        self.confirm.setDefault(True)
        self.confirm.setFocus()

    def _read_failed(self, error: BaseException) -> None:
        self._set_working(False)
        if isinstance(error, HeaderNotRecognisedError) and error.candidates:
            self.mapping.set_candidates(str(error), error.candidates)
            self.pages.setCurrentWidget(self.mapping)
            self._update_buttons()
            return
        self._show_error(describe_error(error))
        if not isinstance(error, TrackerError):
            log.error("reading %s failed", self.path.text(), exc_info=error)

    # Saving --------------------------------------------------------------------------
    def save(self) -> None:
        draft = self.draft
        if draft is None or self._working:
            return
        self._show_error("")
        self._set_working(True)
        total = max(len(draft.actions), 1)
        relay = ProgressRelay()
        progress = QProgressDialog("Importing the plan…", "Cancel", 0, total, self)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Importing")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.canceled.connect(relay.cancel)
        relay.progressed.connect(lambda done, _total: progress.setValue(done))
        self.relay, self.progress = relay, progress
        progress.show()
        database, as_new = self.database, self.as_new.isChecked()
        self.runner.run(
            lambda: save_plan(
                database,
                draft,
                as_new=as_new,
                progress=relay,
                how_to_import_again=WINDOW_IMPORT_AGAIN,
            ),
            self._saved,
            self._save_failed,
        )

    def cancel_import(self) -> None:
        """What the progress dialog's Cancel does (also for tests)."""
        if self.relay is not None:
            self.relay.cancel()

    def _finish_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._set_working(False)

    def _saved(self, plan_id: int) -> None:
        self._finish_progress()
        self.plan_id = plan_id
        assert self.draft is not None
        self.imported.emit(format_import_summary(self.draft, dry_run=False))
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._finish_progress()
        if isinstance(error, DuplicatePlanError):
            self.as_new.setFocus()
        elif not isinstance(error, TrackerError):
            log.error("importing %s failed", self.path.text(), exc_info=error)
        self._show_error(describe_error(error))

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.pages.setEnabled(not working)
        if working:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self._update_buttons()

    def reject(self) -> None:
        if self._working:
            self.cancel_import()
            return
        super().reject()
