"""Run as a subprocess by the kill and two-writer tests: a burst of edits, each reported
once committed.

``python kill_worker.py DB ACTION_ID COUNT [--on-go]`` sets the action's percent to 1, 2,
... COUNT, one transaction each, and prints ``committed N`` after each commit returns.
With ``--on-go`` it opens the database, prints ``ready`` and waits for a line on stdin
before its first edit, so that two workers can be started together.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.db import open_database
from tracker.services.actions import set_action_field


def main() -> None:
    db_path, action_id, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    database = open_database(db_path)
    database.actor = "kill test"
    if "--on-go" in sys.argv[4:]:
        print("ready", flush=True)
        if not sys.stdin.readline():
            sys.exit(1)
    for value in range(1, count + 1):
        set_action_field(database, action_id, "percent", value % 101)
        print(f"committed {value}", flush=True)


if __name__ == "__main__":
    main()
