"""The Help menu: About (the version and the database file in use)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tracker.ui.action_group import ActionGroup, main_action
from tracker.ui.main_actions import MainAction


class HelpActions(ActionGroup):
    @main_action(MainAction.ABOUT, "&About")
    def about(self) -> QMessageBox:
        from tracker.ui.dialogs.about_dialog import show_about

        database = self.context.database
        return show_about(self.context.parent, database.path if database else None)
