"""The File menu's Excel entries: export the board report, export status returns, import
returns that came back.

Each asks the person (file dialogs), runs the work on the task runner so the window
stays live, and reports the outcome in the services' own words. Importing a return shows
the review dialog before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from tracker.ui.action_group import ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.file_filters import WORKBOOKS_TO_OPEN, XLSX
from tracker.ui.main_actions import Availability, MainAction
from tracker.wording import count_noun

if TYPE_CHECKING:
    from tracker.excel.status_returns import ReturnFile
    from tracker.services.return_apply import ApplyResult
    from tracker.services.return_changes import ReturnReview

BY_CHOICES = {"One workbook per workstream": "workstream", "One workbook per lead": "lead"}


class ExcelActions(ActionGroup):
    def _exports_folder(self) -> str:
        from tracker.paths import default_exports_dir

        return str(self.context.settings.last_folder or default_exports_dir())

    @main_action(
        MainAction.EXPORT_BOARD_REPORT,
        "Export &board report…",
        shortcut="Ctrl+E",
        tip="Write the board report workbook",
        available=Availability.DATABASE,
    )
    def export_board_report(self) -> None:
        context = self.context
        database = context.database
        if database is None:
            return
        today = context.today()
        suggestion = Path(self._exports_folder()) / f"Board report {today.isoformat()}.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            context.parent, "Export board report", str(suggestion), XLSX
        )
        if not name:
            return
        out = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        context.settings.last_folder = out.parent
        final = self._ask_sent_to_board()
        if final is None:
            return

        def work():  # type: ignore[no-untyped-def]  (runs on a worker thread)
            from tracker.excel.board_report import export_board_report as export

            return export(database, out, as_at=today, final=final)

        bar = context.status_bar
        bar.showMessage(f"Writing the board report to {out.name}…")
        context.runner.run(
            work,
            lambda report: bar.showMessage(
                f"Board report written to {report.path} ({report.actions} actions, "
                f"{report.exceptions} exceptions).",
                15000,
            ),
            lambda error: show_error(context.parent, error),
        )

    def _ask_sent_to_board(self) -> bool | None:
        """Is this the report sent to the board (True), a draft (False), or cancelled?"""
        from tracker.services.database_settings import last_report_exported_at
        from tracker.ui.dialogs.export_report_dialog import ExportReportDialog

        database = self.context.database
        last_sent = last_report_exported_at(database) if database is not None else None
        return ExportReportDialog.ask(last_sent, self.context.parent)

    @main_action(
        MainAction.EXPORT_RETURNS,
        "Export status r&eturns…",
        tip="Write one status return workbook per workstream or lead, to send out",
        available=Availability.DATABASE,
    )
    def export_status_returns(self) -> None:
        context = self.context
        database = context.database
        if database is None:
            return
        choice, ok = QInputDialog.getItem(
            context.parent, "Export status returns", "Write:", list(BY_CHOICES), 0, False
        )
        if not ok:
            return
        folder = QFileDialog.getExistingDirectory(
            context.parent, "Folder for the status returns", self._exports_folder()
        )
        if not folder:
            return
        context.settings.last_folder = Path(folder)
        today = context.today()

        def work():  # type: ignore[no-untyped-def]
            from tracker.excel.status_returns import export_status_returns as export

            return export(database, Path(folder), by=BY_CHOICES[choice], today=today)

        def done(files: list[ReturnFile]) -> None:
            context.status_bar.clearMessage()
            show_message(
                context.parent,
                f"{len(files)} status returns written to {folder}.",
                icon=QMessageBox.Icon.Information,
            )

        context.status_bar.showMessage("Writing status returns…")
        context.runner.run(work, done, lambda error: show_error(context.parent, error))

    @main_action(
        MainAction.IMPORT_RETURNS,
        "Import status &returns…",
        tip="Read status returns that leads filled in, review the changes, then apply them",
        available=Availability.DATABASE,
    )
    def import_status_returns(self) -> None:
        context = self.context
        if context.database is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            context.parent, "Import status returns", context.start_folder(), WORKBOOKS_TO_OPEN
        )
        if not names:
            return
        context.settings.last_folder = Path(names[0]).parent
        self._review_next([Path(n) for n in names], applied=[])

    def _review_next(self, paths: list[Path], applied: list[str]) -> None:
        """Review and apply the returns one after another; reload once at the end."""
        context = self.context
        database = context.database
        if not paths or database is None:
            if applied:
                context.reload("; ".join(applied))
            return
        path, rest = paths[0], paths[1:]
        today = context.today()

        def review():  # type: ignore[no-untyped-def]
            from tracker.services.return_review import review_return

            return review_return(database, path, author=None, today=today)

        def reviewed(review: ReturnReview) -> None:
            from tracker.ui.dialogs.return_review_dialog import ReturnReviewDialog

            if not review.changes and not review.conflicts and not review.rejections:
                applied.append(f"{path.name}: nothing to apply")
                self._review_next(rest, applied)
                return
            selection = ReturnReviewDialog.ask(review, context.parent)
            if selection is None:
                applied.append(f"{path.name}: not applied")
                self._review_next(rest, applied)
                return

            def apply():  # type: ignore[no-untyped-def]
                from tracker.services.return_apply import apply_return

                return apply_return(
                    database,
                    review,
                    apply_conflicts=selection.apply_conflicts,
                    accept_rejections=selection.accept_rejections,
                )

            def finished(result: ApplyResult) -> None:
                applied.append(f"{path.name}: {count_noun(result.applied, 'update')} applied")
                self._review_next(rest, applied)

            context.runner.run(apply, finished, lambda error: self._failed(error, rest, applied))

        context.runner.run(review, reviewed, lambda error: self._failed(error, rest, applied))

    def _failed(self, error: BaseException, rest: list[Path], applied: list[str]) -> None:
        show_error(self.context.parent, error)
        self._review_next(rest, applied)
