"""Counts per workstream: what the Overview tab and the board report's summary show.

Computed from a :class:`PlanSnapshot` so the window and the export agree to the action.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from tracker import domain
from tracker.services.action_rows import ActionRow, PlanSnapshot

# The figures a summary has, each with the test that puts an action in it. The window
# uses the same names to filter a tab to "those actions" when a figure is clicked.
FIGURE_NAMES = ("overdue", "due_soon", "needs_review", "complete", "slipped")


def action_in_figure(row: ActionRow, figure: str, today: date) -> bool:
    if figure == "overdue":
        return row.is_overdue(today)
    if figure == "due_soon":
        return row.is_due_within(today, domain.DUE_SOON_DAYS)
    if figure == "needs_review":
        return row.needs_review
    if figure == "complete":
        return domain.is_complete(row.status)
    if figure == "slipped":
        return row.is_slipped
    if figure.startswith("status:"):
        return row.status == figure.removeprefix("status:")
    if figure.startswith("rag:"):
        wanted = figure.removeprefix("rag:") or None
        return row.rag == wanted
    if figure == "all":
        return True
    raise ValueError(f"unknown figure {figure!r}")


@dataclass
class Summary:
    workstream_id: int | None  # None for the total row
    tab: str
    title: str
    actions: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_rag: Counter[str | None] = field(default_factory=Counter)
    # As by_rag, with verified actions counted as Blue rather than by their rating (BRAG).
    by_brag: Counter[str | None] = field(default_factory=Counter)
    awaiting_verification: int = 0
    overdue: int = 0
    due_soon: int = 0
    needs_review: int = 0
    complete: int = 0
    slipped: int = 0

    def add(self, row: ActionRow, today: date) -> None:
        self.actions += 1
        self.by_status[row.status] += 1
        self.by_rag[row.rag] += 1
        self.by_brag[row.brag] += 1
        self.awaiting_verification += domain.is_awaiting_verification(row.status, row.closure_state)
        self.overdue += row.is_overdue(today)
        self.due_soon += row.is_due_within(today, domain.DUE_SOON_DAYS)
        self.needs_review += row.needs_review
        self.complete += domain.is_complete(row.status)
        self.slipped += row.is_slipped


def summarise(snapshot: PlanSnapshot, today: date) -> tuple[list[Summary], Summary]:
    """One summary per workstream, in plan order, and the total."""
    per_ws = {w.id: Summary(w.id, w.tab, w.title) for w in snapshot.workstreams}
    total = Summary(None, "Total", "All workstreams")
    for row in snapshot.actions:
        per_ws[row.workstream_id].add(row, today)
        total.add(row, today)
    return list(per_ws.values()), total
