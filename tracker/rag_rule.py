"""The calculated RAG: a rating worked out from an action's dates and progress.

It sits beside the RAG a lead declares. The rule and its thresholds are a plan's own
(:class:`RagRule`, defaults from published practice); the result always comes with the
reason, in words, so a board can see which test fired. Pure: no database, no Qt.

Red: more than ``red_days_late`` days past the (revised) due date, or more than
``red_points_behind`` points behind the progress expected by now on a straight line from
start to due. Amber: past due, or due within ``amber_due_within_days`` days and under
``amber_percent_below`` %, or ``amber_points_behind`` to ``red_points_behind`` points
behind. Green otherwise. An action without a due date gets no rating ("no due date"); a
complete action is never late.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracker import domain
from tracker.dates import short_date
from tracker.wording import count_noun

WORST_OF = "worst"
MAJORITY = "majority"
ROLL_UPS: tuple[str, ...] = (WORST_OF, MAJORITY)
ROLL_UP_LABELS = {WORST_OF: "worst of its actions", MAJORITY: "majority of its actions"}

NO_DUE_DATE = "no due date"
COMPLETE = "complete"

# Red first: the order of severity, and of a worst-of roll-up.
_SEVERITY = {domain.Rag.RED.value: 2, domain.Rag.AMBER.value: 1, domain.Rag.GREEN.value: 0}


@dataclass(frozen=True)
class RagRule:
    """A plan's thresholds for the calculated RAG, and how a workstream rolls up."""

    red_days_late: int = 30
    red_points_behind: int = 25
    amber_points_behind: int = 10
    amber_due_within_days: int = 14
    amber_percent_below: int = 80
    roll_up: str = WORST_OF

    def problems(self) -> list[str]:
        """Every reason these thresholds cannot be used (none: they can)."""
        found = []
        for name, value in (
            ("days past due for red", self.red_days_late),
            ("points behind for red", self.red_points_behind),
            ("points behind for amber", self.amber_points_behind),
            ("days before due for amber", self.amber_due_within_days),
        ):
            if not 0 <= value <= 3650:
                found.append(f"{name} must be between 0 and 3650, not {value}")
        if not 0 <= self.amber_percent_below <= 100:
            found.append(f"the percent for amber must be 0 to 100, not {self.amber_percent_below}")
        if self.amber_points_behind > self.red_points_behind:
            found.append(
                f"points behind for amber ({self.amber_points_behind}) must not be more than "
                f"for red ({self.red_points_behind})"
            )
        if self.roll_up not in ROLL_UPS:
            found.append(f"roll-up must be {WORST_OF!r} or {MAJORITY!r}, not {self.roll_up!r}")
        return found

    def describe(self) -> str:
        """The rule in one paragraph, for the window and the report's notes."""
        return (
            f"Red: more than {self.red_days_late} days past the (revised) due date, or more "
            f"than {self.red_points_behind} points behind the progress expected by now "
            f"(a straight line from start to due). Amber: past due, due within "
            f"{self.amber_due_within_days} days and under {self.amber_percent_below}% "
            f"complete, or {self.amber_points_behind} to {self.red_points_behind} points "
            "behind. Green otherwise. No rating without a due date; complete actions are "
            f"never late. A workstream rolls up as the {ROLL_UP_LABELS[self.roll_up]}."
        )


DEFAULT_RULE = RagRule()


def expected_percent(start: date | None, due: date | None, today: date) -> int | None:
    """Progress expected by ``today`` on a straight line from start (0%) to due (100%)."""
    if start is None or due is None:
        return None
    if today <= start:
        return 0
    if today >= due:
        return 100
    return round(100 * (today - start).days / (due - start).days)


def calculated_rag(
    start: date | None,
    due: date | None,
    revised_due: date | None,
    status: str | None,
    percent: int,
    today: date,
    thresholds: RagRule = DEFAULT_RULE,
) -> tuple[str | None, str]:
    """The calculated RAG ("R", "A", "G" or None) and the reason, in words."""
    if domain.is_complete(status):
        return domain.Rag.GREEN.value, COMPLETE
    when = domain.effective_due(due, revised_due)
    if when is None:
        return None, NO_DUE_DATE
    rule = thresholds
    late = (today - when).days
    expected = expected_percent(start, when, today)
    behind = expected - percent if expected is not None else None
    due_text = f"{'revised ' if revised_due else ''}due {short_date(when)}"
    if late > rule.red_days_late:
        return domain.Rag.RED.value, (
            f"{count_noun(late, 'day')} past its {due_text} (red after {rule.red_days_late})"
        )
    if behind is not None and behind > rule.red_points_behind:
        return domain.Rag.RED.value, _behind_text(behind, expected, percent, "red", rule)
    if late > 0:
        return domain.Rag.AMBER.value, f"{count_noun(late, 'day')} past its {due_text}"
    if -late <= rule.amber_due_within_days and percent < rule.amber_percent_below:
        return domain.Rag.AMBER.value, (
            f"{due_text}, within {rule.amber_due_within_days} days, and {percent}% complete "
            f"(under {rule.amber_percent_below}%)"
        )
    if behind is not None and behind >= rule.amber_points_behind:
        return domain.Rag.AMBER.value, _behind_text(behind, expected, percent, "amber", rule)
    return domain.Rag.GREEN.value, "on track"


def _behind_text(
    behind: int, expected: int | None, percent: int, colour: str, rule: RagRule
) -> str:
    limit = (
        f"more than {rule.red_points_behind}"
        if colour == "red"
        else f"{rule.amber_points_behind} to {rule.red_points_behind}"
    )
    return (
        f"{behind} points behind: {percent}% complete, {expected}% expected by now "
        f"({colour} when {limit} behind)"
    )


def severity(rag: str | None) -> int:
    """How bad a rating is: red 2, amber 1, green 0, none -1."""
    return _SEVERITY.get(rag, -1) if rag else -1


def is_greener(declared: str | None, calculated: str | None) -> bool:
    """Is the declared rating better than the calculated one (and so needs a reason)?"""
    if not declared or not calculated:
        return False
    return severity(declared) < severity(calculated)


def roll_up(rags: Iterable[str | None], how: str = WORST_OF) -> str | None:
    """A workstream's rating from its actions' ratings (those without one are left out).

    Worst of: the most severe. Majority: the most common; a tie goes to the more severe.
    """
    rated = [r for r in rags if r in _SEVERITY]
    if not rated:
        return None
    if how == MAJORITY:
        counts = Counter(rated)
        return max(counts, key=lambda r: (counts[r], _SEVERITY[r]))
    return max(rated, key=lambda r: _SEVERITY[r])
