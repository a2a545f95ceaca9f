"""The audit verbs: ``verify`` (is the hash chain intact?) and ``audit`` (who changed what,
when)."""

from __future__ import annotations

import argparse
import sys

from tracker.cli.common import EXIT_USER_ERROR, Verb, argument, date_argument, open_for_command
from tracker.dates import short_date


def cmd_verify(args: argparse.Namespace) -> int:
    from tracker.services.audit import verify_chain
    from tracker.services.periods import verify_periods

    database = open_for_command(args)
    try:
        check = verify_chain(database)
        # The closed periods' digests are in the chain: check them only once it holds.
        periods = verify_periods(database) if check.ok else None
    finally:
        database.close()
    print(check.message, file=sys.stdout if check.ok else sys.stderr)
    if periods is not None:
        print(periods.message, file=sys.stdout if periods.ok else sys.stderr)
        return 0 if periods.ok else EXIT_USER_ERROR
    return EXIT_USER_ERROR


def cmd_audit(args: argparse.Namespace) -> int:
    from tracker.services.audit import list_audit

    database = open_for_command(args)
    try:
        rows = list_audit(database, since=args.since)
    finally:
        database.close()
    for row in rows:
        change = f"{row.old_value!r} -> {row.new_value!r}"
        # ISO and UTC, as stored: this listing is read by scripts as well as people.
        print(
            f"{row.at:%Y-%m-%d %H:%M:%S}Z  {row.user}  {row.cause}  "
            f"{row.record_type} {row.record_id}  {row.field}: {change}"
        )
    if not rows:
        print("No audit records" + (f" since {short_date(args.since)}." if args.since else "."))
    return 0


VERBS = (
    Verb(
        "verify",
        "check that the audit log's hash chain is intact (exit 1 if not)",
        cmd_verify,
    ),
    Verb(
        "audit",
        "print the audit log: who changed what, when",
        cmd_audit,
        (
            argument(
                "--since", type=date_argument, metavar="DATE", help="from this date (YYYY-MM-DD)"
            ),
        ),
    ),
)
