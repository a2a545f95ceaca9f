"""The open database's life in the window: opening, reloading, seeding, closing, and
noticing changes another copy of the tracker made to the file.

On a team database (PostgreSQL) other people's changes are heard as they commit
(:class:`~tracker.ui.team_listener.TeamListener`) and the plan is read again at once, with
no F5; a lost connection to the server is said in the status bar, and so is its return.

Every step that touches the file runs on the window's worker pool; results come back as
signals on the main thread. While a step runs the session is *busy* and refuses another,
so two reads or an import and a reload never overlap.
"""

from __future__ import annotations

from datetime import date
from enum import Enum, auto
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from tracker.ui.workers import TaskRunner

if TYPE_CHECKING:
    from tracker.db import Database
    from tracker.services.plans import PlanInfo
    from tracker.ui.loading import LoadedPlan, Opened
    from tracker.ui.team_listener import TeamListener

# How often to look for changes another copy of the tracker made to the file.
CHANGE_CHECK_MS = 10_000


def shown(location: Path | str) -> str:
    """A file's path, or a team database's address without its password."""
    if isinstance(location, Path):
        return str(location)  # no need to import the storage layer for a file
    from tracker.db.location import shown_location

    return shown_location(location)


class WhenEmpty(Enum):
    """What to do when the database that was opened holds no plan yet."""

    SEED = auto()  # import the original plan (the embedded default database)
    OFFER = auto()  # ask whether to import it (a database the user chose)
    NOTHING = auto()


class DatabaseSession(QObject):
    opened = Signal(object, object)  # Opened, WhenEmpty
    openFailed = Signal(object, object)  # the path, the exception
    reloaded = Signal(object, str)  # LoadedPlan, a message for the status bar
    seeded = Signal(str)  # the import summary
    failed = Signal(object)  # an exception while reloading or seeding
    busyChanged = Signal(bool, str)  # busy?, what it is doing
    changedElsewhere = Signal()
    connectionChanged = Signal(str)  # what to say about the team database's connection

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.database: Database | None = None
        self.busy = False
        self.closing = False
        self._marker = 0  # the file's change marker as of our last read or write
        # The plan the tabs show, every plan in the file, and whether archived plans
        # may be shown (the plan selector's choice): each read keeps to them.
        self.plan_id: int | None = None
        self.plans: list[PlanInfo] = []
        self.show_archived = False
        # The day the plan is shown as at (read-only), or None for today's plan.
        self.as_at: date | None = None
        self._watch = QTimer(self)
        self._watch.setInterval(CHANGE_CHECK_MS)
        self._watch.timeout.connect(self.check_for_changes)
        self._listener: TeamListener | None = None

    # Opening and closing -------------------------------------------------------------
    def open(self, path: Path | str, when_empty: WhenEmpty, plan_id: int | None = None) -> bool:
        """Start opening ``path`` (showing plan ``plan_id`` if it can); False if busy."""
        if self.busy:
            return False
        from tracker.ui.loading import open_and_load

        self._set_busy(True, f"Opening {shown(path)}…")
        self.runner.run(
            lambda: open_and_load(path, plan_id),
            lambda opened: self._opened(opened, when_empty),
            lambda error: self._open_failed(path, error),
        )
        return True

    def _opened(self, opened: Opened, when_empty: WhenEmpty) -> None:
        self._set_busy(False)
        if self.closing:
            opened.database.close()
            return
        self.close()
        self.database = opened.database
        self._marker = opened.marker
        self.show_archived = False
        self.as_at = None
        self._note_plan(opened.plan)
        self._watch.start()
        if opened.database.is_server:
            self._listen(opened.database)
        self.opened.emit(opened, when_empty)

    def _open_failed(self, path: Path, error: BaseException) -> None:
        self._set_busy(False)
        if not self.closing:
            self.openFailed.emit(path, error)

    def close(self) -> None:
        self._watch.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self.database is not None:
            self.database.close()
            self.database = None

    def shut_down(self) -> None:
        """The window is closing: wait for workers, then close the file."""
        self.closing = True
        self.runner.wait()
        self.close()

    # Reading again -------------------------------------------------------------------
    def reload(self, message: str = "", plan_id: int | None = None) -> bool:
        """Read the plan in view again (or plan ``plan_id`` instead); False if busy."""
        database = self.database
        if database is None or self.busy:
            return False
        from tracker.ui.loading import load_plan, read_change_marker

        wanted = self.plan_id if plan_id is None else plan_id
        include_archived = self.show_archived
        as_at = self.as_at

        def job() -> tuple[LoadedPlan, int]:
            marker = read_change_marker(database)  # first: a write during the read shows
            loaded = load_plan(database, wanted, include_archived=include_archived, as_at=as_at)
            return loaded, marker

        self._set_busy(True, "Reading the plan…")
        self.runner.run(job, lambda result: self._reloaded(*result, message), self._failed)
        return True

    def show_as_at(self, day: date | None, message: str = "") -> bool:
        """Read the plan as it stood at the end of ``day`` (None: today's); False if busy."""
        if self.database is None or self.busy:
            return False
        self.as_at = day
        return self.reload(message)

    def _reloaded(self, loaded: LoadedPlan, marker: int, message: str) -> None:
        self._set_busy(False)
        if not self.closing:
            self._marker = marker
            self._note_plan(loaded)
            self.reloaded.emit(loaded, message)

    def _note_plan(self, loaded: LoadedPlan) -> None:
        self.plans = loaded.plans
        self.plan_id = loaded.plan.id if loaded.plan is not None else None

    @property
    def plan(self) -> PlanInfo | None:
        """The plan in view."""
        return next((p for p in self.plans if p.id == self.plan_id), None)

    def seed_original_plan(self) -> bool:
        database = self.database
        if database is None or self.busy:
            return False
        from tracker.ui.loading import import_original_plan

        self._set_busy(True, "Importing the original action plan…")
        self.runner.run(lambda: import_original_plan(database), self._seeded, self._failed)
        return True

    def _seeded(self, summary: str) -> None:
        self._set_busy(False)
        if not self.closing:
            self.seeded.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not self.closing:
            self.failed.emit(error)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.busy = busy
        self.busyChanged.emit(busy, message)

    # Changes by others ---------------------------------------------------------------
    def note_own_write(self) -> None:
        """We wrote: our own change is not news."""
        if self.database is not None:
            from tracker.ui.loading import read_change_marker

            self._marker = read_change_marker(self.database)

    def check_for_changes(self) -> None:
        """Has another copy of the tracker written to the file since we last read it?"""
        database = self.database
        if database is None or self.busy or self.closing:
            return
        from tracker.ui.loading import read_change_marker

        self.runner.run(
            lambda: read_change_marker(database),
            self._marker_read,
            lambda _error: None,  # a busy file: look again next time
        )

    def _listen(self, database: Database) -> None:
        from tracker.ui.team_listener import TeamListener

        self._listener = TeamListener(database, self)
        self._listener.changed.connect(self._heard_change)
        self._listener.connectionLost.connect(
            lambda: self.connectionChanged.emit(
                f"Lost the connection to {database.name}; reconnecting…"
            )
        )
        self._listener.reconnected.connect(
            lambda: self.connectionChanged.emit(f"Reconnected to {database.name}.")
        )
        self._listener.start()

    def _heard_change(self) -> None:
        """Someone else changed the team database: read it again now, or when free."""
        if self.closing or self.database is None:
            return
        if not self.reload("Updated with changes made by others."):
            self.changedElsewhere.emit()  # busy: the F5 path, as for a file

    def _marker_read(self, marker: int) -> None:
        if not self.closing and self.database is not None and marker > self._marker:
            self._marker = marker
            self.changedElsewhere.emit()
