"""The Plan menu and the plan selector: which plan the tabs show, and renaming,
archiving and deleting it.

The tabs show one plan at a time; the session keeps which (see
:class:`~tracker.ui.session.DatabaseSession`) and every read keeps to it. Archiving keeps a
plan but hides it from the tabs, the selector's list and the reports until "Show archived
plans" is ticked. Deleting asks first, naming the plan and what goes with it, and the
service takes a backup before anything is removed. The work runs on the task runner;
each change is audited by the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from tracker.ui.action_group import ActionContext, ActionGroup, built_action, main_action
from tracker.ui.dialogs.messages import APP_TITLE, show_error, show_message
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.widgets.plan_selector import PlanSelector, plan_label

if TYPE_CHECKING:
    from tracker.services.plans import DeletedPlan, PlanInfo

NO_PLAN = "No plan is in view. Choose one in the Plan menu, or import one with File > Import."


class PlanActions(ActionGroup):
    def __init__(self, context: ActionContext) -> None:
        self.choose_menu = QMenu("&Show plan", context.parent)
        self.choose_menu.setObjectName("choosePlanMenu")
        self.choose_menu.aboutToShow.connect(self.fill_choose_menu)
        self.selector = PlanSelector(context.parent)
        self.selector.set_plans([], None, show_archived=False)  # until a database is open
        self.selector.planChosen.connect(self.show_plan)
        super().__init__(context)

    # Which plan ----------------------------------------------------------------------
    @built_action(MainAction.CHOOSE_PLAN, available=Availability.DATABASE)
    def _choose_entry(self) -> QAction:
        return self.choose_menu.menuAction()

    def fill_choose_menu(self) -> None:
        menu, session = self.choose_menu, self.context.session
        menu.clear()
        group = QActionGroup(menu)
        shown = [p for p in session.plans if session.show_archived or not p.archived]
        for number, plan in enumerate(shown, start=1):
            prefix = f"&{number} " if number < 10 else ""
            action = menu.addAction(prefix + plan_label(plan, shown).replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(plan.id == session.plan_id)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, pid=plan.id: self.show_plan(pid))
        if not shown:
            menu.addAction("No plans to show").setEnabled(False)

    @built_action(MainAction.SHOW_ARCHIVED_PLANS, available=Availability.DATABASE)
    def _show_archived_entry(self) -> QAction:
        action = QAction("Show a&rchived plans", self)
        action.setCheckable(True)
        tip = "List archived plans in the plan selector so that one can be shown"
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.toggled.connect(self.set_show_archived)
        return action

    def show_plan(self, plan_id: int) -> None:
        """Show this plan in the tabs."""
        session = self.context.session
        if plan_id == session.plan_id:
            return
        plan = next((p for p in session.plans if p.id == plan_id), None)
        name = plan.name if plan else f"plan {plan_id}"
        if not session.reload(f"Showing the plan '{name}'.", plan_id=plan_id):
            self.plans_loaded()  # busy: the selector goes back to the plan in view
            show_message(
                self.context.parent,
                "Please wait: the tracker is still busy with the last task.",
                icon=QMessageBox.Icon.Information,
            )

    def set_show_archived(self, shown: bool) -> None:
        session = self.context.session
        session.show_archived = shown
        plan = session.plan
        if not shown and plan is not None and plan.archived:
            session.reload("Archived plans are hidden again.")  # shows a live plan
        else:
            self.plans_loaded()

    def plans_loaded(self) -> None:
        """The window read the plans again: bring the selector and the menu up to date."""
        session = self.context.session
        plan = session.plan
        self.selector.set_plans(session.plans, session.plan_id, show_archived=session.show_archived)
        show_archived = self.actions[MainAction.SHOW_ARCHIVED_PLANS]
        show_archived.blockSignals(True)
        show_archived.setChecked(session.show_archived)
        show_archived.blockSignals(False)
        archive = self.actions[MainAction.ARCHIVE_PLAN]
        if plan is not None and plan.archived:
            archive.setText("Un&archive plan")
            archive.setStatusTip("Bring the plan back into the tabs and the reports")
        else:
            archive.setText("&Archive plan")
            archive.setStatusTip("Keep the plan but hide it from the tabs and the reports")

    # Changing the plan in view -------------------------------------------------------
    def _plan_in_view(self) -> PlanInfo | None:
        context = self.context
        if context.database is None:
            return None
        plan = context.session.plan
        if plan is None:
            show_message(context.parent, NO_PLAN, icon=QMessageBox.Icon.Information)
        return plan

    @main_action(
        MainAction.RENAME_PLAN,
        "Re&name plan…",
        tip="Give the plan in view another name",
        available=Availability.DATABASE,
    )
    def rename_plan(self) -> QInputDialog | None:
        plan = self._plan_in_view()
        if plan is None:
            return None
        dialog = QInputDialog(self.context.parent)
        dialog.setObjectName("renamePlanDialog")
        dialog.setWindowTitle("Rename plan")
        dialog.setLabelText(f"New name for the plan '{plan.name}':")
        dialog.setTextValue(plan.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda name: self._rename(plan, name))
        dialog.open()
        return dialog

    def _rename(self, plan: PlanInfo, name: str) -> None:
        context = self.context
        database = context.database
        if database is None:
            return
        from tracker.services.plans import rename_plan

        new = " ".join(name.split())
        context.runner.run(
            lambda: rename_plan(database, plan.id, new),
            lambda _old: context.reload(f"Renamed the plan '{plan.name}' to '{new}'."),
            lambda error: show_error(context.parent, error),
        )

    @main_action(
        MainAction.ARCHIVE_PLAN,
        "&Archive plan",
        tip="Keep the plan but hide it from the tabs and the reports",
        available=Availability.DATABASE,
    )
    def archive_plan(self) -> None:
        plan = self._plan_in_view()
        context = self.context
        database = context.database
        if plan is None or database is None:
            return
        from tracker.services.plans import set_archived

        archive = not plan.archived
        if archive:
            message = (
                f"Archived the plan '{plan.name}': it is kept, but hidden from the tabs and "
                "the reports. Plan > Show archived plans lists it again."
            )
        else:
            message = f"The plan '{plan.name}' is no longer archived."
        context.runner.run(
            lambda: set_archived(database, plan.id, archive),
            lambda _none: context.reload(message),
            lambda error: show_error(context.parent, error),
        )

    @main_action(
        MainAction.DELETE_PLAN,
        "&Delete plan…",
        tip="Remove the plan in view and everything in it (a backup is taken first)",
        available=Availability.DATABASE,
    )
    def delete_plan(self) -> QMessageBox | None:
        plan = self._plan_in_view()
        context = self.context
        database = context.database
        if plan is None or database is None:
            return None
        from tracker.services.plans import list_plans

        # Count afresh: updates added since the plan was read count too.
        plans = list_plans(database)
        current = next((p for p in plans if p.id == plan.id), None)
        if current is None:
            context.reload()
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_TITLE,
            f"Delete the plan '{current.name}' and everything in it: {current.contents}?",
            QMessageBox.StandardButton.NoButton,
            context.parent,
        )
        box.setObjectName("confirmDeletePlan")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            f"A backup of {database.path.name} is taken first: File > Restore from backup "
            "can bring the plan back. Other plans are not touched."
            if database.path is not None
            # A team database is backed up by its server's own routine (pg_dump).
            else "It goes for everyone using the team database; make sure the server's "
            "backup is recent first (tracker backup). Other plans are not touched."
        )
        delete = box.addButton("&Delete plan", QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("deletePlanButton")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        destructive = QMessageBox.ButtonRole.DestructiveRole
        box.buttonClicked.connect(
            lambda button: self._delete(current) if box.buttonRole(button) == destructive else None
        )
        box.open()
        return box

    def _delete(self, plan: PlanInfo) -> None:
        context = self.context
        database = context.database
        if database is None:
            return
        from tracker.services.plans import delete_plan

        def deleted(result: DeletedPlan) -> None:
            backed_up = (
                f"; the database was backed up first as {result.backup.name}"
                if result.backup is not None
                else ""
            )
            context.reload(f"Deleted the plan '{plan.name}' ({result.plan.contents}){backed_up}.")

        context.runner.run(
            lambda: delete_plan(database, plan.id),
            deleted,
            lambda error: show_error(context.parent, error),
        )
