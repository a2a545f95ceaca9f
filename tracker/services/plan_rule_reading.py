"""Reading a plan's calculated-RAG rule inside a transaction: the plan's own thresholds, or
the defaults when they were never changed. Kept apart from :mod:`.rag_rules` (which also
changes the rule) so that the edit rules of :mod:`.action_edits` can read it too.
"""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import select
from sqlmodel import Session

from tracker.db.models import Action, Area, PlanRagRule, Workstream
from tracker.rag_rule import DEFAULT_RULE, RagRule

_FIELDS = tuple(f.name for f in fields(RagRule))


def plan_rule_in(session: Session, plan_id: int) -> RagRule:
    row = session.get(PlanRagRule, plan_id)
    if row is None:
        return DEFAULT_RULE
    return RagRule(**{name: getattr(row, name) for name in _FIELDS})


def action_plan_rule_in(session: Session, action_id: int) -> RagRule:
    """The rule of the plan an action belongs to."""
    plan_id = session.execute(
        select(Workstream.plan_id)
        .join(Area, Area.workstream_id == Workstream.id)
        .join(Action, Action.area_id == Area.id)
        .where(Action.id == action_id)
    ).scalar_one_or_none()
    return DEFAULT_RULE if plan_id is None else plan_rule_in(session, plan_id)
