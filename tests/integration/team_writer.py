"""Run as a subprocess by the ten-writer test: edits and updates on one action, each
reported once committed.

``python team_writer.py DB ACTION_ID COUNT NAME`` (DB a file path or a server URL) adds
COUNT updates to the action and edits its text after each, one transaction apiece, and
prints ``update N`` or ``edit N`` once each commit has returned. It waits for a line on
stdin after opening the database (having printed ``ready``), so all writers start together.
A write refused because the database is busy (SQLite gives up after its busy timeout when
ten writers queue for its lock) changed nothing and is tried again, as a person would;
each retry is reported as ``busy``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import partial

from tracker.db import open_database
from tracker.errors import DatabaseError
from tracker.services.action_edits import set_action_field
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update


def main() -> None:
    location, action_id, count, name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    database = open_database(location)
    database.actor = name
    print("ready", flush=True)
    if not sys.stdin.readline():
        sys.exit(1)
    for n in range(1, count + 1):
        entry = UpdateInput(
            date(2027, 1, 1),
            name,
            "In progress",
            "G",
            n % 100,
            f"{name} {n}",
            rag_reason="Agreed with the board",
        )
        until_not_busy(partial(add_update, database, action_id, entry))
        print(f"update {n}", flush=True)
        until_not_busy(partial(set_action_field, database, action_id, "text", f"{name} edit {n}"))
        print(f"edit {n}", flush=True)
    database.close()


def until_not_busy(write: Callable[[], object]) -> None:
    while True:
        try:
            write()
            return
        except DatabaseError as exc:
            if "busy" not in str(exc):
                raise
            print("busy", flush=True)


if __name__ == "__main__":
    main()
