"""A status return made from a working copy, for a lead who never connects to the team
database: their offline changes go back as a signed return the programme office imports
with ``tracker import-return`` as any other.

Each row is signed with the team database's state at the last sync (the working copy
holds the team's signing secret since checkout), and its update columns come filled in
with what was recorded here since. The office's import then sees exactly the lead's
changes, and a conflict where the action moved on the team database in the meantime.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tracker.dates import short_date
from tracker.db.database import Database
from tracker.db.models import SyncRow, Update
from tracker.errors import TrackerError
from tracker.excel.status_returns import (
    FilledValues,
    Sending,
    StatusReturnsData,
    write_status_returns,
)
from tracker.services.action_rows import ActionRow
from tracker.services.database_settings import return_secret
from tracker.services.export_data import plan_only
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.status_returns_export import ReturnFile, plan_returns
from tracker.services.working_copy import bases, column_value, working_copy


def export_working_copy_returns(
    database: Database,
    folder: Path,
    *,
    returned_by: str | None = None,
    today: date | None = None,
) -> list[ReturnFile]:
    """One return per workstream of the working copy, filled in with the changes made
    here since the last sync, into ``folder``; all appear or none."""
    origin = working_copy(database)
    if origin is None:
        raise TrackerError(
            "This database is not a working copy: export ordinary returns with "
            "`tracker export-returns OUTDIR` instead."
        )
    today = today or date.today()
    with database.read() as session:
        action_bases = bases(session, "action")
        known = set(
            session.execute(select(SyncRow.local_id).where(SyncRow.table_name == "update"))
            .scalars()
            .all()
        )
        updates = session.execute(select(Update).order_by(Update.date, Update.id)).scalars().all()
    team_updates: dict[int, list[Update]] = defaultdict(list)
    offline: dict[int, list[Update]] = defaultdict(list)
    for u in updates:
        (team_updates if u.id in known else offline)[u.action_id].append(u)
    snapshot = plan_only(load_snapshot(database), origin.plan_id)
    planned, _orphans = plan_returns(snapshot, "workstream")
    authors = sorted({u.author for items in offline.values() for u in items})
    name = returned_by or (authors[0] if len(authors) == 1 else database.actor)
    made = []
    for item in planned:
        sent_rows, filled = [], {}
        for action in item.actions:
            base = action_bases.get(action.id, (0, None))[1] or {}
            sent = _as_sent(action, base, team_updates.get(action.id, []))
            sent_rows.append(sent)
            values = _filled(action, sent, offline.get(action.id, []))
            if values is not None:
                filled[action.id] = values
        made.append(replace(item, actions=sent_rows, filled=filled, returned_by=name))
    data = StatusReturnsData(
        plan_id=origin.plan_id,
        plan_name=origin.plan_name,
        planned=made,
        secret=return_secret(database),
        author=name,
        today=today,
        sending=Sending(),
    )
    return [
        ReturnFile(w.path, w.planned.scope, w.planned.for_whom, len(w.planned.actions), w.return_id)
        for w in write_status_returns(folder, data)
    ]


def _as_sent(action: ActionRow, base: dict[str, Any], team: list[Update]) -> ActionRow:
    """The action as the team database held it at the last sync."""
    if not base:
        return action
    stamp = base.get("updated_at")
    return replace(
        action,
        status=base["status"],
        rag=base["rag"],
        percent=base["percent"],
        revised_due=column_value("revised_due_date", base["revised_due_date"]),
        updated_at=datetime.fromisoformat(stamp) if stamp else None,
        latest_narrative=team[-1].narrative if team else "",
        last_update=team[-1].date if team else None,
    )


def _filled(action: ActionRow, sent: ActionRow, offline: list[Update]) -> FilledValues | None:
    """What the lead changed here, as the return's update columns; None if nothing."""
    moved = action.revised_due != sent.revised_due
    changed = (action.status, action.rag, action.percent) != (sent.status, sent.rag, sent.percent)
    if not (offline or moved or changed):
        return None
    if len(offline) > 1:
        narrative = "\n".join(f"{short_date(u.date)}: {u.narrative}" for u in offline)
    else:
        narrative = offline[0].narrative if offline else sent.latest_narrative
    # "Reason for change" carries both reasons a return can need: why the due date moved,
    # and why a RAG is greener than the calculated one (the office's import asks for each).
    date_reasons = [u.revision_reason for u in offline if u.revision_reason]
    rag_reasons = [u.rag_reason for u in offline if u.rag_reason]
    said = [*(date_reasons[-1:] if moved else []), *rag_reasons[-1:]]
    return FilledValues(
        action.status,
        action.rag,
        action.percent,
        narrative,
        action.revised_due,
        "; ".join(dict.fromkeys(said)),
    )
