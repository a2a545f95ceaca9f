"""The assurance keys of ``tracker show --json``: each action's calculated RAG and its
reason (under its plan's rule), the refs of the findings its area answers and of the
quality statements it serves. Added to the outline :mod:`tracker.services.outline` builds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.dates import parse_date
from tracker.db.database import Database
from tracker.rag_rule import calculated_rag
from tracker.services.findings import area_findings
from tracker.services.quality_statements import action_statements
from tracker.services.rag_rules import plan_rule


def add_assurance(database: Database, outline: dict[str, Any], today: date) -> dict[str, Any]:
    """Give every action in ``outline`` its ``calculated_rag``, ``calculated_rag_reason``,
    ``findings`` and ``quality_statements``; returns the outline."""
    for plan in outline["plans"]:
        rule = plan_rule(database, plan["id"])
        findings = area_findings(database, plan["id"])
        statements = action_statements(database, plan["id"])
        for workstream in plan["workstreams"]:
            for area in workstream["areas"]:
                for action in area["actions"]:
                    rag, reason = calculated_rag(
                        _date(action["start"]),
                        _date(action["due"]),
                        _date(action["revised_due"]),
                        action["status"],
                        action["percent"],
                        today,
                        rule,
                    )
                    action["calculated_rag"] = rag
                    action["calculated_rag_reason"] = reason
                    action["findings"] = list(findings.get(area["id"], ()))
                    action["quality_statements"] = list(statements.get(action["id"], ()))
    return outline


def _date(text: str | None) -> date | None:
    return parse_date(text) if text else None
