"""The direction-of-travel rules, on positions alone."""

from __future__ import annotations

from datetime import date

from tracker.travel import (
    Position,
    Travel,
    completed_since,
    in_look_ahead,
    movement,
    new_exception,
    overall,
    slipped_since,
    trend_key,
)


def _at(
    status: str = "In progress",
    rag: str | None = "A",
    *,
    overdue: bool = False,
    due: date | None = date(2019, 3, 31),
    revised: date | None = None,
) -> Position:
    return Position(status, rag, 50, due, revised, overdue)


def test_movement_worst_news_first() -> None:
    assert movement(None, _at()).travel is Travel.NEW
    assert movement(_at(), _at()).travel is Travel.UNCHANGED
    assert movement(_at(rag="A"), _at(rag="G")).travel is Travel.BETTER
    assert movement(_at(rag="G"), _at(rag="R")).reasons == ("RAG G to R",)
    done = movement(_at(), _at("Complete"))
    assert (done.travel, done.reasons) == (Travel.BETTER, ("completed",))
    mixed = movement(_at(rag="R"), _at(rag="A", overdue=True))
    assert (mixed.travel, mixed.reasons) == (Travel.WORSE, ("newly overdue", "RAG R to A"))
    assert movement(_at("Not started", None), _at("On hold", None)).travel is Travel.WORSE
    assert movement(_at("Not started", None), _at("In progress", None)).travel is Travel.BETTER
    assert movement(_at("Complete"), _at()).reasons == ("reopened",)
    assert movement(_at(rag=None), _at(rag="R")).reasons == ("rated red",)


def test_overall_weighs_better_against_worse() -> None:
    assert overall([Travel.BETTER, Travel.BETTER, Travel.WORSE]) is Travel.BETTER
    assert overall([Travel.WORSE, Travel.UNCHANGED]) is Travel.WORSE
    assert overall([Travel.BETTER, Travel.WORSE]) is Travel.UNCHANGED
    assert overall([Travel.NEW]) is Travel.NEW
    assert overall([]) is Travel.NEW


def test_the_lists_the_board_sees() -> None:
    assert completed_since(_at(), _at("Complete"))
    assert not completed_since(_at("Complete"), _at("Complete"))
    assert new_exception(_at(), _at(overdue=True))
    assert not new_exception(_at(rag="R"), _at(rag="R", overdue=True))
    assert slipped_since(_at(), _at(revised=date(2019, 6, 30)))
    assert not slipped_since(_at(revised=date(2019, 6, 30)), _at(revised=date(2019, 6, 30)))
    assert not slipped_since(None, _at(revised=date(2019, 6, 30)))
    assert in_look_ahead(_at(), date(2018, 12, 31))  # 90 days ahead: in
    assert not in_look_ahead(_at(), date(2018, 12, 30))  # 91 days: not yet
    assert not in_look_ahead(_at("Complete"), date(2019, 3, 1))
    assert trend_key("Complete", "R") == "Complete"
    assert (trend_key("In progress", "R"), trend_key("In progress", None)) == ("R", "None")
