"""The window's main actions by name: each is declared once, in the action group that
handles it (see :mod:`tracker.ui.action_group`), and placed in the menus and the toolbar
by :mod:`tracker.ui.menus`."""

from __future__ import annotations

from enum import Enum, auto


class MainAction(Enum):
    # File
    NEW_DATABASE = auto()
    OPEN_DATABASE = auto()
    OPEN_RECENT = auto()
    CONNECT_TEAM_DATABASE = auto()
    IMPORT_PLAN = auto()
    IMPORT_RETURNS = auto()
    RESTORE_BACKUP = auto()
    EXPORT_BOARD_REPORT = auto()
    EXPORT_RETURNS = auto()
    PRINT_PREVIEW_REPORT = auto()
    CHECKOUT_TEAM = auto()
    SYNC_TEAM = auto()
    QUIT = auto()
    # Edit
    UNDO = auto()
    REDO = auto()
    ADD_UPDATE = auto()
    MARK_REVIEWED = auto()
    PREFERENCES = auto()
    # View
    FILTER = auto()
    EXPAND_ALL = auto()
    COLLAPSE_ALL = auto()
    RELOAD = auto()
    SHOW_RETURNS = auto()
    SHOW_TOOLBAR = auto()
    TIMELINE = auto()
    # Plan
    CHOOSE_PLAN = auto()
    SHOW_ARCHIVED_PLANS = auto()
    RENAME_PLAN = auto()
    ARCHIVE_PLAN = auto()
    DELETE_PLAN = auto()
    WORKSTREAMS = auto()
    IMPORT_REVISED_PLAN = auto()
    RAG_RULE = auto()
    CLOSE_PERIOD = auto()
    COVERAGE = auto()
    # Help
    USER_GUIDE = auto()
    LICENCES = auto()
    ABOUT = auto()


class Availability(Enum):
    """When an action can be chosen; the window enables and disables it accordingly."""

    ALWAYS = auto()
    IDLE = auto()  # not while the window is busy opening or reading a database
    DATABASE = auto()  # only with a database open and the window not busy
