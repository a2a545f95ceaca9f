"""Board cycles: closing a reporting period, listing periods, their key messages, the RAG
trend across them and the direction of travel since the last one.

Closing a period freezes where every action of the plan stood at the end of its date
(history-true, see :mod:`tracker.services.plan_history`) into ``period_position``. The
rows are never changed (triggers refuse it) and the closing is recorded in the audit chain
with a digest of them, which :func:`verify_periods` recomputes: a period edited behind the
triggers' back is reported by ``tracker verify``.

Key messages (the programme office's text for the period's report) may be written and
rewritten until the plan's next period is closed: from then on that board has met.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlmodel import Session

from tracker import travel
from tracker.dates import long_date
from tracker.db.database import Database
from tracker.db.models import (
    AuditLog,
    PeriodKeyMessages,
    PeriodPosition,
    Plan,
    ReportingPeriod,
    Update,
    utc_now,
)
from tracker.errors import TrackerError
from tracker.services.action_rows import ActionRow, PlanSnapshot
from tracker.services.audit import ChainCheck, Change, record_changes
from tracker.services.plan_snapshot import load_snapshot, plan_action_ids, snapshot_in
from tracker.wording import count_noun

_DIGEST = re.compile(r"sha256 ([0-9a-f]{64})")


@dataclass(frozen=True)
class PeriodInfo:
    id: int
    plan_id: int
    on: date
    label: str
    closed_at: datetime
    closed_by: str
    actions: int
    key_messages: str = ""


@dataclass(frozen=True)
class PeriodTrend:
    period_id: int
    label: str
    on: date
    by_workstream: dict[str, dict[str, int]]


@dataclass(frozen=True)
class ActionTravel:
    """One action's direction of travel since the earlier period."""

    action: ActionRow
    before: travel.Position | None
    after: travel.Position
    movement: travel.Movement


@dataclass(frozen=True)
class SlipLine:
    action: ActionRow
    was_due: date | None
    now_due: date | None
    reason: str


@dataclass
class DirectionOfTravel:
    """What moved between the earlier period (``previous``; None: nothing to compare
    with) and the plan as at ``as_at``."""

    as_at: date
    previous: PeriodInfo | None
    snapshot: PlanSnapshot
    actions: dict[int, ActionTravel] = field(default_factory=dict)
    workstreams: dict[int, travel.Travel] = field(default_factory=dict)
    completed: list[ActionRow] = field(default_factory=list)
    new_exceptions: list[ActionRow] = field(default_factory=list)
    slipped: list[SlipLine] = field(default_factory=list)
    look_ahead: list[ActionRow] = field(default_factory=list)


def position_of(row: ActionRow, today: date) -> travel.Position:
    return travel.Position(
        row.status, row.rag, row.percent, row.due, row.revised_due, row.is_overdue(today)
    )


def _default_label(on: date) -> str:
    return f"Period to {long_date(on)}"


def close_period(
    database: Database,
    plan_id: int,
    on: date,
    label: str | None,
    *,
    user: str,
    key_messages: str = "",
) -> PeriodInfo:
    """Freeze where every action of the plan stood at the end of ``on``; with its key
    messages, when given, in the same transaction."""
    if on > date.today():
        raise TrackerError(
            f"A period cannot close on {long_date(on)}: that is in the future. Close it on "
            "or after that day."
        )
    label = " ".join((label or "").split()) or _default_label(on)
    with database.write() as session:
        if session.get(Plan, plan_id) is None:
            raise TrackerError(
                f"Plan {plan_id} does not exist; list the plans with `tracker show`."
            )
        clash = session.execute(
            select(ReportingPeriod.label).where(
                ReportingPeriod.plan_id == plan_id, ReportingPeriod.on_date == on
            )
        ).scalar()
        if clash is not None:
            raise TrackerError(
                f"A period already closed on {long_date(on)} ({clash!r}); a closed period "
                "cannot be closed again. Choose another date."
            )
        snapshot = snapshot_in(session, plan_id, as_at=on)
        titles = {w.id: w.title for w in snapshot.workstreams}
        closed_at = utc_now()
        period_id = session.execute(
            insert(ReportingPeriod).returning(ReportingPeriod.id),
            [
                {
                    "plan_id": plan_id,
                    "on_date": on,
                    "label": label,
                    "closed_at": closed_at,
                    "closed_by": user,
                }
            ],
        ).scalar_one()
        rows = [
            {
                "period_id": period_id,
                "action_id": x.id,
                "workstream": titles[x.workstream_id],
                "ref": x.ref,
                "status": x.status,
                "rag": x.rag,
                "percent": x.percent,
                "due_date": x.due,
                "revised_due_date": x.revised_due,
                "overdue": x.is_overdue(on),
            }
            for x in snapshot.actions
        ]
        if rows:
            session.execute(insert(PeriodPosition), rows)
        digest = _period_digest(session, period_id)
        record_changes(
            session,
            user=user,
            cause="close period",
            changes=[
                Change(
                    "period",
                    period_id,
                    "closed",
                    None,
                    f"{label} on {on.isoformat()} for plan {plan_id}: "
                    f"{count_noun(len(rows), 'action')}, sha256 {digest}",
                )
            ],
        )
        key_messages = key_messages.strip()
        if key_messages:
            session.add(PeriodKeyMessages(period_id=period_id, text=key_messages, updated_by=user))
            record_changes(
                session,
                user=user,
                cause="edit",
                changes=[Change("period", period_id, "key messages", "", key_messages)],
            )
    return PeriodInfo(period_id, plan_id, on, label, closed_at, user, len(rows), key_messages)


def _period_digest(session: Session, period_id: int) -> str:
    """A hash of the period and every position in it, in a fixed order."""
    period = session.execute(
        select(
            ReportingPeriod.plan_id,
            ReportingPeriod.on_date,
            ReportingPeriod.label,
            ReportingPeriod.closed_by,
        ).where(ReportingPeriod.id == period_id)
    ).one()
    positions = session.execute(
        select(
            PeriodPosition.action_id,
            PeriodPosition.workstream,
            PeriodPosition.ref,
            PeriodPosition.status,
            PeriodPosition.rag,
            PeriodPosition.percent,
            PeriodPosition.due_date,
            PeriodPosition.revised_due_date,
            PeriodPosition.overdue,
        )
        .where(PeriodPosition.period_id == period_id)
        .order_by(PeriodPosition.id)
    ).all()
    payload = json.dumps(
        [[str(v) for v in period], *([str(v) for v in row] for row in positions)],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def verify_periods(database: Database) -> ChainCheck:
    """Does every closed period still hold exactly what was recorded when it closed?"""
    with database.read() as session:
        recorded: dict[int, str] = {}
        for record_id, new_value in session.execute(
            select(AuditLog.record_id, AuditLog.new_value)
            .where(AuditLog.record_type == "period", AuditLog.field == "closed")
            .order_by(AuditLog.id)
        ):
            found = _DIGEST.search(new_value or "")
            recorded[record_id] = found.group(1) if found else ""
        periods = session.execute(
            select(ReportingPeriod.id, ReportingPeriod.label).order_by(ReportingPeriod.id)
        ).all()
        plans = set(session.execute(select(Plan.id)).scalars())
        kept = {period_id for period_id, _ in periods}
        for period_id, label in periods:
            if recorded.get(period_id) != _period_digest(session, period_id):
                return ChainCheck(
                    False,
                    len(periods),
                    f"The closed period {label!r} (number {period_id}) has been altered: "
                    "what it holds no longer matches what was recorded when it closed. "
                    "Restore the database from a backup taken before then.",
                    period_id,
                )
        missing = [pid for pid in recorded if pid not in kept]
        for period_id in missing:
            plan = _plan_of(session, period_id)
            if plan in plans:
                return ChainCheck(
                    False,
                    len(periods),
                    f"Closed period number {period_id} has been removed from the database "
                    "although its plan is still there. Restore the database from a backup.",
                    period_id,
                )
    return ChainCheck(
        True, len(periods), f"The {count_noun(len(periods), 'closed period')} are intact."
    )


def _plan_of(session: Session, period_id: int) -> int | None:
    text = session.execute(
        select(AuditLog.new_value).where(
            AuditLog.record_type == "period",
            AuditLog.record_id == period_id,
            AuditLog.field == "closed",
        )
    ).scalar()
    found = re.search(r"for plan (\d+):", text or "")
    return int(found.group(1)) if found else None


def list_periods(database: Database, plan_id: int) -> list[PeriodInfo]:
    """The plan's closed periods, oldest first."""
    with database.read() as session:
        return _periods(session, plan_id)


def _periods(session: Session, plan_id: int) -> list[PeriodInfo]:
    counts = dict(
        session.execute(
            select(PeriodPosition.period_id, func.count(PeriodPosition.id)).group_by(
                PeriodPosition.period_id
            )
        ).all()
    )
    messages = dict(
        session.execute(select(PeriodKeyMessages.period_id, PeriodKeyMessages.text)).all()
    )
    rows = session.execute(
        select(ReportingPeriod)
        .where(ReportingPeriod.plan_id == plan_id)
        .order_by(ReportingPeriod.on_date, ReportingPeriod.id)
    ).scalars()
    return [
        PeriodInfo(
            p.id,
            p.plan_id,
            p.on_date,
            p.label,
            p.closed_at,
            p.closed_by,
            counts.get(p.id, 0),
            messages.get(p.id, ""),
        )
        for p in rows
    ]


def set_key_messages(database: Database, period_id: int, text: str, *, user: str) -> str:
    """Write the period's key messages; returns the text they replaced. Refused once the
    plan's next period has closed (that board has met)."""
    text = text.strip()
    with database.write() as session:
        period = session.get(ReportingPeriod, period_id)
        if period is None:
            raise TrackerError(
                f"Period {period_id} does not exist; list them with `tracker periods`."
            )
        later = session.execute(
            select(ReportingPeriod.label).where(
                ReportingPeriod.plan_id == period.plan_id,
                ReportingPeriod.on_date > period.on_date,
            )
        ).scalar()
        if later is not None:
            raise TrackerError(
                f"The key messages of {period.label!r} can no longer be changed: the next "
                f"period ({later!r}) has closed since. Write them in the latest period."
            )
        current = session.get(PeriodKeyMessages, period_id)
        old = current.text if current is not None else ""
        if old == text:
            return old
        if current is None:
            session.add(PeriodKeyMessages(period_id=period_id, text=text, updated_by=user))
        else:
            current.text, current.updated_at, current.updated_by = text, utc_now(), user
            session.add(current)
        record_changes(
            session,
            user=user,
            cause="edit",
            changes=[Change("period", period_id, "key messages", old, text)],
        )
    return old


def rag_trend(
    database: Database, plan_id: int, *, last: int = 6, until: date | None = None
) -> list[PeriodTrend]:
    """RAG by workstream (and complete, unrated) in each of the last ``last`` periods
    (closed on or before ``until``, when given), oldest first."""
    with database.read() as session:
        periods = [p for p in _periods(session, plan_id) if until is None or p.on <= until]
        periods = periods[-last:] if last > 0 else []
        ids = [p.id for p in periods]
        counts: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
        if ids:
            rows = session.execute(
                select(
                    PeriodPosition.period_id,
                    PeriodPosition.workstream,
                    PeriodPosition.status,
                    PeriodPosition.rag,
                    func.count(),
                )
                .where(PeriodPosition.period_id.in_(ids))
                .group_by(
                    PeriodPosition.period_id,
                    PeriodPosition.workstream,
                    PeriodPosition.status,
                    PeriodPosition.rag,
                )
                .order_by(PeriodPosition.period_id, func.min(PeriodPosition.id))
            )
            for period_id, workstream, status, rag, count in rows:
                per_ws = counts[period_id].setdefault(
                    workstream, dict.fromkeys(travel.TREND_KEYS, 0)
                )
                per_ws[travel.trend_key(status, rag)] += count
    return [PeriodTrend(p.id, p.label, p.on, counts.get(p.id, {})) for p in periods]


def period_positions(database: Database, period_id: int) -> dict[int, travel.Position]:
    """Where each action stood when the period closed, by action id."""
    with database.read() as session:
        return {
            action_id: travel.Position(status, rag, percent, due, revised, overdue)
            for action_id, status, rag, percent, due, revised, overdue in session.execute(
                select(
                    PeriodPosition.action_id,
                    PeriodPosition.status,
                    PeriodPosition.rag,
                    PeriodPosition.percent,
                    PeriodPosition.due_date,
                    PeriodPosition.revised_due_date,
                    PeriodPosition.overdue,
                ).where(PeriodPosition.period_id == period_id)
            )
        }


def direction_of_travel(
    database: Database,
    plan_id: int,
    *,
    since_period_id: int | None = None,
    as_at: date | None = None,
    snapshot: PlanSnapshot | None = None,
) -> DirectionOfTravel:
    """What moved since the earlier period: by default the latest closed before ``as_at``
    (today when not given). ``snapshot`` (the plan as at ``as_at``) saves reading it again."""
    today = as_at or date.today()
    if snapshot is None:
        snapshot = load_snapshot(database, plan_id, as_at=as_at)
    periods = list_periods(database, plan_id)
    if since_period_id is not None:
        previous = next((p for p in periods if p.id == since_period_id), None)
        if previous is None:
            raise TrackerError(f"Plan {plan_id} has no closed period numbered {since_period_id}.")
    else:
        earlier = [p for p in periods if p.on < today]
        previous = earlier[-1] if earlier else None
    before = period_positions(database, previous.id) if previous else {}
    result = DirectionOfTravel(today, previous, snapshot)
    reasons = _reasons_since(database, previous.on if previous else None, today, plan_id)
    by_ws: dict[int, list[travel.Travel]] = defaultdict(list)
    for row in snapshot.actions:
        after = position_of(row, today)
        then = before.get(row.id) if previous else None
        moved = travel.movement(then, after)
        result.actions[row.id] = ActionTravel(row, then, after, moved)
        by_ws[row.workstream_id].append(moved.travel)
        if travel.in_look_ahead(after, today):
            result.look_ahead.append(row)
        if previous is None:
            continue
        if travel.completed_since(then, after):
            result.completed.append(row)
        if travel.new_exception(then, after):
            result.new_exceptions.append(row)
        if travel.slipped_since(then, after):
            was = then.effective_due if then else None
            result.slipped.append(SlipLine(row, was, after.effective_due, reasons.get(row.id, "")))
    result.workstreams = {w.id: travel.overall(by_ws.get(w.id, ())) for w in snapshot.workstreams}
    result.look_ahead.sort(key=lambda x: (x.effective_due or today, x.workstream_id))
    return result


def _reasons_since(
    database: Database, since: date | None, until: date, plan_id: int
) -> dict[int, str]:
    """Each action's reasons for moving its due date given in updates dated in the period."""
    query = (
        select(Update.action_id, Update.revision_reason)
        .where(
            Update.date <= until,
            Update.revision_reason.is_not(None),
            Update.revision_reason != "",
            Update.action_id.in_(plan_action_ids(plan_id)),
        )
        .order_by(Update.date, Update.id)
    )
    if since is not None:
        query = query.where(Update.date > since)
    reasons: dict[int, list[str]] = defaultdict(list)
    with database.read() as session:
        for action_id, reason in session.execute(query):
            if reason not in reasons[action_id]:
                reasons[action_id].append(reason)
    return {action_id: "; ".join(texts) for action_id, texts in reasons.items()}
