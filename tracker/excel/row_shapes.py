"""The shapes of the rows the workbooks are written from: what each writer reads.

The rows themselves are gathered by the services, which hand them in; the excel side only
describes the attributes it reads, so it depends on no service or database code.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Protocol


class WorkstreamShape(Protocol):
    id: int
    title: str


class AreaShape(Protocol):
    id: int
    workstream_id: int
    ref: str
    title: str
    leads: tuple[str, ...]


class ActionShape(Protocol):
    id: int
    area_id: int
    workstream_id: int
    text: str
    leads: tuple[str, ...]
    deadline_text: str
    lead_text: str
    due: date | None
    revised_due: date | None
    status: str
    rag: str | None
    percent: int
    last_update: date | None
    latest_narrative: str
    updated_at: datetime | None
    last_recorded_at: datetime | None

    @property
    def ref(self) -> str: ...

    @property
    def brag(self) -> str | None: ...

    def is_overdue(self, today: date) -> bool: ...


class UpdateShape(Protocol):
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
    recorded_at: datetime | None


class SummaryShape(Protocol):
    workstream_id: int | None  # None for the total row
    title: str
    actions: int
    by_status: Counter[str]
    by_rag: Counter[str | None]
    by_brag: Counter[str | None]
    awaiting_verification: int
    overdue: int
    due_soon: int
    needs_review: int
    slipped: int
