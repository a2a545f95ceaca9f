"""Where the database and exports live by default.

Run from a checkout, the app keeps its database in the checkout's ``db/`` folder and
writes workbooks to ``exports/``; installed elsewhere it uses the user's data and
documents folders. ``--db`` (and the export commands' paths) override both.
"""

from __future__ import annotations

import os
from importlib.resources import as_file, files
from pathlib import Path

import platformdirs

APP_NAME = "action-plan-tracker"
DB_FILE_NAME = "tracker.sqlite3"
ORIGINAL_PLAN_NAME = "cqc-lsr-action-plan-2018.xlsx"
ICON_NAME = "icon.png"
# The name of the Linux desktop entry (packaging/linux/), which the window gives the
# desktop so that it shows the entry's icon and name for the window.
DESKTOP_FILE_NAME = "action-plan-tracker"


def checkout_root() -> Path | None:
    """The source checkout this package runs from, if it does."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "db" / "migrations").is_dir():
        return root
    return None


def default_database_path() -> Path | str:
    """``TRACKER_DB`` (a file path or a ``postgresql://`` URL), else the default file."""
    override = os.environ.get("TRACKER_DB")
    if override:
        from tracker.db.location import is_server_url

        return override if is_server_url(override) else Path(override)
    root = checkout_root()
    if root is not None:
        return root / "db" / DB_FILE_NAME
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILE_NAME


def default_exports_dir() -> Path:
    root = checkout_root()
    if root is not None:
        return root / "exports"
    return Path(platformdirs.user_documents_dir()) / "Action plan tracker"


def original_plan_path() -> Path:
    """The original 2018 action plan that ships with the app."""
    resource = files("tracker.resources").joinpath(ORIGINAL_PLAN_NAME)
    with as_file(resource) as path:
        return Path(path)


def icon_path() -> Path:
    """The app's icon, as a PNG file (the packaged app's icon files are made from it)."""
    resource = files("tracker.resources").joinpath(ICON_NAME)
    with as_file(resource) as path:
        return Path(path)
