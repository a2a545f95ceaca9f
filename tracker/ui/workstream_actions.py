"""Plan > Workstreams… and Plan > Import revised plan…: reshaping the plan in view and
refreshing it from a newer workbook.

Workstream changes go onto the window's undo stack through the edit controller; a revised
plan is shown as a review of every change before anything is written (see
:mod:`tracker.ui.dialogs.revision_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tracker.ui.action_group import ActionContext, ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.file_filters import WORKBOOKS_TO_OPEN
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.plan_state import PlanState

if TYPE_CHECKING:
    from tracker.services.plan_revision import PlanRevision, RevisionResult
    from tracker.ui.dialogs.revision_dialog import RevisionDialog
    from tracker.ui.dialogs.workstreams_dialog import WorkstreamsDialog
    from tracker.ui.editing import EditController

NO_PLAN = "No plan is in view. Choose one in the Plan menu, or import one with File > Import."


class WorkstreamActions(ActionGroup):
    def __init__(
        self,
        context: ActionContext,
        *,
        state: PlanState,
        undo_stack: QUndoStack,
        controller: Callable[[], EditController | None],
    ) -> None:
        self.state = state
        self.undo_stack = undo_stack
        self.controller = controller
        self.dialog: WorkstreamsDialog | None = None
        super().__init__(context)

    @main_action(
        MainAction.WORKSTREAMS,
        "&Workstreams…",
        tip="Rename, reorder and merge the plan's workstreams; move areas between them",
        available=Availability.DATABASE,
    )
    def edit_workstreams(self) -> WorkstreamsDialog | None:
        from tracker.ui.dialogs.workstreams_dialog import WorkstreamsDialog

        controller = self.controller()
        if controller is None:
            return None
        if self.state.is_empty:
            show_message(self.context.parent, NO_PLAN, icon=QMessageBox.Icon.Information)
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = WorkstreamsDialog(
            self.state, self.controller, self.undo_stack, self.context.parent
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._closed)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _closed(self) -> None:
        self.dialog = None

    # A revised plan ------------------------------------------------------------------
    @main_action(
        MainAction.IMPORT_REVISED_PLAN,
        "Import re&vised plan…",
        tip="Refresh the plan in view from a newer version of its workbook, after a review",
        available=Availability.DATABASE,
    )
    def import_revised_plan(self) -> None:
        context = self.context
        database, plan = context.database, context.session.plan
        if database is None:
            return
        if plan is None:
            show_message(context.parent, NO_PLAN, icon=QMessageBox.Icon.Information)
            return
        name, _ = QFileDialog.getOpenFileName(
            context.parent,
            f"Revised workbook of '{plan.name}'",
            context.start_folder(),
            WORKBOOKS_TO_OPEN,
        )
        if not name:
            return
        path = Path(name)
        context.settings.last_folder = path.parent

        def compare() -> PlanRevision:
            from tracker.services.plan_import import read_plan
            from tracker.services.plan_revision import compare_revision

            return compare_revision(database, plan.id, read_plan(path))

        context.status_bar.showMessage(f"Comparing {path.name} with the plan…")
        context.runner.run(
            compare,
            self.review_revision,
            lambda error: show_error(context.parent, error),
        )

    def review_revision(self, revision: PlanRevision) -> RevisionDialog:
        """Show what the revised workbook would change; Apply writes it."""
        from tracker.ui.dialogs.revision_dialog import RevisionDialog

        self.context.status_bar.clearMessage()
        dialog = RevisionDialog(revision, self.context.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._apply_revision(revision))
        dialog.open()
        return dialog

    def _apply_revision(self, revision: PlanRevision) -> None:
        context = self.context
        database = context.database
        if database is None:
            return
        from tracker.services.plan_revision import apply_revision

        def applied(result: RevisionResult) -> None:
            context.reload(
                f"Refreshed the plan '{revision.plan_name}' from {revision.draft.source_file}: "
                f"{revision.summary()}. Backed up first as {result.backup}."
            )

        context.runner.run(
            lambda: apply_revision(database, revision),
            applied,
            lambda error: show_error(context.parent, error),
        )
