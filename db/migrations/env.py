"""Alembic environment: runs on the connection the app hands in (never from a URL).

Migrations run in batch mode because SQLite cannot ALTER most column properties in place;
batch mode copies the table, which is why the app backs the file up first.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import tracker.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command line
    raise RuntimeError("run migrations through tracker.db.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
