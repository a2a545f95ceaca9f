"""Hearing other people's changes to a team database: PostgreSQL's LISTEN/NOTIFY.

Every write through :meth:`tracker.db.Database.write` on a server sends
``NOTIFY tracker_changes`` with its writer's token; the notification is delivered when
that transaction commits, and never if it rolls back. A :class:`ChangeListener` holds its
own connection (outside any pool, in autocommit, as LISTEN needs) and waits on it; the
window runs it on a thread of its own (:mod:`tracker.ui.team_listener`).
"""

from __future__ import annotations

from sqlalchemy.engine import URL

from tracker.db.database import CHANGES_CHANNEL
from tracker.db.location import libpq_url


class ChangeListener:
    """Waits for changes made by other copies of the tracker (not ``own_token``'s)."""

    def __init__(self, url: URL, own_token: str) -> None:
        self._address = libpq_url(url)
        self._own = own_token
        self._connection = None  # psycopg.Connection, opened on first wait
        self.connected = False

    def wait(self, timeout: float) -> bool:
        """True when someone else committed a change within ``timeout`` seconds.

        Raises ``psycopg.OperationalError`` when the server cannot be reached; the next
        call connects again (and says so through ``connected``).
        """
        import psycopg

        if self._connection is None:
            self._connection = psycopg.connect(self._address, autocommit=True, connect_timeout=10)
            self._connection.execute(f"LISTEN {CHANGES_CHANNEL}")
            self.connected = True
        try:
            for notice in self._connection.notifies(timeout=timeout):
                if notice.payload != self._own:
                    return True
        except psycopg.OperationalError:
            self.close()
            raise
        return False

    def close(self) -> None:
        connection, self._connection = self._connection, None
        self.connected = False
        if connection is not None:
            connection.close()
