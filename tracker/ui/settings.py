"""Per-machine UI state and preferences, kept in QSettings.

Window geometry, splitter positions, the last tab, recent database files, the last folder
a file dialog used, the plan in view for each database file and the user's name (the
author of their updates). The plan's data is never here: it lives in the database. The
``QSettings`` object is passed in, so tests point it at a file in a temporary folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8

_USER_NAME = "user/name"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_SPLITTER = "window/detail_splitter"
_HEADER = "window/tree_header"
_LAST_TAB = "window/last_tab"
_RECENT = "files/recent"
_LAST_FOLDER = "files/last_folder"
_PLAN_IN_VIEW = "plans/in_view"  # a group: one entry per database file


class Settings:
    """Typed access to the window's QSettings."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    # Preferences ---------------------------------------------------------------------
    @property
    def user_name(self) -> str:
        return self._text(_USER_NAME)

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.store.setValue(_USER_NAME, " ".join(value.split()))

    # Window state --------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue(_GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes(_STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.store.setValue(_STATE, value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes(_SPLITTER)

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self.store.setValue(_SPLITTER, value)

    @property
    def header_state(self) -> QByteArray | None:
        return self._bytes(_HEADER)

    @header_state.setter
    def header_state(self, value: QByteArray) -> None:
        self.store.setValue(_HEADER, value)

    @property
    def last_tab(self) -> str:
        return self._text(_LAST_TAB)

    @last_tab.setter
    def last_tab(self, value: str) -> None:
        self.store.setValue(_LAST_TAB, value)

    # Files ---------------------------------------------------------------------------
    @property
    def recent_files(self) -> list[Path]:
        value = self.store.value(_RECENT)
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list):
            return []
        return [Path(v) for v in value if isinstance(v, str) and v]

    def add_recent_file(self, path: Path) -> None:
        path = path.resolve()
        entries = [p for p in self.recent_files if p != path]
        self._set_recent([path, *entries][:MAX_RECENT])

    def remove_recent_file(self, path: Path) -> None:
        self._set_recent([p for p in self.recent_files if p != path])

    def _set_recent(self, paths: list[Path]) -> None:
        self.store.setValue(_RECENT, [str(p) for p in paths])

    @property
    def last_folder(self) -> Path | None:
        text = self._text(_LAST_FOLDER)
        return Path(text) if text else None

    @last_folder.setter
    def last_folder(self, value: Path) -> None:
        self.store.setValue(_LAST_FOLDER, str(value))

    # The plan in view, per database ------------------------------------------------
    def plan_in_view(self, database: Path) -> int | None:
        """The plan last shown for this database file, if any."""
        value = self.store.value(_plan_key(database))
        try:
            return int(value) if value is not None and str(value).strip() else None
        except (TypeError, ValueError):
            return None

    def set_plan_in_view(self, database: Path, plan_id: int | None) -> None:
        key = _plan_key(database)
        if plan_id is None:
            self.store.remove(key)
        else:
            self.store.setValue(key, plan_id)

    def sync(self) -> None:
        self.store.sync()

    # Helpers -------------------------------------------------------------------------
    def _text(self, key: str) -> str:
        value = self.store.value(key, "")
        return value if isinstance(value, str) else ""

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None


def _plan_key(database: Path) -> str:
    # A digest of the file's full path: paths hold characters QSettings keys cannot.
    digest = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:24]
    return f"{_PLAN_IN_VIEW}/{digest}"
