"""Finding an action by the reference the report shows ("2.1 2", "1.1 ii").

A stand-in for the shared action-reference resolver: the assurance verbs call only
:func:`find_action_by_ref`, so one import switches them to that resolver.
"""

from __future__ import annotations

from tracker.db.database import Database
from tracker.errors import TrackerError
from tracker.services.plan_snapshot import load_snapshot


def _key(ref: str) -> str:
    return " ".join(ref.replace(")", " ").split()).casefold()


def find_action_by_ref(database: Database, ref: str, plan_id: int) -> int:
    """The id of the plan's action whose reference is ``ref`` (area ref and label)."""
    wanted = _key(ref)
    found = [row.id for row in load_snapshot(database, plan_id).actions if _key(row.ref) == wanted]
    if len(found) == 1:
        return found[0]
    if not found:
        raise TrackerError(
            f"The plan has no action {ref!r}: give the area's reference and the action's "
            "number as the report shows them, for example '2.1 2'."
        )
    raise TrackerError(f"The plan has {len(found)} actions numbered {ref!r}. Nothing was changed.")
