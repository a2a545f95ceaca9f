"""``tracker import-plan FILE --into PLAN``: refresh a plan from a revised workbook.

The changes are printed before anything is written; they are applied only with
``--yes`` (``--dry-run`` prints them and stops). Without either, nothing is written and
the command says how to go on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import open_for_command
from tracker.errors import TrackerError


def cmd_import_revision(args: argparse.Namespace, mapping: dict[str, str]) -> int:
    from tracker.services.plan_import import read_plan
    from tracker.services.plan_revision import (
        apply_revision,
        compare_revision,
        format_revision,
        resolve_plan,
    )

    if args.as_new:
        raise TrackerError("--into refreshes a plan already tracked; it cannot go with --as-new.")
    path = Path(args.file)
    draft = read_plan(path, name=args.name, mapping=mapping)
    database = open_for_command(args)
    try:
        plan_id, _name = resolve_plan(database, args.into)
        revision = compare_revision(database, plan_id, draft)
        print(format_revision(revision))
        if args.dry_run or revision.is_empty:
            return 0
        if not args.yes:
            raise TrackerError(
                "nothing was written: review the changes above, then run the same command "
                "with --yes to apply them (or --dry-run to only look)."
            )
        result = apply_revision(database, revision)
    finally:
        database.close()
    print(
        f"Applied: the database was backed up first as {result.backup}. Archived actions keep "
        "their updates; `tracker show` lists them marked [archived]."
    )
    return 0
