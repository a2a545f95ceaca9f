"""The plan verbs: ``import-plan`` (a workbook into a new plan) and ``show`` (the database
as an outline or JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from tracker.cli.common import DATE_HELP, Verb, argument, date_argument, open_for_command
from tracker.errors import TrackerError
from tracker.importing.header_words import FIELDS


def _parse_mapping(items: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        field, sep, header = item.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise TrackerError(
                f'--map expects FIELD=HEADER (for example action="What we will do"), not {item!r}.'
            )
        mapping[field.strip().lower()] = header.strip()
    return mapping


def cmd_import_plan(args: argparse.Namespace) -> int:
    from tracker.services.import_report import format_import_summary
    from tracker.services.plan_import import read_plan, save_plan
    from tracker.services.plans import distinct_plan_name

    if args.into is not None:  # a revised version of a plan already tracked
        from tracker.cli.revision import cmd_import_revision

        return cmd_import_revision(args, _parse_mapping(args.map))
    path = Path(args.file)
    draft = read_plan(
        path, name=args.name, mapping=_parse_mapping(args.map), sheet=args.sheet, as_at=args.as_at
    )
    if args.dry_run:
        print(format_import_summary(draft, dry_run=True))
        return 0
    database = open_for_command(args)
    try:
        if args.as_new and not args.name:
            # A second copy of a plan gets a name of its own: "… (2)".
            draft.name = distinct_plan_name(database, draft.name)
        save_plan(database, draft, as_new=args.as_new)
    finally:
        database.close()
    print(format_import_summary(draft, dry_run=False))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from tracker.services.assurance_outline import add_assurance
    from tracker.services.outline import database_outline, format_outline
    from tracker.services.outline_as_at import outline_as_at

    database = open_for_command(args)
    try:
        if args.as_at is None:
            outline = database_outline(database)
        else:
            outline = outline_as_at(database, args.as_at)
        outline = add_assurance(database, outline, args.as_at or date.today())
    finally:
        database.close()
    if args.json:
        json.dump(outline, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(format_outline(outline))
    return 0


VERBS = (
    Verb(
        "import-plan",
        "import an action-plan workbook (.xlsx, .xlsm, .xlsb, .xls or .ods) as a new plan",
        cmd_import_plan,
        (
            argument("file", metavar="FILE", help="the workbook"),
            argument("--name", help="the plan's name (default: the sheet's title)"),
            argument(
                "--map",
                action="append",
                default=[],
                metavar="FIELD=HEADER",
                help="say which column holds a field when its header is not recognised; "
                f"fields: {', '.join(FIELDS)}",
            ),
            argument(
                "--sheet",
                metavar="SHEET",
                help="read the table on this sheet (default: the best table in the workbook)",
            ),
            argument(
                "--as-at",
                metavar="DATE",
                type=date_argument,
                help="date of the first updates read from Status/RAG/%% complete/Comments "
                "columns (default: the day the workbook was last saved, else today)",
            ),
            argument(
                "--as-new",
                action="store_true",
                help="import a file imported before as another plan",
            ),
            argument(
                "--dry-run", action="store_true", help="show what would be imported; write nothing"
            ),
            argument(
                "--into",
                metavar="PLAN",
                help="refresh this plan (number or name) from a revised version of its workbook",
            ),
            argument("--yes", action="store_true", help="with --into: apply the changes shown"),
        ),
    ),
    Verb(
        "show",
        "print the whole database as an outline or JSON",
        cmd_show,
        (
            argument("--json", action="store_true", help="print JSON (see README)"),
            argument(
                "--as-at",
                type=date_argument,
                metavar="DATE",
                help=f"the plan as it stood at the end of this date ({DATE_HELP})",
            ),
        ),
    ),
)
