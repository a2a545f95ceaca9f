"""Storage: the SQLModel tables, the connection (an SQLite file, or a team database on
PostgreSQL given as a ``postgresql://`` URL) and schema migrations.

The way in is :func:`open_checked_database`: it refuses a file that is not a tracker
database or is damaged (naming the newest backup), warns about a network share, takes the
daily backup and brings the schema up to date. :func:`open_database` only migrates; it is
for tools and tests that make their own files.
"""

from tracker.db.database import Database
from tracker.db.migrate import open_database
from tracker.db.opening import CheckedDatabase, open_checked_database

__all__ = ["CheckedDatabase", "Database", "open_checked_database", "open_database"]
