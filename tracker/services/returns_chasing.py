"""Chasing status returns: which went to whom and when, when each is due back, which came
back, which are outstanding or overdue.

The export records each return it writes (:func:`record_returns_sent`); importing a return
marks it back (:func:`mark_back_in`, inside the import's transaction). Both are audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlmodel import Session

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import ReturnSent
from tracker.services.audit import Change, record_changes


@dataclass(frozen=True)
class SentReturn:
    """One return as the export wrote it."""

    return_id: str
    scope: str  # "workstream:3", "lead:pip mayo"
    for_whom: str
    file_name: str
    actions: int


@dataclass(frozen=True)
class ReturnChase:
    """A return sent, as the Returns view and the board report list it."""

    id: int
    return_id: str
    for_whom: str  # the lead or workstream it went to
    scope: str
    file_name: str
    actions: int
    sent_on: date
    due_back: date | None
    back_on: date | None
    outstanding: bool
    overdue: bool


def record_returns_sent(
    database: Database,
    plan_id: int,
    sent: Iterable[SentReturn],
    *,
    sent_on: date,
    due_back: date | None,
    contact: str,
) -> None:
    """Remember the returns just exported, in one transaction with their audit record."""
    rows = [
        {
            "plan_id": plan_id,
            "return_id": item.return_id,
            "scope": item.scope,
            "for_whom": item.for_whom,
            "file_name": item.file_name,
            "actions": item.actions,
            "sent_on": sent_on,
            "due_back": due_back,
            "contact": contact,
            "back_on": None,
            "sent_by": database.actor,
        }
        for item in sent
    ]
    if not rows:
        return
    with database.write() as session:
        ids = session.execute(insert(ReturnSent).returning(ReturnSent.id), rows).scalars().all()
        record_changes(
            session,
            user=database.actor,
            cause="export returns",
            changes=[
                Change("return", row_id, "sent", None, f"{row['file_name']} to {row['for_whom']}")
                for row_id, row in zip(ids, rows, strict=True)
            ],
        )


def mark_back_in(session: Session, return_id: str, on: date, *, actor: str) -> None:
    """Inside the import's transaction: the return with this id came back on ``on``
    (its first import counts; a re-send does not move the date)."""
    rows = (
        session.execute(
            select(ReturnSent.id).where(
                ReturnSent.return_id == return_id, ReturnSent.back_on.is_(None)
            )
        )
        .scalars()
        .all()
    )
    if not rows:
        return
    session.execute(update(ReturnSent).where(ReturnSent.id.in_(rows)).values(back_on=on))
    record_changes(
        session,
        user=actor,
        cause="status return",
        changes=[Change("return", row_id, "back_on", None, on) for row_id in rows],
    )


def mark_return_back(database: Database, return_id: str, on: date | None = None) -> None:
    """:func:`mark_back_in` in a transaction of its own (a return that changed nothing)."""
    with database.write() as session:
        mark_back_in(session, return_id, on or date.today(), actor=database.actor)


def returns_status(
    database: Database, plan_id: int, *, today: date | None = None
) -> list[ReturnChase]:
    """Every return sent for the plan, newest first, with whether it is outstanding or
    overdue on ``today``."""
    today = today or date.today()
    with database.read() as session:
        rows = session.execute(
            select(ReturnSent)
            .where(ReturnSent.plan_id == plan_id)
            .order_by(ReturnSent.sent_on.desc(), ReturnSent.for_whom, ReturnSent.id)
        ).scalars()
        return [
            ReturnChase(
                r.id,
                r.return_id,
                r.for_whom,
                r.scope,
                r.file_name,
                r.actions,
                r.sent_on,
                r.due_back,
                r.back_on,
                r.back_on is None,
                domain.is_return_overdue(r.due_back, r.back_on, today),
            )
            for r in rows
        ]
