"""A workstream's tab as the window holds it: a light shell around its page.

The shell costs nothing at start-up; its :class:`~tracker.ui.tabs.workstream_page.
WorkstreamPage` (filter bar, tree, detail panel and the modules behind them) is built the
first time the tab is shown or warmed up after loading. Everything the window asks of a
tab goes through here.

View > Table or timeline (Ctrl+T) swaps the page for the tab's timeline
(:mod:`tracker.ui.timeline`), built the first time it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedLayout, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QTreeView

    from tracker.ui.editing import EditController
    from tracker.ui.plan_state import PlanState
    from tracker.ui.tabs.workstream_page import WorkstreamPage
    from tracker.ui.timeline.timeline_panel import TimelinePanel


class WorkstreamTab(QWidget):
    countChanged = Signal(str)
    addUpdateRequested = Signal(int)
    splitterMoved = Signal(QByteArray)

    def __init__(
        self,
        tab: str,
        state: PlanState,
        today: Callable[[], date],
        user_name: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tab = tab
        self.setObjectName(f"tab:{tab}")
        self.setAccessibleName(f"{tab} workstream")
        self._state = state
        self._today = today
        self._user_name = user_name
        self._controller: EditController | None = None
        self._splitter: QByteArray | None = None
        self.page: WorkstreamPage | None = None
        self.timeline: TimelinePanel | None = None
        # The tab says "Personalisation"; the page names the workstream in full.
        self.title = QLabel(self)
        self.title.setObjectName("workstreamTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.title.setContentsMargins(6, 6, 6, 0)
        self.title.hide()
        self.placeholder = QLabel("Loading…", self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pages = QWidget(self)
        self._layout = QStackedLayout(pages)
        self._layout.addWidget(self.placeholder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.title)
        outer.addWidget(pages, 1)
        state.reloaded.connect(self._show_title)
        state.changed.connect(self._refresh_timeline)
        if state.loaded:  # a tab made for a plan already shown (a renamed workstream)
            self._show_title()

    def _show_title(self) -> None:
        """The full names of the workstreams this tab shows, once each, in plan order."""
        titles = dict.fromkeys(w.title for w in self._state.workstreams_for_tab(self.tab))
        text = ", ".join(t for t in titles if t)
        self.title.setText(text)
        self.title.setVisible(bool(text))
        self.setAccessibleName(f"{text or self.tab} workstream")

    def ensure_page(self) -> WorkstreamPage:
        if self.page is None:
            from tracker.ui.tabs.workstream_page import WorkstreamPage

            page = WorkstreamPage(self.tab, self._state, self._today, self._user_name, self)
            page.countChanged.connect(self.countChanged)
            page.addUpdateRequested.connect(self.addUpdateRequested)
            page.splitterMoved.connect(self.splitterMoved)
            page.set_controller(self._controller)
            page.restore_splitter(self._splitter)
            self._layout.addWidget(page)
            self._layout.setCurrentWidget(page)
            self.page = page
        return self.page

    def activate(self) -> None:
        """Shown (or warmed up): build the page, and its model once the plan is loaded."""
        if self._state.loaded:
            self.ensure_page().activate()

    @property
    def is_built(self) -> bool:
        return self.page is not None and self.page.is_built

    # What the window asks of a tab ---------------------------------------------------
    @property
    def filter_edit(self) -> QLineEdit:
        return self.ensure_page().filter_bar.text

    @property
    def view(self) -> QTreeView:
        return self.ensure_page().view

    @property
    def count_text(self) -> str:
        return self.page.count_text if self.page else ""

    def set_controller(self, controller: EditController | None) -> None:
        self._controller = controller
        if self.page is not None:
            self.page.set_controller(controller)

    def restore_splitter(self, state: QByteArray | None) -> None:
        self._splitter = state
        if self.page is not None:
            self.page.restore_splitter(state)

    def splitter_state(self) -> QByteArray | None:
        return self.page.splitter.saveState() if self.page else self._splitter

    def selected_action_id(self) -> int | None:
        return self.page.selected_action_id() if self.page else None

    def select_action(self, action_id: int) -> bool:
        self.show_timeline(False)
        return self.ensure_page().select_action(action_id)

    def show_figure(self, figure: str, workstream_id: int | None) -> None:
        self.show_timeline(False)
        self.activate()
        self.ensure_page().show_figure(figure, workstream_id)

    def show_message(self, text: str) -> None:
        self.placeholder.setText(text)

    def focus_filter(self) -> None:
        self.show_timeline(False)
        self.ensure_page().focus_filter()

    def reset_filters(self) -> None:
        """Back to every action (another database was opened)."""
        if self.page is not None:
            self.page.filter_bar.clear()

    def focus_view(self) -> None:
        if self.page is not None:
            self.page.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def refilter(self) -> None:
        if self.page is not None:
            self.page.refilter()

    def expand_all(self) -> None:
        if self.page is not None:
            self.page.expand_all()

    def collapse_all(self) -> None:
        if self.page is not None:
            self.page.collapse_all()

    # The timeline --------------------------------------------------------------------
    @property
    def timeline_shown(self) -> bool:
        return self.timeline is not None and self._layout.currentWidget() is self.timeline

    def toggle_timeline(self) -> None:
        """Swap the table for the timeline, or back."""
        self.show_timeline(not self.timeline_shown)

    def show_timeline(self, shown: bool) -> None:
        if not shown:
            if self.page is not None:
                self._layout.setCurrentWidget(self.page)
                self.focus_view()
            return
        if self.timeline is None:
            from tracker.ui.timeline.timeline_panel import TimelinePanel

            self.timeline = TimelinePanel(
                self.title.text() or self.tab, self._today, self._user_name, self
            )
            self._layout.addWidget(self.timeline)
        self._layout.setCurrentWidget(self.timeline)
        self._refresh_timeline()
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_timeline(self) -> None:
        if not self.timeline_shown or self.timeline is None:
            return
        actions = [
            action
            for workstream in self._state.workstreams_for_tab(self.tab)
            for area in self._state.areas_of(workstream.id)
            for action in self._state.actions_of(area.id)
        ]
        self.timeline.title = self.title.text() or self.tab
        self.timeline.set_actions(actions)
