"""The Edit menu's entries that open something: Add update, Mark reviewed, Preferences.

Functions of the window (see :mod:`file_actions`); the edits themselves go through the
window's :class:`~tracker.ui.editing.EditController`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from tracker.ui.dialogs.messages import show_error

if TYPE_CHECKING:
    from tracker.ui.dialogs.add_update_dialog import AddUpdateDialog
    from tracker.ui.main_window import MainWindow


def add_update(window: MainWindow, action_id: int) -> AddUpdateDialog | None:
    """Open "Add update" for an action (asking the user's name first if need be)."""
    if window.controller is None:
        return None
    if not window.settings.user_name:
        preferences(window, first_run=True)
        if not window.settings.user_name:
            return None
    from tracker.ui.dialogs.add_update_dialog import AddUpdateDialog

    row = window.state.actions[action_id]
    dialog = AddUpdateDialog(
        row, window.settings.user_name, window.controller, window.today(), window
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def selected_action(window: MainWindow) -> int | None:
    tab = window.current_tab()
    action_id = tab.selected_action_id() if tab else None
    if action_id is None:
        window.statusBar().showMessage("Select an action first.", 5000)
    return action_id


def add_update_to_selected(window: MainWindow) -> AddUpdateDialog | None:
    action_id = selected_action(window)
    return add_update(window, action_id) if action_id is not None else None


def toggle_review_of_selected(window: MainWindow) -> None:
    action_id = selected_action(window)
    if action_id is None or window.controller is None:
        return
    row = window.state.actions[action_id]
    error = window.controller.set_review(action_id, not row.needs_review)
    if error:
        show_error(window, error)


def preferences(window: MainWindow, first_run: bool = False) -> None:
    from tracker.ui.dialogs.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window, first_run=first_run)
    if dialog.exec():
        window.user_name_changed()
