"""Writing a plan draft's rows inside the import's transaction, with SQLAlchemy Core.

Rows go in with ``insert(Model)`` executemany, so the column types store each value
(dates, timestamps, booleans) as everywhere else; the database assigns the ids. An
import into a small database builds its indexes once at the end, and an action that
takes its area's leads gets them copied inside SQLite, not sent row by row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, text, true
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import SQLModel

from tracker.db.models import Action, ActionLead, Area, AreaLead, Update, Workstream
from tracker.domain import Status
from tracker.importing.plan_draft import ActionDraft, WorkstreamDraft
from tracker.services.people import person_key

# Below this, rebuilding indexes saves less than a blink; row-by-row upkeep is simpler.
BULK_INDEX_MIN_ACTIONS = 1000

# An action to write: its area's id, its position in the area, and the draft.
PlacedAction = tuple[int, int, ActionDraft]

# Gives each action whose id is in [first, last] its area's leads, in the same order, as
# inherited.
_COPY_AREA_LEADS = insert(ActionLead).from_select(
    ["action_id", "person_id", "position", "inherited"],
    select(Action.id, AreaLead.person_id, AreaLead.position, true())
    .join(AreaLead, AreaLead.area_id == Action.area_id)
    .where(Action.id.between(bindparam("first"), bindparam("last"))),
)


class PlanWriter:
    """Writes one plan's workstreams, areas and actions, remembering what the actions
    need from their areas."""

    def __init__(
        self,
        connection: Connection,
        leads: LeadResolver,
        now: datetime,
        *,
        author: str = "",
        update_source: str = "import",
        update_date: date | None = None,
    ) -> None:
        self.connection = connection
        self.leads = leads
        self.now = now
        self.area_person_ids: dict[int, tuple[int, ...]] = {}
        # A hand-kept copy's position is each action's first update, by the importer.
        self.author = author
        self.update_source = update_source
        self.update_date = update_date or now.date()

    def write_areas(self, plan_id: int, workstreams: list[WorkstreamDraft]) -> list[PlacedAction]:
        """Write the workstreams, their areas and the areas' leads; returns the actions
        to write, in order, each placed in its new area."""
        workstream_id = inserted_ids(
            self.connection,
            Workstream,
            (Workstream.position,),
            [
                {"plan_id": plan_id, "tab": ws.tab, "title": ws.title, "position": i}
                for i, ws in enumerate(workstreams)
            ],
        )
        areas = [(workstream_id[i,], area) for i, ws in enumerate(workstreams) for area in ws.areas]
        area_id = inserted_ids(
            self.connection,
            Area,
            (Area.position,),
            [
                {
                    "workstream_id": ws_id,
                    "ref": a.ref,
                    "title": a.title,
                    "what_has_changed": a.what_has_changed,
                    "plans_in_place": a.plans_in_place,
                    "lead_in": a.lead_in,
                    "lead_text": a.lead_text,
                    "deadline_text": a.deadline_text,
                    "position": i,
                }
                for i, (ws_id, a) in enumerate(areas)
            ],
        )
        placed = [(area_id[i,], area) for i, (_ws_id, area) in enumerate(areas)]
        lead_rows = []
        for new_id, area in placed:
            leads = self.leads([(p.name, p.role) for p in area.leads])
            self.area_person_ids[new_id] = tuple(person_id for person_id, _role in leads)
            lead_rows += [
                {"area_id": new_id, "person_id": person_id, "role": role, "position": position}
                for position, (person_id, role) in enumerate(leads)
            ]
        if lead_rows:
            self.connection.execute(insert(AreaLead), lead_rows)
        return [
            (new_id, position, action)
            for new_id, area in placed
            for position, action in enumerate(area.actions)
        ]

    def write_actions(self, batch: list[PlacedAction]) -> None:
        """Write these actions and their leads."""
        not_started = Status.NOT_STARTED.value
        action_id = inserted_ids(
            self.connection,
            Action,
            (Action.area_id, Action.position),
            [
                {
                    "area_id": area_id,
                    "position": position,
                    "label": x.label,
                    "text": x.text,
                    "deadline_text": x.deadline_text,
                    "lead_text": x.lead_text,
                    "start_date": x.start,
                    "due_date": x.due,
                    "status": x.status or not_started,
                    "rag": x.rag,
                    "percent": x.percent or 0,
                    "needs_review": bool(x.review_reasons),
                    "review_reason": "; ".join(x.review_reasons) or None,
                    "updated_at": self.now,
                }
                for area_id, position, x in batch
            ],
        )
        # Most actions take their area's leads: those rows are copied from area_lead
        # inside SQLite, a run of consecutive actions at a time; the rest are sent.
        own_leads: list[dict[str, Any]] = []
        inheriting = IdRuns()
        for area_id, position, x in batch:
            new_id = action_id[area_id, position]
            person_ids = self.leads.names(x.leads)
            if x.leads_inherited and person_ids == self.area_person_ids[area_id]:
                inheriting.add(new_id)
            else:
                own_leads += [
                    {
                        "action_id": new_id,
                        "person_id": person_id,
                        "position": lead_position,
                        "inherited": x.leads_inherited,
                    }
                    for lead_position, person_id in enumerate(person_ids)
                ]
        if own_leads:
            self.connection.execute(insert(ActionLead), own_leads)
        if inheriting.runs:
            self.connection.execute(
                _COPY_AREA_LEADS,
                [{"first": first, "last": last} for first, last in inheriting.runs],
            )
        first_updates = [
            {
                "action_id": action_id[area_id, position],
                "date": self.update_date,
                "author": self.author,
                "status": x.status,
                "rag": x.rag,
                "percent": x.percent or 0,
                "narrative": x.progress_note,
                "source": self.update_source,
                "recorded_at": self.now,
            }
            for area_id, position, x in batch
            if x.has_progress
        ]
        if first_updates:
            self.connection.execute(insert(Update), first_updates)


def inserted_ids(
    connection: Connection,
    model: type[SQLModel],
    key: tuple[InstrumentedAttribute[Any], ...],
    rows: list[dict[str, Any]],
) -> dict[tuple[Any, ...], int]:
    """Insert the rows in one executemany; returns the id the database gave each, found
    by ``key``, columns whose values are unique among the rows.

    RETURNING gives each new id with its row's key: SQLite does not promise the order of
    the returned rows, and asking SQLAlchemy to sort them back into the order of the rows
    sent (``sort_by_parameter_order``) would make it send them one statement per row.
    """
    if not rows:
        return {}
    result = connection.execute(insert(model).returning(*key, model.id), rows)  # type: ignore[attr-defined]
    return {tuple(row_key): row_id for *row_key, row_id in result}


def drop_indexes_if_bulk(connection: Connection, incoming_actions: int) -> list[str]:
    """Drop the secondary indexes of the tables an import fills, when it brings at least
    as many actions as the database holds; returns their definitions.

    Building an index once over all rows (a sort) is faster than keeping it up to date row
    by row, but rebuilding also reads the rows already there, so it pays only for a big
    import into a small database. The drop happens inside the import's transaction: if
    the import fails or is cancelled, the rollback brings the indexes back with
    everything else.
    """
    held = connection.execute(select(func.count()).select_from(Action)).scalar_one()
    if incoming_actions < max(held, BULK_INDEX_MIN_ACTIONS):
        return []
    # The indexes as the file has them (the schema's and any a migration made), read
    # from SQLite's catalogue so each comes back exactly as it was.
    indexes = connection.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('action', 'action_lead', 'area', 'area_lead') ORDER BY name"
        )
    ).all()
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _name, sql in indexes]


def rebuild_indexes(connection: Connection, definitions: list[str]) -> None:
    for sql in definitions:
        connection.exec_driver_sql(sql)


class LeadResolver:
    """Person ids for a list of lead names, in order, each once (a name can appear twice
    in a lead cell). The actions of an area share their leads, so each distinct list is
    resolved once per import."""

    def __init__(self, people: dict[str, int]) -> None:
        self.people = people
        self.resolved: dict[tuple[tuple[str, str], ...], tuple[tuple[int, str], ...]] = {}
        self.resolved_names: dict[tuple[str, ...], tuple[int, ...]] = {}

    def __call__(self, names_and_roles: list[tuple[str, str]]) -> tuple[tuple[int, str], ...]:
        key = tuple(names_and_roles)
        found = self.resolved.get(key)
        if found is None:
            seen: set[int] = set()
            ids = []
            for name, role in key:
                person_id = self.people[person_key(name)]
                if person_id not in seen:
                    seen.add(person_id)
                    ids.append((person_id, role))
            found = self.resolved[key] = tuple(ids)
        return found

    def names(self, names: list[str]) -> tuple[int, ...]:
        """Just the ids, for action leads, which have no role."""
        key = tuple(names)
        found = self.resolved_names.get(key)
        if found is None:
            found = self.resolved_names[key] = tuple(
                person_id for person_id, _role in self([(name, "") for name in key])
            )
        return found


class IdRuns:
    """Ids kept as runs of consecutive ids, (first, last): an id one past the last run's
    end extends it, any other starts a new run."""

    def __init__(self) -> None:
        self.runs: list[tuple[int, int]] = []

    def add(self, row_id: int) -> None:
        if self.runs and self.runs[-1][1] == row_id - 1:
            self.runs[-1] = (self.runs[-1][0], row_id)
        else:
            self.runs.append((row_id, row_id))
