"""The timeline: zoom by keys, wheel and box; the today line where today is; a slipped
action drawn with its slip; reached from a workstream tab with Ctrl+T; printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPdfWriter, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tracker.ui.main_window import MainWindow
from tracker.ui.timeline.timeline_painting import SLIP_COLOUR, TODAY_COLOUR, ZOOMS
from tracker.ui.timeline.timeline_print import paint_timeline_pages, set_landscape_a4
from tracker.ui.timeline.timeline_rows import TimelineRow
from tracker.ui.timeline.timeline_view import ZOOM_STEP, TimelineView

from ...pdf_reading import page_count, pdf_pages_text, words
from ..answers import answer_print_preview
from ..conftest import USER

TODAY = date(2018, 7, 15)
GOING = "In progress"
ROWS = [
    TimelineRow(1, "1.1 i", "On time", date(2018, 6, 1), date(2018, 8, 31), None, GOING, "G"),
    TimelineRow(2, "1.1 ii", "Slipped", None, date(2018, 7, 31), date(2018, 10, 31), GOING, "R"),
    TimelineRow(3, "1.1 iii", "Done", None, date(2018, 7, 1), None, "Complete", "G"),
]


@pytest.fixture
def view(qtbot: QtBot) -> TimelineView:
    widget = TimelineView(TODAY)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_rows(ROWS, TODAY)
    widget.set_zoom(ZOOMS[1][1])  # months: the rows' dates all in view
    widget.centre_on(date(2018, 8, 31))
    return widget


def _picture(view: TimelineView) -> QImage:
    return view.viewport().grab().toImage()


def _colour(image: QImage, x: float, y: float) -> str:
    return image.pixelColor(int(x), int(y)).name()


def test_plus_and_minus_zoom(view: TimelineView) -> None:
    view.setFocus()
    start = view.px_per_day
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.px_per_day == pytest.approx(start * ZOOM_STEP)
    QTest.keyClick(view, Qt.Key.Key_Minus)
    QTest.keyClick(view, Qt.Key.Key_Minus)
    assert view.px_per_day == pytest.approx(start / ZOOM_STEP)
    # Years apart: the same two dates draw closer together as the scale shrinks.
    gap = view.x_for(date(2019, 7, 15)) - view.x_for(TODAY)
    assert gap == pytest.approx(365 * start / ZOOM_STEP)


def test_ctrl_wheel_zooms_about_the_mouse_and_a_plain_wheel_does_not(view: TimelineView) -> None:
    start = view.px_per_day
    x = view.x_for(date(2018, 9, 1))
    under = view.scale.date_at(
        x - view.layout_sizes.label_width + view.horizontalScrollBar().value()
    )

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        position = QPointF(x, 100)
        event = QWheelEvent(position, view.viewport().mapToGlobal(position), QPoint(0, 0),
                            QPoint(0, 120), Qt.MouseButton.NoButton, modifiers,
                            Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
        QApplication.sendEvent(view.viewport(), event)

    wheel(Qt.KeyboardModifier.NoModifier)
    assert view.px_per_day == start
    wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.px_per_day == pytest.approx(start * ZOOM_STEP)
    assert abs(view.x_for(under) - x) <= view.px_per_day  # the date under the mouse stays


def test_today_line_at_todays_x(view: TimelineView) -> None:
    image = _picture(view)
    x = view.x_for(TODAY)
    assert view.layout_sizes.label_width < x < view.viewport().width()
    below_rows = view.row_middle(len(ROWS) + 1)
    assert _colour(image, x, below_rows) == QColor(TODAY_COLOUR).name()
    assert _colour(image, x + 15, below_rows) != QColor(TODAY_COLOUR).name()
    view.set_zoom(ZOOMS[0][1])  # weeks: the line moves with the scale, still on today
    view.centre_on(TODAY)
    image = _picture(view)
    assert _colour(image, view.x_for(TODAY), below_rows) == QColor(TODAY_COLOUR).name()


def test_a_slipped_action_is_drawn_with_its_slip(view: TimelineView) -> None:
    image = _picture(view)
    slip = QColor(SLIP_COLOUR).name()
    middle = (view.x_for(date(2018, 7, 31)) + view.x_for(date(2018, 10, 31))) / 2
    assert _colour(image, middle, view.row_middle(1)) == slip  # 1.1 ii: moved by 3 months
    assert _colour(image, middle, view.row_middle(0)) != slip  # 1.1 i: on time
    before = view.x_for(date(2018, 7, 20))  # before its original due date: no slip
    assert _colour(image, before, view.row_middle(1)) != slip


def test_the_zoom_box_from_weeks_to_years(qtbot: QtBot) -> None:
    from tracker.ui.timeline.timeline_panel import TimelinePanel

    panel = TimelinePanel("Governance", lambda: TODAY, lambda: "Pip Mayo")
    qtbot.addWidget(panel)
    panel.show()
    panel.zoom.setFocus()
    qtbot.waitUntil(panel.zoom.hasFocus)
    QTest.keyClick(panel.zoom, Qt.Key.Key_Home)
    assert (panel.zoom.currentText(), panel.view.px_per_day) == ("Weeks", ZOOMS[0][1])
    QTest.keyClick(panel.zoom, Qt.Key.Key_End)
    assert (panel.zoom.currentText(), panel.view.px_per_day) == ("Years", ZOOMS[-1][1])
    # The keys on the view keep the box in step.
    for _ in range(6):
        QTest.keyClick(panel.view, Qt.Key.Key_Plus)
    assert panel.zoom.currentText() != "Years"


def test_printed_to_pdf(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "timeline.pdf"
    writer = QPdfWriter(str(out))
    set_landscape_a4(writer)
    many = [
        TimelineRow(n, f"9.{n}", f"Action {n}", None, date(2018, 9, 1), None, "Not started", None)
        for n in range(1, 61)
    ]
    pages = paint_timeline_pages(writer, many, TODAY, "Governance: timeline")
    del writer  # finishes the file
    assert pages == page_count(out) >= 2
    text = [words(p) for p in pdf_pages_text(out)]
    assert all(p.startswith("Governance: timeline") for p in text)
    assert "9.1 Action 1" in text[0] and "9.60 Action 60" in text[-1]
    assert f"Page {pages} of {pages}" in text[-1]


def test_ctrl_t_swaps_a_tab_to_its_timeline_and_back(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = main_window
    window.show_tab("Governance")
    tab = window.workstream_tabs["Governance"]
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert tab.timeline_shown and tab.timeline is not None
    timeline = tab.timeline
    assert len(timeline.view.rows) == 15
    assert timeline.view.rows[0].ref == "1.1 i"
    # My actions only: those the user leads.
    mine = [r.ref for r in timeline.view.rows if USER in window.state.actions[r.action_id].leads]
    assert 0 < len(mine) < 15
    QTest.keyClick(timeline.mine, Qt.Key.Key_Space)
    assert timeline.mine.isChecked() and [r.ref for r in timeline.view.rows] == mine
    QTest.keyClick(timeline.mine, Qt.Key.Key_Space)
    # Print, through the preview.
    out = tmp_path / "printed.pdf"
    answer_print_preview(monkeypatch, out)
    QTest.mouseClick(timeline.print_button, Qt.MouseButton.LeftButton)
    assert page_count(out) >= 1
    assert "Governance and Leadership: timeline as at 15 July 2018" in words(pdf_pages_text(out)[0])
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not tab.timeline_shown
    assert tab.ensure_page().isVisible()
