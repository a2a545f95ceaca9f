"""Registry of the command-line verbs that live beside their features.

Each feature module that adds a verb appends its ``register(subparsers)`` function here,
keeping :mod:`tracker.cli` small.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from tracker.excel import commands as excel_commands

REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [
    excel_commands.register,  # export-report, export-returns, import-return
]
