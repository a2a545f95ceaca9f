"""Errors the user can act on, kept apart from programming errors.

Anything raised as a ``TrackerError`` carries a message written for a person: what went
wrong, where, and what to do. The CLI prints it as one line on stderr and the window shows
it in a dialog; any other exception is our bug and is reported as such.
"""

from __future__ import annotations


class TrackerError(Exception):
    """A problem with the user's input or environment, explained in ``str(self)``."""


class BadWorkbookError(TrackerError):
    """A spreadsheet that cannot be read safely: corrupt, encrypted, hostile, too big."""


class PlanImportError(TrackerError):
    """A readable workbook whose contents cannot be turned into a plan."""


class DuplicatePlanError(PlanImportError):
    """The same file was imported before; import it as a new plan to proceed."""


class DatabaseError(TrackerError):
    """The database file cannot be opened or is from a newer version of the app."""


class ImportCancelledError(TrackerError):
    """The user cancelled an import; nothing was written."""


class ReturnForOtherPlanError(TrackerError):
    """A status return that belongs to a plan other than the one it was imported into."""

    def __init__(self, message: str, *, file_name: str, plan_id: int, plan_name: str) -> None:
        super().__init__(message)
        self.file_name = file_name
        self.plan_id = plan_id  # the plan the return was exported from
        self.plan_name = plan_name
