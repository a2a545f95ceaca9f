"""Reshaping a plan's workstreams: rename, reorder, merge, and move areas between them.

The tabs are the plan's own workstreams (each workstream's ``tab``, in position order), so
these are how a programme office makes an imported plan's sections its own. Each change is
one transaction, audited (record type ``workstream``, or ``area`` for a move), and returns
what the window's undo needs to put it back through the same module. Every function also
returns the plan's :class:`Layout` after the change, so the window can regroup its rows
without reading the plan again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import Session

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Area, Plan, Workstream
from tracker.services.action_edits import ValidationError, existing
from tracker.services.action_rows import WorkstreamInfo
from tracker.services.audit import Change, record_changes


@dataclass(frozen=True)
class Layout:
    """A plan's workstreams in position order, and where each of its areas sits."""

    plan_id: int
    workstreams: list[WorkstreamInfo]
    # area id -> (workstream id, position)
    area_places: dict[int, tuple[int, int]]


@dataclass(frozen=True)
class Renamed:
    workstream_id: int
    old_tab: str
    old_title: str
    layout: Layout


@dataclass(frozen=True)
class Reordered:
    old_order: list[int]
    layout: Layout


@dataclass(frozen=True)
class AreaMoved:
    area_id: int
    old_workstream_id: int
    old_position: int
    layout: Layout


@dataclass(frozen=True)
class Merged:
    """What a merge removed: enough to put the workstream and its areas back exactly."""

    source: WorkstreamInfo
    target_id: int
    # area id -> position it had in the source workstream
    moved_areas: dict[int, int]
    layout: Layout


def tab_order(workstreams: Sequence[WorkstreamInfo]) -> list[str]:
    """The distinct tabs of these workstreams in position order, "Unassigned" last."""
    return domain.tab_order(w.tab for w in sorted(workstreams, key=lambda w: w.position))


def read_layout(database: Database, plan_id: int) -> Layout:
    with database.read() as session:
        return _layout(session, plan_id)


def _layout(session: Session, plan_id: int) -> Layout:
    plan = existing(session, Plan, plan_id, "Plan")
    rows = session.execute(
        select(Workstream).where(Workstream.plan_id == plan_id).order_by(Workstream.position)
    ).scalars()
    workstreams = [
        WorkstreamInfo(w.id, w.plan_id, plan.name, w.tab, w.title, w.position) for w in rows
    ]
    ids = [w.id for w in workstreams]
    places = {
        area_id: (ws_id, position)
        for area_id, ws_id, position in session.execute(
            select(Area.id, Area.workstream_id, Area.position).where(Area.workstream_id.in_(ids))
        )
    }
    return Layout(plan_id, workstreams, places)


def find_workstream(database: Database, plan_id: int, name: str) -> int:
    """The workstream of this plan named ``name`` (its title or tab, any case), or its id."""
    key = " ".join(name.split()).casefold()
    layout = read_layout(database, plan_id)
    if key.isdigit() and any(w.id == int(key) for w in layout.workstreams):
        return int(key)
    for attribute in ("title", "tab"):
        found = [w for w in layout.workstreams if getattr(w, attribute).casefold() == key]
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            listing = "; ".join(f"{w.id}: {w.title}" for w in found)
            raise ValidationError(
                f"{len(found)} workstreams are called {name!r}; name one by number ({listing})."
            )
    listing = "; ".join(f"{w.id}: {w.title}" for w in layout.workstreams)
    raise ValidationError(f"No workstream is called {name!r}; the workstreams are: {listing}.")


def _clean(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError(f"A workstream needs a {what}: type one, or cancel.")
    return text


def rename_workstream(
    database: Database, workstream_id: int, *, tab: str, title: str, cause: str = "edit"
) -> Renamed:
    """Give a workstream a new tab name and title (workstreams sharing a tab share it)."""
    tab, title = _clean(tab, "tab name"), _clean(title, "title")
    with database.write() as session:
        ws = existing(session, Workstream, workstream_id, "Workstream")
        old_tab, old_title = ws.tab, ws.title
        session.execute(
            update(Workstream).where(Workstream.id == workstream_id).values(tab=tab, title=title)
        )
        record_changes(
            session,
            user=database.actor,
            cause=cause,
            changes=[
                Change("workstream", workstream_id, "tab", old_tab, tab),
                Change("workstream", workstream_id, "title", old_title, title),
            ],
        )
        return Renamed(workstream_id, old_tab, old_title, _layout(session, ws.plan_id))


def set_order(
    database: Database, plan_id: int, order: Sequence[int], *, cause: str = "edit"
) -> Reordered:
    """Put the plan's workstreams in this order (every one of them, by id)."""
    with database.write() as session:
        before = _layout(session, plan_id)
        old_order = [w.id for w in before.workstreams]
        if sorted(order) != sorted(old_order):
            raise ValidationError(
                "The new order must list every workstream of the plan once; nothing was changed."
            )
        _write_order(session, database.actor, cause, before.workstreams, list(order))
        return Reordered(old_order, _layout(session, plan_id))


def move_workstream(
    database: Database, workstream_id: int, offset: int, *, cause: str = "edit"
) -> Reordered:
    """Move a workstream ``offset`` places up (negative) or down the plan's order."""
    with database.read() as session:
        plan_id = existing(session, Workstream, workstream_id, "Workstream").plan_id
        order = [w.id for w in _layout(session, plan_id).workstreams]
    index = order.index(workstream_id)
    new_index = min(max(index + offset, 0), len(order) - 1)
    order.insert(new_index, order.pop(index))
    return set_order(database, plan_id, order, cause=cause)


def _write_order(
    session: Session,
    user: str,
    cause: str,
    workstreams: Sequence[WorkstreamInfo],
    order: Sequence[int],
) -> None:
    old = {w.id: w.position for w in workstreams}
    changes = []
    for position, ws_id in enumerate(order):
        if old[ws_id] != position:
            session.execute(
                update(Workstream).where(Workstream.id == ws_id).values(position=position)
            )
            changes.append(Change("workstream", ws_id, "position", old[ws_id], position))
    record_changes(session, user=user, cause=cause, changes=changes)


def move_area(
    database: Database,
    area_id: int,
    workstream_id: int,
    *,
    position: int | None = None,
    cause: str = "edit",
) -> AreaMoved:
    """Move an area (with its actions) into another workstream of the same plan; at the
    end of its areas unless ``position`` is given."""
    with database.write() as session:
        area = existing(session, Area, area_id, "Area")
        source = existing(session, Workstream, area.workstream_id, "Workstream")
        target = existing(session, Workstream, workstream_id, "Workstream")
        if target.plan_id != source.plan_id:
            raise ValidationError(
                f"Area {area.ref} can only move to a workstream of its own plan; nothing "
                "was changed."
            )
        old_ws, old_position = area.workstream_id, area.position
        if position is None:
            position = _next_position(session, workstream_id)
        session.execute(
            update(Area)
            .where(Area.id == area_id)
            .values(workstream_id=workstream_id, position=position)
        )
        record_changes(
            session,
            user=database.actor,
            cause=cause,
            changes=[
                Change("area", area_id, "workstream", source.title, target.title),
                Change("area", area_id, "position", old_position, position),
            ],
        )
        return AreaMoved(area_id, old_ws, old_position, _layout(session, source.plan_id))


def _next_position(session: Session, workstream_id: int) -> int:
    last = session.execute(
        select(func.max(Area.position)).where(Area.workstream_id == workstream_id)
    ).scalar()
    return 0 if last is None else last + 1


def merge_workstreams(
    database: Database, source_id: int, target_id: int, *, cause: str = "edit"
) -> Merged:
    """Move every area of ``source_id`` to the end of ``target_id`` and remove the source."""
    if source_id == target_id:
        raise ValidationError("A workstream cannot be merged into itself; choose another.")
    with database.write() as session:
        source = existing(session, Workstream, source_id, "Workstream")
        target = existing(session, Workstream, target_id, "Workstream")
        if source.plan_id != target.plan_id:
            raise ValidationError(
                "Only workstreams of the same plan can be merged; nothing was changed."
            )
        plan = existing(session, Plan, source.plan_id, "Plan")
        info = WorkstreamInfo(
            source.id, source.plan_id, plan.name, source.tab, source.title, source.position
        )
        moved = dict(
            session.execute(
                select(Area.id, Area.position)
                .where(Area.workstream_id == source_id)
                .order_by(Area.position, Area.id)
            ).all()
        )
        start = _next_position(session, target_id)
        changes = []
        for offset, (area_id, old_position) in enumerate(moved.items()):
            session.execute(
                update(Area)
                .where(Area.id == area_id)
                .values(workstream_id=target_id, position=start + offset)
            )
            changes.append(Change("area", area_id, "workstream", source.title, target.title))
            changes.append(Change("area", area_id, "position", old_position, start + offset))
        # The areas have left: removing the workstream cascades to nothing.
        session.execute(delete(Workstream).where(Workstream.id == source_id))
        changes.append(Change("workstream", source_id, "merged into", source.title, target.title))
        record_changes(session, user=database.actor, cause=cause, changes=changes)
        return Merged(info, target_id, moved, _layout(session, source.plan_id))


def unmerge_workstreams(database: Database, merged: Merged, *, cause: str = "undo") -> Layout:
    """Undo a merge: the workstream back with its id, name and place, its areas with it."""
    source = merged.source
    with database.write() as session:
        target = existing(session, Workstream, merged.target_id, "Workstream")
        if session.get(Workstream, source.id) is not None:
            raise ValidationError(
                f"The workstream '{source.title}' is already back; nothing was changed."
            )
        session.execute(
            insert(Workstream).values(
                id=source.id,
                plan_id=source.plan_id,
                tab=source.tab,
                title=source.title,
                position=source.position,
            )
        )
        changes = [Change("workstream", source.id, "merged into", target.title, None)]
        now = dict(
            session.execute(
                select(Area.id, Area.position).where(Area.id.in_(list(merged.moved_areas)))
            ).all()
        )
        for area_id, position in merged.moved_areas.items():
            session.execute(
                update(Area)
                .where(Area.id == area_id)
                .values(workstream_id=source.id, position=position)
            )
            changes.append(Change("area", area_id, "workstream", target.title, source.title))
            changes.append(Change("area", area_id, "position", now.get(area_id), position))
        record_changes(session, user=database.actor, cause=cause, changes=changes)
        return _layout(session, source.plan_id)


def find_area(database: Database, plan_id: int, ref: str) -> int:
    """The area of this plan with reference ``ref`` (as written, any case)."""
    key = " ".join(ref.split()).casefold()
    with database.read() as session:
        found = session.execute(
            select(Area.id, Area.ref)
            .join(Workstream, Workstream.id == Area.workstream_id)
            .where(Workstream.plan_id == plan_id)
        ).all()
    ids = [area_id for area_id, area_ref in found if " ".join(area_ref.split()).casefold() == key]
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise ValidationError(f"{len(ids)} areas have the reference {ref!r}; nothing was changed.")
    raise ValidationError(f"No area of this plan has the reference {ref!r}; nothing was changed.")
