"""The workstream verbs: ``workstream list|rename|move|merge`` and ``move-area``.

Each change is one audited transaction (see :mod:`tracker.services.workstreams`); the
window's tabs are the plan's workstreams, so these reshape its tabs too. A workstream is
named by its title, its tab or its number (``tracker workstream list`` shows them).
"""

from __future__ import annotations

import argparse

from tracker.cli.common import Verb, argument, open_for_command
from tracker.errors import TrackerError

PLAN_ARGUMENT = argument(
    "--plan", metavar="ID|NAME", help="the plan (needed when the database holds several)"
)


def cmd_workstream(args: argparse.Namespace) -> int:
    from tracker.services import workstreams as ws
    from tracker.services.plan_revision import resolve_plan

    database = open_for_command(args)
    try:
        plan_id, plan_name = resolve_plan(database, args.plan)
        if args.operation == "list":
            layout = ws.read_layout(database, plan_id)
            counts: dict[int, int] = {}
            for ws_id, _position in layout.area_places.values():
                counts[ws_id] = counts.get(ws_id, 0) + 1
            print(f"Workstreams of '{plan_name}', in the order of the tabs:")
            for w in layout.workstreams:
                areas = counts.get(w.id, 0)
                print(f"  {w.id:>4}  {w.tab} | {w.title} ({areas} area{'s' * (areas != 1)})")
            return 0
        if not args.workstream:
            raise TrackerError(f"Say which workstream to {args.operation}: its title or number.")
        ws_id = ws.find_workstream(database, plan_id, args.workstream)
        if args.operation == "rename":
            if args.tab is None and args.title is None:
                raise TrackerError("Give the new name with --tab TAB and/or --title TITLE.")
            current = next(
                w for w in ws.read_layout(database, plan_id).workstreams if w.id == ws_id
            )
            renamed = ws.rename_workstream(
                database,
                ws_id,
                tab=args.tab if args.tab is not None else current.tab,
                title=args.title if args.title is not None else current.title,
            )
            new = next(w for w in renamed.layout.workstreams if w.id == ws_id)
            print(
                f"Renamed '{renamed.old_title}' ({renamed.old_tab}) to '{new.title}' ({new.tab})."
            )
        elif args.operation == "move":
            layout = ws.read_layout(database, plan_id)
            order = [w.id for w in layout.workstreams]
            if args.to is not None:
                offset = args.to - 1 - order.index(ws_id)
            elif args.up or args.down:
                offset = -1 if args.up else 1
            else:
                raise TrackerError("Say where to: --up, --down or --to POSITION (1 is first).")
            done = ws.move_workstream(database, ws_id, offset)
            print("The tabs are now: " + ", ".join(ws.tab_order(done.layout.workstreams)) + ".")
        else:  # merge
            if not args.into:
                raise TrackerError("Say which workstream to merge it into: --into WORKSTREAM.")
            target = ws.find_workstream(database, plan_id, args.into)
            merged = ws.merge_workstreams(database, ws_id, target)
            into = next(w for w in merged.layout.workstreams if w.id == target)
            print(
                f"Merged '{merged.source.title}' into '{into.title}': "
                f"{len(merged.moved_areas)} area(s) moved, '{merged.source.title}' removed."
            )
    finally:
        database.close()
    return 0


def cmd_move_area(args: argparse.Namespace) -> int:
    from tracker.services import workstreams as ws
    from tracker.services.plan_revision import resolve_plan

    database = open_for_command(args)
    try:
        plan_id, _name = resolve_plan(database, args.plan)
        area_id = ws.find_area(database, plan_id, args.ref)
        target = ws.find_workstream(database, plan_id, args.to)
        moved = ws.move_area(database, area_id, target)
        title = next(w.title for w in moved.layout.workstreams if w.id == target)
        print(f"Moved area {args.ref} to '{title}'.")
    finally:
        database.close()
    return 0


VERBS = (
    Verb(
        "workstream",
        "list, rename, reorder or merge the plan's workstreams (its tabs)",
        cmd_workstream,
        (
            argument("operation", choices=("list", "rename", "move", "merge")),
            argument("workstream", nargs="?", help="its title, tab or number"),
            argument("--tab", help="rename: the new tab name"),
            argument("--title", help="rename: the new title"),
            argument("--up", action="store_true", help="move: one place earlier"),
            argument("--down", action="store_true", help="move: one place later"),
            argument("--to", type=int, metavar="POSITION", help="move: to this place (1 first)"),
            argument("--into", metavar="WORKSTREAM", help="merge: the workstream that stays"),
            PLAN_ARGUMENT,
        ),
    ),
    Verb(
        "move-area",
        "move an area for improvement (with its actions) to another workstream",
        cmd_move_area,
        (
            argument("ref", metavar="REF", help="the area's reference, e.g. 2.1"),
            argument("--to", required=True, metavar="WORKSTREAM", help="title, tab or number"),
            PLAN_ARGUMENT,
        ),
    ),
)
