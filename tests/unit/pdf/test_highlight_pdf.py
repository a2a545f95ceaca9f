"""The highlight report PDF written from data made up here, read back as text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tracker.charts.trend import PeriodTrendData
from tracker.pdf.highlight_report import write_highlight_report

from ...pdf_reading import page_count, pdf_pages_text, words
from .report_data import report_data, row

TREND = [
    PeriodTrendData(1, "June board", date(2018, 6, 30), {"Governance and Leadership": {"R": 3}}),
    PeriodTrendData(2, "Sept board", date(2018, 9, 1), {"Governance and Leadership": {"R": 1}}),
]


def test_first_page_then_the_lists(qapp: QApplication, tmp_path: Path) -> None:
    actions = [
        row(1, due=date(2018, 8, 31), rag="R"),  # overdue, red
        row(2, due=date(2018, 9, 1), revised=date(2018, 11, 30), rag="A"),  # slipped, ahead
        row(3, status="Complete", rag="G", last_update=date(2018, 9, 20), due=date(2018, 9, 20)),
        row(4, due=date(2018, 12, 1), rag="G", workstream_id=2),  # ahead
    ]
    out = tmp_path / "highlight.pdf"
    pages = write_highlight_report(
        out, report_data(actions), key_messages="The board is asked to agree the recovery.",
        trend=TREND,
    )  # fmt: skip
    assert pages == 2 == page_count(out)
    first, second = (words(p) for p in pdf_pages_text(out))
    assert "Test plan: highlight report" in first
    assert "As at 30 September 2018 · Draft" in first
    assert "Key messages The board is asked to agree the recovery." in first
    # Red: 1 now (action 1; action 2 is amber), 1 at the Sept board: no change.
    assert "no change since Sept board" in first
    assert "RAG by workstream" in first and "Governance and Leadership" in first
    assert "Trend across reporting periods" in first and "June board" in first
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    exceptions = second[second.index("Exceptions") : second.index("Completed")]
    assert "1.1 1" in exceptions and "1.1 2" in exceptions and "2.1 4" not in exceptions
    assert "1 action complete." in second and "1.1 3" in second
    assert "1 action with a revised due date later than the original." in second
    ahead = second[second.index("Look-ahead") :]
    assert "2 actions due in the 90 days after 30 September 2018" in ahead
    assert ahead.index("1.1 2") < ahead.index("2.1 4")  # soonest first


def test_without_trend_or_messages(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    pages = write_highlight_report(out, report_data([row(1, due=date(2018, 10, 2))]))
    assert pages == page_count(out) == 2
    first = words(pdf_pages_text(out)[0])
    assert "No key messages have been written for this period." in first
    assert "since" not in first  # no previous period: no arrows
    assert "Trend across reporting periods" not in first


def test_many_exceptions_flow_onto_more_pages(qapp: QApplication, tmp_path: Path) -> None:
    actions = [row(n, due=date(2018, 6, 1), rag="R") for n in range(1, 121)]
    out = tmp_path / "long.pdf"
    pages = write_highlight_report(out, report_data(actions))
    assert pages == page_count(out) > 3
    text = pdf_pages_text(out)
    assert len(text) == pages
    assert f"Page {pages} of {pages}" in words(text[-1])
    listed = " ".join(words(p) for p in text[1:])
    assert all(f"1.1 {n} " in listed for n in range(1, 121))
