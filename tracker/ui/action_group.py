"""Action groups: the window's menu entries, one group per feature, each with a narrow
context instead of the window.

A group declares each of its actions once, on the method that handles it::

    class BackupActions(ActionGroup):
        @main_action(MainAction.RESTORE_BACKUP, "Restore from &backup…", tip="…")
        def restore_from_backup(self) -> None: ...

and owns the :class:`QAction` made from that declaration (``group.actions``). The window
composes the groups and places their actions with :mod:`tracker.ui.menus`. A group sees
only its :class:`ActionContext` (and, for the Edit and View groups, the few more things
they are given), never the window itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStatusBar, QStyle, QWidget

from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.session import DatabaseSession, WhenEmpty
from tracker.ui.settings import Settings
from tracker.ui.workers import TaskRunner

if TYPE_CHECKING:
    from tracker.db import Database

# A key as Qt names it: "Ctrl+I", or a platform's standard key (which may be unbound).
Key = str | QKeySequence.StandardKey
Method = TypeVar("Method", bound=Callable[..., Any])


@dataclass(frozen=True)
class ActionContext:
    """What an action group may use of the window."""

    parent: QWidget  # the parent of the group's dialogs
    session: DatabaseSession  # the open database; reading it again
    settings: Settings
    runner: TaskRunner  # long work off the window's thread
    status_bar: QStatusBar
    today: Callable[[], date]
    # Open (creating if need be) a database file, or a team database's URL, saying so
    # if the window is busy.
    open_database: Callable[[Path | str, WhenEmpty], None]

    @property
    def database(self) -> Database | None:
        return self.session.database

    def reload(self, message: str = "") -> None:
        """Read the plan again from the file; then say ``message`` in the status bar."""
        self.session.reload(message)

    def start_folder(self) -> str:
        """Where file dialogs start: the last folder used, else the database's folder."""
        folder = self.settings.last_folder
        if folder is None and self.database is not None and self.database.path is not None:
            folder = self.database.path.parent
        return str(folder or Path.home())


@dataclass(frozen=True)
class ActionSpec:
    """How a main action reads: text, keys, tip, icon, and when it can be chosen."""

    key: MainAction
    text: str = ""
    shortcut: tuple[Key, ...] = ()  # the first of these the platform binds
    tip: str = ""
    icon: QStyle.StandardPixmap | None = None
    available: Availability = Availability.ALWAYS
    builds: bool = False  # the method makes the QAction itself rather than handling it


def main_action(
    key: MainAction,
    text: str,
    *,
    shortcut: Key | tuple[Key, ...] = (),
    tip: str = "",
    icon: QStyle.StandardPixmap | None = None,
    available: Availability = Availability.ALWAYS,
) -> Callable[[Method], Method]:
    """Declare the decorated method (no arguments) as what choosing ``key`` does."""
    keys = shortcut if isinstance(shortcut, tuple) else (shortcut,)
    spec = ActionSpec(key, text, keys, tip, icon, available)
    return _declare(spec)


def built_action(
    key: MainAction,
    *,
    icon: QStyle.StandardPixmap | None = None,
    available: Availability = Availability.ALWAYS,
) -> Callable[[Method], Method]:
    """Declare the decorated method as making ``key``'s QAction (undo, a submenu…)."""
    return _declare(ActionSpec(key, icon=icon, available=available, builds=True))


def _declare(spec: ActionSpec) -> Callable[[Method], Method]:
    def mark(method: Method) -> Method:
        method.action_spec = spec  # type: ignore[attr-defined]
        return method

    return mark


def first_bound_key(keys: tuple[Key, ...]) -> QKeySequence | None:
    for key in keys:
        sequence = QKeySequence(key)
        if not sequence.isEmpty():
            return sequence
    return None


class ActionGroup(QObject):
    """A feature's menu entries: made from the declarations on its methods."""

    def __init__(self, context: ActionContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.actions: dict[MainAction, QAction] = {}
        self.availability: dict[MainAction, Availability] = {}
        style = context.parent.style()
        for spec, method in self._declarations():
            if spec.builds:
                action = method()
            else:
                action = QAction(spec.text, self)
                # The handler takes no arguments (triggered passes "checked").
                action.triggered.connect(lambda _checked=False, handler=method: handler())
            shortcut = first_bound_key(spec.shortcut)
            if shortcut is not None:
                action.setShortcut(shortcut)
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip)
            if spec.icon is not None:
                action.setIcon(style.standardIcon(spec.icon))
            action.setObjectName(spec.key.name.lower())
            self.actions[spec.key] = action
            self.availability[spec.key] = spec.available

    def _declarations(self) -> Iterator[tuple[ActionSpec, Callable[[], Any]]]:
        seen: set[str] = set()
        for cls in type(self).__mro__:
            for name, attribute in vars(cls).items():
                spec = getattr(attribute, "action_spec", None)
                if isinstance(spec, ActionSpec) and name not in seen:
                    seen.add(name)
                    yield spec, getattr(self, name)
