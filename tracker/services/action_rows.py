"""The plain rows the services hand out and take in: workstreams, areas, actions and their
updates as the window and the exports read them, and an update as a person enters it.

Rows are built by :mod:`tracker.services.plan_snapshot` and
:mod:`tracker.services.action_updates`; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tracker import domain
from tracker.db.models import Update


@dataclass(frozen=True, slots=True)
class WorkstreamInfo:
    id: int
    plan_id: int
    plan_name: str
    tab: str
    title: str
    position: int


@dataclass(frozen=True, slots=True)
class AreaRow:
    id: int
    workstream_id: int
    ref: str
    title: str
    lead_in: str
    lead_text: str
    deadline_text: str
    what_has_changed: str
    plans_in_place: str
    leads: tuple[str, ...]
    position: int


# Not frozen: a frozen dataclass's __init__ goes through object.__setattr__ per field,
# which doubles the time to build 50,000 rows. Treat rows as read-only all the same.
@dataclass(slots=True)
class ActionRow:
    id: int
    area_id: int
    workstream_id: int
    area_ref: str
    label: str
    text: str
    leads: tuple[str, ...]
    deadline_text: str
    lead_text: str
    start: date | None
    due: date | None
    revised_due: date | None
    status: str
    rag: str | None
    percent: int
    needs_review: bool
    review_reason: str | None
    last_update: date | None
    latest_narrative: str
    position: int
    # When the action last changed: part of a status return's fingerprint.
    updated_at: datetime | None = None
    # When the latest update was recorded (as-at snapshots only: a late update says so).
    last_recorded_at: datetime | None = None
    # Completion with evidence: None, "proposed", "verified" or "sent back".
    closure_state: str | None = None

    @property
    def brag(self) -> str | None:
        """R, A, G, or B when complete and verified (None when not rated)."""
        return domain.brag(self.status, self.rag, self.closure_state)

    @property
    def ref(self) -> str:
        return f"{self.area_ref} {self.label}".strip()

    @property
    def effective_due(self) -> date | None:
        return domain.effective_due(self.due, self.revised_due)

    def is_overdue(self, today: date) -> bool:
        return domain.is_overdue(self.due, self.revised_due, self.status, today)

    def is_due_within(self, today: date, days: int) -> bool:
        return domain.is_due_within(self.due, self.revised_due, self.status, today, days)

    @property
    def is_slipped(self) -> bool:
        return domain.is_slipped(self.due, self.revised_due)


@dataclass(frozen=True, slots=True)
class UpdateRow:
    id: int
    action_id: int
    date: date
    author: str
    status: str
    rag: str | None
    percent: int
    narrative: str
    revised_due: date | None
    revision_reason: str | None
    source: str
    recorded_at: datetime | None = None
    cause: str | None = None
    mitigation: str | None = None
    recovery_date: date | None = None
    decision_asked: str | None = None
    # Why the declared RAG was greener than the calculated one.
    rag_reason: str | None = None


@dataclass
class PlanSnapshot:
    """Everything the window's tabs show, read in one consistent transaction."""

    workstreams: list[WorkstreamInfo] = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    # Plans kept but hidden: not the reports' choice when none is named.
    archived_plans: frozenset[int] = frozenset()

    def workstreams_for_tab(self, tab: str) -> list[WorkstreamInfo]:
        return [w for w in self.workstreams if w.tab == tab]


@dataclass(frozen=True)
class UpdateInput:
    date: date
    author: str
    status: str
    rag: str | None
    percent: int
    narrative: str
    revised_due: date | None = None
    revision_reason: str | None = None
    source: str = "window"
    # What the board needs to know and do when the update raises an exception.
    cause: str | None = None
    mitigation: str | None = None
    recovery_date: date | None = None
    decision_asked: str | None = None
    # Required when the declared RAG is greener than the calculated one.
    rag_reason: str | None = None


@dataclass(frozen=True)
class ActionState:
    """The part of an action an update changes: saved so undo can restore it."""

    status: str
    rag: str | None
    percent: int
    revised_due: date | None


def update_row(u: Update) -> UpdateRow:
    """The read-only row for an Update record."""
    return UpdateRow(
        u.id,
        u.action_id,
        u.date,
        u.author,
        u.status,
        u.rag,
        u.percent,
        u.narrative,
        u.revised_due_date,
        u.revision_reason,
        u.source,
        u.recorded_at,
        u.cause,
        u.mitigation,
        u.recovery_date,
        u.decision_asked,
        u.rag_reason,
    )
