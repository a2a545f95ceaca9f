"""Domain vocabulary and rules shared by the CLI, the window and the exports.

Each rule lives here once: what the tabs are, which statuses and RAG ratings exist, what
"overdue" and "slipped" mean. Nothing here touches the database or Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum


class Tab(StrEnum):
    """The 2018 plan's sections, which its import recognises by their wording.

    Not the window's tabs: those are each plan's own workstreams (:func:`tab_order`).
    """

    GOVERNANCE = "Governance"
    PREVENTION = "Prevention"
    EARLY_INTERVENTION = "Early Intervention"
    PERSONALISATION = "Personalisation"
    LOCALITY = "Locality working"
    ENABLERS = "Enablers"
    # Rows an import could not place in a section land here, visibly, never dropped.
    UNASSIGNED = "Unassigned"


class Status(StrEnum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETE = "Complete"
    ON_HOLD = "On hold"


class Rag(StrEnum):
    RED = "R"
    AMBER = "A"
    GREEN = "G"

    @property
    def label(self) -> str:
        return {"R": "Red", "A": "Amber", "G": "Green"}[self.value]


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
RAGS: tuple[str, ...] = tuple(r.value for r in Rag)

DUE_SOON_DAYS = 30


def parse_status(value: str) -> Status:
    """Read a status as people write it ("complete", "In Progress", "not started")."""
    key = " ".join(value.split()).casefold()
    for status in Status:
        if status.value.casefold() == key:
            return status
    raise ValueError(f"{value!r} is not a status; use one of: {', '.join(STATUSES)}")


def parse_rag(value: str) -> Rag:
    """Read a RAG rating written as a letter or a colour ("A", "amber", "Green")."""
    key = value.strip().casefold()
    for rag in Rag:
        if key in (rag.value.casefold(), rag.label.casefold()):
            return rag
    raise ValueError(f"{value!r} is not a RAG rating; use R, A or G (Red, Amber, Green)")


def effective_due(due: date | None, revised_due: date | None) -> date | None:
    """The date an action is now expected by: the revised due date when there is one."""
    return revised_due or due


_COMPLETE = Status.COMPLETE.value  # looked up once: these rules run per action per report


def is_complete(status: str | None) -> bool:
    return status == _COMPLETE


def is_overdue(due: date | None, revised_due: date | None, status: str | None, today: date) -> bool:
    """Past its (revised) due date and not complete."""
    when = effective_due(due, revised_due)
    return when is not None and when < today and not is_complete(status)


def is_due_within(
    due: date | None, revised_due: date | None, status: str | None, today: date, days: int
) -> bool:
    """Due between today and ``days`` from now (inclusive) and not complete."""
    when = effective_due(due, revised_due)
    if when is None or is_complete(status):
        return False
    return 0 <= (when - today).days <= days


def is_slipped(due: date | None, revised_due: date | None) -> bool:
    """The revised due date is later than the original one."""
    return due is not None and revised_due is not None and revised_due > due


def check_percent(value: int) -> int:
    if not 0 <= value <= 100:
        raise ValueError(f"percent complete must be between 0 and 100, not {value}")
    return value


def tab_order(tabs_in_position_order: Iterable[str]) -> list[str]:
    """A plan's tabs: its workstreams' distinct tabs in their order, "Unassigned" last.

    The tabs come from the plan itself (its sections, renamed and reordered as the
    programme office chooses); "Unassigned" is shown only when some rows sit there.
    """
    names = list(dict.fromkeys(tabs_in_position_order))
    if Tab.UNASSIGNED.value in names:
        names.remove(Tab.UNASSIGNED.value)
        names.append(Tab.UNASSIGNED.value)
    return names


def is_return_overdue(due_back: date | None, back_on: date | None, today: date) -> bool:
    """A status return not back yet whose due-back date has passed."""
    return back_on is None and due_back is not None and due_back < today


class Closure(StrEnum):
    """Where an action stands in completion with evidence: a lead proposes it complete,
    the programme office verifies it (Blue) or sends it back."""

    PROPOSED = "proposed"
    VERIFIED = "verified"
    SENT_BACK = "sent back"


BLUE = "B"  # BRAG: complete and verified; never a declared rating
BRAG_LABELS = {"R": "Red", "A": "Amber", "G": "Green", BLUE: "Blue"}


def brag(status: str | None, rag: str | None, closure_state: str | None) -> str | None:
    """The BRAG rating: Blue for an action complete and verified by the programme office,
    else its declared RAG (None when not rated). Complete but not yet verified stays at
    its declared rating: only verification makes it Blue."""
    if closure_state == Closure.VERIFIED and is_complete(status):
        return BLUE
    return rag


def closure_after_status(closure_state: str | None, status: str | None) -> str | None:
    """The closure state once the status changes: a proposal or a verification lapses
    when the action is no longer complete (it is proposed and verified again, never
    Blue again by a later "Complete" alone)."""
    if closure_state in (Closure.PROPOSED, Closure.VERIFIED) and not is_complete(status):
        return None
    return closure_state


def leaves_verified_completion(
    closure_state: str | None, old_status: str | None, new_status: str | None
) -> bool:
    """Changing the status of an action proposed or verified complete away from Complete:
    that is reopening it, which needs a reason (Reopen), not a plain edit."""
    return (
        closure_state in (Closure.PROPOSED, Closure.VERIFIED)
        and is_complete(old_status)
        and not is_complete(new_status)
    )


def is_awaiting_verification(status: str | None, closure_state: str | None) -> bool:
    """Proposed complete by its lead, not yet verified by the programme office."""
    return closure_state == Closure.PROPOSED and is_complete(status)
