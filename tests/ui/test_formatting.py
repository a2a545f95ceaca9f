"""Dates the British way, ratings in words, cells on one line."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.ui.formatting import first_line, format_date, format_local_time, rag_label


def test_dates_read_the_british_way() -> None:
    assert format_date(date(2018, 6, 30)) == "30 Jun 2018"
    assert format_date(date(2019, 3, 1)) == "1 Mar 2019"
    assert format_date(None) == ""


def test_local_time_today_and_another_day() -> None:
    moment = datetime(2018, 6, 30, 13, 5, 9, tzinfo=UTC)
    local = moment.astimezone()
    assert format_local_time(moment, local.date()) == local.strftime("%H:%M:%S")
    assert format_local_time(moment, date(2020, 1, 1)).endswith(local.strftime("%H:%M"))
    assert format_local_time(None) == ""


def test_rag_labels_and_one_line_cells() -> None:
    assert [rag_label(r) for r in ("R", "A", "G", None)] == ["Red", "Amber", "Green", "Not rated"]
    assert first_line("a\n  b\tc") == "a b c"
    assert first_line("x" * 300, 10) == "x" * 9 + "…"
