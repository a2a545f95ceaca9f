"""Run as a subprocess by the kill and two-writer tests: a burst of edits, each reported
once committed.

``python kill_worker.py DB ACTION_ID COUNT [--in-step]`` sets the action's percent to 1,
2, ... COUNT, one transaction each, and prints ``committed N`` after each commit returns.
With ``--in-step`` it waits for a line on stdin twice: once the database is open (having
printed ``ready``) and after its first commit, so that two workers can be made to start
together and to have both committed before either goes on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.db import open_database
from tracker.services.action_edits import set_action_field


def main() -> None:
    db_path, action_id, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    database = open_database(db_path)
    database.actor = "kill test"
    in_step = "--in-step" in sys.argv[4:]
    if in_step:
        print("ready", flush=True)
        wait_to_go_on()
    for value in range(1, count + 1):
        set_action_field(database, action_id, "percent", value % 101)
        print(f"committed {value}", flush=True)
        if in_step and value == 1:
            wait_to_go_on()


def wait_to_go_on() -> None:
    if not sys.stdin.readline():
        sys.exit(1)


if __name__ == "__main__":
    main()
