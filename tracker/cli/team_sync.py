"""The team verbs of the ``tracker`` command: checkout, sync and copy.

``checkout`` takes a working copy of a plan from a team database into the (new, empty)
file named by ``--db``; ``sync`` brings the two together again; ``copy`` moves a whole
database into an empty one and checks it on arrival. The other database is named by an
address (a path, ``sqlite:///PATH`` or a server URL); a password is never printed or stored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import Verb, argument, open_for_command
from tracker.db.database import Database
from tracker.errors import TrackerError


def _open_team(address: str, args: argparse.Namespace, local: Database) -> Database:
    from tracker.db.locations import open_address

    team = open_address(address)
    team.actor = getattr(args, "user", None) or local.actor
    return team


def cmd_checkout(args: argparse.Namespace) -> int:
    from tracker.db.locations import open_address, shown_address
    from tracker.services.checkout import checkout_into_file, refuse_if_not_empty

    path = Path(args.db).expanduser()
    if path.exists() and path.stat().st_size:
        local = open_for_command(args)  # refuses a damaged file or one not the tracker's
        try:
            refuse_if_not_empty(local)  # before reaching for the server
        finally:
            local.close()
    team = open_address(args.source)
    if args.user:
        team.actor = args.user
    try:
        result = checkout_into_file(
            path,
            team,
            source=shown_address(args.source),
            actor=args.user,
            plan=args.plan,
            workstreams=args.workstream or (),
        )
    finally:
        team.close()
    print(result.describe())
    print(f"Work on it offline with `tracker --db {args.db}`; bring it back with `sync`.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from tracker.services.sync import sync
    from tracker.services.working_copy import working_copy

    local = open_for_command(args)
    try:
        origin = working_copy(local)
        if origin is None:
            raise TrackerError(
                f"{args.db} is not a working copy: there is nothing to sync. Take one with "
                "`tracker --db NEW_FILE checkout --from ADDRESS`."
            )
        team = _open_team(args.source or origin.source, args, local)
        try:
            result = sync(local, team, take=args.take)
        finally:
            team.close()
    finally:
        local.close()
    print(f"{origin.describe()}.")
    print(result.describe())
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from tracker.db.locations import open_address, shown_address
    from tracker.services.database_copy import copy_database

    if bool(args.to) == bool(args.source):
        raise TrackerError(
            "Say which way to copy: --to ADDRESS (this file to another database) or "
            "--from ADDRESS (another database into this empty file)."
        )
    here = open_for_command(args)
    try:
        other = open_address(args.to or args.source)
        try:
            other_name = shown_address(args.to or args.source)
            if args.to:
                report = copy_database(
                    here, other, source_name=str(here.path), target_name=other_name
                )
            else:
                report = copy_database(
                    other, here, source_name=other_name, target_name=str(here.path)
                )
        finally:
            other.close()
    finally:
        here.close()
    where = f"to {shown_address(args.to)}" if args.to else f"from {shown_address(args.source)}"
    print(f"Copy {where}: {report.describe()}")
    return 0


def cmd_export_working_copy_returns(args: argparse.Namespace) -> int:
    """``export-returns OUTDIR --from-working-copy`` (declared with export-returns)."""
    from tracker.services.working_copy_returns import export_working_copy_returns

    folder = Path(args.outdir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TrackerError(f"Could not create the folder {folder}: {exc.strerror}.") from exc
    database = open_for_command(args)
    try:
        files = export_working_copy_returns(database, folder, returned_by=args.user)
    finally:
        database.close()
    print(f"{len(files)} status returns from this working copy written to {folder}:")
    for item in files:
        print(f"  {item.path.name}  ({item.actions} actions, for {item.for_whom})")
    print("Send them to the programme office, who import them with `tracker import-return`.")
    return 0


ADDRESS_HELP = "a tracker file's path, sqlite:///PATH, or a server URL (no password in it)"

VERBS = (
    Verb(
        "checkout",
        "take a working copy of a plan (or some workstreams) into a new local file",
        cmd_checkout,
        (
            argument("--from", dest="source", required=True, metavar="ADDRESS", help=ADDRESS_HELP),
            argument(
                "--workstream",
                action="append",
                metavar="NAME",
                help="only this workstream (its title or tab); repeat for more "
                "(default: the whole plan)",
            ),
            argument("--plan", metavar="ID|NAME", help="the plan (when there are several)"),
        ),
    ),
    Verb(
        "sync",
        "send this working copy's changes to its team database and receive the team's",
        cmd_sync,
        (
            argument(
                "--from",
                dest="source",
                metavar="ADDRESS",
                help="the team database (default: the one it was checked out from)",
            ),
            argument(
                "--take",
                choices=("mine", "theirs"),
                help="settle every field changed on both sides: keep mine or take theirs "
                "(default: list them and leave them as they are)",
            ),
        ),
    ),
    Verb(
        "copy",
        "copy this whole database into an empty one (or back), checked on arrival",
        cmd_copy,
        (
            argument("--to", metavar="ADDRESS", help="copy into this empty database"),
            argument(
                "--from",
                dest="source",
                metavar="ADDRESS",
                help="copy that database into this empty file",
            ),
        ),
    ),
)
