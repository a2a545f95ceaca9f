"""What a tab's filter bar asks for, and the test each action must pass.

:class:`FilterState` is the bar's plain value; :func:`build_matcher` turns it into a
:class:`Matcher` once per change, so the per-row work is a few attribute reads and a
substring test over text prepared when the rows were loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from tracker.ui.models.search_text import search_terms

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow

RAG_NOT_RATED = "-"  # FilterState.rag value for actions with no rating

FIGURE_LABELS = {
    "all": "All actions",
    "overdue": "Overdue",
    "due_soon": "Due in the next 30 days",
    "needs_review": "Needs review",
    "complete": "Complete",
    "slipped": "Slipped (revised later than due)",
}


def figure_label(figure: str) -> str:
    if figure.startswith("status:"):
        return f"Status: {figure.removeprefix('status:')}"
    if figure.startswith("rag:"):
        from tracker.ui.formatting import rag_label

        return f"RAG: {rag_label(figure.removeprefix('rag:') or None)}"
    return FIGURE_LABELS.get(figure, figure)


@dataclass(frozen=True)
class FilterState:
    """What the bar shows. ``figure`` holds only an Overview figure no control expresses
    (see :func:`state_for_figure`); the others set the controls themselves."""

    text: str = ""
    lead: str = ""  # a person's name; matched by key
    status: str = ""
    rag: str = ""  # "R", "A", "G", "B" (BRAG), RAG_NOT_RATED or "" for any
    overdue: bool = False
    due_within: int = 0  # days; 0 means any time
    needs_review: bool = False
    mine: bool = False
    figure: str = ""  # an Overview figure (see tracker.services.overview)
    workstream_id: int | None = None  # set with a figure from the Overview

    @property
    def is_empty(self) -> bool:
        return self == FilterState()


def state_for_figure(figure: str, workstream_id: int | None = None) -> FilterState:
    """The filter an Overview figure stands for, set through the same controls a person
    would use (the Overdue box, the status, the RAG...), so the bar shows one state once.

    Only a figure with no control of its own ("slipped") is kept as ``figure``; the bar
    shows it, and a workstream within a tab of several, as a chip.
    """
    # Imported here: the service layer loads off the UI thread at start-up (see loading).
    from tracker.domain import DUE_SOON_DAYS, Status

    state = FilterState(workstream_id=workstream_id)
    if figure == "overdue":
        return replace(state, overdue=True)
    if figure == "due_soon":
        return replace(state, due_within=DUE_SOON_DAYS)
    if figure == "needs_review":
        return replace(state, needs_review=True)
    if figure == "complete":
        return replace(state, status=Status.COMPLETE.value)
    if figure.startswith("status:"):
        return replace(state, status=figure.removeprefix("status:"))
    if figure.startswith("rag:"):
        return replace(state, rag=figure.removeprefix("rag:") or RAG_NOT_RATED)
    if figure == "all":
        return state
    return replace(state, figure=figure)


Predicate = Callable[["ActionRow"], bool]


@dataclass
class Matcher:
    """The compiled filter: text terms and the other criteria, tested separately."""

    terms: tuple[str, ...] = ()
    criteria: list[Predicate] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.terms)

    @property
    def has_criteria(self) -> bool:
        return bool(self.criteria)

    def text_matches(self, search: str) -> bool:
        return all(term in search for term in self.terms)

    def criteria_match(self, row: ActionRow) -> bool:
        return all(test(row) for test in self.criteria)


def build_matcher(state: FilterState, today: date, user_name: str) -> Matcher | None:
    """The matcher for this state, or None when it lets everything through."""
    if state.is_empty:
        return None
    # Imported here: the service layer loads off the UI thread at start-up (see loading).
    from tracker.services.people import person_key

    criteria: list[Predicate] = []
    if state.lead:
        criteria.append(_led_by(person_key(state.lead)))
    if state.mine:
        criteria.append(_led_by(person_key(user_name)) if user_name.strip() else _nothing)
    if state.status:
        status = state.status
        criteria.append(lambda row: row.status == status)
    if state.rag:
        rag = None if state.rag == RAG_NOT_RATED else state.rag
        criteria.append(lambda row: row.brag == rag)  # Blue once verified, as shown
    if state.overdue:
        criteria.append(lambda row: row.is_overdue(today))
    if state.due_within > 0:
        days = state.due_within
        criteria.append(lambda row: row.is_due_within(today, days))
    if state.needs_review:
        criteria.append(lambda row: row.needs_review)
    if state.workstream_id is not None:
        workstream_id = state.workstream_id
        criteria.append(lambda row: row.workstream_id == workstream_id)
    if state.figure and state.figure != "all":
        # The Overview's own test, so a figure and the rows it opens always agree.
        from tracker.services.overview import action_in_figure

        figure = state.figure
        criteria.append(lambda row: action_in_figure(row, figure, today))
    return Matcher(search_terms(state.text), criteria)


def _led_by(key: str) -> Predicate:
    from tracker.services.people import person_key

    def test(row: ActionRow) -> bool:
        return any(person_key(name) == key for name in row.leads)

    return test


def _nothing(_row: ActionRow) -> bool:
    return False
