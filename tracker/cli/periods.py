"""The board-cycle verbs: ``close-period``, ``periods``, ``key-messages``, ``add-update``
and ``returns``.

``add-update`` records progress the way the window does (same rules, audited);
``close-period`` freezes where every action stood for a board; ``periods`` lists the
periods closed; ``returns`` lists the status returns sent and whether they are back.
"""

from __future__ import annotations

import argparse

from tracker.cli.common import DATE_HELP, Verb, argument, date_argument, open_for_command
from tracker.dates import short_date
from tracker.errors import TrackerError
from tracker.wording import count_noun


def _plan_id(database: object, wanted: str | None) -> tuple[int, str]:
    from tracker.services.export_data import choose_plan
    from tracker.services.plan_snapshot import load_snapshot

    chosen = choose_plan(load_snapshot(database), wanted)  # type: ignore[arg-type]
    return chosen.id, chosen.name


def cmd_close_period(args: argparse.Namespace) -> int:
    from tracker.services.periods import close_period

    database = open_for_command(args)
    try:
        plan_id, plan_name = _plan_id(database, args.plan)
        period = close_period(
            database,
            plan_id,
            args.date,
            args.label,
            user=database.actor,
            key_messages=args.key_messages or "",
        )
    finally:
        database.close()
    print(
        f"Closed {period.label!r} for {plan_name} as at {short_date(period.on)}: "
        f"{count_noun(period.actions, 'action')} frozen."
    )
    return 0


def cmd_periods(args: argparse.Namespace) -> int:
    from tracker.services.periods import list_periods

    database = open_for_command(args)
    try:
        plan_id, plan_name = _plan_id(database, args.plan)
        periods = list_periods(database, plan_id)
    finally:
        database.close()
    if not periods:
        print(f"No periods closed for {plan_name} yet: close one with tracker close-period.")
        return 0
    print(f"Periods closed for {plan_name}:")
    for p in periods:
        messages = "key messages written" if p.key_messages else "no key messages"
        print(
            f"  {p.id:>3}  {short_date(p.on):<11}  {p.label}  "
            f"({count_noun(p.actions, 'action')}; closed by {p.closed_by}; {messages})"
        )
    return 0


def cmd_key_messages(args: argparse.Namespace) -> int:
    from tracker.services.periods import list_periods, set_key_messages

    database = open_for_command(args)
    try:
        plan_id, plan_name = _plan_id(database, args.plan)
        period = next((p for p in list_periods(database, plan_id) if p.id == args.period), None)
        if period is None:
            raise TrackerError(
                f"{plan_name} has no period numbered {args.period}: "
                "tracker periods lists them with their numbers."
            )
        set_key_messages(database, period.id, args.text, user=database.actor)
    finally:
        database.close()
    print(f"Key messages written for {period.label!r} ({short_date(period.on)}).")
    return 0


def cmd_add_update(args: argparse.Namespace) -> int:
    from tracker.services.action_rows import UpdateInput
    from tracker.services.update_by_ref import add_update_by_ref

    if args.reason is not None and args.revised_due is None:
        raise TrackerError("--reason explains a new due date: give --revised-due DATE with it.")
    database = open_for_command(args)
    try:
        entry = UpdateInput(
            date=args.date,
            author=args.author or database.actor,
            status=args.status,
            rag=args.rag,
            rag_reason=args.rag_reason,
            percent=args.percent if args.percent is not None else _default_percent(args.status),
            narrative=args.narrative or "",
            revised_due=args.revised_due,
            revision_reason=args.reason,
            source="cli",
            cause=args.cause,
            mitigation=args.mitigation,
            recovery_date=args.recovery,
            decision_asked=args.decision,
        )
        recorded = add_update_by_ref(database, " ".join(args.ref), entry, plan=args.plan)
    finally:
        database.close()
    print(
        f"Recorded an update on {recorded.action.ref} of {recorded.plan_name}, dated "
        f"{short_date(args.date)}: {entry.status}"
        + (f", RAG {entry.rag.upper()}" if entry.rag else "")
    )
    return 0


def _default_percent(status: str) -> int:
    """Complete means 100; any other status starts from 0 unless --percent says."""
    from tracker import domain

    try:
        return 100 if domain.parse_status(status) is domain.Status.COMPLETE else 0
    except ValueError:
        return 0  # the update's own check names the status that is wrong


def cmd_returns(args: argparse.Namespace) -> int:
    from tracker.services.returns_chasing import returns_status

    database = open_for_command(args)
    try:
        plan_id, plan_name = _plan_id(database, args.plan)
        chases = returns_status(database, plan_id)
    finally:
        database.close()
    if not chases:
        print(f"No status returns sent for {plan_name} yet: send them with tracker export-returns.")
        return 0
    outstanding = sum(c.outstanding for c in chases)
    overdue = sum(c.overdue for c in chases)
    print(
        f"Status returns for {plan_name}: {len(chases)} sent, {outstanding} outstanding, "
        f"{overdue} overdue"
    )
    for c in chases:
        due = short_date(c.due_back) if c.due_back else "no date"
        state = (
            f"back {short_date(c.back_on)}"
            if c.back_on
            else ("OVERDUE" if c.overdue else "outstanding")
        )
        print(f"  {c.for_whom}: sent {short_date(c.sent_on)}, due back {due}, {state}")
    return 0


_PLAN = argument("--plan", metavar="ID|NAME", help="the plan (when there are several)")


VERBS = (
    Verb(
        "close-period",
        "close a reporting period: freeze where every action stood on DATE for the board",
        cmd_close_period,
        (
            argument(
                "--date",
                type=date_argument,
                required=True,
                metavar="DATE",
                help=f"the date the period closes on ({DATE_HELP})",
            ),
            argument("--label", metavar="TEXT", help='its name, such as "Board, Sept 2018"'),
            argument(
                "--key-messages",
                metavar="TEXT",
                help="the programme office's key messages for the highlight report",
            ),
            _PLAN,
        ),
    ),
    Verb("periods", "list the reporting periods closed", cmd_periods, (_PLAN,)),
    Verb(
        "key-messages",
        "write a period's key messages (the highlight report's first words)",
        cmd_key_messages,
        (
            argument("period", type=int, metavar="PERIOD", help="its number, from tracker periods"),
            argument("text", metavar="TEXT", help="the key messages"),
            _PLAN,
        ),
    ),
    Verb(
        "add-update",
        "record a progress update on an action, as the window does",
        cmd_add_update,
        (
            argument(
                "ref",
                nargs="+",
                metavar="REF",
                help="the action as the report numbers it: area reference and label, e.g. 2.1 2",
            ),
            argument(
                "--date",
                type=date_argument,
                required=True,
                metavar="DATE",
                help=f"the date the update is as at ({DATE_HELP})",
            ),
            argument(
                "--status",
                required=True,
                metavar="S",
                help="Not started, In progress, Complete or On hold",
            ),
            argument("--rag", metavar="R", help="R, A or G (Red, Amber, Green)"),
            argument(
                "--rag-reason",
                metavar="TEXT",
                help="why the RAG is greener than the calculated one (needed then)",
            ),
            argument(
                "--percent",
                type=int,
                metavar="N",
                help="% complete, 0 to 100 (default: 100 when complete, else 0)",
            ),
            argument("--narrative", metavar="TEXT", help="what has happened"),
            argument(
                "--revised-due",
                type=date_argument,
                metavar="DATE",
                help="a new due date (needs --reason when it moves the deadline)",
            ),
            argument("--reason", metavar="TEXT", help="why the due date moved"),
            argument("--cause", metavar="TEXT", help="for an exception: its cause"),
            argument("--mitigation", metavar="TEXT", help="for an exception: what is being done"),
            argument(
                "--recovery",
                type=date_argument,
                metavar="DATE",
                help="for an exception: when it will be back on track",
            ),
            argument("--decision", metavar="TEXT", help="for an exception: the decision asked"),
            argument("--author", metavar="NAME", help="who reports it (default: --user)"),
            _PLAN,
        ),
    ),
    Verb(
        "returns", "list the status returns sent: back, outstanding, overdue", cmd_returns, (_PLAN,)
    ),
)
