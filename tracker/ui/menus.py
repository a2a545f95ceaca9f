"""The window's menus and toolbar.

File (New database, Open database, Recent, Import action plan, then the import and export
sections that features add with :meth:`MainWindow.add_file_action`, Quit), Edit (Undo,
Redo, Add update, Mark reviewed, Preferences), View (the tabs, filter, expand/collapse,
reload, toolbar), Help (About). Entries for features that are not built are absent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from tracker.ui import edit_actions, file_actions

if TYPE_CHECKING:
    from tracker.ui.main_window import MainWindow

FILE_SECTIONS = ("import", "export")


class WindowActions:
    """The window's menu entries, by name (a plain class: it is built at start-up)."""

    file_menu: QMenu
    new_database: QAction
    open_database: QAction
    recent_menu: QMenu
    import_plan: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    add_update: QAction
    mark_reviewed: QAction
    preferences: QAction
    find: QAction
    expand_all: QAction
    collapse_all: QAction
    reload: QAction
    show_toolbar: QAction
    about: QAction
    toolbar: QToolBar
    tab_actions: list[QAction]
    # The separator that closes each File section; new entries go just before it.
    file_sections: dict[str, QAction]
    # Enabled only while a database is open.
    needs_database: list[QAction]

    def __init__(self, **actions: Any) -> None:
        self.__dict__.update(actions)


def _action(
    window: MainWindow, text: str, slot: object, shortcut: object = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())  # the slot takes no arguments
    return action


def _each_tab(window: MainWindow, method: str) -> None:
    """Call a method of the current workstream tab, if one is showing."""
    tab = window.current_tab()
    if tab is not None:
        getattr(tab, method)()


def build_menus(window: MainWindow) -> WindowActions:
    style = window.style()
    bar = window.menuBar()

    file_menu = bar.addMenu("&File")
    new_db = _action(
        window,
        "&New database…",
        lambda: file_actions.new_database(window),
        QKeySequence.StandardKey.New,
        "Start a new, empty tracker database",
    )
    open_db = _action(
        window,
        "&Open database…",
        lambda: file_actions.open_database(window),
        QKeySequence.StandardKey.Open,
        "Open another tracker database file",
    )
    recent = QMenu("Open &recent", window)
    recent.setObjectName("recentMenu")
    recent.aboutToShow.connect(lambda: file_actions.fill_recent_menu(window))
    import_plan = _action(
        window,
        "&Import action plan…",
        window.import_plan_dialog,
        "Ctrl+I",
        "Import an action-plan workbook (.xlsx) as a new plan",
    )
    import_plan.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
    quit_action = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    file_menu.addAction(new_db)
    file_menu.addAction(open_db)
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    file_menu.addAction(import_plan)
    sections = {}
    for name in FILE_SECTIONS:
        sections[name] = file_menu.addSeparator()
    file_menu.addAction(quit_action)

    edit_menu = bar.addMenu("&Edit")
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    undo.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    # The platform's redo keys, and both usual ones everywhere (each once: a key bound
    # twice is ambiguous and does nothing).
    redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for usual in ("Ctrl+Shift+Z", "Ctrl+Y"):
        if QKeySequence(usual) not in redo_keys:
            redo_keys.append(QKeySequence(usual))
    redo.setShortcuts(redo_keys)
    redo.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
    add_update = _action(
        window,
        "Add &update…",
        window.add_update_to_selected,
        "Ctrl+U",
        "Record progress on the selected action",
    )
    add_update.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
    mark_reviewed = _action(
        window,
        "Mark &reviewed",
        lambda: edit_actions.toggle_review_of_selected(window),
        "Ctrl+R",
        "Mark the selected action reviewed (or flag it again)",
    )
    preferences = _action(
        window,
        "&Preferences…",
        lambda: edit_actions.preferences(window),
        QKeySequence.StandardKey.Preferences,
        "Your name and other settings",
    )
    if preferences.shortcut().isEmpty():
        preferences.setShortcut(QKeySequence("Ctrl+,"))
    for action in (undo, redo):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    edit_menu.addAction(add_update)
    edit_menu.addAction(mark_reviewed)
    edit_menu.addSeparator()
    edit_menu.addAction(preferences)

    view_menu = bar.addMenu("&View")
    tab_actions = []
    for number, name in enumerate(["Overview", *window.fixed_tab_names]):
        action = _action(
            window, name, lambda _c=False, n=name: window.show_tab(n), f"Ctrl+{number}"
        )
        view_menu.addAction(action)
        tab_actions.append(action)
    view_menu.addSeparator()
    find = _action(
        window,
        "&Filter…",
        window.focus_filter,
        QKeySequence.StandardKey.Find,
        "Type to filter the current tab's actions",
    )
    expand_all = _action(
        window, "&Expand all areas", lambda: _each_tab(window, "expand_all"), "Ctrl+Shift+E"
    )
    collapse_all = _action(
        window, "&Collapse all areas", lambda: _each_tab(window, "collapse_all"), "Ctrl+Shift+C"
    )
    reload = _action(
        window,
        "Re&load from database",
        window.reload,
        QKeySequence.StandardKey.Refresh,
        "Read the plan again from the file",
    )
    toolbar = QToolBar("Toolbar", window)
    toolbar.setObjectName("mainToolbar")
    show_toolbar = toolbar.toggleViewAction()
    show_toolbar.setText("Show &toolbar")
    for action in (find, expand_all, collapse_all, reload):
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(show_toolbar)

    help_menu = bar.addMenu("&Help")
    about = _action(window, "&About", window.about)
    help_menu.addAction(about)

    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(undo)
    toolbar.addAction(redo)
    toolbar.addSeparator()
    toolbar.addAction(add_update)
    toolbar.addAction(import_plan)
    window.addToolBar(toolbar)

    return WindowActions(
        file_menu=file_menu,
        new_database=new_db,
        open_database=open_db,
        recent_menu=recent,
        import_plan=import_plan,
        quit=quit_action,
        undo=undo,
        redo=redo,
        add_update=add_update,
        mark_reviewed=mark_reviewed,
        preferences=preferences,
        find=find,
        expand_all=expand_all,
        collapse_all=collapse_all,
        reload=reload,
        show_toolbar=show_toolbar,
        about=about,
        toolbar=toolbar,
        tab_actions=tab_actions,
        file_sections=sections,
        needs_database=[import_plan, add_update, mark_reviewed, reload],
    )
