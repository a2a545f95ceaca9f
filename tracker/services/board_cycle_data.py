"""Gathering the board report's period sheets: direction of travel since the last closed
period, the lists the board asks for, the returns chased, the RAG trend, and what each
exception's update said the board should know and do.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Update
from tracker.excel.board_cycle import (
    PeriodSheets,
    ReturnLine,
    SlipLine,
    TravelLine,
    TrendPoint,
)
from tracker.excel.board_report import ExceptionDetail
from tracker.services.action_rows import PlanSnapshot
from tracker.services.periods import direction_of_travel, rag_trend
from tracker.services.plan_snapshot import plan_action_ids
from tracker.services.returns_chasing import ReturnChase, returns_status
from tracker.travel import Movement, Travel

_WORDS = {
    Travel.BETTER: "Better",
    Travel.WORSE: "Worse",
    Travel.UNCHANGED: "Unchanged",
    Travel.NEW: "Nothing to compare with",
}


def travel_line(moved: Movement | Travel) -> TravelLine:
    """``▲ Better: completed``."""
    if isinstance(moved, Travel):
        return TravelLine(moved.arrow, _WORDS[moved])
    words = _WORDS[moved.travel]
    if moved.reasons:
        words = f"{words}: {', '.join(moved.reasons)}"
    return TravelLine(moved.travel.arrow, words)


def period_sheets(
    database: Database, plan_id: int, as_at: date, snapshot: PlanSnapshot
) -> PeriodSheets:
    """Everything the period sheets show, compared with the last period closed before
    ``as_at``."""
    moved = direction_of_travel(database, plan_id, as_at=as_at, snapshot=snapshot)
    chases = returns_status(database, plan_id, today=as_at)
    return PeriodSheets(
        previous_label=(
            f"{moved.previous.label} ({moved.previous.on.isoformat()})" if moved.previous else None
        ),
        action_travel={aid: travel_line(t.movement) for aid, t in moved.actions.items()},
        workstream_travel={wid: travel_line(t) for wid, t in moved.workstreams.items()},
        completed=moved.completed,
        new_exceptions=moved.new_exceptions,
        slipped=[SlipLine(s.action, s.was_due, s.now_due, s.reason) for s in moved.slipped],
        look_ahead=moved.look_ahead,
        returns=[returns_line(c, as_at) for c in chases if c.sent_on <= as_at],
        trend=[
            TrendPoint(t.label, t.on, t.by_workstream)
            for t in rag_trend(database, plan_id, until=as_at)
        ],
    )


def returns_line(chase: ReturnChase, as_at: date) -> ReturnLine:
    """A return as it stood at the end of ``as_at``: one back only later was outstanding."""
    back_on = chase.back_on if chase.back_on is not None and chase.back_on <= as_at else None
    overdue = domain.is_return_overdue(chase.due_back, back_on, as_at)
    return ReturnLine(
        chase.for_whom,
        chase.actions,
        chase.sent_on,
        chase.due_back,
        back_on,
        overdue,
        chase.file_name,
    )


def exception_details(database: Database, plan_id: int, as_at: date) -> dict[int, ExceptionDetail]:
    """Per action, the exception fields of its latest update dated by ``as_at`` that gave
    any."""
    given = or_(
        Update.cause.is_not(None),
        Update.mitigation.is_not(None),
        Update.recovery_date.is_not(None),
        Update.decision_asked.is_not(None),
    )
    rank = (
        func.row_number()
        .over(partition_by=Update.action_id, order_by=(Update.date.desc(), Update.id.desc()))
        .label("rank")
    )
    ranked = (
        select(Update.id.label("update_id"), rank)
        .where(Update.date <= as_at, given, Update.action_id.in_(plan_action_ids(plan_id)))
        .subquery()
    )
    query = select(
        Update.action_id,
        Update.cause,
        Update.mitigation,
        Update.recovery_date,
        Update.decision_asked,
    ).join(ranked, and_(ranked.c.update_id == Update.id, ranked.c.rank == 1))
    with database.read() as session:
        return {
            action_id: ExceptionDetail(cause, mitigation, recovery, decision)
            for action_id, cause, mitigation, recovery, decision in session.execute(query)
        }
