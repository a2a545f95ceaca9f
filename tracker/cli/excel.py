"""The Excel verbs of the ``tracker`` command: export-report, export-returns, import-return.

Each handler opens the database named by ``--db``, closes it, and lets a
:class:`TrackerError` reach :func:`tracker.cli.main`, which prints it as one line on stderr
and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.cli.common import DATE_HELP, Verb, argument, date_argument, open_for_command
from tracker.dates import local_time, long_date, numeric_date_time
from tracker.errors import TrackerError
from tracker.wording import count_noun


def cmd_export_report(args: argparse.Namespace) -> int:
    from tracker.services.board_report_export import export_board_report

    out = Path(args.out)
    if out.suffix.lower() == ".pdf":  # the highlight report, for board papers
        from tracker.cli.highlight_pdf import export_highlight_pdf

        return export_highlight_pdf(args)
    if out.suffix.lower() != ".xlsx":
        raise TrackerError(
            f"{out} must end in .xlsx (the board report workbook) or .pdf (the highlight report)."
        )
    database = open_for_command(args)
    try:
        report = export_board_report(
            database, out, as_at=args.as_at, since=args.since, plan=args.plan, final=args.final
        )
    finally:
        database.close()
    since = "since the plan was imported"
    if report.since:
        since = f"since {numeric_date_time(local_time(report.since))}"
    print(f"Board report written to {report.path}")
    print(f"  {report.plan_name}, as at {long_date(report.as_at)}")
    print(
        f"  {count_noun(report.workstreams, 'workstream')}, "
        f"{count_noun(report.actions, 'action')}, "
        f"{count_noun(report.exceptions, 'exception')}, "
        f"{count_noun(report.changes, 'update')} recorded {since}"
    )
    if report.final:
        print("  Marked as sent to the board: the next report lists changes from now on.")
    else:
        print(
            "  A draft: the next report still lists these changes "
            "(--final marks the report sent to the board)."
        )
    return 0


def cmd_export_returns(args: argparse.Namespace) -> int:
    from tracker.services.status_returns_export import export_status_returns, unassigned_actions

    if args.from_working_copy:
        from tracker.cli.team_sync import cmd_export_working_copy_returns

        return cmd_export_working_copy_returns(args)
    folder = Path(args.outdir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TrackerError(f"Could not create the folder {folder}: {exc.strerror}.") from exc
    database = open_for_command(args)
    try:
        files = export_status_returns(
            database,
            folder,
            by=args.by,
            plan=args.plan,
            due_back=args.due_back,
            contact=args.contact or "",
        )
        orphans = unassigned_actions(database, args.plan) if args.by == "lead" else []
    finally:
        database.close()
    print(f"{len(files)} status returns written to {folder}:")
    if args.due_back or args.contact:
        due = f" by {long_date(args.due_back)}" if args.due_back else ""
        to = f" to {args.contact}" if args.contact else ""
        print(f"  Each asks for it back{due}{to}.")
    for item in files:
        print(f"  {item.path.name}  ({item.actions} actions, for {item.for_whom})")
    if orphans:
        refs = ", ".join(x.ref for x in orphans)
        print(f"{len(orphans)} actions have no lead and are in no return: {refs}")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_import_return(args: argparse.Namespace) -> int:
    from tracker.services.return_apply import apply_return
    from tracker.services.return_review import review_return
    from tracker.services.returns_chasing import mark_return_back

    path = Path(args.file)
    if not path.is_file():
        raise TrackerError(f"{path} does not exist or is not a file.")
    database = open_for_command(args)
    try:
        review = review_return(database, path, author=args.author)
        print(review.describe(dry_run=args.dry_run))
        if args.dry_run:
            return 0
        if not review.changes:
            mark_return_back(database, review.return_id)
            if review.conflicts:
                print(_conflicts_left(len(review.conflicts)))
            return 0
        if review.rejections and not args.yes:
            question = (
                f"{len(review.rejections)} rows were rejected. Apply the other "
                f"{len(review.changes)} changes?"
            )
            if not _confirm(question):
                raise TrackerError(
                    f"{len(review.rejections)} rows of {path.name} were rejected, so nothing "
                    "was applied; run again with --yes to apply the rest, or fix the return."
                )
        result = apply_return(database, review, accept_rejections=True)
    finally:
        database.close()
    message = f"Applied {count_noun(result.applied, 'update')} from {path.name}."
    if result.conflicts_left:
        message += " " + _conflicts_left(result.conflicts_left)
    print(message)
    return 0


def _conflicts_left(count: int) -> str:
    return (
        f"Left {count_noun(count, 'conflicting action')} alone; to apply the lead's values, "
        "import the return in the window (File menu) and choose per action."
    )


VERBS = (
    Verb(
        "export-report",
        "write the board report workbook (.xlsx), or the highlight report (.pdf)",
        cmd_export_report,
        (
            argument(
                "out",
                metavar="OUT.xlsx|OUT.pdf",
                help="the workbook to write, or a .pdf for the highlight report",
            ),
            argument(
                "--as-at",
                type=date_argument,
                metavar="DATE",
                help=f"the date the figures are as at ({DATE_HELP}; default: today)",
            ),
            argument(
                "--since",
                type=date_argument,
                metavar="DATE",
                help=f"list updates recorded since this date ({DATE_HELP}; default: since the "
                "last report sent to the board)",
            ),
            argument("--plan", metavar="ID|NAME", help="the plan (when there are several)"),
            argument(
                "--final",
                "--sent-to-board",
                action="store_true",
                help="this is the report sent to the board: the next report lists changes "
                "from now on (without it the report is a draft and changes nothing)",
            ),
            argument(
                "--key-messages",
                metavar="TEXT",
                help="the highlight report's key messages for the period (.pdf only)",
            ),
        ),
    ),
    Verb(
        "export-returns",
        "write a status return workbook per workstream (or per lead) for leads to fill in",
        cmd_export_returns,
        (
            argument("outdir", metavar="OUTDIR", help="the folder to write them into"),
            argument(
                "--by",
                choices=("workstream", "lead"),
                default="workstream",
                help="one return per workstream (default) or per lead",
            ),
            argument("--plan", metavar="ID|NAME", help="the plan (when there are several)"),
            argument(
                "--due-back",
                type=date_argument,
                metavar="DATE",
                help=f"the date the returns are due back, shown on each ({DATE_HELP})",
            ),
            argument(
                "--contact",
                metavar="TEXT",
                help="whom to send them back to, shown on each (a name, email or telephone)",
            ),
            argument(
                "--from-working-copy",
                action="store_true",
                help="from a working copy: one return per workstream, filled in with the "
                "changes made offline, for the programme office to import",
            ),
        ),
    ),
    Verb(
        "import-return",
        "import a filled-in status return: show what changes, then record it",
        cmd_import_return,
        (
            argument(
                "file",
                metavar="FILE",
                help="the returned workbook (as sent, or re-saved in any format the import reads)",
            ),
            argument(
                "--dry-run", action="store_true", help="show what would change; write nothing"
            ),
            argument(
                "--author",
                metavar="NAME",
                help="who the updates are recorded as by when the return's 'Returned by' is "
                "blank (default: the lead the return was sent to, when there is one)",
            ),
            argument(
                "--yes",
                action="store_true",
                help="apply the rest of the return even if some rows were rejected",
            ),
        ),
    ),
)
