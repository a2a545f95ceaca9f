"""The Help menu: the user guide (F1), the licences of what the app is built from, and
About (the version and the database file in use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QStyle

from tracker.ui.action_group import ActionContext, ActionGroup, main_action
from tracker.ui.dialogs.user_guide_dialog import UserGuideDialog
from tracker.ui.main_actions import MainAction

if TYPE_CHECKING:
    from tracker.ui.dialogs.licences_dialog import LicencesDialog


class HelpActions(ActionGroup):
    def __init__(self, context: ActionContext) -> None:
        super().__init__(context)
        self.guide: UserGuideDialog | None = None
        self.licences_dialog: LicencesDialog | None = None

    @main_action(
        MainAction.USER_GUIDE,
        "&User guide",
        shortcut=(QKeySequence.StandardKey.HelpContents, "F1"),
        tip="How to use the window: tabs, filters, updates, dates and keys",
        icon=QStyle.StandardPixmap.SP_DialogHelpButton,
    )
    def user_guide(self) -> UserGuideDialog:
        """Show the guide (the same window again if it is already open)."""
        if self.guide is None:
            self.guide = UserGuideDialog(self.context.parent)
            self.guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.guide.destroyed.connect(self._guide_closed)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def _guide_closed(self) -> None:
        self.guide = None

    @main_action(
        MainAction.LICENCES,
        "&Licences",
        tip="The components the tracker is built from, and their licences",
    )
    def licences(self) -> LicencesDialog:
        """Show the licences (the same window again if it is already open)."""
        from tracker.ui.dialogs.licences_dialog import LicencesDialog

        if self.licences_dialog is None:
            self.licences_dialog = LicencesDialog(self.context.parent)
            self.licences_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.licences_dialog.destroyed.connect(self._licences_closed)
        self.licences_dialog.show()
        self.licences_dialog.raise_()
        self.licences_dialog.activateWindow()
        return self.licences_dialog

    def _licences_closed(self) -> None:
        self.licences_dialog = None

    @main_action(MainAction.ABOUT, "&About")
    def about(self) -> QMessageBox:
        from tracker.ui.dialogs.about_dialog import show_about

        database = self.context.database
        where = (database.path or database.where) if database else None
        return show_about(self.context.parent, where)
