"""The File menu's Excel entries: export the board report, export status returns, import
returns that came back.

Each asks the person (file dialogs), runs the work on the task runner so the window
stays live, and reports the outcome in the services' own words. Importing a return shows
the review dialog before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from tracker.ui.action_group import ActionContext, ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.file_filters import WORKBOOKS_TO_OPEN, XLSX
from tracker.ui.main_actions import Availability, MainAction
from tracker.wording import count_noun

if TYPE_CHECKING:
    from tracker.errors import ReturnForOtherPlanError
    from tracker.services.return_apply import ApplyResult
    from tracker.services.return_changes import ReturnReview
    from tracker.services.return_undo import AppliedReturn
    from tracker.services.status_returns_export import ReturnFile
    from tracker.ui.editing import EditController


class ExcelActions(ActionGroup):
    def __init__(
        self, context: ActionContext, *, controller: Callable[[], EditController | None]
    ) -> None:
        self.controller = controller  # the open database's: a return's import goes on Undo
        super().__init__(context)

    def _plan_in_view(self) -> int | None:
        """The plan the exports and return imports act on: the one the tabs show."""
        from tracker.ui.plan_actions import NO_PLAN

        plan_id = self.context.session.plan_id
        if plan_id is None and self.context.database is not None:
            show_message(self.context.parent, NO_PLAN, icon=QMessageBox.Icon.Information)
        return plan_id

    def _other_plan(self, error: ReturnForOtherPlanError) -> str:
        session = self.context.session
        names = {p.id: p.name for p in session.plans}
        theirs = names.get(error.plan_id, error.plan_name)
        ours = session.plan.name if session.plan else "the plan in view"
        if theirs == ours:  # two plans of one name: tell them apart by number
            theirs, ours = f"{theirs} (plan {error.plan_id})", f"{ours} (plan {session.plan_id})"
        where = (
            f"Show '{theirs}' with the Plan selector, then import the return again."
            if error.plan_id in names
            else "That plan is not in this database."
        )
        return (
            f"{error.file_name} is a status return for the plan '{theirs}', but the tabs show "
            f"'{ours}'. Nothing was imported. {where}"
        )

    def _exports_folder(self) -> str:
        """Where an export's file dialog starts: the last folder used, else the user's
        documents (never the app's own folder, which a person would not look in)."""
        import platformdirs

        last = self.context.settings.last_folder
        if last is not None and last.is_dir():
            return str(last)
        return platformdirs.user_documents_dir()

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
        plan_id = self._plan_in_view()
        if database is None or plan_id is None:
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
            from tracker.services.board_report_export import export_board_report as export

            return export(database, out, as_at=today, plan=plan_id, final=final)

        bar = context.status_bar
        bar.showMessage(f"Writing the board report to {out.name}…")
        context.runner.run(
            work,
            lambda report: bar.showMessage(
                f"Board report written to {report.path} "
                f"({count_noun(report.actions, 'action')}, "
                f"{count_noun(report.exceptions, 'exception')}).",
                15000,
            ),
            self._export_failed,
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
        plan_id = self._plan_in_view()
        if database is None or plan_id is None:
            return
        from tracker.ui.dialogs.export_returns_dialog import ExportReturnsDialog

        request = ExportReturnsDialog.ask(
            context.today(), context.settings.user_name, context.parent
        )
        if request is None:
            return
        folder = QFileDialog.getExistingDirectory(
            context.parent, "Folder for the status returns", self._exports_folder()
        )
        if not folder:
            return
        context.settings.last_folder = Path(folder)
        today = context.today()

        def work():  # type: ignore[no-untyped-def]
            from tracker.services.status_returns_export import export_status_returns as export

            return export(
                database,
                Path(folder),
                by=request.by,
                plan=plan_id,
                today=today,
                due_back=request.due_back,
                contact=request.contact,
            )

        def done(files: list[ReturnFile]) -> None:
            context.status_bar.clearMessage()
            show_message(
                context.parent,
                f"{count_noun(len(files), 'status return')} written to {folder}.",
                icon=QMessageBox.Icon.Information,
            )

        context.status_bar.showMessage("Writing status returns…")
        context.runner.run(work, done, self._export_failed)

    def _export_failed(self, error: BaseException) -> None:
        """The "Writing…" message goes: nothing is being written any more."""
        self.context.status_bar.clearMessage()
        show_error(self.context.parent, error)

    @main_action(
        MainAction.IMPORT_RETURNS,
        "Import status &returns…",
        tip="Read status returns that leads filled in, review the changes, then apply them",
        available=Availability.DATABASE,
    )
    def import_status_returns(self) -> None:
        context = self.context
        if context.database is None or self._plan_in_view() is None:
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
            if applied:  # the window already shows what was applied: keep the Undo stack
                context.status_bar.showMessage("; ".join(applied), 15000)
            return
        path, rest = paths[0], paths[1:]
        today = context.today()
        plan_id = context.session.plan_id

        def review():  # type: ignore[no-untyped-def]
            from tracker.services.return_review import review_return

            return review_return(database, path, author=None, today=today, plan_id=plan_id)

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
                from tracker.services.return_undo import apply_return_undoable

                return apply_return_undoable(
                    database,
                    review,
                    apply_conflicts=selection.apply_conflicts,
                    accept_rejections=selection.accept_rejections,
                    author=selection.author,
                )

            def finished(outcome: tuple[ApplyResult, AppliedReturn]) -> None:
                result, undoable = outcome
                controller = self.controller()
                if controller is not None and undoable.updates:
                    controller.record_return(undoable, path.name)
                applied.append(f"{path.name}: {count_noun(result.applied, 'update')} applied")
                self._review_next(rest, applied)

            context.runner.run(apply, finished, lambda error: self._failed(error, rest, applied))

        context.runner.run(review, reviewed, lambda error: self._failed(error, rest, applied))

    def _failed(self, error: BaseException, rest: list[Path], applied: list[str]) -> None:
        from tracker.errors import ReturnForOtherPlanError

        if isinstance(error, ReturnForOtherPlanError):
            error = self._other_plan(error)
        show_error(self.context.parent, error)
        self._review_next(rest, applied)
