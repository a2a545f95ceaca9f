"""The Edit menu: Undo, Redo, Add update, Mark reviewed, Preferences.

The edits themselves go through the :class:`~tracker.ui.editing.EditController` of the
open database, onto the undo stack this group makes Undo and Redo from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QStyle

from tracker.ui.action_group import ActionContext, ActionGroup, built_action, main_action
from tracker.ui.dialogs.messages import show_error
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.plan_state import PlanState

if TYPE_CHECKING:
    from tracker.ui.dialogs.add_update_dialog import AddUpdateDialog
    from tracker.ui.editing import EditController

# Both usual redo keys everywhere, besides the platform's own.
USUAL_REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


class EditActions(ActionGroup):
    def __init__(
        self,
        context: ActionContext,
        *,
        state: PlanState,
        undo_stack: QUndoStack,
        controller: Callable[[], EditController | None],
        selected_action: Callable[[], int | None],
        user_name_changed: Callable[[], None],
    ) -> None:
        self.state = state
        self.undo_stack = undo_stack
        self.controller = controller  # the open database's, or None
        self.selected_action = selected_action  # in the current tab
        self.user_name_changed = user_name_changed
        super().__init__(context)

    @built_action(MainAction.UNDO, icon=QStyle.StandardPixmap.SP_ArrowBack)
    def _undo(self) -> QAction:
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        return undo

    @built_action(MainAction.REDO, icon=QStyle.StandardPixmap.SP_ArrowForward)
    def _redo(self) -> QAction:
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        # Each key once: a key bound twice is ambiguous and does nothing.
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        for usual in USUAL_REDO_KEYS:
            if QKeySequence(usual) not in keys:
                keys.append(QKeySequence(usual))
        redo.setShortcuts(keys)
        return redo

    def add_update(self, action_id: int) -> AddUpdateDialog | None:
        """Open "Add update" for an action (asking the user's name first if need be)."""
        controller, settings = self.controller(), self.context.settings
        if controller is None:
            return None
        if not settings.user_name:
            self.preferences(first_run=True)
            if not settings.user_name:
                return None
        from tracker.ui.dialogs.add_update_dialog import AddUpdateDialog

        row = self.state.actions[action_id]
        dialog = AddUpdateDialog(
            row, settings.user_name, controller, self.context.today(), self.context.parent
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _selected(self) -> int | None:
        action_id = self.selected_action()
        if action_id is None:
            self.context.status_bar.showMessage("Select an action first.", 5000)
        return action_id

    @main_action(
        MainAction.ADD_UPDATE,
        "Add &update…",
        shortcut="Ctrl+U",
        tip="Record progress on the selected action",
        icon=QStyle.StandardPixmap.SP_FileDialogContentsView,
        available=Availability.DATABASE,
    )
    def add_update_to_selected(self) -> AddUpdateDialog | None:
        action_id = self._selected()
        return self.add_update(action_id) if action_id is not None else None

    @main_action(
        MainAction.MARK_REVIEWED,
        "Mark &reviewed",
        shortcut="Ctrl+R",
        tip="Mark the selected action reviewed (or flag it again)",
        available=Availability.DATABASE,
    )
    def toggle_review_of_selected(self) -> None:
        action_id = self._selected()
        controller = self.controller()
        if action_id is None or controller is None:
            return
        row = self.state.actions[action_id]
        error = controller.set_review(action_id, not row.needs_review)
        if error:
            show_error(self.context.parent, error)

    @main_action(
        MainAction.PREFERENCES,
        "&Preferences…",
        shortcut=(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        tip="Your name and other settings",
    )
    def preferences(self, first_run: bool = False) -> None:
        from tracker.ui.dialogs.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(
            self.context.settings,
            self.context.parent,
            first_run=first_run,
            database=self.context.database,
        )
        if dialog.exec():
            self.user_name_changed()
