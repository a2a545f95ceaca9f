"""What every verb of the ``tracker`` command shares: exit codes, how a verb is declared,
opening the database, reading dates and printing errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.dates import parse_date

if TYPE_CHECKING:
    from tracker.db import Database

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70
EXIT_INTERRUPTED = 130
# The reader of our output went away (``tracker show | head -1``): the status a shell
# reports for a command stopped by SIGPIPE, as ``cat`` or ``grep`` would give.
EXIT_READER_GONE = 141

DATE_HELP = "YYYY-MM-DD or DD/MM/YYYY"

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Argument:
    """One ``add_argument`` call: its flags (or positional name) and its options."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def argument(*flags: str, **options: Any) -> Argument:
    """An argument of a verb, written as it would be passed to ``add_argument``."""
    return Argument(flags, options)


@dataclass(frozen=True)
class Verb:
    """A sub-command: its name, its one-line help, what runs it and its arguments."""

    name: str
    help: str
    handler: Handler
    arguments: tuple[Argument, ...] = field(default=())


def add_verbs(subparsers: Any, verbs: Iterable[Verb]) -> None:
    """Add each verb as a sub-parser (``subparsers`` is what ``add_subparsers`` returned)."""
    for verb in verbs:
        parser = subparsers.add_parser(verb.name, help=verb.help)
        for arg in verb.arguments:
            parser.add_argument(*arg.flags, **arg.options)
        parser.set_defaults(handler=verb.handler)


def print_error(message: str) -> None:
    """One line on stderr for a problem the user can fix."""
    print(f"tracker: error: {message}", file=sys.stderr)


def print_warning(message: str) -> None:
    print(f"tracker: warning: {message}", file=sys.stderr)


def open_for_command(args: argparse.Namespace) -> Database:
    """Open the database for a command: checked, backed up daily, warned about shares."""
    from tracker.db import open_checked_database

    checked = open_checked_database(database_location(args.db))
    for warning in checked.warnings:
        print_warning(warning)
    if getattr(args, "user", None):
        checked.database.actor = args.user
    return checked.database


def database_location(text: str) -> Path | str:
    """``--db`` as given: a server URL stays text, anything else is a file path."""
    from tracker.db.location import is_server_url

    return text if is_server_url(text) else Path(text)


def date_argument(text: str) -> date:
    """A date on the command line, read as everywhere else (``argparse`` ``type=``)."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
