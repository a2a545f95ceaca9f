"""The CQC single assessment framework's quality statements: the shipped reference lists
(local authorities, integrated care systems), which actions serve which statement, and
each statement's latest indicative score (1-4) per plan.

Every change is one transaction with its audit record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from tracker.db.database import Database
from tracker.db.models import (
    Action,
    ActionQualityStatement,
    Area,
    QualityStatementScore,
    Workstream,
    utc_now,
)
from tracker.errors import TrackerError
from tracker.services.audit import Change, record_changes

LISTS = (
    "quality-statements-local-authority.json",
    "quality-statements-integrated-care-system.json",
)
SCORES = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}


@dataclass(frozen=True)
class QualityStatement:
    ref: str  # "LA2.1", "ICS1.4"
    framework: str  # "local authority" or "integrated care system"
    theme: str
    title: str


@lru_cache(maxsize=1)
def reference_statements() -> tuple[QualityStatement, ...]:
    """Every shipped statement, local authority first, in the framework's order."""
    found = []
    for name in LISTS:
        data = json.loads(files("tracker.resources").joinpath(name).read_text(encoding="utf-8"))
        found.extend(
            QualityStatement(s["ref"], data["framework"], s["theme"], s["title"])
            for s in data["statements"]
        )
    return tuple(found)


def statement(ref: str) -> QualityStatement:
    """The statement with this reference (case does not matter)."""
    key = ref.strip().casefold()
    for item in reference_statements():
        if item.ref.casefold() == key:
            return item
    raise TrackerError(
        f"There is no quality statement {ref!r}: see `tracker quality-statements list` "
        "(LA1.1 to LA4.2 for local authorities, ICS1.1 to ICS3.6 for integrated care systems)."
    )


def action_statements(database: Database, plan_id: int) -> dict[int, tuple[str, ...]]:
    """For each action of the plan linked to statements, their refs in framework order."""
    order = {s.ref: i for i, s in enumerate(reference_statements())}
    with database.read() as session:
        found: dict[int, list[str]] = {}
        for action_id, ref in session.execute(
            select(ActionQualityStatement.action_id, ActionQualityStatement.statement_ref)
            .join(Action, Action.id == ActionQualityStatement.action_id)
            .join(Area, Area.id == Action.area_id)
            .join(Workstream, Workstream.id == Area.workstream_id)
            .where(Workstream.plan_id == plan_id)
        ):
            found.setdefault(action_id, []).append(ref)
    return {k: tuple(sorted(v, key=lambda r: order.get(r, len(order)))) for k, v in found.items()}


def link_action(database: Database, action_id: int, ref: str, *, linked: bool = True) -> bool:
    """Record that an action serves a statement (or, ``linked=False``, no longer does);
    False when that was already so."""
    item = statement(ref)
    with database.write() as session:
        if session.get(Action, action_id) is None:
            raise TrackerError(f"Action {action_id} no longer exists. Nothing was changed.")
        there = session.get(ActionQualityStatement, (action_id, item.ref)) is not None
        if there == linked:
            return False
        if linked:
            session.execute(
                insert(ActionQualityStatement),
                [{"action_id": action_id, "statement_ref": item.ref}],
            )
        else:
            session.execute(
                delete(ActionQualityStatement).where(
                    ActionQualityStatement.action_id == action_id,
                    ActionQualityStatement.statement_ref == item.ref,
                )
            )
        change = (
            ("quality statement linked", None, item.ref)
            if linked
            else ("quality statement unlinked", item.ref, None)
        )
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[Change("action", action_id, *change)],
        )
    return True


def scores(database: Database, plan_id: int) -> dict[str, int]:
    """The plan's latest indicative score for each statement that has one."""
    with database.read() as session:
        return _scores(session, plan_id)


def _scores(session: Session, plan_id: int) -> dict[str, int]:
    return dict(
        session.execute(
            select(QualityStatementScore.statement_ref, QualityStatementScore.score).where(
                QualityStatementScore.plan_id == plan_id
            )
        ).all()
    )


def set_score(database: Database, plan_id: int, ref: str, score: int) -> int | None:
    """Hold ``score`` (1-4) as the plan's latest indicative score; returns the one before."""
    item = statement(ref)
    if score not in SCORES:
        raise TrackerError(
            f"An indicative score is 1 to 4 (1 significant shortfalls … 4 exceptional), not "
            f"{score}. Nothing was changed."
        )
    with database.write() as session:
        before = _scores(session, plan_id).get(item.ref)
        session.execute(
            delete(QualityStatementScore).where(
                QualityStatementScore.plan_id == plan_id,
                QualityStatementScore.statement_ref == item.ref,
            )
        )
        session.execute(
            insert(QualityStatementScore),
            [
                {
                    "plan_id": plan_id,
                    "statement_ref": item.ref,
                    "score": score,
                    "recorded_at": utc_now(),
                }
            ],
        )
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[Change("plan", plan_id, f"indicative score {item.ref}", before, score)],
        )
    return before
