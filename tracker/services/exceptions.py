"""What counts as an exception for the board, and in what order the board sees them.

An action is an exception when it is rated red, overdue, slipped (revised due date later
than the original) or undated (no due date at all and not complete, such as the plan's
"TBC" items). Overdue and slipped are the rules of :mod:`tracker.domain`, through the
action's own methods, so the report lists exactly the actions the Overview counts.

Exceptions are listed most severe first: red, then overdue (longest overdue first), then
slipped (furthest slipped first), then undated; ties keep the plan's order. How late an
action is reads the way people say it ("3 weeks", "8 months", "2 years 5 months").
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from tracker import domain
from tracker.services.action_rows import ActionRow
from tracker.wording import count_noun


class ExceptionKind(Enum):
    """The reasons an action is listed, most severe first."""

    RED = "Red"
    OVERDUE = "Overdue"
    SLIPPED = "Slipped"
    UNDATED = "No due date"

    @property
    def rank(self) -> int:
        return list(ExceptionKind).index(self)


@dataclass(frozen=True, slots=True)
class ActionException:
    """One action listed as an exception, with every reason it is listed."""

    action: ActionRow
    kinds: tuple[ExceptionKind, ...]  # most severe first
    overdue_days: int  # 0 unless overdue
    slipped_days: int  # 0 unless slipped
    overdue_by: str  # "" unless overdue
    slipped_by: str  # "" unless slipped

    @property
    def kind(self) -> ExceptionKind:
        """The most severe reason: the group the action is listed under."""
        return self.kinds[0]

    def reasons(self) -> list[str]:
        """Every reason, in words, the first capitalised: "Red", "overdue by 8 months",
        "slipped 3 weeks"."""
        words = {
            ExceptionKind.RED: "Red",
            ExceptionKind.OVERDUE: f"Overdue by {self.overdue_by}",
            ExceptionKind.SLIPPED: f"Slipped {self.slipped_by}",
            ExceptionKind.UNDATED: "No due date",
        }
        said = [words[kind] for kind in self.kinds]
        # "Red; overdue by 8 months": one sentence, capitalised once.
        return [said[0], *(reason[0].lower() + reason[1:] for reason in said[1:])]


def exception_for(action: ActionRow, today: date) -> ActionException | None:
    """The action as an exception on ``today``, or None when it is not one."""
    kinds: list[ExceptionKind] = []
    overdue_days = slipped_days = 0
    overdue_by = slipped_by = ""
    if action.rag == domain.Rag.RED.value:
        kinds.append(ExceptionKind.RED)
    due, original, revised = action.effective_due, action.due, action.revised_due
    # Overdue implies a due date, slipped both dates: the checks only tell the type checker.
    if action.is_overdue(today) and due is not None:
        kinds.append(ExceptionKind.OVERDUE)
        overdue_days = (today - due).days
        overdue_by = time_between(due, today)
    if action.is_slipped and original is not None and revised is not None:
        kinds.append(ExceptionKind.SLIPPED)
        slipped_days = (revised - original).days
        slipped_by = time_between(original, revised)
    if due is None and not domain.is_complete(action.status):
        kinds.append(ExceptionKind.UNDATED)
    if not kinds:
        return None
    return ActionException(action, tuple(kinds), overdue_days, slipped_days, overdue_by, slipped_by)


def list_exceptions(actions: Iterable[ActionRow], today: date) -> list[ActionException]:
    """The exceptions among ``actions``, most severe first (see the module's docstring)."""
    found = [x for a in actions if (x := exception_for(a, today)) is not None]
    # A stable sort: actions alike in severity stay in the plan's order.
    found.sort(key=lambda x: (x.kind.rank, -x.overdue_days, -x.slipped_days))
    return found


def count_by_kind(exceptions: Iterable[ActionException]) -> dict[ExceptionKind, int]:
    """How many exceptions are listed under each kind (their most severe reason)."""
    counts = dict.fromkeys(ExceptionKind, 0)
    for x in exceptions:
        counts[x.kind] += 1
    return counts


def _whole_months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    end_of_month = end.day == calendar.monthrange(end.year, end.month)[1]
    # 31 January to 28 February is a month: the end is as late in its month as it can be.
    if end.day < start.day and not end_of_month:
        months -= 1
    return months


def time_between(start: date, end: date) -> str:
    """How long from ``start`` to ``end`` (not before it), as people say it: days under
    a week, weeks under two months, months under a year, then years and months."""
    days = (end - start).days
    months = _whole_months(start, end)
    if days < 7:
        return count_noun(days, "day")
    if months < 2:
        return count_noun(days // 7, "week")
    if months < 12:
        return count_noun(months, "month")
    years, months = divmod(months, 12)
    text = count_noun(years, "year")
    return f"{text} {count_noun(months, 'month')}" if months else text
