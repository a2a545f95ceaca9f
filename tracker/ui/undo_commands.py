"""Undoable edits: each command writes through a service and keeps what it replaced.

A command is performed once before it is pushed (so a value the service refuses never
reaches the stack), then undone and redone through the same service functions with the
old value they returned. After each write the command changes the one row in the window's
:class:`~tracker.ui.plan_state.PlanState`, field by field on the current row, so nothing
is re-read from the database. A failure while undoing or redoing (the file became
read-only, say) is reported and the command dropped from the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtGui import QUndoCommand

from tracker.db import Database
from tracker.errors import TrackerError
from tracker.services import action_edits, action_updates, return_undo
from tracker.services.action_rows import ActionState, UpdateInput, UpdateRow
from tracker.services.return_undo import AppliedReturn
from tracker.ui.formatting import format_date
from tracker.ui.plan_state import PlanState

# Action fields as the service names them -> as ActionRow names them.
ACTION_ROW_FIELDS = {
    "label": "label",
    "text": "text",
    "start_date": "start",
    "due_date": "due",
    "revised_due_date": "revised_due",
    "status": "status",
    "rag": "rag",
    "percent": "percent",
}
ACTION_FIELD_LABELS = {
    "label": "number",
    "text": "text",
    "start_date": "start date",
    "due_date": "due date",
    "revised_due_date": "revised due date",
    "status": "status",
    "rag": "RAG rating",
    "percent": "% complete",
}
AREA_FIELD_LABELS = {
    "ref": "reference",
    "title": "title",
    "lead_in": "lead-in",
    "what_has_changed": "what has changed",
    "plans_in_place": "plans in place",
}

_MERGE_ID = 1001


@dataclass
class CommandContext:
    """What every command needs: where to write, what to update, whom to tell."""

    database: Database
    state: PlanState
    report: Callable[[TrackerError], None]
    written: Callable[[], None]


class ServiceCommand(QUndoCommand):
    """Base: ``perform()`` once, then ``undo()``/``redo()`` from the stack."""

    def __init__(self, context: CommandContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self._skip_redo = False

    def perform(self) -> None:
        """Do it the first time; raises TrackerError (nothing changed) if refused."""
        self._do(first=True)
        self._skip_redo = True
        self.context.written()

    def redo(self) -> None:
        if self._skip_redo:  # QUndoStack.push() calls redo(); perform() already did it
            self._skip_redo = False
            return
        self._guard(lambda: self._do(first=False))

    def undo(self) -> None:
        self._guard(self._undo)

    def _guard(self, step: Callable[[], None]) -> None:
        try:
            step()
        except TrackerError as exc:
            self.setObsolete(True)
            self.context.report(exc)
        else:
            self.context.written()

    def _do(self, *, first: bool) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    @staticmethod
    def cause(first: bool) -> str:
        return "edit" if first else "redo"


class ActionFieldCommand(ServiceCommand):
    """Change one field of an action. Successive edits of one text field merge."""

    def __init__(
        self,
        context: CommandContext,
        action_id: int,
        field: str,
        value: Any,
        ref: str,
        session: object | None = None,
    ) -> None:
        super().__init__(context, f"Change {ACTION_FIELD_LABELS[field]} of {ref}")
        self.action_id = action_id
        self.field = field
        self.value = value
        self.session = session
        # What the person saw when they edited: someone else's change since is a conflict.
        self.seen: Any = getattr(context.state.actions[action_id], ACTION_ROW_FIELDS[field])
        self.old: Any = None

    def _do(self, *, first: bool) -> None:
        old = action_edits.set_action_field(
            self.context.database,
            self.action_id,
            self.field,
            self.value,
            cause=self.cause(first),
            seen=self.seen if first else self.old,
        )
        if first:
            self.old = old
        self._show(self.value)

    def _undo(self) -> None:
        action_edits.set_action_field(
            self.context.database,
            self.action_id,
            self.field,
            self.old,
            cause="undo",
            seen=self.value,
        )
        self._show(self.old)

    def show_value(self, value: Any) -> None:
        """Put ``value`` in the window's row without writing it (someone else's, kept)."""
        self._show(value)

    def _show(self, value: Any) -> None:
        row = self.context.state.actions[self.action_id]
        self.context.state.replace_action(replace(row, **{ACTION_ROW_FIELDS[self.field]: value}))

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, ActionFieldCommand)
            and self.session is not None
            and other.session is self.session
            and other.action_id == self.action_id
            and other.field == self.field
        ):
            return False
        self.value = other.value
        return True


class AreaFieldCommand(ServiceCommand):
    """Change one text field of an area. Successive edits of one field merge."""

    def __init__(
        self,
        context: CommandContext,
        area_id: int,
        field: str,
        value: str,
        ref: str,
        session: object | None = None,
    ) -> None:
        super().__init__(context, f"Change {AREA_FIELD_LABELS[field]} of area {ref}")
        self.area_id = area_id
        self.field = field
        self.value = value
        self.session = session
        # What the person saw when they edited: someone else's change since is a conflict.
        self.seen: Any = getattr(context.state.areas[area_id], field)
        self.old = ""

    def _do(self, *, first: bool) -> None:
        old = action_edits.set_area_field(
            self.context.database,
            self.area_id,
            self.field,
            self.value,
            cause=self.cause(first),
            seen=self.seen if first else self.old,
        )
        if first:
            self.old = old
        self._show(self.value)

    def _undo(self) -> None:
        action_edits.set_area_field(
            self.context.database, self.area_id, self.field, self.old, cause="undo", seen=self.value
        )
        self._show(self.old)

    def show_value(self, value: Any) -> None:
        """Put ``value`` in the window's row without writing it (someone else's, kept)."""
        self._show(value)

    def _show(self, value: str) -> None:
        row = self.context.state.areas[self.area_id]
        self.context.state.replace_area(replace(row, **{self.field: value}))

    def id(self) -> int:
        return _MERGE_ID + 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, AreaFieldCommand)
            and self.session is not None
            and other.session is self.session
            and other.area_id == self.area_id
            and other.field == self.field
        ):
            return False
        self.value = other.value
        return True


class ActionLeadsCommand(ServiceCommand):
    """Replace the people leading an action."""

    def __init__(self, context: CommandContext, action_id: int, names: list[str], ref: str) -> None:
        super().__init__(context, f"Change leads of {ref}")
        self.action_id = action_id
        self.names = names
        self.old: list[str] = []

    def _do(self, *, first: bool) -> None:
        old = action_edits.set_action_leads(
            self.context.database, self.action_id, self.names, cause=self.cause(first)
        )
        if first:
            self.old = old
        self._show(self.names)

    def _undo(self) -> None:
        action_edits.set_action_leads(self.context.database, self.action_id, self.old, cause="undo")
        self._show(self.old)

    def _show(self, names: list[str]) -> None:
        row = self.context.state.actions[self.action_id]
        self.context.state.replace_action(replace(row, leads=tuple(names)))


class ReviewCommand(ServiceCommand):
    """Mark an action reviewed, or flag it for review again; the reason is kept."""

    def __init__(
        self,
        context: CommandContext,
        action_id: int,
        needs_review: bool,
        reason: str | None,
        ref: str,
    ) -> None:
        verb = "Flag" if needs_review else "Mark reviewed"
        super().__init__(context, f"{verb} {ref}")
        self.action_id = action_id
        self.needs_review = needs_review
        self.reason = reason
        self.old: tuple[bool, str | None] = (False, None)

    def _do(self, *, first: bool) -> None:
        old = action_edits.set_review(
            self.context.database,
            self.action_id,
            self.needs_review,
            self.reason,
            cause=self.cause(first),
        )
        if first:
            self.old = old
        self._show(self.needs_review, self.reason)

    def _undo(self) -> None:
        flag, reason = self.old
        action_edits.set_review(self.context.database, self.action_id, flag, reason, cause="undo")
        self._show(flag, reason)

    def _show(self, flag: bool, reason: str | None) -> None:
        row = self.context.state.actions[self.action_id]
        self.context.state.replace_action(replace(row, needs_review=flag, review_reason=reason))


class AddUpdateCommand(ServiceCommand):
    """Record a progress update; undo withdraws it and restores the action's state."""

    def __init__(
        self, context: CommandContext, action_id: int, entry: UpdateInput, ref: str
    ) -> None:
        super().__init__(context, f"Add update to {ref} ({format_date(entry.date)})")
        self.action_id = action_id
        self.entry = entry
        self.update_id = 0
        self.stored: UpdateRow | None = None
        self.before = ActionState("", None, 0, None)
        self.before_latest: tuple[Any, str] = (None, "")

    def _do(self, *, first: bool) -> None:
        database = self.context.database
        row = self.context.state.actions[self.action_id]
        if first:
            self.update_id, self.before = action_updates.add_update(
                database, self.action_id, self.entry
            )
            self.stored = next(
                u
                for u in action_updates.list_updates(database, self.action_id)
                if u.id == self.update_id
            )
            self.before_latest = (row.last_update, row.latest_narrative)
        else:
            assert self.stored is not None
            self.update_id = action_updates.restore_update(database, self.stored, cause="redo")
        stored = self.stored
        assert stored is not None
        self.context.state.replace_action(
            replace(
                row,
                status=stored.status,
                rag=stored.rag,
                percent=stored.percent,
                revised_due=stored.revised_due or self.before.revised_due,
                last_update=stored.date,
                latest_narrative=stored.narrative,
            )
        )

    def _undo(self) -> None:
        action_updates.withdraw_update(
            self.context.database, self.update_id, self.before, cause="undo"
        )
        row = self.context.state.actions[self.action_id]
        last_update, narrative = self.before_latest
        before = self.before
        self.context.state.replace_action(
            replace(
                row,
                status=before.status,
                rag=before.rag,
                percent=before.percent,
                revised_due=before.revised_due,
                last_update=last_update,
                latest_narrative=narrative,
            )
        )


class ReturnImportCommand(ServiceCommand):
    """A status return's import, already applied: undo withdraws all the updates it
    added in one step, redo records them again."""

    def __init__(self, context: CommandContext, applied: AppliedReturn, name: str) -> None:
        super().__init__(context, f"Import status return {name}")
        self.applied = applied
        # The rows as the window showed them before the import: what undo shows again.
        actions = context.state.actions
        self.before_rows = {i: actions[i] for i in applied.before if i in actions}

    def _do(self, *, first: bool) -> None:
        if not first:  # the import itself wrote the updates
            self.applied = return_undo.restore_return(self.context.database, self.applied)
        newest = {u.action_id: u for u in self.applied.updates}  # oldest first: last wins
        for action_id in self.before_rows:
            after = self.applied.after(action_id)
            update = newest.get(action_id)
            if after is None or update is None:
                continue
            self._show(action_id, after, update.date, update.narrative)

    def _undo(self) -> None:
        return_undo.withdraw_return(self.context.database, self.applied, cause="undo")
        for action_id, before_row in self.before_rows.items():
            before = self.applied.before[action_id]
            self._show(action_id, before, before_row.last_update, before_row.latest_narrative)

    def _show(
        self, action_id: int, state: ActionState, last_update: date | None, narrative: str
    ) -> None:
        row = self.context.state.actions.get(action_id)
        if row is None:  # not in view (another plan)
            return
        self.context.state.replace_action(
            replace(
                row,
                status=state.status,
                rag=state.rag,
                percent=state.percent,
                revised_due=state.revised_due,
                last_update=last_update,
                latest_narrative=narrative,
            )
        )
