"""What a working copy knows about itself: where it came from, and the state of each
action on the team database at the last sync (the base of a three-way comparison).

An action's *state* is a JSON-ready dict of the fields a sync compares, its leads'
names and when it last changed; the same function reads it on either side, so "mine",
"theirs" and "base" compare like with like.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from tracker.dates import local_time, short_date
from tracker.db.database import Database
from tracker.db.models import Action, ActionLead, Person, SyncOrigin, SyncRow

# The action fields a sync compares and carries across, with the words shown for them.
ACTION_FIELDS: dict[str, str] = {
    "label": "Label",
    "text": "Action",
    "deadline_text": "Deadline as written",
    "lead_text": "Lead as written",
    "start_date": "Start date",
    "due_date": "Due date",
    "revised_due_date": "Revised due date",
    "status": "Status",
    "rag": "RAG",
    "percent": "% complete",
    "needs_review": "Needs review",
    "review_reason": "Review reason",
    "leads": "Leads",
}
DATE_FIELDS = frozenset({"start_date", "due_date", "revised_due_date"})
CHUNK = 500  # ids per IN (...): SQLite limits bound parameters per statement


@dataclass(frozen=True)
class WorkingCopy:
    """Where a working copy came from and when."""

    source: str
    plan_id: int
    plan_name: str
    workstream_ids: tuple[int, ...]
    checked_out_at: datetime
    last_synced_at: datetime | None

    @property
    def source_name(self) -> str:
        """The team database in a few words: its file's name, or its server and name."""
        address = self.source.removeprefix("sqlite:///")
        if "://" in address:
            return address.split("://", 1)[1].rpartition("@")[2]
        return address.replace("\\", "/").rpartition("/")[2]

    def status_line(self) -> str:
        """``Working copy from <server>, checked out <date>``: short, for a status bar."""
        return (
            f"Working copy from {self.source_name}, "
            f"checked out {short_date(local_time(self.checked_out_at).date())}"
        )

    def describe(self) -> str:
        """``Working copy of <plan> from <server>, checked out <date>``."""
        text = (
            f"Working copy of {self.plan_name} from {self.source}, "
            f"checked out {short_date(local_time(self.checked_out_at).date())}"
        )
        if self.last_synced_at is not None:
            text += f", last synced {short_date(local_time(self.last_synced_at).date())}"
        return text


def working_copy(database: Database) -> WorkingCopy | None:
    """Where this database was checked out from, or None when it is not a working copy."""
    with database.read() as session:
        return working_copy_in(session)


def working_copy_in(session: Session) -> WorkingCopy | None:
    row = session.execute(select(SyncOrigin).order_by(SyncOrigin.id).limit(1)).scalar()
    if row is None:
        return None
    return WorkingCopy(
        row.source,
        row.plan_id,
        row.plan_name,
        tuple(json.loads(row.workstreams)),
        row.checked_out_at,
        row.last_synced_at,
    )


def chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    listed = list(ids)
    for start in range(0, len(listed), CHUNK):
        yield listed[start : start + CHUNK]


def _json_value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def action_states(session: Session, action_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Each action's state as a sync compares it (JSON-ready), by action id."""
    columns = [getattr(Action, name) for name in ACTION_FIELDS if name != "leads"]
    states: dict[int, dict[str, Any]] = {}
    leads: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(action_ids):
        for row in session.execute(
            select(Action.id, Action.updated_at, *columns).where(Action.id.in_(chunk))
        ):
            mapping = row._mapping
            state = {c.key: _json_value(mapping[c.key]) for c in columns}
            state["needs_review"] = bool(state["needs_review"])
            state["updated_at"] = _json_value(mapping["updated_at"])
            states[row.id] = state
        for action_id, name in session.execute(
            select(ActionLead.action_id, Person.name)
            .join(Person, Person.id == ActionLead.person_id)
            .where(ActionLead.action_id.in_(chunk))
            .order_by(ActionLead.action_id, ActionLead.position)
        ):
            leads[action_id].append(name)
    for action_id, state in states.items():
        state["leads"] = leads.get(action_id, [])
    return states


def column_value(field: str, value: Any) -> Any:
    """A state's JSON value as the action's column holds it."""
    if field in DATE_FIELDS and value is not None:
        return date.fromisoformat(value)
    return value


def bases(session: Session, table: str) -> dict[int, tuple[int, dict[str, Any] | None]]:
    """Local id -> (id on the team database, state there at the last sync) for a table."""
    return {
        local_id: (source_id, json.loads(base) if base else None)
        for local_id, source_id, base in session.execute(
            select(SyncRow.local_id, SyncRow.source_id, SyncRow.base).where(
                SyncRow.table_name == table
            )
        )
    }


def as_json(state: dict[str, Any] | None) -> str | None:
    return None if state is None else json.dumps(state, ensure_ascii=False, sort_keys=True)
