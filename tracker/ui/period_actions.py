"""Plan > Close reporting period…: the board cycle's close, as ``tracker close-period``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tracker.dates import long_date
from tracker.errors import TrackerError
from tracker.ui.action_group import ActionGroup, main_action
from tracker.ui.dialogs.close_period_dialog import ClosePeriodDialog
from tracker.ui.dialogs.messages import show_message
from tracker.ui.main_actions import Availability, MainAction

NO_PLAN = "Open a plan first: a period is closed for the plan in view."


class PeriodActions(ActionGroup):
    @main_action(
        MainAction.CLOSE_PERIOD,
        "Close reporting &period…",
        tip="Freeze where every action stands for the board, with the period's key messages",
        available=Availability.DATABASE,
    )
    def close_period(self) -> ClosePeriodDialog | None:
        context = self.context
        plan = context.session.plan
        if context.database is None or plan is None:
            show_message(context.parent, NO_PLAN, icon=QMessageBox.Icon.Information)
            return None
        dialog = ClosePeriodDialog(
            plan.name,
            context.today,
            lambda on, label, messages: self._close(plan.id, on, label, messages),
            context.parent,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _close(self, plan_id: int, on: date, label: str, key_messages: str) -> str | None:
        from tracker.services.periods import close_period

        database = self.context.database
        if database is None:
            return "The database is closed."
        try:
            period = close_period(
                database, plan_id, on, label, user=database.actor, key_messages=key_messages
            )
        except TrackerError as exc:
            return str(exc)
        self.context.session.note_own_write()
        self.context.reload(
            f"Closed {period.label!r} as at {long_date(period.on)}: "
            f"{period.actions:,} actions frozen for the board."
        )
        return None
