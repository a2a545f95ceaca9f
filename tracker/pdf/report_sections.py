"""What the highlight report lists after its first page, and its headline figures, worked
out from the board report's data with the rules of :mod:`tracker.domain`.

Plain Python: the PDF painter lays these out, tests read them directly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker import domain
from tracker.charts.trend import TrendPoint, previous_period, totals
from tracker.excel.board_report import BoardReportData
from tracker.excel.row_shapes import ActionShape

LOOK_AHEAD_DAYS = 90


@dataclass(frozen=True)
class Headline:
    """A headline figure; ``previous`` is its value at the previous period, if known."""

    label: str
    value: int
    previous: int | None = None
    higher_is_better: bool | None = None  # None: neither (the number of actions)

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def better(self) -> bool | None:
        """Did it move the right way (None when unchanged, unknown or neutral)?"""
        change = self.change
        if not change or self.higher_is_better is None:
            return None
        return (change > 0) == self.higher_is_better


def trend_key(action: ActionShape) -> str:
    """Where an action counts in the trend: "Complete", else its RAG, else "None" (so the
    figures now compare with the periods' figures like for like)."""
    if domain.is_complete(action.status):
        return "Complete"
    return action.rag or "None"


def look_ahead(actions: Sequence[ActionShape], as_at: date) -> list[ActionShape]:
    """Not complete and due (revised due date first) within 90 days of ``as_at``, soonest
    first."""
    due = [
        a
        for a in actions
        if domain.is_due_within(a.due, a.revised_due, a.status, as_at, LOOK_AHEAD_DAYS)
    ]
    due.sort(key=lambda a: domain.effective_due(a.due, a.revised_due) or as_at)
    return due


def completed(actions: Sequence[ActionShape]) -> list[ActionShape]:
    """Complete actions, the latest update first."""
    done = [a for a in actions if domain.is_complete(a.status)]
    done.sort(key=lambda a: a.last_update or date.min, reverse=True)
    return done


def slipped(actions: Sequence[ActionShape]) -> list[ActionShape]:
    """Actions whose revised due date is later than the original, the longest slip first."""
    moved = [a for a in actions if domain.is_slipped(a.due, a.revised_due)]
    moved.sort(
        key=lambda a: (a.revised_due - a.due).days if a.revised_due and a.due else 0, reverse=True
    )
    return moved


def headlines(
    data: BoardReportData, trend: Sequence[TrendPoint] = ()
) -> tuple[list[Headline], TrendPoint | None]:
    """The figures on page one, each with its value at the previous period when the trend
    holds a period closed before the report's date; and that period."""
    total = data.total
    before = previous_period(trend, data.as_at)
    earlier = totals(before) if before is not None else None

    def prior(key: str) -> int | None:
        return None if earlier is None else earlier.get(key, 0)

    now = Counter(trend_key(a) for a in data.actions)
    figures = [
        Headline("Actions", total.actions),
        Headline("Complete", now["Complete"], prior("Complete"), True),
        Headline("Red", now["R"], prior("R"), False),
        Headline("Amber", now["A"], prior("A"), False),
        Headline("Green", now["G"], prior("G"), True),
        Headline("Overdue", total.overdue, None, False),
        Headline("Slipped", total.slipped, None, False),
        Headline(f"Due in {LOOK_AHEAD_DAYS} days", len(look_ahead(data.actions, data.as_at))),
    ]
    return figures, before
