"""The window on a laptop's screen (1024×700) and after a session on a wide one: it stays
on the screen, every column of the tree stays in sight with Action the widest, the detail
panel keeps to its share, and the filter bar's controls never lie on top of each other."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.test_main_window import select
from tracker.ui.main_window import MainWindow
from tracker.ui.models import columns as col
from tracker.ui.screen_fit import FRAME_ALLOWANCE, fitted


def test_a_place_saved_on_a_wide_screen_is_brought_onto_a_laptop_screen() -> None:
    laptop = QRect(0, 0, 1024, 668)  # 700 less a task bar
    wide = fitted(QRect(1500, 400, 1920, 1080), QSize(1920, 1080), laptop, FRAME_ALLOWANCE)
    assert laptop.contains(wide.adjusted(0, 0, FRAME_ALLOWANCE.width(), FRAME_ALLOWANCE.height()))
    assert wide.size() == QSize(1024 - 8, 668 - 32)
    small = fitted(QRect(100, 50, 800, 500), QSize(800, 500), laptop, FRAME_ALLOWANCE)
    assert small == QRect(100, 50, 800, 500)  # already fits: left alone
    low = fitted(QRect(100, 300, 800, 500), QSize(800, 500), laptop, FRAME_ALLOWANCE)
    assert low == QRect(100, 668 - 500 - 32, 800, 500)  # moved up, not shrunk


def test_the_window_reopens_within_the_screen_after_a_wide_session(
    open_window, imported, settings, qtbot
) -> None:
    window = open_window(imported.path)
    window.resize(2400, 1500)  # a monitor far larger than this screen
    window.move(900, 700)
    window.close()
    again = open_window(imported.path)
    room = again.screen().availableGeometry()
    assert room.contains(again.frameGeometry()), (again.frameGeometry(), room)


def columns_in_view(window: MainWindow) -> dict[str, tuple[int, int]]:
    view = window.current_tab().view
    header = view.header()
    return {
        col.HEADERS[c]: (header.sectionViewportPosition(c), header.sectionSize(c))
        for c in range(col.COLUMN_COUNT)
    }


def laid_out(window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    QApplication.processEvents()
    QApplication.processEvents()


def test_at_1024_wide_every_column_is_in_sight_and_action_is_the_widest(
    main_window: MainWindow, qtbot
) -> None:
    laid_out(main_window, 1024, 700)
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.2 ii")
    view = main_window.current_tab().view
    shown = columns_in_view(main_window)
    right_edge = view.viewport().width()
    assert {name: place for name, place in shown.items() if place[0] + place[1] > right_edge} == {}
    assert not view.horizontalScrollBar().isVisible()
    action = shown["Action"][1]
    assert action == max(size for _, size in shown.values())
    assert action >= view.fontMetrics().averageCharWidth() * 20


def test_at_the_default_width_action_shows_far_more_than_twenty_characters(
    main_window: MainWindow, qtbot
) -> None:
    laid_out(main_window, 1280, 800)
    main_window.show_tab("Governance")
    view = main_window.current_tab().view
    shown = columns_in_view(main_window)
    characters = view.fontMetrics().averageCharWidth()
    assert shown["Action"][1] >= 40 * characters
    assert shown["Ref"][1] < shown["Action"][1] / 3
    assert shown["Action"][1] > 2 * shown["Lead"][1]


def test_a_column_the_person_widens_keeps_its_width(main_window: MainWindow, qtbot) -> None:
    laid_out(main_window, 1280, 800)
    main_window.show_tab("Governance")
    header = main_window.current_tab().view.header()
    header.resizeSection(col.LEAD, 180)  # as a drag of the column's edge does
    laid_out(main_window, 1200, 800)
    assert header.sectionSize(col.LEAD) == 180


def test_a_wide_detail_panel_from_another_session_gives_the_tree_its_room(
    main_window: MainWindow, settings, qtbot
) -> None:
    laid_out(main_window, 1900, 900)
    main_window.show_tab("Governance")
    page = main_window.current_tab().page
    page.splitter.setSizes([700, 1180])  # the panel dragged wide on a big monitor
    saved: QByteArray = page.splitter.saveState()
    laid_out(main_window, 1024, 700)
    page.restore_splitter(saved)
    QApplication.processEvents()
    tree, panel = page.splitter.sizes()
    narrowest_panel = page.detail.minimumWidth()
    assert panel >= narrowest_panel
    assert tree >= min(page.view.comfortable_width(), tree + panel - narrowest_panel)
    assert panel < 500
    view = page.view
    shown = columns_in_view(main_window)
    assert all(x + w <= view.viewport().width() for x, w in shown.values())


def test_a_detail_panel_widened_on_a_wide_window_stays_wide(main_window, qtbot) -> None:
    laid_out(main_window, 1900, 900)
    main_window.show_tab("Governance")
    page = main_window.current_tab().page
    page.splitter.setSizes([1000, 880])
    laid_out(main_window, 1800, 900)
    assert page.splitter.sizes()[1] == 880  # the tree still has room: the choice stands


def overlaps(widgets: list[QWidget]) -> list[tuple[str, str]]:
    found = []
    for i, first in enumerate(widgets):
        for second in widgets[i + 1 :]:
            if first.geometry().intersects(second.geometry()):
                found.append((first.objectName(), second.objectName()))
    return found


def test_the_filter_bar_wraps_rather_than_overlapping(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    bar = main_window.current_tab().page.filter_bar
    for width in (1024, 800, 1600):
        laid_out(main_window, width, 700)
        shown = [w for w in bar.findChildren(QWidget) if w.parent() is bar and w.isVisible()]
        assert len(shown) >= 9
        assert overlaps(shown) == [], width
        assert all(bar.rect().contains(w.geometry()) for w in shown), width
        assert bar.mine.geometry().left() >= bar.text.geometry().right()
    line = bar.text.geometry()  # 1600 wide: one line
    assert all(line.top() <= w.geometry().center().y() <= line.bottom() for w in shown)
