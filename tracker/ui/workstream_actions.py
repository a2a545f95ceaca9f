"""Plan > Workstreams… and Plan > Import revised plan…: reshaping the plan in view and
refreshing it from a newer workbook.

Workstream changes go onto the window's undo stack through the edit controller; a revised
plan is shown as a review of every change before anything is written (see
:mod:`tracker.ui.dialogs.revision_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from tracker.ui.action_group import ActionContext, ActionGroup, main_action
from tracker.ui.dialogs.messages import show_message
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.plan_state import PlanState

if TYPE_CHECKING:
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
