"""The team verbs: ``team-init`` (set up a PostgreSQL database for a team),
``team-grant`` (who leads which workstream, who is the programme office) and ``backup``
(a copy of the file, or ``pg_dump`` of a team database)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import Verb, argument, open_for_command
from tracker.errors import TrackerError


def cmd_team_init(args: argparse.Namespace) -> int:
    from tracker.db.location import display_name, is_server_url, server_url
    from tracker.services.team import init_team_database

    if not is_server_url(args.url):
        raise TrackerError(
            f"{args.url} is not a server address: give it as postgresql://USER@HOST/DATABASE."
        )
    created = init_team_database(args.url)
    name = display_name(server_url(args.url))
    roles = ", ".join(created) if created else "already there"
    print(
        f"{name} is ready for a team: schema up to date; roles tracker_office and "
        f"tracker_lead ({'created' if created else roles}); row-level security on."
    )
    print("Next: tracker --db URL team-grant LOGIN --office, or --workstream NAME per lead.")
    return 0


def cmd_team_grant(args: argparse.Namespace) -> int:
    from tracker.services.team import grant_office, grant_workstreams

    if not args.office and not args.workstream:
        raise TrackerError("Say what to grant: --office, or --workstream NAME (repeatable).")
    database = open_for_command(args)
    try:
        if args.office:
            grant_office(database, args.role)
            print(f"{args.role} is now in the programme office: may change the whole plan.")
        for workstream in args.workstream or ():
            titles = grant_workstreams(database, args.role, workstream)
            print(f"{args.role} now leads: {'; '.join(titles)}.")
    finally:
        database.close()
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from tracker.db.backup import backup_database
    from tracker.db.server_backup import default_dump_name, dump_server_database

    database = open_for_command(args)
    try:
        if database.url is not None:
            out = Path(args.out) if args.out else Path.cwd() / default_dump_name(database.url)
            written = dump_server_database(database.url, out, database.name)
            print(f"Backed up {database.name} to {written} (restore with pg_restore; see README).")
        else:
            assert database.path is not None
            written = backup_database(database.path, "manual")
            print(f"Backed up {database.path.name} to {written}.")
    finally:
        database.close()
    return 0


VERBS = (
    Verb(
        "team-init",
        "set up an empty PostgreSQL database for a team: schema, roles, row-level security",
        cmd_team_init,
        (argument("url", metavar="URL", help="postgresql://USER@HOST/DATABASE"),),
    ),
    Verb(
        "team-grant",
        "on a team database, make a login a workstream lead or one of the programme office",
        cmd_team_grant,
        (
            argument("role", metavar="LOGIN", help="the PostgreSQL login (role) name"),
            argument(
                "--workstream",
                action="append",
                metavar="NAME",
                help="a workstream this login leads (title or tab; repeat for more)",
            ),
            argument("--office", action="store_true", help="the whole plan"),
        ),
    ),
    Verb(
        "backup",
        "back the database up now (a file: beside it; a team database: pg_dump)",
        cmd_backup,
        (
            argument(
                "--out", metavar="FILE", help="where a team database's dump goes (default: here)"
            ),
        ),
    ),
)
