"""Checking out a working copy: a plan, or some of its workstreams, from a team database
into a new local file that works offline and syncs back later.

The rows keep their ids (so a status return made from the working copy names the team
database's actions), and each is recorded in ``sync_row`` with its state at checkout.
The copy is one transaction on the local file: it appears whole or not at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session, SQLModel

from tracker.db.database import Database
from tracker.db.migrate import open_database
from tracker.db.models import (
    Action,
    ActionLead,
    AppSetting,
    Area,
    AreaLead,
    Person,
    Plan,
    SyncOrigin,
    SyncRow,
    Update,
    UpdateKey,
    Workstream,
    utc_now,
)
from tracker.errors import TrackerError
from tracker.services.audit import Change, record_changes
from tracker.services.database_settings import RETURN_SECRET_KEY, return_secret
from tracker.services.row_copy import read_rows, write_rows
from tracker.services.working_copy import WorkingCopy, action_states, as_json, chunks
from tracker.wording import count_noun

# Settings a working copy takes from the team database: the returns' signing secret, so
# that a return made from the working copy is one the programme office can import.
COPIED_SETTINGS = (RETURN_SECRET_KEY,)


@dataclass(frozen=True)
class CheckoutResult:
    origin: WorkingCopy
    workstreams: int
    areas: int
    actions: int
    updates: int
    people: int

    def describe(self) -> str:
        return (
            f"{self.origin.describe()}: {count_noun(self.workstreams, 'workstream')}, "
            f"{count_noun(self.areas, 'area')}, {count_noun(self.actions, 'action')}, "
            f"{count_noun(self.updates, 'update')}, {count_noun(self.people, 'person', 'people')}."
        )


@dataclass
class _Taken:
    """The rows a checkout takes, read in one snapshot of the team database."""

    plan: dict[str, Any]
    workstreams: list[dict[str, Any]]
    areas: list[dict[str, Any]]
    area_leads: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    action_leads: list[dict[str, Any]]
    people: list[dict[str, Any]]
    updates: list[dict[str, Any]]
    update_keys: list[dict[str, Any]]
    settings: list[dict[str, Any]]
    states: dict[int, dict[str, Any]]


def checkout(
    local: Database,
    server: Database,
    *,
    source: str,
    plan: str | int | None = None,
    workstreams: Sequence[str] = (),
) -> CheckoutResult:
    """Copy the plan (or the named workstreams of it) from ``server`` into ``local``,
    which must be empty. ``source`` is the server's address as shown (no password)."""
    refuse_if_not_empty(local)
    return_secret(server)  # made now if the team database has none yet
    with server.read() as session:
        taken = _take(session, plan, workstreams)
    at = utc_now()
    ws_ids = [w["id"] for w in taken.workstreams] if workstreams else []
    with local.write() as session:
        if _has_rows(session):
            raise TrackerError(_not_empty_message(local))
        _write(session, taken)
        session.execute(
            insert(SyncOrigin),
            [
                {
                    "source": source,
                    "plan_id": taken.plan["id"],
                    "plan_name": taken.plan["name"],
                    "workstreams": json.dumps(ws_ids),
                    "checked_out_at": at,
                    "last_synced_at": None,
                }
            ],
        )
        _record_rows(session, taken)
        record_changes(
            session,
            user=local.actor,
            cause="checkout",
            changes=[Change("plan", taken.plan["id"], "checked out from", None, source)],
        )
    origin = WorkingCopy(source, taken.plan["id"], taken.plan["name"], tuple(ws_ids), at, None)
    return CheckoutResult(
        origin,
        len(taken.workstreams),
        len(taken.areas),
        len(taken.actions),
        len(taken.updates),
        len(taken.people),
    )


def checkout_into_file(
    path: Path,
    server: Database,
    *,
    source: str,
    actor: str | None = None,
    plan: str | int | None = None,
    workstreams: Sequence[str] = (),
) -> CheckoutResult:
    """:func:`checkout` into the file at ``path`` (changes recorded as by ``actor``, else
    the login name): a new file appears only once the
    working copy in it is whole (it is made beside it and renamed into place), so a
    refused checkout leaves no file behind."""
    path = path.expanduser()
    if path.exists() and path.stat().st_size:
        local = open_database(path)
        local.actor = actor or local.actor
        try:
            return checkout(local, server, source=source, plan=plan, workstreams=workstreams)
        finally:
            local.close()
    making = path.with_name(f".{path.name}.checkout")
    _remove_database_files(making)
    local = open_database(making)
    local.actor = actor or local.actor
    try:
        result = checkout(local, server, source=source, plan=plan, workstreams=workstreams)
    except BaseException:
        local.close()
        _remove_database_files(making)
        raise
    local.close()
    os.replace(making, path)
    return result


def _remove_database_files(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def refuse_if_not_empty(database: Database) -> None:
    with database.read() as session:
        if _has_rows(session):
            raise TrackerError(_not_empty_message(database))


def _has_rows(session: Session) -> bool:
    for table in SQLModel.metadata.sorted_tables:
        if table.name == AppSetting.__tablename__:
            continue  # facts about the file, not data
        if session.execute(select(func.count()).select_from(table)).scalar_one():
            return True
    return False


def _not_empty_message(database: Database) -> str:
    return (
        f"{database.path} already holds data. A working copy is checked out into a new, "
        "empty file: give another file with --db (a name that does not exist yet). "
        "Nothing was changed."
    )


def _take(session: Session, wanted_plan: str | int | None, names: Sequence[str]) -> _Taken:
    plan = _choose_plan(session, wanted_plan)
    all_ws = list(read_rows(session, Workstream.__table__, Workstream.plan_id == plan["id"]))
    chosen = _choose_workstreams(all_ws, names, plan["name"]) if names else all_ws
    ws_ids = [w["id"] for w in chosen]
    areas = _rows_in(session, Area, Area.workstream_id, ws_ids)
    area_ids = [a["id"] for a in areas]
    actions = _rows_in(session, Action, Action.area_id, area_ids)
    action_ids = [a["id"] for a in actions]
    area_leads = _rows_in(session, AreaLead, AreaLead.area_id, area_ids)
    action_leads = _rows_in(session, ActionLead, ActionLead.action_id, action_ids)
    person_ids = sorted({r["person_id"] for r in area_leads + action_leads})
    updates = _rows_in(session, Update, Update.action_id, action_ids)
    update_keys = _rows_in(session, UpdateKey, UpdateKey.update_id, [u["id"] for u in updates])
    return _Taken(
        plan=plan,
        workstreams=chosen,
        areas=areas,
        area_leads=area_leads,
        actions=actions,
        action_leads=action_leads,
        people=_rows_in(session, Person, Person.id, person_ids),
        updates=updates,
        update_keys=update_keys,
        settings=list(
            read_rows(session, AppSetting.__table__, AppSetting.key.in_(COPIED_SETTINGS))
        ),
        states=action_states(session, action_ids),
    )


def _rows_in(session: Session, model: Any, column: Any, ids: list[int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for chunk in chunks(ids):
        rows.extend(read_rows(session, model.__table__, column.in_(chunk)))
    return rows


def _choose_plan(session: Session, wanted: str | int | None) -> dict[str, Any]:
    plans = list(read_rows(session, Plan.__table__))
    listing = "; ".join(f"{p['id']}: {p['name']}" for p in plans)
    if not plans:
        raise TrackerError("The team database holds no plan yet: there is nothing to check out.")
    if wanted is None or str(wanted).strip() == "":
        live = [p for p in plans if not p["archived"]]
        if len(live) == 1:
            return live[0]
        raise TrackerError(
            f"The team database holds {len(plans)} plans; choose one with --plan ID ({listing})."
        )
    text = str(wanted).strip()
    matches = [p for p in plans if str(p["id"]) == text or p["name"].casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    raise TrackerError(
        f"No single plan on the team database is {text!r}; choose one with --plan ID ({listing})."
    )


def _choose_workstreams(
    workstreams: list[dict[str, Any]], names: Sequence[str], plan_name: str
) -> list[dict[str, Any]]:
    chosen: dict[int, dict[str, Any]] = {}
    for name in names:
        key = " ".join(name.split()).casefold()
        found = [w for w in workstreams if key in (w["title"].casefold(), w["tab"].casefold())]
        if not found:
            known = ", ".join(w["title"] for w in workstreams)
            raise TrackerError(
                f"The plan {plan_name!r} has no workstream called {name!r}. Its workstreams "
                f"are: {known}. Nothing was checked out."
            )
        for w in found:
            chosen[w["id"]] = w
    return sorted(chosen.values(), key=lambda w: (w["position"], w["id"]))


def _write(session: Session, taken: _Taken) -> None:
    session.execute(delete(AppSetting).where(AppSetting.key.in_(COPIED_SETTINGS)))
    write_rows(session, AppSetting.__table__, taken.settings)
    write_rows(session, Plan.__table__, [taken.plan])
    write_rows(session, Person.__table__, taken.people)
    write_rows(session, Workstream.__table__, taken.workstreams)
    write_rows(session, Area.__table__, taken.areas)
    write_rows(session, AreaLead.__table__, taken.area_leads)
    write_rows(session, Action.__table__, taken.actions)
    write_rows(session, ActionLead.__table__, taken.action_leads)
    write_rows(session, Update.__table__, taken.updates)
    write_rows(session, UpdateKey.__table__, taken.update_keys)


def _record_rows(session: Session, taken: _Taken) -> None:
    def same(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {"table_name": table, "local_id": r["id"], "source_id": r["id"], "base": None}
            for r in rows
        ]

    rows = [
        *same("plan", [taken.plan]),
        *same("workstream", taken.workstreams),
        *same("area", taken.areas),
        *same("person", taken.people),
        *same("update", taken.updates),
        *(
            {
                "table_name": "action",
                "local_id": action_id,
                "source_id": action_id,
                "base": as_json(state),
            }
            for action_id, state in taken.states.items()
        ),
    ]
    write_rows(session, SyncRow.__table__, rows)
