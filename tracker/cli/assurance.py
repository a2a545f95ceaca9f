"""The assurance verbs: evidence and completion with it (BRAG).

``add-evidence``, ``propose-complete``, ``verify-complete``, ``send-back``, ``reopen`` and
``programme-office``. REF is the action's reference as the report shows it (``2.1 ii``);
the global ``--user NAME`` says who is acting (the programme office is checked by name).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.common import Verb, argument, open_for_command
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.db import Database

PLAN = argument("--plan", metavar="ID|NAME", help="the plan (when there are several)")
REF = argument("ref", metavar="REF", help="the action's reference, as in the report: 2.1 ii")
REASON = argument("--reason", metavar="TEXT", required=True, help="why (recorded with the update)")


def _shown(ref: str) -> str:
    """The reference as typed, without a closing full stop (the sentence adds its own)."""
    return " ".join(ref.split()).rstrip(".")


def _with_action(args: argparse.Namespace, step: Callable[[Database, int], str]) -> int:
    from tracker.services.action_refs import find_action, plan_id_for

    database = open_for_command(args)
    try:
        action_id = find_action(database, args.ref, plan_id_for(database, args.plan))
        message = step(database, action_id)
    finally:
        database.close()
    print(message)
    return 0


def cmd_add_evidence(args: argparse.Namespace) -> int:
    from tracker.services.evidence import add_file, add_link, get_evidence, is_link, size_text

    def step(database: Database, action_id: int) -> str:
        target: str = args.target
        if is_link(target):
            evidence_id = add_link(database, action_id, target, args.note)
        else:
            evidence_id = add_file(database, action_id, Path(target), args.note)
        row = get_evidence(database, evidence_id)
        if row.kind == "file" and row.size is not None:
            return (
                f"Added {row.name} ({size_text(row.size)}, SHA-256 {row.sha256}) as evidence "
                f"on {_shown(args.ref)}."
            )
        return f"Added the link {row.name} as evidence on {_shown(args.ref)}."

    return _with_action(args, step)


def cmd_propose_complete(args: argparse.Namespace) -> int:
    from tracker.services.closure import propose_completion

    def step(database: Database, action_id: int) -> str:
        propose_completion(database, action_id, note=args.note or "", source="cli")
        return (
            f"{_shown(args.ref)} is proposed complete by {database.actor}, awaiting "
            "verification by the programme office."
        )

    return _with_action(args, step)


def cmd_verify_complete(args: argparse.Namespace) -> int:
    from tracker.services.closure import verify_completion

    def step(database: Database, action_id: int) -> str:
        verify_completion(database, action_id)
        return f"{_shown(args.ref)} is verified complete by {database.actor}: Blue."

    return _with_action(args, step)


def cmd_send_back(args: argparse.Namespace) -> int:
    from tracker.services.closure import send_back

    def step(database: Database, action_id: int) -> str:
        send_back(database, action_id, args.reason, source="cli")
        return f"{_shown(args.ref)} is sent back to its lead: In progress again."

    return _with_action(args, step)


def cmd_reopen(args: argparse.Namespace) -> int:
    from tracker.services.closure import reopen

    def step(database: Database, action_id: int) -> str:
        reopen(database, action_id, args.reason, source="cli")
        return f"{_shown(args.ref)} is reopened: In progress again."

    return _with_action(args, step)


def cmd_programme_office(args: argparse.Namespace) -> int:
    from tracker.services import programme_office as office

    name = " ".join(args.name or []).strip()
    if args.change in ("add", "remove") and not name:
        raise TrackerError(
            f"Give the name to {args.change}: tracker programme-office {args.change} NAME"
        )
    database = open_for_command(args)
    try:
        if args.change == "add":
            names = office.add_to_programme_office(database, name)
        elif args.change == "remove":
            names = office.remove_from_programme_office(database, name)
        else:
            names = office.programme_office(database)
    finally:
        database.close()
    if names:
        print("The programme office (who may verify completion):")
        for person in names:
            print(f"  {person}")
    else:
        print("No one is in the programme office yet: tracker programme-office add NAME")
    return 0


VERBS = (
    Verb(
        "add-evidence",
        "add a file (stored with the database) or a link as evidence on an action",
        cmd_add_evidence,
        (
            REF,
            argument(
                "target",
                metavar="FILE|URL",
                help="a file to store, or a link: http(s)://, mailto:, or a shared-drive path",
            ),
            argument("--note", metavar="TEXT", help="what the evidence shows (short)"),
            PLAN,
        ),
    ),
    Verb(
        "propose-complete",
        "propose an action complete, with its evidence, for the programme office to verify",
        cmd_propose_complete,
        (REF, argument("--note", metavar="TEXT", help="a note for the update"), PLAN),
    ),
    Verb(
        "verify-complete",
        "verify a proposed completion (programme office): the action turns Blue",
        cmd_verify_complete,
        (REF, PLAN),
    ),
    Verb(
        "send-back",
        "send a proposed completion back to its lead, with a reason (programme office)",
        cmd_send_back,
        (REF, REASON, PLAN),
    ),
    Verb(
        "reopen",
        "reopen a complete action, with a reason",
        cmd_reopen,
        (REF, REASON, PLAN),
    ),
    Verb(
        "programme-office",
        "list, add or remove who may verify completion",
        cmd_programme_office,
        (
            argument("change", choices=("list", "add", "remove"), help="list, add or remove"),
            argument("name", nargs="*", metavar="NAME", help="the person's name"),
        ),
    ),
)
