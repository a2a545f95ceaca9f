"""The View menu: a tab per entry (Ctrl+0 for the Overview, Ctrl+1… for the plan's own
workstream tabs, renamed as they are), filter, table or timeline, expand and collapse the
areas, reload from the database, show the toolbar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from tracker.ui.action_group import ActionContext, ActionGroup, built_action, main_action
from tracker.ui.formatting import label_text
from tracker.ui.main_actions import Availability, MainAction

if TYPE_CHECKING:
    from tracker.ui.tabs.workstream_tab import WorkstreamTab

TAB_KEYS = 10  # Ctrl+0 to Ctrl+9


class ViewActions(ActionGroup):
    def __init__(
        self,
        context: ActionContext,
        *,
        show_tab: Callable[[str], None],
        current_tab: Callable[[], WorkstreamTab | None],
        toolbar: QToolBar,
    ) -> None:
        self.current_tab = current_tab  # the workstream tab showing, if one is
        self.toolbar = toolbar
        super().__init__(context)
        self.show_tab = show_tab
        # Ctrl+0 to Ctrl+9, made once and all put in the menu; set_tab_names names them
        # and hides those no tab needs.
        self.all_tab_actions: list[QAction] = []
        for number in range(TAB_KEYS):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, n=number: self._show_tab_number(n))
            self.all_tab_actions.append(action)
        self._tab_names: list[str] = []
        self.set_tab_names(["Overview"])

    @property
    def tab_actions(self) -> list[QAction]:
        """The entries in use: the Overview's and one per tab of the plan in view."""
        return self.all_tab_actions[: len(self._tab_names)]

    def set_tab_names(self, names: Sequence[str]) -> None:
        """The window's tabs, Overview first: the first ten get Ctrl+0 to Ctrl+9."""
        self._tab_names = list(names[:TAB_KEYS])
        for number, action in enumerate(self.all_tab_actions):
            shown = number < len(self._tab_names)
            action.setText(label_text(self._tab_names[number]) if shown else "")
            action.setVisible(shown)
            action.setEnabled(shown)

    def _show_tab_number(self, number: int) -> None:
        if number < len(self._tab_names):
            self.show_tab(self._tab_names[number])

    @main_action(
        MainAction.FILTER,
        "&Filter…",
        shortcut=QKeySequence.StandardKey.Find,
        tip="Type to filter the current tab's actions",
    )
    def focus_filter(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.focus_filter()

    @main_action(
        MainAction.TIMELINE,
        "Table or &timeline",
        shortcut="Ctrl+T",
        tip="Show the current tab's actions on a timeline of their due dates, or as a table",
    )
    def toggle_timeline(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.toggle_timeline()

    @main_action(MainAction.EXPAND_ALL, "&Expand all areas", shortcut="Ctrl+Shift+E")
    def expand_all(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.expand_all()

    @main_action(MainAction.COLLAPSE_ALL, "&Collapse all areas", shortcut="Ctrl+Shift+C")
    def collapse_all(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.collapse_all()

    @main_action(
        MainAction.RELOAD,
        "Re&load from database",
        shortcut=QKeySequence.StandardKey.Refresh,
        tip="Read the plan again from the file",
        available=Availability.DATABASE,
    )
    def reload(self) -> None:
        self.context.reload()

    @built_action(MainAction.SHOW_TOOLBAR)
    def _show_toolbar(self) -> QAction:
        action = self.toolbar.toggleViewAction()
        action.setText("Show &toolbar")
        return action
