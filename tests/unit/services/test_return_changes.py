"""How a return's review reads: the day it was exported, written the British way."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.services.return_changes import ReturnReview


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _review(exported_at: str) -> ReturnReview:
    return ReturnReview(
        path=Path("return.xlsx"),
        return_id="R1",
        scope="workstream:1",
        scope_label="Prevention",
        for_whom="Pip Mayo",
        plan_name="Test plan",
        exported_at=exported_at,
        author="Pip Mayo",
    )


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the zone is set through time.tzset")
def test_the_export_day_is_shown_on_the_local_clock(london: None) -> None:
    # 23:30 UTC on 30 June is half past midnight on 1 July in London (summer time).
    review = _review("2019-06-30T23:30:00+00:00")
    assert review.exported_on == "1 Jul 2019"
    assert review.describe().splitlines()[0].endswith("Test plan, exported 1 Jul 2019")


def test_an_unreadable_export_time_is_shown_as_it_was_written() -> None:
    assert _review("sometime in 2019").exported_on == "sometime in 2019"
