"""The ``tracker`` command: ``tracker [--db PATH] COMMAND``.

Scripts and the programme office rely on these verbs and their output, so they are kept
stable. A problem with the user's input prints one clear line on stderr and exits 1;
nothing is written. With no command the window opens.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from tracker import __version__
from tracker.errors import TrackerError
from tracker.paths import default_database_path

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70

Handler = Callable[[argparse.Namespace], int]


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


def open_for_command(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the database for a command: checked, backed up daily, warned about shares."""
    from tracker.db import open_checked_database

    checked = open_checked_database(Path(args.db))
    for warning in checked.warnings:
        print(f"tracker: warning: {warning}", file=sys.stderr)
    if getattr(args, "user", None):
        checked.database.actor = args.user
    return checked.database


def parse_cli_date(text: str) -> date:
    """A date on the command line: ISO (2018-07-31) or British (31/07/2018)."""
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a date; write it as YYYY-MM-DD or DD/MM/YYYY"
    )


def cmd_import_plan(args: argparse.Namespace) -> int:
    from tracker.services.import_report import format_import_summary
    from tracker.services.plan_import import read_plan, save_plan

    path = Path(args.file)
    draft = read_plan(path, name=args.name, mapping=_parse_mapping(args.map))
    if args.dry_run:
        print(format_import_summary(draft, dry_run=True))
        return 0
    database = open_for_command(args)
    try:
        save_plan(database, draft, as_new=args.as_new)
    finally:
        database.close()
    print(format_import_summary(draft, dry_run=False))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from tracker.services.outline import database_outline, format_outline

    database = open_for_command(args)
    try:
        outline = database_outline(database)
    finally:
        database.close()
    if args.json:
        json.dump(outline, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(format_outline(outline))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from tracker.services.audit import verify_chain

    database = open_for_command(args)
    try:
        check = verify_chain(database)
    finally:
        database.close()
    print(check.message, file=sys.stdout if check.ok else sys.stderr)
    return 0 if check.ok else EXIT_USER_ERROR


def cmd_audit(args: argparse.Namespace) -> int:
    from tracker.services.audit import list_audit

    database = open_for_command(args)
    try:
        rows = list_audit(database, since=args.since)
    finally:
        database.close()
    for row in rows:
        change = f"{row.old_value!r} -> {row.new_value!r}"
        print(
            f"{row.at:%Y-%m-%d %H:%M:%S}Z  {row.user}  {row.cause}  "
            f"{row.record_type} {row.record_id}  {row.field}: {change}"
        )
    if not rows:
        print("No audit records" + (f" since {args.since:%d %b %Y}." if args.since else "."))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker",
        description="Track an improvement action plan: import it, record progress, report.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        default=None,
        help=f"the database file (default: {default_database_path()})",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="the name the audit log records for changes (default: your login name)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser(
        "import-plan", help="import an action-plan workbook (.xlsx) as a new plan"
    )
    imp.add_argument("file", metavar="FILE", help="the .xlsx workbook")
    imp.add_argument("--name", help="the plan's name (default: the sheet's title)")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="say which column holds a field when its header is not recognised; fields: "
        "ref, area, changed, plans, action, lead, deadline, start, workstream",
    )
    imp.add_argument(
        "--as-new", action="store_true", help="import a file imported before as another plan"
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    imp.set_defaults(handler=cmd_import_plan)

    show = commands.add_parser("show", help="print the whole database as an outline or JSON")
    show.add_argument("--json", action="store_true", help="print JSON (see README)")
    show.set_defaults(handler=cmd_show)

    verify = commands.add_parser(
        "verify", help="check that the audit log's hash chain is intact (exit 1 if not)"
    )
    verify.set_defaults(handler=cmd_verify)

    audit = commands.add_parser("audit", help="print the audit log: who changed what, when")
    audit.add_argument(
        "--since", type=parse_cli_date, metavar="DATE", help="from this date (YYYY-MM-DD)"
    )
    audit.set_defaults(handler=cmd_audit)

    for register in _extra_commands():
        register(commands)
    return parser


def _extra_commands() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Commands defined beside the features they drive (exports, returns, audit)."""
    from tracker import cli_extra

    return cli_extra.REGISTRARS


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # The embedded default database is seeded with the original plan when empty; a file
    # the user named is only offered it.
    explicit_db = args.db is not None
    if not explicit_db:
        args.db = str(default_database_path())
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_window(args, explicit_db=explicit_db)
        return handler(args)
    except TrackerError as exc:
        print(f"tracker: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing more was written.", file=sys.stderr)
        return 130
    except Exception:
        # Not the user's input or environment: our bug. Say so, with the details.
        traceback.print_exc()
        print(
            "tracker: internal error: this is a bug in the tracker, not a problem with your "
            "data; nothing more was written. Please report it with the lines above.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


def _open_window(args: argparse.Namespace, *, explicit_db: bool) -> int:
    try:
        from tracker.ui.app import run_app
    except ImportError as exc:
        raise TrackerError(
            f"the window cannot start because Qt could not be loaded ({exc}). Reinstall "
            "with: pip install -e . (on Linux the system's OpenGL and xkbcommon libraries "
            "are needed too); the command-line verbs work without it."
        ) from exc
    return run_app(Path(args.db), explicit_db=explicit_db)
