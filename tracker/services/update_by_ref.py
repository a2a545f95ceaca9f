"""Recording an update on an action named as the report names it (``2.1 2``: the area's
reference and the action's label), for ``tracker add-update`` and scripts.

The update goes through :func:`tracker.services.action_updates.add_update`, so the rules
and the audit record are the window's.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.db.database import Database
from tracker.services.action_refs import find_action as find_action_id
from tracker.services.action_rows import ActionRow, UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.export_data import choose_plan, plan_only
from tracker.services.plan_snapshot import load_snapshot


@dataclass(frozen=True)
class RecordedUpdate:
    update_id: int
    action: ActionRow
    plan_name: str


def find_action(database: Database, ref: str, plan: str | int | None = None) -> ActionRow:
    """The plan's action whose reference (as the report shows it) is ``ref``."""
    return _find(database, ref, plan)[0]


def _find(database: Database, ref: str, plan: str | int | None) -> tuple[ActionRow, str]:
    whole = load_snapshot(database)
    chosen = choose_plan(whole, plan)
    # The one reading of a reference (action_refs), with its messages for an unknown or
    # repeated one; the row itself comes from the plan's snapshot.
    action_id = find_action_id(database, ref, chosen.id)
    row = next(x for x in plan_only(whole, chosen.id).actions if x.id == action_id)
    return row, chosen.name


def add_update_by_ref(
    database: Database, ref: str, entry: UpdateInput, *, plan: str | int | None = None
) -> RecordedUpdate:
    """Record ``entry`` on the action numbered ``ref`` (audited as a command-line edit)."""
    action, plan_name = _find(database, ref, plan)
    update_id, _ = add_update(database, action.id, entry)
    return RecordedUpdate(update_id, action, plan_name)
