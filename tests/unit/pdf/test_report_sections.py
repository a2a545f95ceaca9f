"""The highlight report's sections and headline figures, from data made up here."""

from __future__ import annotations

from collections import Counter
from datetime import date

from tracker.charts.trend import PeriodTrendData, previous_period
from tracker.pdf.report_sections import completed, headlines, look_ahead, slipped, trend_key
from tracker.services.action_rows import ActionRow

from .report_data import AS_AT, report_data, row


def test_look_ahead_is_due_within_90_days_by_the_revised_date_and_not_complete() -> None:
    rows = [
        row(1, due=date(2018, 10, 1)),  # in
        row(2, due=date(2018, 12, 29)),  # the 90th day: in
        row(3, due=date(2018, 12, 30)),  # the 91st: out
        row(4, due=date(2018, 11, 1), status="Complete"),  # complete: out
        row(5, due=date(2018, 9, 1), revised=date(2018, 11, 15)),  # revised into it: in
        row(6, due=date(2018, 10, 5), revised=date(2019, 3, 1)),  # revised out of it
        row(7, due=date(2018, 9, 29)),  # overdue: not ahead
        row(8),  # no date
    ]
    assert [r.id for r in look_ahead(rows, AS_AT)] == [1, 5, 2]


def test_completed_and_slipped() -> None:
    rows = [
        row(1, status="Complete", last_update=date(2018, 8, 1)),
        row(2, status="Complete", last_update=date(2018, 9, 1)),
        row(3, due=date(2018, 9, 1), revised=date(2018, 10, 1)),
        row(4, due=date(2018, 9, 1), revised=date(2019, 1, 1)),
        row(5, due=date(2018, 9, 1), revised=date(2018, 8, 1)),  # brought forward
    ]
    assert [r.id for r in completed(rows)] == [2, 1]
    assert [r.id for r in slipped(rows)] == [4, 3]


def test_headlines_compare_with_the_last_period_closed_before_the_report() -> None:
    actions = [
        row(1, rag="R"),
        row(2, rag="R"),
        row(3, rag="A"),
        row(4, rag="G", status="Complete"),
        row(5, rag="G"),
        row(6),
    ]
    trend = [
        PeriodTrendData(1, "June board", date(2018, 6, 30), {"Gov": {"R": 5, "G": 0}}),
        PeriodTrendData(2, "Sept board", date(2018, 9, 29),
                        {"Gov": {"R": 1, "A": 1}, "Prev": {"G": 3, "Complete": 0}}),
        PeriodTrendData(3, "After", date(2018, 10, 31), {"Gov": {"R": 9}}),
    ]  # fmt: skip
    figures, before = headlines(report_data(actions), trend)
    assert before is not None and before.label == "Sept board"
    by_label = {f.label: f for f in figures}
    assert (by_label["Red"].value, by_label["Red"].previous) == (2, 1)
    assert by_label["Red"].better is False  # more red is worse
    assert (by_label["Green"].value, by_label["Green"].previous, by_label["Green"].better) == (
        1,
        3,
        False,
    )
    assert (by_label["Amber"].change, by_label["Amber"].better) == (0, None)
    assert (by_label["Complete"].change, by_label["Complete"].better) == (1, True)
    assert by_label["Actions"].change is None


def test_no_trend_no_arrows() -> None:
    figures, before = headlines(report_data([row(1, rag="R")]), [])
    assert before is None
    assert all(f.change is None for f in figures)


def test_previous_period_ignores_periods_on_or_after_the_day() -> None:
    same_day = PeriodTrendData(1, "Today", AS_AT, {})
    assert previous_period([same_day], AS_AT) is None


def test_trend_key_counts_complete_apart_from_its_rag() -> None:
    rows: list[ActionRow] = [row(1, rag="G", status="Complete"), row(2, rag="A"), row(3)]
    assert Counter(trend_key(r) for r in rows) == Counter({"Complete": 1, "A": 1, "None": 1})
