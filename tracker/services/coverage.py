"""Coverage: each finding and each quality statement with the actions that answer it and
their RAG, for the window's Coverage view and the board report's Coverage sheet.

A finding no action answers, and a statement no action serves, is marked ``uncovered``.
The rating shown is the action's declared RAG, taken in one place (:func:`action_rating`)
so that BRAG, and a count of evidence, can take its place there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.db.database import Database
from tracker.services.action_rows import ActionRow, PlanSnapshot
from tracker.services.findings import list_findings
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.quality_statements import action_statements, reference_statements, scores
from tracker.services.rag_rules import action_calculated_rag, plan_rule


@dataclass(frozen=True)
class CoveringAction:
    id: int
    ref: str
    text: str
    rating: str | None  # the action's RAG ("R", "A", "G"), see action_rating
    calculated_rag: str | None


@dataclass(frozen=True)
class CoverageRow:
    kind: str  # "finding" or "quality statement"
    ref: str
    group: str  # a finding's kind, a statement's framework and theme
    text: str
    actions: tuple[CoveringAction, ...]
    score: int | None = None  # a statement's latest indicative score

    @property
    def uncovered(self) -> bool:
        return not self.actions


@dataclass(frozen=True)
class Coverage:
    plan_id: int
    findings: list[CoverageRow]
    statements: list[CoverageRow]


def action_rating(row: ActionRow) -> str | None:
    """The rating the coverage shows for an action: its declared RAG.

    The one place to switch to BRAG (and add evidence counts) when those exist.
    """
    return row.rag


def plan_coverage(
    database: Database, plan_id: int, today: date, snapshot: PlanSnapshot | None = None
) -> Coverage:
    """Each finding and quality statement with the actions that answer it, as they stand
    in ``snapshot`` (the plan now, when not given; a report as at a past day gives its own)."""
    if snapshot is None:
        snapshot = load_snapshot(database, plan_id)
    rule = plan_rule(database, plan_id)
    covering = {
        row.id: CoveringAction(
            row.id,
            row.ref,
            row.text,
            action_rating(row),
            action_calculated_rag(row, today, rule)[0],
        )
        for row in snapshot.actions
    }
    by_area: dict[int, list[CoveringAction]] = {}
    area_ids = {a.ref: a.id for a in snapshot.areas}
    for row in snapshot.actions:
        by_area.setdefault(row.area_id, []).append(covering[row.id])
    findings = [
        CoverageRow(
            "finding",
            f.ref,
            f.kind,
            f.text,
            tuple(a for ref in f.area_refs for a in by_area.get(area_ids.get(ref, -1), [])),
        )
        for f in list_findings(database, plan_id)
    ]
    served: dict[str, list[CoveringAction]] = {}
    for action_id, refs in action_statements(database, plan_id).items():
        for ref in refs:
            if action_id in covering:
                served.setdefault(ref, []).append(covering[action_id])
    held = scores(database, plan_id)
    statements = [
        CoverageRow(
            "quality statement",
            s.ref,
            f"{s.framework.capitalize()}: {s.theme}",
            s.title,
            tuple(served.get(s.ref, ())),
            held.get(s.ref),
        )
        for s in reference_statements()
    ]
    return Coverage(plan_id, findings, statements)
