"""The content of one workstream's tab: filter bar, tree of areas and actions, and the
detail panel beside it.

It builds its model from the window's in-memory plan (no database query) when it is first
activated, and again after the plan is reloaded. The model filters over text prepared at
load time; typing is debounced only when this tab filters slowly enough to be felt. When
more actions are shown than ``AUTO_EXPAND_LIMIT``, areas start collapsed, so a huge
plan's tab still opens at once (the tree view lays out every expanded row, at Python
speed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from tracker.ui.models.action_filter import FilterState, build_matcher
from tracker.ui.models.action_tree_model import ITEM_ROLE, KIND_ROLE, ActionTreeModel
from tracker.ui.models.tree_nodes import ACTION, AREA, Node, build_tab_tree
from tracker.ui.panels.detail_panel import DetailPanel
from tracker.ui.tabs.action_tree_view import ActionTreeView
from tracker.ui.widgets.filter_bar import TEXT_DEBOUNCE_MS, FilterBar
from tracker.wording import count_noun, count_text

if TYPE_CHECKING:
    from tracker.ui.editing import EditController
    from tracker.ui.plan_state import PlanState

AUTO_EXPAND_LIMIT = 1500
SLOW_FILTER_S = 0.025
DETAIL_WIDTH = 360
DETAIL_MINIMUM = 310


class DetailSplitter(QSplitter):
    """The tree beside the detail panel. The panel gives way when the tree would be too
    narrow for its columns, so a panel dragged wide on a big screen (or the default
    width) does not squeeze the tree on a laptop; otherwise it keeps the width chosen."""

    def __init__(self, tree: ActionTreeView, detail: QWidget, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("detailSplitter")
        self.addWidget(tree)
        self.addWidget(detail)
        self.tree = tree

    def clamp_detail(self) -> None:
        sizes = self.sizes()
        total = sum(sizes)
        if len(sizes) != 2 or total <= 0:
            return
        most = max(self.widget(1).minimumWidth(), total - self.tree.comfortable_width())
        if sizes[1] > most:
            self.setSizes([total - most, most])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.clamp_detail()


class WorkstreamPage(QWidget):
    """What a workstream tab shows (Governance, ..., Enablers)."""

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
        self.state = state
        self._today = today
        self._user_name = user_name
        self.setObjectName(f"page:{tab}")
        self.model: ActionTreeModel | None = None
        self._built = False
        self._stale = True
        self._controller: EditController | None = None
        # Areas the person opened in a big tab, or closed in a small one, by node id.
        self._expanded_by_user: dict[int, Node] = {}
        self._collapsed_by_user: set[int] = set()
        self._auto_expanding = False
        self.count_text = ""

        self.filter_bar = FilterBar(self)
        # Tab reaches "My actions" where it is shown, beside the filter text.
        QWidget.setTabOrder(self.filter_bar.text, self.filter_bar.mine)
        self.view = ActionTreeView(self)
        self.detail = DetailPanel(state, self)
        self.detail.set_clock(today)
        self.splitter = DetailSplitter(self.view, self.detail, self)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.view.setMinimumWidth(self.view.minimum_width() // 2)
        self.detail.setMinimumWidth(DETAIL_MINIMUM)
        self.splitter.setSizes([860, DETAIL_WIDTH])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self.filter_bar.changed.connect(self._filter_changed)
        self.view.openDetail.connect(lambda _i: self.detail.focus_first_field())
        self.view.expanded.connect(lambda i: self._user_toggled(i, True))
        self.view.collapsed.connect(lambda i: self._user_toggled(i, False))
        self.detail.addUpdateRequested.connect(self.addUpdateRequested)
        self.splitter.splitterMoved.connect(
            lambda _pos, _index: self.splitterMoved.emit(self.splitter.saveState())
        )
        state.reloaded.connect(self._reloaded)
        state.actionChanged.connect(self._action_changed)
        state.areaChanged.connect(self._area_changed)

    # Building ------------------------------------------------------------------------
    def activate(self) -> None:
        """Called when the tab is shown: build (or rebuild) the model if needed."""
        if self._stale and self.state.loaded:
            self._build()

    def _build(self) -> None:
        self._stale = False
        root, actions, areas = build_tab_tree(self.state, self.tab)
        old_model, old_selection = self.model, self.view.selectionModel()
        self.model = ActionTreeModel(
            root, actions, areas, self._today, self, rule=self.state.rag_rule
        )
        self._expanded_by_user.clear()
        self._collapsed_by_user.clear()
        self.view.setModel(self.model)  # sorts it by the header's current column
        for old in (old_model, old_selection):
            if old is not None:
                old.deleteLater()
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filter_bar.set_people(self._people(actions.values()))
        self._apply(self.filter_bar.state(), measure=False)
        self.detail.show_nothing()
        self._built = True

    @staticmethod
    def _people(nodes: Iterable[Node]) -> list[str]:
        names: dict[str, str] = {}
        for node in nodes:
            for name in node.item.leads:
                names.setdefault(name.casefold(), name)
        return sorted(names.values(), key=str.casefold)

    def _reloaded(self) -> None:
        self._stale = True
        if self.isVisible():
            self._build()

    @property
    def is_built(self) -> bool:
        return self._built and not self._stale

    def set_controller(self, controller: EditController | None) -> None:
        self._controller = controller
        self.detail.set_controller(controller)

    def restore_splitter(self, state: QByteArray | None) -> None:
        if state is not None:
            self.splitter.restoreState(state)
            self.splitter.clamp_detail()

    # Filtering -----------------------------------------------------------------------
    def _filter_changed(self, state: FilterState) -> None:
        if self.model is not None:
            self._apply(state)

    def refilter(self) -> None:
        """Apply the current filter again (the user's name or the date changed)."""
        if self.model is not None:
            self._apply(self.filter_bar.state())

    def _apply(self, state: FilterState, *, measure: bool = True) -> None:
        assert self.model is not None
        started = time.perf_counter()
        current = self._current_node()
        self.model.set_matcher(build_matcher(state, self._today(), self._user_name()))
        self._expand()
        if current is not None:
            index = self.model.node_index(current)
            if index.isValid():
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
            else:
                self.detail.show_nothing()
        total = self.model.action_count
        shown = self.model.shown_actions
        message = (
            f"{self.tab}: {count_noun(total, 'action')}"
            if state.is_empty
            else f"{self.tab}: showing {count_text(shown)} of {count_noun(total, 'action')}"
        )
        self.count_text = message
        self.countChanged.emit(message)
        # Debounce typing only when filtering this tab is slow enough to be felt.
        if measure:
            slow = time.perf_counter() - started > SLOW_FILTER_S
            self.filter_bar.set_debounce(TEXT_DEBOUNCE_MS if slow else 0)

    def _expand(self) -> None:
        """Open areas as the size allows: all of them when few actions are shown."""
        assert self.model is not None
        model = self.model
        self._auto_expanding = True
        try:
            groups = model.group_indexes()
            for index in groups:  # workstream groups: always open, title across the row
                self.view.setExpanded(index, True)
                self.view.setFirstColumnSpanned(index.row(), QModelIndex(), True)
            if model.shown_actions <= AUTO_EXPAND_LIMIT:
                closed = self._collapsed_by_user
                for index in model.branch_indexes():
                    if id(index.internalPointer()) not in closed:
                        self.view.setExpanded(index, True)
            else:
                for node in self._expanded_by_user.values():
                    index = model.node_index(node)
                    if index.isValid():
                        self.view.setExpanded(index, True)
        finally:
            self._auto_expanding = False

    def _user_toggled(self, index: QModelIndex, expanded: bool) -> None:
        if self._auto_expanding or not index.isValid():
            return
        node = index.internalPointer()
        if node.kind != AREA:
            return
        key = id(node)
        if expanded:
            self._expanded_by_user[key] = node
            self._collapsed_by_user.discard(key)
        else:
            self._collapsed_by_user.add(key)
            self._expanded_by_user.pop(key, None)

    def show_figure(self, figure: str, workstream_id: int | None) -> None:
        """Show the actions behind an Overview figure (other filters cleared)."""
        workstream = self.state.workstream(workstream_id) if workstream_id else None
        several = workstream is not None and len(self.state.workstreams_for_tab(self.tab)) > 1
        if workstream is not None and several:
            self.filter_bar.show_figure(figure, workstream.id, workstream.title)
        else:  # the tab is that workstream: nothing to narrow
            self.filter_bar.show_figure(figure, None, "")

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    def expand_all(self) -> None:
        self.view.expandAll()

    def collapse_all(self) -> None:
        self.view.collapseAll()
        if self.model is not None:
            for index in self.model.group_indexes():
                self.view.setExpanded(index, True)

    # Selection -----------------------------------------------------------------------
    def _current_node(self) -> Node | None:
        index = self.view.currentIndex()
        return index.internalPointer() if index.isValid() else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _show_current(self) -> None:
        indexes = self.view.selectionModel().selectedRows()
        if not indexes:
            self.detail.show_nothing()
            return
        index = indexes[0]
        kind = index.data(KIND_ROLE)
        if kind == ACTION:
            self.detail.show_action(index.data(ITEM_ROLE))
        elif kind == AREA:
            node = index.internalPointer()
            self.detail.show_area(index.data(ITEM_ROLE), len(node.children))
        else:
            self.detail.show_nothing()

    def selected_action_id(self) -> int | None:
        return self.detail.action_id

    def select_action(self, action_id: int) -> bool:
        """Select an action's row (clearing the filter if it hides the action)."""
        self.activate()
        if self.model is None:
            return False
        index = self.model.action_index(action_id)
        if not index.isValid():
            self.filter_bar.clear()
            index = self.model.action_index(action_id)
        if not index.isValid():
            return False
        self.view.setExpanded(index.parent(), True)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    # Rows changing -------------------------------------------------------------------
    def _action_changed(self, action_id: int) -> None:
        if self.model is not None and not self._stale:
            self.model.replace_action(
                self.state.actions[action_id], self.state.action_search[action_id]
            )

    def _area_changed(self, area_id: int) -> None:
        if self.model is not None and not self._stale:
            self.model.replace_area(self.state.areas[area_id], self.state.area_search[area_id])
