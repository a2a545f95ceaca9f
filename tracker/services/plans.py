"""The plans in a database as whole things: listing them, renaming, archiving, deleting.

A database may hold several plans (a plan imported twice, or a new year's plan beside the
old one). Archiving keeps a plan but hides it from the window's tabs and from the default
choice of the reports; deleting takes a backup first and removes the plan with all its
workstreams, areas, actions and updates. Every change is one transaction with its audit
record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from tracker.db.backup import backup_before_change
from tracker.db.database import Database
from tracker.db.models import Action, Area, Plan, Update, Workstream
from tracker.errors import TrackerError
from tracker.services.audit import Change, record_changes
from tracker.wording import count_noun


@dataclass(frozen=True)
class PlanInfo:
    """A plan as the plan selector and the confirmations name it."""

    id: int
    name: str
    archived: bool
    source_file: str | None
    imported_at: datetime
    actions: int
    updates: int

    @property
    def contents(self) -> str:
        """``63 actions and 120 updates``: what deleting the plan would remove."""
        return f"{count_noun(self.actions, 'action')} and {count_noun(self.updates, 'update')}"


@dataclass(frozen=True)
class DeletedPlan:
    plan: PlanInfo
    backup: Path | None  # the copy of the database file taken just before (none on a server)


def list_plans(database: Database, *, include_archived: bool = True) -> list[PlanInfo]:
    """The plans, oldest first, with how many actions and updates each holds."""
    with database.read() as session:
        return _plans(session, include_archived=include_archived)


def _plans(
    session: Session, *, include_archived: bool = True, only: int | None = None
) -> list[PlanInfo]:
    actions = dict(
        session.execute(
            select(Workstream.plan_id, func.count(Action.id))
            .join(Area, Area.workstream_id == Workstream.id)
            .join(Action, Action.area_id == Area.id)
            .group_by(Workstream.plan_id)
        ).all()
    )
    updates = dict(
        session.execute(
            select(Workstream.plan_id, func.count(Update.id))
            .join(Area, Area.workstream_id == Workstream.id)
            .join(Action, Action.area_id == Area.id)
            .join(Update, Update.action_id == Action.id)
            .group_by(Workstream.plan_id)
        ).all()
    )
    query = select(Plan).order_by(Plan.id)
    if not include_archived:
        query = query.where(Plan.archived.is_(False))  # type: ignore[attr-defined]
    if only is not None:
        query = query.where(Plan.id == only)
    return [
        PlanInfo(
            plan.id,
            plan.name,
            bool(plan.archived),
            plan.source_file,
            plan.imported_at,
            actions.get(plan.id, 0),
            updates.get(plan.id, 0),
        )
        for plan in session.execute(query).scalars()
    ]


def plan_to_show(
    plans: Sequence[PlanInfo], wanted: int | None, *, include_archived: bool = False
) -> PlanInfo | None:
    """The plan the window shows: ``wanted`` if it is there (and live, unless archived
    plans are shown), else the first live plan, else none."""
    for plan in plans:
        if plan.id == wanted and (include_archived or not plan.archived):
            return plan
    return next((p for p in plans if not p.archived), None)


def distinct_plan_name(database: Database, name: str) -> str:
    """``name`` if no plan is called that yet, else ``name (2)``, ``name (3)``…"""
    with database.read() as session:
        taken = {n.casefold() for n in session.execute(select(Plan.name)).scalars()}
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{name} ({number})"
        number += 1
    return candidate


def rename_plan(database: Database, plan_id: int, name: str) -> str:
    """Give the plan a new name; returns the name it had."""
    name = " ".join(name.split())
    if not name:
        raise TrackerError("A plan needs a name: type one, or cancel to keep the old name.")
    with database.write() as session:
        plan = _existing(session, plan_id)
        old = plan.name
        if name == old:
            return old
        clash = session.execute(
            select(Plan.id).where(func.lower(Plan.name) == name.lower(), Plan.id != plan_id)
        ).first()
        if clash is not None:
            raise TrackerError(
                f"Another plan in this database is already called '{name}': choose another "
                "name, so that the two can be told apart."
            )
        session.execute(update(Plan).where(Plan.id == plan_id).values(name=name))
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[Change("plan", plan_id, "name", old, name)],
        )
    return old


def set_archived(database: Database, plan_id: int, archived: bool) -> None:
    """Archive the plan (kept, but hidden from the tabs and the reports) or bring it back."""
    with database.write() as session:
        plan = _existing(session, plan_id)
        old = bool(plan.archived)
        if old == archived:
            return
        session.execute(update(Plan).where(Plan.id == plan_id).values(archived=archived))
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[Change("plan", plan_id, "archived", old, archived)],
        )


def delete_plan(database: Database, plan_id: int) -> DeletedPlan:
    """Back the database up, then remove the plan and everything in it."""
    with database.read() as session:
        _existing(session, plan_id)
    backup = backup_before_change(database, "before-delete-plan")
    with database.write() as session:
        _existing(session, plan_id)
        (info,) = _plans(session, only=plan_id)
        # The plan's workstreams, areas, actions, leads and updates go with it (the
        # foreign keys cascade); people stay, as they may lead actions of other plans.
        session.execute(delete(Plan).where(Plan.id == plan_id))
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[
                Change(
                    "plan",
                    plan_id,
                    "deleted",
                    f"{info.name}: {info.contents}"
                    + (f" (backup {backup.name})" if backup else ""),
                    None,
                )
            ],
        )
    return DeletedPlan(info, backup)


def _existing(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise TrackerError(
            f"Plan {plan_id} is no longer in this database; it may have been deleted "
            "from another window. Reload (F5) to see the plans as they are now."
        )
    return plan
