"""Run as a subprocess by the kill tests: a plan import that stops at each step it reports.

``python import_worker.py DB PLAN`` imports PLAN into DB as a new plan. At each step it
prints one line and waits for a line on stdin before going on, so the test can kill it at
a known point or let it carry on (``go``: to the next step; ``run``: to the end without
stopping again):

- ``read N``: the workbook is read (N actions); the database is not yet written;
- ``progress DONE TOTAL``: the import's own progress callback, called inside the
  transaction (``DONE == TOTAL``: every row is written, the commit is still to come);
- ``committed PLAN_ID``: the import's transaction has committed; the database is still open.

It exits when stdin closes before it is told to go on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.db import open_database
from tracker.services.plan_import import read_plan, save_plan


class Steps:
    """Where the import is, said on stdout; how to go on, read from stdin."""

    def __init__(self) -> None:
        self.stopping = True

    def report(self, line: str) -> None:
        print(line, flush=True)
        if self.stopping:
            answer = sys.stdin.readline()
            if not answer:
                sys.exit(1)
            self.stopping = answer.strip() != "run"


def main() -> None:
    db_path, plan = Path(sys.argv[1]), Path(sys.argv[2])
    database = open_database(db_path)
    database.actor = "kill test"
    steps = Steps()
    draft = read_plan(plan)
    steps.report(f"read {len(draft.actions)}")

    def progress(done: int, total: int) -> bool:
        steps.report(f"progress {done} {total}")
        return True

    plan_id = save_plan(database, draft, as_new=True, progress=progress)
    steps.report(f"committed {plan_id}")
    database.close()


if __name__ == "__main__":
    main()
