"""The window's ear on a team database: a thread that waits for other people's changes
(:class:`tracker.db.change_listener.ChangeListener`) and tells the window on its own
thread, through signals, so it can read the plan again without anyone pressing F5.

When the server goes away the thread says so once, keeps trying every few seconds, and
says so again when it is back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

if TYPE_CHECKING:
    from tracker.db import Database

WAIT_S = 0.5  # how long each wait lasts: also how soon the thread notices it must stop
RETRY_S = 3.0


class TeamListener(QThread):
    changed = Signal()  # someone else committed a change
    connectionLost = Signal()
    reconnected = Signal()

    def __init__(self, database: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        from tracker.db.change_listener import ChangeListener

        assert database.url is not None
        self._listener = ChangeListener(database.url, database.token)

    def run(self) -> None:
        import psycopg

        lost = False
        while not self.isInterruptionRequested():
            try:
                heard = self._listener.wait(WAIT_S)
            except psycopg.OperationalError:
                if not lost:
                    lost = True
                    self.connectionLost.emit()
                self._sleep(RETRY_S)
                continue
            if lost:
                lost = False
                self.reconnected.emit()
                heard = True  # changes may have been made while we could not hear
            if heard:
                self.changed.emit()
        self._listener.close()

    def _sleep(self, seconds: float) -> None:
        steps = int(seconds / 0.1)
        for _ in range(steps):
            if self.isInterruptionRequested():
                return
            self.msleep(100)

    def stop(self) -> None:
        """Ask the thread to finish and wait for it (at most one wait)."""
        self.requestInterruption()
        self.wait()
