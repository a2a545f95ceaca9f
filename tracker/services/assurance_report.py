"""The board report's assurance lines: each action's declared and calculated RAG with the
rule that fired and the reason given for a greener rating, the workstreams' roll-ups, and
the coverage of the plan's findings and quality statements."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.db.database import Database
from tracker.db.models import Update
from tracker.excel.assurance_sheets import AssuranceData, CoverageLine, RagCheckLine, RollUpLine
from tracker.rag_rule import ROLL_UP_LABELS, roll_up
from tracker.services.action_rows import PlanSnapshot
from tracker.services.coverage import CoverageRow, plan_coverage
from tracker.services.rag_rules import action_calculated_rag, plan_rule


def latest_rag_reasons(
    database: Database, action_ids: set[int], until: date | None = None
) -> dict[int, str]:
    """For each action, the newest reason given for a declared RAG greener than calculated
    (in an update dated by ``until``, when given: a report as at a past day)."""
    query = (
        select(Update.action_id, Update.rag_reason)
        .where(Update.rag_reason.is_not(None))  # type: ignore[union-attr]
        .order_by(Update.date, Update.id)
    )
    if until is not None:
        query = query.where(Update.date <= until)
    with database.read() as session:
        rows = session.execute(query).all()
    return {action_id: reason for action_id, reason in rows if action_id in action_ids}


def assurance_data(
    database: Database, plan_id: int, snapshot: PlanSnapshot, today: date
) -> AssuranceData:
    rule = plan_rule(database, plan_id)
    titles = {w.id: w.title for w in snapshot.workstreams}
    reasons = latest_rag_reasons(database, {x.id for x in snapshot.actions}, until=today)
    lines = []
    for x in snapshot.actions:
        calculated, why = action_calculated_rag(x, today, rule)
        lines.append(
            RagCheckLine(
                titles[x.workstream_id],
                x.ref,
                x.text,
                x.rag,
                calculated,
                why,
                reasons.get(x.id, ""),
            )
        )
    by_workstream: dict[int, list[RagCheckLine]] = {}
    for line, action in zip(lines, snapshot.actions, strict=True):
        by_workstream.setdefault(action.workstream_id, []).append(line)
    roll_ups = [
        RollUpLine(
            w.title,
            roll_up((x.declared for x in by_workstream.get(w.id, [])), rule.roll_up),
            roll_up((x.calculated for x in by_workstream.get(w.id, [])), rule.roll_up),
        )
        for w in snapshot.workstreams
    ]
    coverage = plan_coverage(database, plan_id, today, snapshot)
    return AssuranceData(
        rule_text=rule.describe(),
        rag_lines=lines,
        roll_ups=roll_ups,
        roll_up_label=ROLL_UP_LABELS[rule.roll_up],
        coverage=[
            *_coverage_lines("Finding", coverage.findings),
            *_coverage_lines("Quality statement", coverage.statements),
        ],
    )


def _coverage_lines(kind: str, rows: list[CoverageRow]) -> list[CoverageLine]:
    found = []
    for row in rows:
        text = row.text if kind == "Finding" else f"{row.group}: {row.text}"
        if not row.actions:
            found.append(CoverageLine(kind, row.ref, text, row.score, "", "", None, None))
        for action in row.actions:
            found.append(
                CoverageLine(
                    kind,
                    row.ref,
                    text,
                    row.score,
                    action.ref,
                    action.text,
                    action.rating,
                    action.calculated_rag,
                    action.evidence,
                    row.without_evidence,
                )
            )
    return found
