"""The window's one way to change the plan: edits become undoable commands.

Panels and dialogs call an :class:`EditController` with what the person entered; it skips
edits that change nothing, performs the command (one service call, one transaction, so
the change is on disk before the call returns) and pushes it on the window's undo stack.
A value the service refuses comes back as its message, for the panel to show beside the
field; any other :class:`TrackerError` (a locked or read-only file) is reported through
``failed`` for the window to show. An edit over someone else's unseen change (a shared
database) opens the conflict dialog: theirs, mine, or both for text; nothing is written
until the person chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from tracker.db import Database
from tracker.errors import TrackerError
from tracker.services import action_updates, rag_rules
from tracker.services.action_edits import ValidationError
from tracker.services.action_rows import UpdateInput, UpdateRow
from tracker.services.audit import AuditRow, list_audit
from tracker.services.edit_conflicts import EditConflict, EditConflictError, keep_both
from tracker.services.return_undo import AppliedReturn
from tracker.services.team import EVERYTHING, edit_scope
from tracker.ui.dialogs.conflict_dialog import Choice, ConflictDialog
from tracker.ui.plan_state import PlanState
from tracker.ui.undo_commands import (
    ACTION_ROW_FIELDS,
    ActionFieldCommand,
    ActionLeadsCommand,
    AddUpdateCommand,
    AreaFieldCommand,
    CommandContext,
    ReturnImportCommand,
    ReviewCommand,
    ServiceCommand,
)
from tracker.ui.workstream_commands import (
    MergeWorkstreamsCommand,
    MoveAreaCommand,
    RenameWorkstreamCommand,
    ReorderWorkstreamsCommand,
)


class EditController(QObject):
    """Turns edits into commands on the undo stack, for one open database."""

    written = Signal()  # after every write, including undo and redo
    failed = Signal(str)  # a write that could not be made, in words for the user

    def __init__(
        self, database: Database, state: PlanState, stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.state = state
        self.stack = stack
        self._context = CommandContext(database, state, self._report, self.written.emit)
        # What this login may change on a team database (everything, on a file); the
        # database enforces it, the window shows it.
        try:
            self.scope = edit_scope(database)
        except TrackerError:  # the server went away: the database still enforces the rules
            self.scope = EVERYTHING
        # Asks the person what to keep when an edit meets someone else's change.
        self.resolve_conflict: Callable[[EditConflict], Choice] = lambda conflict: (
            ConflictDialog.ask(conflict, parent if isinstance(parent, QWidget) else None)
        )

    def may_edit(self, workstream_id: int) -> bool:
        """May this login change the workstream's actions and areas?"""
        return self.scope.may_edit(workstream_id)

    # Actions -------------------------------------------------------------------------
    def edit_action(
        self, action_id: int, field: str, value: Any, session: object | None = None
    ) -> str | None:
        row = self.state.actions[action_id]
        if getattr(row, ACTION_ROW_FIELDS[field]) == value:
            return None
        return self._execute(
            ActionFieldCommand(self._context, action_id, field, value, row.ref, session)
        )

    def set_leads(self, action_id: int, names: list[str]) -> str | None:
        row = self.state.actions[action_id]
        tidy = [" ".join(n.split()) for n in names if n.strip()]
        if tuple(tidy) == row.leads:
            return None
        return self._execute(ActionLeadsCommand(self._context, action_id, tidy, row.ref))

    def set_review(self, action_id: int, needs_review: bool) -> str | None:
        row = self.state.actions[action_id]
        if row.needs_review == needs_review:
            return None
        reason = row.review_reason or ("Flagged for review" if needs_review else None)
        return self._execute(ReviewCommand(self._context, action_id, needs_review, reason, row.ref))

    def check_update(self, action_id: int, entry: UpdateInput) -> str | None:
        """Why this update would be refused, or None when it is fine."""
        row = self.state.actions[action_id]
        try:
            rule = rag_rules.action_plan_rule(self.database, action_id)
            action_updates.validate_update(
                entry, row.revised_due, row.due, start=row.start, rule=rule, current_rag=row.rag
            )
        except (ValidationError, TrackerError) as exc:
            return str(exc)
        return None

    def add_update(self, action_id: int, entry: UpdateInput) -> str | None:
        row = self.state.actions[action_id]
        return self._execute(AddUpdateCommand(self._context, action_id, entry, row.ref))

    def record_return(self, applied: AppliedReturn, name: str) -> None:
        """Put a status return's import, already applied, on the stack as one step."""
        self._execute(ReturnImportCommand(self._context, applied, name))

    def updates(self, action_id: int) -> list[UpdateRow]:
        """The action's update history, newest first."""
        try:
            return action_updates.list_updates(self.database, action_id)
        except TrackerError as exc:
            self._report(exc)
            return []

    def changes(self, action_id: int) -> list[AuditRow]:
        """The action's audit records, oldest first."""
        try:
            return list_audit(self.database, record_type="action", record_id=action_id)
        except TrackerError as exc:
            self._report(exc)
            return []

    # Areas ---------------------------------------------------------------------------
    def edit_area(
        self, area_id: int, field: str, value: str, session: object | None = None
    ) -> str | None:
        row = self.state.areas[area_id]
        if getattr(row, field) == value:
            return None
        return self._execute(
            AreaFieldCommand(self._context, area_id, field, value, row.ref, session)
        )

    # Workstreams ---------------------------------------------------------------------
    def rename_workstream(self, workstream_id: int, tab: str, title: str) -> str | None:
        ws = self.state.workstream(workstream_id)
        if ws is None or (ws.tab, ws.title) == (" ".join(tab.split()), " ".join(title.split())):
            return None
        return self._execute(
            RenameWorkstreamCommand(self._context, workstream_id, tab, title, ws.title)
        )

    def move_workstream(self, workstream_id: int, offset: int) -> str | None:
        """Move a workstream up (negative) or down the plan's order, and its tab with it."""
        ws = self.state.workstream(workstream_id)
        order = [w.id for w in self.state.workstreams if ws and w.plan_id == ws.plan_id]
        if ws is None:
            return None
        index = order.index(workstream_id)
        new_index = min(max(index + offset, 0), len(order) - 1)
        if new_index == index:
            return None
        order.insert(new_index, order.pop(index))
        verb = "up" if offset < 0 else "down"
        return self._execute(
            ReorderWorkstreamsCommand(self._context, ws.plan_id, order, f"Move {ws.title} {verb}")
        )

    def merge_workstreams(self, source_id: int, target_id: int) -> str | None:
        source, target = self.state.workstream(source_id), self.state.workstream(target_id)
        if source is None or target is None:
            return None
        text = f"Merge {source.title} into {target.title}"
        return self._execute(MergeWorkstreamsCommand(self._context, source_id, target_id, text))

    def move_area(self, area_id: int, workstream_id: int) -> str | None:
        area, target = self.state.areas.get(area_id), self.state.workstream(workstream_id)
        if area is None or target is None or area.workstream_id == workstream_id:
            return None
        text = f"Move area {area.ref} to {target.title}"
        return self._execute(MoveAreaCommand(self._context, area_id, workstream_id, text))

    # Plumbing ------------------------------------------------------------------------
    def _execute(self, command: ServiceCommand) -> str | None:
        try:
            command.perform()
        except EditConflictError as exc:
            return self._resolve(command, exc.conflict)
        except ValidationError as exc:
            return str(exc)
        except TrackerError as exc:
            self._report(exc)
            return str(exc)
        self.stack.push(command)
        return None

    def _resolve(self, command: ServiceCommand, conflict: EditConflict) -> str | None:
        """Theirs: show it and write nothing. Mine or both: write, now knowing theirs."""
        choice = self.resolve_conflict(conflict)
        if not isinstance(command, ActionFieldCommand | AreaFieldCommand):
            return None
        if choice is Choice.THEIRS:
            command.show_value(conflict.theirs)
            return None
        if choice is Choice.BOTH:
            command.value = keep_both(conflict.theirs, conflict.mine)
        command.seen = conflict.theirs
        return self._execute(command)

    def _report(self, error: TrackerError) -> None:
        self.failed.emit(str(error))
