"""Recording an update on an action named as the report names it (``2.1 2``: the area's
reference and the action's label), for ``tracker add-update`` and scripts.

The update goes through :func:`tracker.services.action_updates.add_update`, so the rules
and the audit record are the window's.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.db.database import Database
from tracker.errors import TrackerError
from tracker.services.action_rows import ActionRow, UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.export_data import choose_plan, plan_only
from tracker.services.plan_snapshot import load_snapshot


@dataclass(frozen=True)
class RecordedUpdate:
    update_id: int
    action: ActionRow
    plan_name: str


def _ref_key(ref: str) -> str:
    return " ".join(ref.split()).casefold()


def find_action(database: Database, ref: str, plan: str | int | None = None) -> ActionRow:
    """The plan's action whose reference (as the report shows it) is ``ref``."""
    return _find(database, ref, plan)[0]


def _find(database: Database, ref: str, plan: str | int | None) -> tuple[ActionRow, str]:
    whole = load_snapshot(database)
    chosen = choose_plan(whole, plan)
    actions = plan_only(whole, chosen.id).actions
    wanted = _ref_key(ref)
    found = [x for x in actions if _ref_key(x.ref) == wanted]
    if len(found) == 1:
        return found[0], chosen.name
    if found:
        raise TrackerError(
            f"{len(found)} actions of {chosen.name} are numbered {ref!r}; the plan repeats "
            "that reference, so record this update in the window."
        )
    area = wanted.split(" ", 1)[0]
    near = [x.ref for x in actions if _ref_key(x.area_ref) == area]
    hint = f" Area {area} has: {', '.join(near)}." if near else ""
    raise TrackerError(
        f"No action of {chosen.name} is numbered {ref!r}: give the area's reference and the "
        f"action's label as the report shows them, such as '2.1 2'.{hint}"
    )


def add_update_by_ref(
    database: Database, ref: str, entry: UpdateInput, *, plan: str | int | None = None
) -> RecordedUpdate:
    """Record ``entry`` on the action numbered ``ref`` (audited as a command-line edit)."""
    action, plan_name = _find(database, ref, plan)
    update_id, _ = add_update(database, action.id, entry)
    return RecordedUpdate(update_id, action, plan_name)
