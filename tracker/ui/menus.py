"""Where the window's actions go: the menus and the toolbar, declared as lists.

File (databases, the imports, the exports, team databases, Quit), Edit (Undo, Redo, Add
update, Mark reviewed, Preferences), View (the tabs, filter, table or timeline, the views
of returns and coverage, reload, toolbar), Plan (show a plan, archived plans, rename,
archive, delete, workstreams, a revised plan, the RAG rule, closing a reporting period),
Help (User guide, Licences, About). Adding an entry is one declaration in its action
group and one item here. An action no group made is left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar

from tracker.ui.main_actions import MainAction as A


class Place(Enum):
    """Menu items that are not one main action."""

    SEPARATOR = auto()
    TABS = auto()  # one entry per tab, made by the View group


Entry = A | Place
SEPARATOR = Place.SEPARATOR


@dataclass(frozen=True)
class MenuSpec:
    title: str  # with its Alt+letter
    entries: tuple[Entry, ...]

    @property
    def name(self) -> str:
        return self.title.replace("&", "")


MENUS = (
    MenuSpec(
        "&File",
        (
            A.NEW_DATABASE,
            A.OPEN_DATABASE,
            A.OPEN_RECENT,
            A.CONNECT_TEAM_DATABASE,
            SEPARATOR,
            A.IMPORT_PLAN,
            A.IMPORT_RETURNS,
            A.RESTORE_BACKUP,
            SEPARATOR,
            A.EXPORT_BOARD_REPORT,
            A.EXPORT_RETURNS,
            A.PRINT_PREVIEW_REPORT,
            SEPARATOR,
            A.CHECKOUT_TEAM,
            A.SYNC_TEAM,
            SEPARATOR,
            A.QUIT,
        ),
    ),
    MenuSpec(
        "&Edit",
        (A.UNDO, A.REDO, SEPARATOR, A.ADD_UPDATE, A.MARK_REVIEWED, SEPARATOR, A.PREFERENCES),
    ),
    MenuSpec(
        "&View",
        (
            Place.TABS,
            SEPARATOR,
            A.FILTER,
            A.TIMELINE,
            A.EXPAND_ALL,
            A.COLLAPSE_ALL,
            A.RELOAD,
            SEPARATOR,
            A.SHOW_RETURNS,
            A.COVERAGE,
            SEPARATOR,
            A.SHOW_TOOLBAR,
        ),
    ),
    MenuSpec(
        "&Plan",
        (
            A.CHOOSE_PLAN,
            A.SHOW_ARCHIVED_PLANS,
            SEPARATOR,
            A.RENAME_PLAN,
            A.ARCHIVE_PLAN,
            A.DELETE_PLAN,
            SEPARATOR,
            A.WORKSTREAMS,
            A.IMPORT_REVISED_PLAN,
            A.RAG_RULE,
            SEPARATOR,
            A.CLOSE_PERIOD,
        ),
    ),
    MenuSpec("&Help", (A.USER_GUIDE, SEPARATOR, A.LICENCES, A.ABOUT)),
)
TOOLBAR = (A.UNDO, A.REDO, SEPARATOR, A.ADD_UPDATE, A.IMPORT_PLAN)


def _add_entries(
    target: QMenu | QToolBar,
    entries: Sequence[Entry],
    actions: Mapping[A, QAction],
    lists: Mapping[Place, Sequence[QAction]],
) -> None:
    for entry in entries:
        if entry is SEPARATOR:
            target.addSeparator()
        elif isinstance(entry, Place):
            for action in lists.get(entry, ()):
                target.addAction(action)
        elif entry in actions:
            target.addAction(actions[entry])


def build_menus(
    bar: QMenuBar,
    actions: Mapping[A, QAction],
    lists: Mapping[Place, Sequence[QAction]],
) -> dict[str, QMenu]:
    """Fill the menu bar from :data:`MENUS`; the menus by name ("File", "Edit"…)."""
    menus = {}
    for spec in MENUS:
        menu = bar.addMenu(spec.title)
        _add_entries(menu, spec.entries, actions, lists)
        menus[spec.name] = menu
    return menus


def fill_toolbar(toolbar: QToolBar, actions: Mapping[A, QAction]) -> None:
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    _add_entries(toolbar, TOOLBAR, actions, {})
