"""Direction of travel: how an action's position moved between two reports, and what the
board's lists ("completed this period", "new exceptions", "slipped") count.

Pure rules over positions (status, RAG, %, due dates, overdue): no database, no Qt. The
board report, the window and the PDF ask these and nothing else, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker import domain

LOOK_AHEAD_DAYS = 90
# The keys of a trend's counts per workstream: the RAG ratings, then complete and unrated.
TREND_KEYS = ("R", "A", "G", "Complete", "None")


class Travel(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    NEW = "new"  # nothing to compare with (no earlier period, or not in it)

    @property
    def arrow(self) -> str:
        return {"better": "▲", "worse": "▼", "unchanged": "►", "new": "•"}[self.value]


@dataclass(frozen=True, slots=True)
class Position:
    """Where an action stood in one report."""

    status: str
    rag: str | None
    percent: int
    due: date | None
    revised_due: date | None
    overdue: bool

    @property
    def effective_due(self) -> date | None:
        return domain.effective_due(self.due, self.revised_due)

    @property
    def is_complete(self) -> bool:
        return domain.is_complete(self.status)

    @property
    def is_exception(self) -> bool:
        """Red or overdue: what the board is asked to look at."""
        return self.rag == domain.Rag.RED.value or self.overdue


_RAG_RANK = {"G": 0, "A": 1, "R": 2}
_STATUS_RANK = {
    domain.Status.ON_HOLD.value: 0,
    domain.Status.NOT_STARTED.value: 1,
    domain.Status.IN_PROGRESS.value: 2,
    domain.Status.COMPLETE.value: 3,
}


@dataclass(frozen=True, slots=True)
class Movement:
    """An action's direction of travel and why, in words."""

    travel: Travel
    reasons: tuple[str, ...] = ()


def movement(before: Position | None, after: Position) -> Movement:
    """Better, worse or unchanged: completed, RAG or status moved, newly overdue. Any
    worse reason makes the whole worse (a board hears bad news first)."""
    if before is None:
        return Movement(Travel.NEW)
    better: list[str] = []
    worse: list[str] = []
    if after.is_complete and not before.is_complete:
        better.append("completed")
    elif before.is_complete and not after.is_complete:
        worse.append("reopened")
    if after.overdue and not before.overdue:
        worse.append("newly overdue")
    rag_before, rag_after = _RAG_RANK.get(before.rag or ""), _RAG_RANK.get(after.rag or "")
    if rag_before is not None and rag_after is not None and rag_before != rag_after:
        words = f"RAG {before.rag} to {after.rag}"
        (better if rag_after < rag_before else worse).append(words)
    elif rag_before is None and after.rag == domain.Rag.RED.value:
        worse.append("rated red")
    if not (after.is_complete or before.is_complete) and before.status != after.status:
        words = f"{before.status} to {after.status}"
        rank_before, rank_after = _STATUS_RANK.get(before.status), _STATUS_RANK.get(after.status)
        if rank_before is not None and rank_after is not None:
            (better if rank_after > rank_before else worse).append(words)
    if worse:
        return Movement(Travel.WORSE, tuple(worse + better))
    if better:
        return Movement(Travel.BETTER, tuple(better))
    return Movement(Travel.UNCHANGED)


def overall(movements: Iterable[Travel]) -> Travel:
    """A workstream's direction: better when more of its actions moved better than worse,
    worse when more moved worse, else unchanged (new when none could be compared)."""
    better = worse = compared = 0
    for travel in movements:
        compared += travel is not Travel.NEW
        better += travel is Travel.BETTER
        worse += travel is Travel.WORSE
    if not compared:
        return Travel.NEW
    if better > worse:
        return Travel.BETTER
    if worse > better:
        return Travel.WORSE
    return Travel.UNCHANGED


def completed_since(before: Position | None, after: Position) -> bool:
    return after.is_complete and (before is None or not before.is_complete)


def new_exception(before: Position | None, after: Position) -> bool:
    """Red or overdue now, and neither in the earlier report."""
    return after.is_exception and (before is None or not before.is_exception)


def slipped_since(before: Position | None, after: Position) -> bool:
    """The date it is expected by moved later since the earlier report."""
    if before is None or after.is_complete:
        return False
    then, now = before.effective_due, after.effective_due
    return then is not None and now is not None and now > then


def in_look_ahead(after: Position, today: date, days: int = LOOK_AHEAD_DAYS) -> bool:
    return domain.is_due_within(after.due, after.revised_due, after.status, today, days)


def trend_key(status: str, rag: str | None) -> str:
    """Which of :data:`TREND_KEYS` an action counts under: complete first, then its RAG."""
    if domain.is_complete(status):
        return "Complete"
    return rag if rag in _RAG_RANK else "None"
