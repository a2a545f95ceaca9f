"""The ``tracker`` command: ``tracker [--db PATH|URL] COMMAND``.

Scripts and the programme office rely on these verbs and their output, so they are kept
stable. A problem with the user's input prints one clear line on stderr and exits 1;
nothing is written. A bug prints its traceback and exits 70. When the reader of the
output goes away early (``tracker show | head -1``) the command stops quietly with 141,
the status a shell gives any command stopped that way; whatever it had committed stays
committed. With no command the window opens.

Each group of verbs lives in its own module (:mod:`.plan`, :mod:`.audit`, :mod:`.excel`)
and declares them as :class:`~tracker.cli.common.Verb` tuples.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from tracker import __version__
from tracker.cli import (
    assurance,
    audit,
    excel,
    findings_and_rag,
    periods,
    plan,
    team,
    team_sync,
    workstreams,
)
from tracker.cli.common import (
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    EXIT_READER_GONE,
    EXIT_USER_ERROR,
    Handler,
    add_verbs,
    database_location,
    print_error,
)
from tracker.errors import TrackerError
from tracker.paths import default_database_path

__all__ = [
    "EXIT_INTERNAL_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_READER_GONE",
    "EXIT_USER_ERROR",
    "build_parser",
    "main",
]

# In the order ``tracker --help`` lists them.
VERB_GROUPS = (
    plan.VERBS,
    audit.VERBS,
    excel.VERBS,
    workstreams.VERBS,
    periods.VERBS,
    assurance.VERBS,
    findings_and_rag.VERBS,
    team.VERBS,
    team_sync.VERBS,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker",
        description="Track an improvement action plan: import it, record progress, report.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        default=None,
        help=(
            "the database file, or a team database's postgresql://USER@HOST/DATABASE "
            f"address (default: {default_database_path()})"
        ),
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="the name the audit log records for changes (default: your login name)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for verbs in VERB_GROUPS:
        add_verbs(commands, verbs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            # Flushed here, not at interpreter exit, so a reader that has gone is seen below.
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_READER_GONE


def _run(argv: Sequence[str] | None) -> int:
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
    except BrokenPipeError:
        raise  # not a bug: main() stops quietly
    except TrackerError as exc:
        print_error(str(exc))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        # Not the user's input or environment: our bug. Say so, with the details.
        traceback.print_exc()
        print(
            "tracker: internal error: this is a bug in the tracker, not a problem with your "
            "data; nothing more was written. Please report it with the lines above.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush of what is still
    buffered cannot fail again (the recipe in Python's ``signal`` documentation)."""
    try:
        stdout = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (replaced in-process): nothing is left to flush to a pipe
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stdout)
    finally:
        os.close(devnull)


def _open_window(args: argparse.Namespace, *, explicit_db: bool) -> int:
    try:
        from tracker.ui.app import run_app
    except ImportError as exc:
        raise TrackerError(
            f"the window cannot start because Qt could not be loaded ({exc}). Reinstall "
            "with: pip install -e . (on Linux the system's OpenGL and xkbcommon libraries "
            "are needed too); the command-line verbs work without it."
        ) from exc
    return run_app(database_location(args.db), explicit_db=explicit_db)
