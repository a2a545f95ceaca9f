"""A plan's calculated-RAG rule: reading it (defaults when none was set), changing it
(one transaction, audited), and the calculated RAG of an action row under it.

The rule itself lives in :mod:`tracker.rag_rule`; this module only stores it.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date

from sqlalchemy import delete, insert

from tracker.db.database import Database
from tracker.db.models import PlanRagRule
from tracker.rag_rule import RagRule, calculated_rag
from tracker.services.action_edits import ValidationError
from tracker.services.action_rows import ActionRow
from tracker.services.audit import Change, record_changes
from tracker.services.plan_rule_reading import action_plan_rule_in, plan_rule_in

_FIELDS = tuple(f.name for f in fields(RagRule))

__all__ = ["action_plan_rule_in", "plan_rule_in"]  # read here, kept in plan_rule_reading


def plan_rule(database: Database, plan_id: int) -> RagRule:
    """The plan's rule (the defaults when it has never been changed)."""
    with database.read() as session:
        return plan_rule_in(session, plan_id)


def action_plan_rule(database: Database, action_id: int) -> RagRule:
    with database.read() as session:
        return action_plan_rule_in(session, action_id)


def set_plan_rule(database: Database, plan_id: int, rule: RagRule) -> RagRule:
    """Change a plan's thresholds or roll-up; returns the rule it had before."""
    problems = rule.problems()
    if problems:
        raise ValidationError("; ".join(problems).capitalize() + ". Nothing was changed.")
    with database.write() as session:
        before = plan_rule_in(session, plan_id)
        session.execute(delete(PlanRagRule).where(PlanRagRule.plan_id == plan_id))
        session.execute(insert(PlanRagRule), [{"plan_id": plan_id, **asdict(rule)}])
        old, new = asdict(before), asdict(rule)
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[
                Change("plan", plan_id, f"rag rule {name}", old[name], new[name])
                for name in _FIELDS
                if old[name] != new[name]
            ],
        )
    return before


def action_calculated_rag(row: ActionRow, today: date, rule: RagRule) -> tuple[str | None, str]:
    """The calculated RAG of an action as the window and the reports hold it."""
    return calculated_rag(row.start, row.due, row.revised_due, row.status, row.percent, today, rule)
