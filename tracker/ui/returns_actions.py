"""View > Returns: which status returns went to whom, and which are back or overdue."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tracker.ui.action_group import ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error
from tracker.ui.dialogs.returns_dialog import ReturnsDialog
from tracker.ui.main_actions import Availability, MainAction


class ReturnsActions(ActionGroup):
    @main_action(
        MainAction.SHOW_RETURNS,
        "Status &returns…",
        tip="The status returns sent: back, outstanding and overdue",
        available=Availability.DATABASE,
    )
    def show_returns(self) -> ReturnsDialog | None:
        context = self.context
        database, plan = context.database, context.session.plan
        if database is None or plan is None:
            return None
        dialog = ReturnsDialog(plan.name, context.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        today = context.today()

        def read() -> object:
            from tracker.services.returns_chasing import returns_status

            return returns_status(database, plan.id, today=today)

        context.runner.run(read, dialog.show_returns, lambda error: show_error(dialog, error))
        dialog.open()
        return dialog
