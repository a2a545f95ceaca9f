"""What counts as an exception, in what order, and how late reads in words."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.db import Database
from tracker.services.action_rows import ActionRow
from tracker.services.exceptions import (
    ExceptionKind,
    count_by_kind,
    exception_for,
    list_exceptions,
    time_between,
)
from tracker.services.overview import action_in_figure
from tracker.services.plan_snapshot import load_snapshot

TODAY = date(2019, 3, 12)


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (date(2019, 3, 11), TODAY, "1 day"),
        (date(2019, 3, 6), TODAY, "6 days"),
        (date(2019, 3, 5), TODAY, "1 week"),
        (date(2019, 2, 19), TODAY, "3 weeks"),
        (date(2019, 1, 13), TODAY, "8 weeks"),  # not yet two whole months
        (date(2019, 1, 12), TODAY, "2 months"),
        (date(2018, 7, 1), TODAY, "8 months"),
        (date(2018, 3, 12), TODAY, "1 year"),
        (date(2016, 10, 1), TODAY, "2 years 5 months"),
        (date(2017, 2, 12), TODAY, "2 years 1 month"),
        (date(2018, 1, 31), date(2018, 2, 28), "4 weeks"),
        (date(2018, 11, 30), date(2019, 2, 28), "3 months"),  # to the end of February
        (date(2010, 6, 30), date(2018, 12, 31), "8 years 6 months"),
    ],
)
def test_how_late_reads_as_people_say_it(start: date, end: date, said: str) -> None:
    assert time_between(start, end) == said


def _row(**changes: object) -> ActionRow:
    values: dict[str, object] = {
        "id": 1,
        "area_id": 1,
        "workstream_id": 1,
        "area_ref": "1.1",
        "label": "i.",
        "text": "An action",
        "leads": ("Pip Mayo",),
        "deadline_text": "",
        "lead_text": "Pip Mayo",
        "start": None,
        "due": date(2030, 1, 31),
        "revised_due": None,
        "status": "In progress",
        "rag": None,
        "percent": 0,
        "needs_review": False,
        "review_reason": None,
        "last_update": None,
        "latest_narrative": "",
        "position": 0,
    }
    values.update(changes)
    return ActionRow(**values)  # type: ignore[arg-type]


def test_each_kind_and_every_reason() -> None:
    assert exception_for(_row(), TODAY) is None
    red = exception_for(_row(rag="R", due=date(2018, 7, 1)), TODAY)
    assert red is not None
    assert red.kinds == (ExceptionKind.RED, ExceptionKind.OVERDUE)
    assert red.reasons() == ["Red", "overdue by 8 months"]
    slipped = exception_for(_row(due=date(2019, 1, 31), revised_due=date(2019, 5, 31)), TODAY)
    assert slipped is not None and slipped.reasons() == ["Slipped 4 months"]
    undated = exception_for(_row(due=None, deadline_text="TBC"), TODAY)
    assert undated is not None and undated.reasons() == ["No due date"]
    # Complete: neither overdue nor undated any more.
    assert exception_for(_row(due=None, status="Complete"), TODAY) is None
    assert exception_for(_row(due=date(2018, 7, 1), status="Complete"), TODAY) is None


def test_most_severe_first_then_the_plans_order() -> None:
    rows = [
        _row(id=1, due=None),  # undated
        _row(id=2, due=date(2019, 1, 31), revised_due=date(2019, 5, 31)),  # slipped 4 months
        _row(id=3, due=date(2019, 2, 19)),  # overdue 3 weeks
        _row(id=4, due=date(2016, 10, 1)),  # overdue 2 years 5 months
        _row(id=5, rag="R"),  # red, not late
        _row(id=6, due=date(2018, 11, 30), revised_due=date(2019, 12, 31)),  # slipped a year
        _row(id=7, due=None),  # undated, after 1
        _row(id=8, rag="R", due=date(2018, 7, 1)),  # red and overdue: before the other red
        _row(id=9),  # nothing wrong
    ]
    listed = list_exceptions(rows, TODAY)
    assert [x.action.id for x in listed] == [8, 5, 4, 3, 6, 2, 1, 7]
    assert count_by_kind(listed) == {
        ExceptionKind.RED: 2,
        ExceptionKind.OVERDUE: 2,
        ExceptionKind.SLIPPED: 2,
        ExceptionKind.UNDATED: 2,
    }


def test_overdue_is_the_overviews_rule(imported: Database) -> None:
    snapshot = load_snapshot(imported)
    for today in (date(2018, 7, 15), date(2019, 6, 1), date(2026, 11, 30)):
        for row in snapshot.actions:
            found = exception_for(row, today)
            overdue = found is not None and ExceptionKind.OVERDUE in found.kinds
            assert overdue == action_in_figure(row, "overdue", today)
            slipped = found is not None and ExceptionKind.SLIPPED in found.kinds
            assert slipped == action_in_figure(row, "slipped", today)
