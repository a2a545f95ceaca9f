"""One of the writers of ``bench/team_writers.py``: adds COUNT updates to one action.

``python bench/writer_process.py DB ACTION_ID COUNT`` opens the database, prints
``ready``, waits for a line on stdin (so every writer starts together), then adds the
updates one transaction each and prints ``done BUSY`` with the number of writes it had to
repeat because the database was busy (SQLite gives up after its busy timeout).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.db import open_database
from tracker.errors import DatabaseError
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update


def main() -> None:
    location, action_id, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    database = open_database(location)
    print("ready", flush=True)
    sys.stdin.readline()
    busy = 0
    for n in range(count):
        entry = UpdateInput(
            date(2027, 1, 1),
            "Bench",
            "In progress",
            "G",
            n % 100,
            f"Note {n}",
            rag_reason="Agreed with the programme office",  # greener than the calculated RAG
        )
        while True:
            try:
                add_update(database, action_id, entry)
                break
            except DatabaseError as exc:
                if "busy" not in str(exc):
                    raise
                busy += 1
    database.close()
    print(f"done {busy}", flush=True)


if __name__ == "__main__":
    main()
