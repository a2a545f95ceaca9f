"""Storage: the SQLModel tables, the SQLite connection and schema migrations."""

from tracker.db.database import Database
from tracker.db.migrate import open_database

__all__ = ["Database", "open_database"]
