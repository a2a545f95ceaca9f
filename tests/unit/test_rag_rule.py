"""The calculated RAG at every threshold edge, the greener check and the roll-ups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.rag_rule import (
    COMPLETE,
    DEFAULT_RULE,
    MAJORITY,
    NO_DUE_DATE,
    WORST_OF,
    RagRule,
    calculated_rag,
    expected_percent,
    is_greener,
    roll_up,
)

TODAY = date(2027, 3, 1)


def rag(due_in: int | None, percent: int = 0, *, start_ago: int | None = None, **kw) -> str | None:
    due = TODAY + timedelta(days=due_in) if due_in is not None else None
    start = TODAY - timedelta(days=start_ago) if start_ago is not None else None
    status = kw.pop("status", "In progress")
    return calculated_rag(start, due, kw.pop("revised", None), status, percent, TODAY, **kw)[0]


@pytest.mark.parametrize(
    ("due_in", "expected"),
    [(-31, "R"), (-30, "A"), (-1, "A"), (0, "A"), (14, "A"), (15, "G")],
)
def test_lateness_edges(due_in: int, expected: str) -> None:
    # Under 80% so "due within 14 days" counts at 0 and 14 days; no start: no progress test.
    assert rag(due_in, 50) == expected


@pytest.mark.parametrize(("percent", "expected"), [(79, "A"), (80, "G")])
def test_due_soon_is_amber_only_under_the_percent(percent: int, expected: str) -> None:
    assert rag(14, percent) == expected


@pytest.mark.parametrize(
    ("percent", "expected"),
    # 100 days from start to due, 50 gone: 50% expected by now.
    [(24, "R"), (25, "A"), (40, "A"), (41, "G"), (90, "G")],
)
def test_points_behind_edges(percent: int, expected: str) -> None:
    assert rag(50, percent, start_ago=50) == expected


def test_the_revised_due_date_counts_over_the_original() -> None:
    original = TODAY - timedelta(days=60)
    assert calculated_rag(None, original, None, "In progress", 0, TODAY)[0] == "R"
    value, reason = calculated_rag(
        None, original, TODAY + timedelta(days=40), "In progress", 0, TODAY
    )
    assert value == "G"
    assert reason == "on track"


def test_reasons_name_the_rule_that_fired() -> None:
    late = calculated_rag(None, date(2027, 1, 1), None, "In progress", 0, TODAY)
    assert late == ("R", "59 days past its due 1 Jan 2027 (red after 30)")
    behind = calculated_rag(
        TODAY - timedelta(days=50), TODAY + timedelta(days=50), None, "In progress", 20, TODAY
    )
    assert behind == (
        "R",
        "30 points behind: 20% complete, 50% expected by now (red when more than 25 behind)",
    )


def test_undated_actions_get_no_rating_and_complete_ones_are_never_late() -> None:
    assert calculated_rag(None, None, None, "In progress", 0, TODAY) == (None, NO_DUE_DATE)
    assert calculated_rag(None, date(2020, 1, 1), None, "Complete", 100, TODAY) == ("G", COMPLETE)


def test_thresholds_are_the_plans_own() -> None:
    strict = RagRule(red_days_late=5)
    assert rag(-6, 50, thresholds=strict) == "R"
    assert rag(-6, 50, thresholds=DEFAULT_RULE) == "A"


def test_expected_progress_on_a_straight_line() -> None:
    assert expected_percent(date(2027, 1, 1), date(2027, 1, 11), date(2027, 1, 6)) == 50
    assert expected_percent(date(2027, 1, 1), date(2027, 1, 11), date(2026, 12, 1)) == 0
    assert expected_percent(date(2027, 1, 1), date(2027, 1, 11), date(2027, 2, 1)) == 100
    assert expected_percent(None, date(2027, 1, 11), date(2027, 2, 1)) is None


def test_rule_problems() -> None:
    assert RagRule().problems() == []
    assert RagRule(amber_points_behind=30).problems() == [
        "points behind for amber (30) must not be more than for red (25)"
    ]
    assert RagRule(roll_up="average").problems() == [
        "roll-up must be 'worst' or 'majority', not 'average'"
    ]


def test_greener() -> None:
    assert is_greener("G", "A")
    assert is_greener("A", "R")
    assert not is_greener("R", "G")
    assert not is_greener("A", "A")
    assert not is_greener(None, "R")
    assert not is_greener("G", None)


def test_roll_ups() -> None:
    assert roll_up(["G", "G", "R", None], WORST_OF) == "R"
    assert roll_up(["G", "G", "R", None], MAJORITY) == "G"
    assert roll_up(["G", "A"], MAJORITY) == "A"  # a tie goes to the more severe
    assert roll_up([None], WORST_OF) is None
