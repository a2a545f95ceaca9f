"""File > Import action plan: choose the workbook, map columns if need be, preview, confirm.

Reading and saving both run on a worker thread. The preview is the CLI's own dry-run
summary (what will be created, from which sheet and rows, what is flagged and which
columns were not read); beside it the plan's name can be changed and another table of the
workbook chosen, which reads the workbook again from that sheet. Saving shows a progress
dialog whose Cancel stops the import; a cancelled or failed import is one rolled-back
transaction, so it changes nothing, and its message reads as the CLI's does.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from tracker.ui.widgets.date_edit import OptionalDateEdit
from tracker.ui.workers import ProgressRelay, TaskRunner

log = logging.getLogger(__name__)

# The end of the duplicate-import refusal, in the dialog's words.
WINDOW_IMPORT_AGAIN = "tick 'Import as a new plan' below, then press Import"


def read_named_plan(
    database: Database,
    path: Path,
    name: str | None,
    mapping: dict[str, str] | None,
    *,
    sheet: str | None = None,
    as_at: date | None = None,
) -> tuple[PlanDraft, str]:
    """Read the workbook (from ``sheet`` if given, else its best table); unless ``name``
    is given, give the plan a name no other plan in the database has ("… (2)"). Returns
    the draft and the name the sheet suggested."""
    draft = read_plan(path, name=name, mapping=mapping, sheet=sheet, as_at=as_at)
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
        self.as_at = OptionalDateEdit(self.choose_page)
        self.as_at.setObjectName("positionDate")
        self.as_at.setAccessibleName("Date of the current position")
        as_at_note = QLabel(
            "A copy kept up to date by hand (Status, RAG, % complete, Comments columns) "
            "becomes each action's first update, dated this day; leave it empty for the "
            "day the workbook was last saved.",
            self.choose_page,
        )
        as_at_note.setWordWrap(True)
        choose.addRow("Position &as at", self.as_at)
        choose.addRow(as_at_note)
        self._sheet: str | None = None  # the table chosen in the preview, if not the best
        self._mapping: dict[str, str] = {}  # the columns mapped by hand, if they were

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
        self.preview_name = QLineEdit(self.preview_page)
        self.preview_name.setObjectName("previewPlanName")
        self.preview_name.setAccessibleName("Plan name")
        self.table_choice = QComboBox(self.preview_page)
        self.table_choice.setObjectName("tableChoice")
        self.table_choice.setAccessibleName("Table to import")
        self.table_choice.activated.connect(self._table_chosen)
        chosen = QFormLayout()
        chosen.setHorizontalSpacing(12)
        for text, field in (
            ("Plan na&me", self.preview_name),
            ("&Table to read", self.table_choice),
        ):
            label = QLabel(text, self.preview_page)
            label.setBuddy(field)
            chosen.addRow(label, field)
        preview = QVBoxLayout(self.preview_page)
        preview.addLayout(chosen)
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
        self._sheet = None
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
        page = self.pages.currentWidget()
        if page is self.mapping:
            self._mapping = self.mapping.mapping()
        elif page is self.choose_page:
            self._mapping = {}
        mapping = self._mapping
        # From the preview (another table chosen) the name shown there is kept.
        typed = self.preview_name if page is self.preview_page else self.name
        name = typed.text().strip() or None
        sheet, as_at = self._sheet, self.as_at.value()
        self._show_error("")
        self._set_working(True)
        database = self.database
        self.runner.run(
            lambda: read_named_plan(
                database, path, name, mapping or None, sheet=sheet, as_at=as_at
            ),
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
                f"called '{draft.name}'. Change the name above to choose another."
            )
        self.name_note.setVisible(renamed)
        self.preview_name.setText(draft.name)
        self._fill_tables(draft)
        self.summary.setPlainText(format_import_summary(draft, dry_run=True))
        self.pages.setCurrentWidget(self.preview_page)
        self._update_buttons()
        self.confirm.setDefault(True)
        self.confirm.setFocus()

    def _fill_tables(self, draft: PlanDraft) -> None:
        blocked = self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in draft.tables:
            rows = f"{table.rows} row" + ("" if table.rows == 1 else "s")
            self.table_choice.addItem(
                f"Sheet '{table.sheet}', header in row {table.header_row}: {rows}", table.sheet
            )
        used = draft.sheets_used[0] if draft.sheets_used else None
        index = self.table_choice.findData(used)
        self.table_choice.setCurrentIndex(max(index, 0))
        self.table_choice.setEnabled(self.table_choice.count() > 1)
        self.table_choice.blockSignals(blocked)

    def _table_chosen(self, index: int) -> None:
        """Read the workbook again from the table the person chose."""
        sheet = self.table_choice.itemData(index)
        if self.draft is None or sheet in self.draft.sheets_used:
            return
        self._sheet = sheet
        self.read()

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
        draft.name = self.preview_name.text().strip() or draft.name
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
