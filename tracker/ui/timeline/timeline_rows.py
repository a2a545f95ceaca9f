"""What the timeline draws for each action: its dates and state, in plain Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tracker import domain
from tracker.services.action_rows import ActionRow


@dataclass(frozen=True)
class TimelineRow:
    action_id: int
    ref: str
    text: str
    start: date | None
    due: date | None  # the original due date
    revised_due: date | None
    status: str
    rag: str | None

    @property
    def slipped(self) -> bool:
        return domain.is_slipped(self.due, self.revised_due)

    @property
    def complete(self) -> bool:
        return domain.is_complete(self.status)

    @property
    def dates(self) -> list[date]:
        return [d for d in (self.start, self.due, self.revised_due) if d is not None]


def timeline_rows(actions: Iterable[ActionRow]) -> list[TimelineRow]:
    return [
        TimelineRow(
            a.id, a.ref, " ".join(a.text.split()), a.start, a.due, a.revised_due, a.status, a.rag
        )
        for a in actions
    ]


def date_span(rows: Iterable[TimelineRow], today: date) -> tuple[date, date]:
    """From a month before the earliest date (or today) to a month after the latest."""
    days = [d for row in rows for d in row.dates] + [today]
    return min(days) - timedelta(days=31), max(days) + timedelta(days=31)
