"""Syncing a working copy with its team database: updates both ways, fields three ways.

Updates are history: each one made offline is appended on the team database once, found
again there by its key (``update_key``), and the team's new updates are appended here.
An action's fields are compared three ways: *base* (the team database's state at the
last sync), *mine* (this file) and *theirs* (the team database now). A field changed on
one side only goes to the other; changed on both to different values it is a conflict,
left as it is on both sides until someone chooses (``take``/``choices``).

A sync is three transactions: keys for new updates here; everything on the team
database; everything here. Each is all or nothing and each can be repeated, so a sync cut
off anywhere (a killed process, a dropped connection) is finished by running it again.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from tracker.db.database import Database
from tracker.db.models import (
    Action,
    ActionLead,
    Area,
    SyncOrigin,
    SyncRow,
    Update,
    UpdateKey,
    utc_now,
)
from tracker.errors import TrackerError
from tracker.services.audit import Change, record_changes
from tracker.services.people import ensure_people, person_key
from tracker.services.working_copy import (
    ACTION_FIELDS,
    WorkingCopy,
    action_states,
    as_json,
    bases,
    chunks,
    column_value,
    working_copy_in,
)
from tracker.wording import count_noun

MINE, THEIRS = "mine", "theirs"
# The columns of an update that travel (not its id, which differs between the two sides).
UPDATE_COLUMNS = (
    "action_id",
    "date",
    "author",
    "status",
    "rag",
    "percent",
    "narrative",
    "revised_due_date",
    "revision_reason",
    "source",
    "recorded_at",
)


@dataclass(frozen=True)
class FieldConflict:
    """A field changed on both sides since the last sync, to different values."""

    action_id: int
    ref: str
    field: str
    base: Any
    mine: Any
    theirs: Any

    @property
    def label(self) -> str:
        return ACTION_FIELDS[self.field]


@dataclass
class SyncResult:
    pushed_updates: int = 0
    pulled_updates: int = 0
    pushed_fields: int = 0
    pulled_fields: int = 0
    resolved: int = 0
    conflicts: list[FieldConflict] = field(default_factory=list)
    missing_actions: list[str] = field(default_factory=list)

    def describe(self) -> str:
        lines = [
            f"Sent {count_noun(self.pushed_updates, 'update')} and "
            f"{count_noun(self.pushed_fields, 'changed field')} to the team database; "
            f"received {count_noun(self.pulled_updates, 'update')} and "
            f"{count_noun(self.pulled_fields, 'changed field')}."
        ]
        if self.resolved:
            lines.append(f"Settled {count_noun(self.resolved, 'conflict')} as chosen.")
        if self.missing_actions:
            lines.append(
                "No longer on the team database (their local changes stay here): "
                + ", ".join(self.missing_actions)
            )
        if self.conflicts:
            lines.append(
                f"Conflicts ({count_noun(len(self.conflicts), 'field')} changed on both sides; "
                "left as they are until you choose with --take mine or --take theirs):"
            )
            for c in self.conflicts:
                lines.append(
                    f"  {c.ref} {c.label}: at last sync {shown(c.base)} | "
                    f"mine {shown(c.mine)} | theirs {shown(c.theirs)}"
                )
        return "\n".join(lines)


def shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(blank)"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


Chooser = Callable[[int, str], str | None]


@dataclass
class _Local:
    """What a sync reads from the working copy before it touches the team database."""

    origin: WorkingCopy
    action_map: dict[int, int]  # local action id -> team database action id
    base: dict[int, dict[str, Any]]  # by local action id
    mine: dict[int, dict[str, Any]]
    refs: dict[int, str]
    new_updates: list[dict[str, Any]]  # with "key" and "local_id"
    keys: dict[str, int]  # every update key here -> local update id
    mapped_updates: set[int]  # team database ids of updates already here


@dataclass
class _Server:
    """What the team database holds after the sync's transaction there."""

    theirs: dict[int, dict[str, Any]]  # by team database action id
    updates: list[dict[str, Any]]  # of the checked-out actions, with "id" and "key"
    unresolved: dict[int, set[str]]  # by local action id: fields left in conflict


def sync(
    local: Database,
    server: Database,
    *,
    take: str | None = None,
    choices: Mapping[tuple[int, str], str] | None = None,
) -> SyncResult:
    """Sync ``local`` (a working copy) with ``server`` (its team database).

    A conflict is settled by ``choices[(action_id, field)]`` or else by ``take`` (``"mine"``
    or ``"theirs"``); with neither it is listed in the result and left alone.
    """
    if take not in (None, MINE, THEIRS):
        raise ValueError(f"take must be 'mine' or 'theirs', not {take!r}")
    chosen = dict(choices or {})

    def choose(action_id: int, name: str) -> str | None:
        return chosen.get((action_id, name), take)

    _key_new_updates(local)
    with local.read() as session:
        mine = _read_local(session)
    result = SyncResult()
    try:
        after = _sync_server(server, mine, choose, result)
    except DBAPIError as exc:
        raise TrackerError(
            "The team database could not be reached or stopped answering during the sync "
            f"({type(exc.orig).__name__ if exc.orig else 'connection lost'}). Nothing was "
            "half-written: run the sync again when it is back."
        ) from exc
    _finish_local(local, mine, after, result)
    return result


def find_conflicts(local: Database, server: Database) -> list[FieldConflict]:
    """The conflicts a sync would meet now (nothing is written on either side)."""
    with local.read() as session:
        mine = _read_local(session)
    with server.read() as session:
        theirs = action_states(session, mine.action_map.values())
    conflicts: list[FieldConflict] = []
    for local_id, source_id in mine.action_map.items():
        if source_id in theirs:
            plan = _merge(mine.base[local_id], mine.mine[local_id], theirs[source_id])
            conflicts.extend(_conflicts(mine, local_id, plan.conflicts, theirs[source_id]))
    return conflicts


def _key_new_updates(local: Database) -> None:
    """Give every update made here since the last sync a key that travels with it."""
    with local.write() as session:
        mapped = set(
            session.execute(select(SyncRow.local_id).where(SyncRow.table_name == "update"))
            .scalars()
            .all()
        )
        keyed = set(session.execute(select(UpdateKey.update_id)).scalars().all())
        ids = session.execute(select(Update.id).order_by(Update.id)).scalars().all()
        new = [i for i in ids if i not in mapped and i not in keyed]
        if new:
            session.execute(
                insert(UpdateKey), [{"update_id": i, "key": str(uuid.uuid4())} for i in new]
            )


def _read_local(session: Session) -> _Local:
    origin = working_copy_in(session)
    if origin is None:
        raise TrackerError(
            "This database is not a working copy: there is nothing to sync. Take one with "
            "`tracker --db NEW_FILE checkout --from ADDRESS`."
        )
    action_rows = bases(session, "action")
    update_rows = bases(session, "update")
    keys = {
        key: update_id
        for key, update_id in session.execute(select(UpdateKey.key, UpdateKey.update_id))
    }
    key_of = {update_id: key for key, update_id in keys.items()}
    new_updates = []
    columns = [getattr(Update, name) for name in UPDATE_COLUMNS]
    for row in session.execute(select(Update.id, *columns).order_by(Update.id)):
        # An update added since the keys were given (in the window) goes at the next sync.
        if row.id not in update_rows and row.id in key_of:
            values = {name: getattr(row, name) for name in UPDATE_COLUMNS}
            new_updates.append({**values, "local_id": row.id, "key": key_of[row.id]})
    refs = {
        action_id: f"{ref} {label}".strip()
        for action_id, ref, label in session.execute(
            select(Action.id, Area.ref, Action.label).join(Area, Area.id == Action.area_id)
        )
    }
    return _Local(
        origin=origin,
        action_map={local_id: source for local_id, (source, _base) in action_rows.items()},
        base={local_id: base or {} for local_id, (_source, base) in action_rows.items()},
        mine=action_states(session, action_rows),
        refs=refs,
        new_updates=new_updates,
        keys=keys,
        mapped_updates={source for source, _base in update_rows.values()},
    )


@dataclass
class _Merge:
    push: dict[str, Any] = field(default_factory=dict)
    pull: dict[str, Any] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)


def _merge(
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    choose: Callable[[str], str | None] = lambda _name: None,
) -> _Merge:
    merge = _Merge()
    for name in ACTION_FIELDS:
        b, m, t = base.get(name), mine.get(name), theirs.get(name)
        if m == t:
            continue
        if m == b:
            merge.pull[name] = t
        elif t == b:
            merge.push[name] = m
        else:
            choice = choose(name)
            if choice == MINE:
                merge.push[name] = m
            elif choice == THEIRS:
                merge.pull[name] = t
            merge.conflicts.append(name)
    return merge


def _conflicts(
    local: _Local, local_id: int, names: list[str], theirs: dict[str, Any]
) -> list[FieldConflict]:
    return [
        FieldConflict(
            local_id,
            local.refs.get(local_id, str(local_id)),
            name,
            local.base[local_id].get(name),
            local.mine[local_id].get(name),
            theirs.get(name),
        )
        for name in names
    ]


def _sync_server(server: Database, local: _Local, choose: Chooser, result: SyncResult) -> _Server:
    """Everything the sync writes on the team database: one transaction."""
    unresolved: dict[int, set[str]] = {}
    with server.write() as session:
        theirs = action_states(session, local.action_map.values())
        _push_updates(session, server.actor, local, theirs, result)
        edits: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
        for local_id, source_id in local.action_map.items():
            if source_id not in theirs:
                result.missing_actions.append(local.refs.get(local_id, str(local_id)))
                continue
            merge = _merge(
                local.base[local_id],
                local.mine[local_id],
                theirs[source_id],
                lambda name, local_id=local_id: choose(local_id, name),
            )
            for name in merge.conflicts:
                if name in merge.push or name in merge.pull:
                    result.resolved += 1
                else:
                    unresolved.setdefault(local_id, set()).add(name)
            result.conflicts.extend(
                _conflicts(local, local_id, sorted(unresolved.get(local_id, ())), theirs[source_id])
            )
            if merge.push:
                edits.append((source_id, theirs[source_id], merge.push))
                result.pushed_fields += len(merge.push)
        changes = _set_fields(session, edits)
        record_changes(session, user=server.actor, cause="sync", changes=changes)
        # Only the actions written to have moved on since ``theirs`` was read.
        after = {**theirs, **action_states(session, [edit[0] for edit in edits])}
        updates = _server_updates(session, list(after))
    return _Server(after, updates, unresolved)


def _push_updates(
    session: Session,
    actor: str,
    local: _Local,
    theirs: dict[int, dict[str, Any]],
    result: SyncResult,
) -> None:
    keys = [u["key"] for u in local.new_updates]
    present: set[str] = set()
    for chunk in chunks(range(len(keys))):
        present.update(
            session.execute(
                select(UpdateKey.key).where(UpdateKey.key.in_([keys[i] for i in chunk]))
            ).scalars()
        )
    rows, keys_sent = [], []
    for item in local.new_updates:
        source_action = local.action_map.get(item["action_id"])
        if item["key"] in present or source_action not in theirs:
            continue
        values = {name: item[name] for name in UPDATE_COLUMNS}
        values["action_id"] = source_action
        rows.append(values)
        keys_sent.append(item["key"])
    if not rows:
        return
    new_ids = (
        session.execute(insert(Update).returning(Update.id, sort_by_parameter_order=True), rows)
        .scalars()
        .all()
    )
    session.execute(
        insert(UpdateKey),
        [{"update_id": i, "key": k} for i, k in zip(new_ids, keys_sent, strict=True)],
    )
    changes = [
        Change("update", i, "added", None, _narrative(v))
        for i, v in zip(new_ids, rows, strict=True)
    ]
    record_changes(session, user=actor, cause="sync", changes=changes)
    result.pushed_updates += len(rows)


def _narrative(values: Mapping[str, Any]) -> str:
    return f"{values['date'].isoformat()} by {values['author']}: {values['narrative']}"


def _set_fields(
    session: Session, edits: list[tuple[int, dict[str, Any], dict[str, Any]]]
) -> list[Change]:
    """Set fields of actions (leads included) in the caller's transaction; ``edits`` holds
    (action id, its state before, the new values). Returns the changes for the audit log.

    Actions that change the same fields are written by one statement with many rows.
    """
    now = utc_now()
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    changes: list[Change] = []
    for action_id, before, values in edits:
        columns = {n: column_value(n, v) for n, v in values.items() if n != "leads"}
        groups[tuple(sorted(columns))].append({"action_key": action_id, **columns})
        if "leads" in values:
            _set_leads(session, action_id, values["leads"])
        changes += [Change("action", action_id, n, before.get(n), v) for n, v in values.items()]
    for names, rows in groups.items():
        statement = (
            update(Action)
            .where(Action.id == bindparam("action_key"))
            .values({**{n: bindparam(n) for n in names}, "updated_at": now})
        )
        session.connection().execute(statement, rows)
    return changes


def _set_leads(session: Session, action_id: int, names: list[str]) -> None:
    ids = ensure_people(session, names)
    session.execute(delete(ActionLead).where(ActionLead.action_id == action_id))
    rows, seen = [], set()
    for position, name in enumerate(names):
        person_id = ids.get(person_key(name))
        if person_id is not None and person_id not in seen:
            seen.add(person_id)
            rows.append({"action_id": action_id, "person_id": person_id, "position": position})
    if rows:
        session.execute(insert(ActionLead), rows)


def _server_updates(session: Session, action_ids: list[int]) -> list[dict[str, Any]]:
    columns = [getattr(Update, name) for name in UPDATE_COLUMNS]
    found: list[dict[str, Any]] = []
    for chunk in chunks(action_ids):
        query = (
            select(Update.id, UpdateKey.key, *columns)
            .outerjoin(UpdateKey, UpdateKey.update_id == Update.id)
            .where(Update.action_id.in_(chunk))
            .order_by(Update.id)
        )
        found.extend(dict(row._mapping) for row in session.execute(query))
    return found


def _finish_local(local_db: Database, local: _Local, server: _Server, result: SyncResult) -> None:
    """Everything the sync writes here: one transaction."""
    to_local = {source: local_id for local_id, source in local.action_map.items()}
    with local_db.write() as session:
        mapped = set(
            session.execute(select(SyncRow.source_id).where(SyncRow.table_name == "update"))
            .scalars()
            .all()
        )
        changes: list[Change] = []
        mappings: list[dict[str, Any]] = []
        for item in server.updates:
            if item["id"] in mapped or item["action_id"] not in to_local:
                continue
            own = local.keys.get(item["key"]) if item["key"] else None
            if own is None:
                values = {name: item[name] for name in UPDATE_COLUMNS}
                values["action_id"] = to_local[item["action_id"]]
                own = session.execute(insert(Update).returning(Update.id), [values]).scalar_one()
                if item["key"]:
                    session.execute(insert(UpdateKey), [{"update_id": own, "key": item["key"]}])
                changes.append(Change("update", own, "added", None, _narrative(values)))
                result.pulled_updates += 1
            mappings.append(
                {"table_name": "update", "local_id": own, "source_id": item["id"], "base": None}
            )
        if mappings:
            session.execute(insert(SyncRow), mappings)
        current = action_states(session, local.action_map)
        edits: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
        new_bases: list[dict[str, Any]] = []
        for local_id, source_id in local.action_map.items():
            theirs = server.theirs.get(source_id)
            if theirs is None:
                continue
            left = server.unresolved.get(local_id, set())
            pull = {
                name: theirs[name]
                for name in ACTION_FIELDS
                if name not in left and current[local_id].get(name) != theirs[name]
            }
            if pull:
                edits.append((local_id, current[local_id], pull))
                result.pulled_fields += len(pull)
            base = dict(theirs)
            for name in left:
                base[name] = local.base[local_id].get(name)
            if base != local.base[local_id]:
                new_bases.append({"row_key": local_id, "base": as_json(base)})
        changes += _set_fields(session, edits)
        if new_bases:
            session.connection().execute(
                update(SyncRow)
                .where(SyncRow.table_name == "action", SyncRow.local_id == bindparam("row_key"))
                .values(base=bindparam("base")),
                new_bases,
            )
        record_changes(session, user=local_db.actor, cause="sync", changes=changes)
        session.execute(update(SyncOrigin).values(last_synced_at=utc_now()))
