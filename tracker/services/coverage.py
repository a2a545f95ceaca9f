"""Coverage: each finding and each quality statement with the actions that answer it,
their BRAG and their evidence, for the window's Coverage view and the board report's
Coverage sheet.

A finding no action answers, and a statement no action serves, is marked ``uncovered``;
one whose actions hold no evidence at all is marked ``without_evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.db.database import Database
from tracker.services.action_rows import ActionRow, PlanSnapshot
from tracker.services.evidence import evidence_counts
from tracker.services.findings import list_findings
from tracker.services.plan_history import end_of_day
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.quality_statements import action_statements, reference_statements, scores
from tracker.services.rag_rules import action_calculated_rag, plan_rule


@dataclass(frozen=True)
class CoveringAction:
    id: int
    ref: str
    text: str
    rating: str | None  # the action's BRAG ("R", "A", "G", "B"), see action_rating
    calculated_rag: str | None
    evidence: int = 0  # pieces of evidence the action holds


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

    @property
    def without_evidence(self) -> bool:
        """Answered by actions, none of which holds any evidence."""
        return bool(self.actions) and not any(a.evidence for a in self.actions)


@dataclass(frozen=True)
class Coverage:
    plan_id: int
    findings: list[CoverageRow]
    statements: list[CoverageRow]


def action_rating(row: ActionRow) -> str | None:
    """The rating the coverage shows for an action: its BRAG (Blue once verified)."""
    return row.brag


def plan_coverage(
    database: Database, plan_id: int, today: date, snapshot: PlanSnapshot | None = None
) -> Coverage:
    """Each finding and quality statement with the actions that answer it, as they stand
    in ``snapshot`` (the plan now, when not given; a report as at a past day gives its own)."""
    if snapshot is None:
        snapshot = load_snapshot(database, plan_id)
    rule = plan_rule(database, plan_id)
    held_evidence = evidence_counts(database, until=end_of_day(today))
    covering = {
        row.id: CoveringAction(
            row.id,
            row.ref,
            row.text,
            action_rating(row),
            action_calculated_rag(row, today, rule)[0],
            held_evidence.get(row.id, 0),
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
