"""The assurance entries of the menus: Plan > RAG rule… (the thresholds of the plan's
calculated RAG) and View > Coverage (its findings and quality statements, and the actions
that answer them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from tracker.errors import TrackerError
from tracker.rag_rule import RagRule
from tracker.ui.action_group import ActionContext, ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.plan_state import PlanState

if TYPE_CHECKING:
    from tracker.ui.assurance.coverage_view import CoverageView
    from tracker.ui.assurance.rag_rule_dialog import RagRuleDialog

NO_PLAN = "No plan is in view. Choose one in the Plan menu, or import one with File > Import."


class AssuranceActions(ActionGroup):
    def __init__(
        self, context: ActionContext, *, state: PlanState, open_action: Callable[[int], None]
    ) -> None:
        self.state = state
        self._open_action = open_action
        self.coverage_view: CoverageView | None = None
        self.rule_dialog: RagRuleDialog | None = None
        super().__init__(context)

    def _plan(self) -> tuple[int, str] | None:
        plan = self.context.session.plan
        if self.context.database is None or plan is None:
            show_message(self.context.parent, NO_PLAN, icon=QMessageBox.Icon.Information)
            return None
        return plan.id, plan.name

    @main_action(
        MainAction.RAG_RULE,
        "RAG r&ule…",
        tip="The thresholds of the calculated RAG and how a workstream rolls up",
        available=Availability.DATABASE,
    )
    def edit_rag_rule(self) -> RagRuleDialog | None:
        from tracker.ui.assurance.rag_rule_dialog import RagRuleDialog

        plan = self._plan()
        if plan is None:
            return None
        plan_id, name = plan
        dialog = RagRuleDialog(
            name,
            self.state.rag_rule,
            lambda rule: self._save_rule(plan_id, rule),
            self.context.parent,
        )
        self.rule_dialog = dialog
        dialog.open()
        return dialog

    def _save_rule(self, plan_id: int, rule: RagRule) -> str | None:
        from tracker.services.rag_rules import set_plan_rule

        database = self.context.database
        if database is None:
            return "The database is closed."
        try:
            set_plan_rule(database, plan_id, rule)
        except TrackerError as exc:
            return str(exc)
        self.context.session.note_own_write()
        self.context.reload("RAG rule saved: the calculated RAG follows it.")
        return None

    @main_action(
        MainAction.COVERAGE,
        "Co&verage",
        shortcut="Ctrl+Shift+V",
        tip="Each finding and quality statement with the actions that answer it",
        available=Availability.DATABASE,
    )
    def show_coverage(self) -> CoverageView | None:
        from tracker.services.coverage import plan_coverage
        from tracker.ui.assurance.coverage_view import CoverageView

        plan = self._plan()
        database = self.context.database
        if plan is None or database is None:
            return None
        plan_id, name = plan
        try:
            coverage = plan_coverage(database, plan_id, self.context.today())
        except TrackerError as exc:
            show_error(self.context.parent, exc)
            return None
        if self.coverage_view is not None:
            self.coverage_view.close()
            self.coverage_view.deleteLater()
        view = CoverageView(name, coverage, self._open_action, self.context.parent)
        self.coverage_view = view
        view.show()
        return view
