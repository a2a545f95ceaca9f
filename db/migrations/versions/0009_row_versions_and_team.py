"""Row versions for concurrent editing, and who leads which workstream on a team database.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

``version`` on actions, areas and workstreams grows by one with every change to the row
(a trigger does it, so every writer, ours or a script's, counts): an edit made from what
someone read at version 3 finds version 4 and is shown as a conflict, never written over.
The columns default to the constant ``'1'`` so SQLite adds them in place (batch mode
would copy the tables, and dropping ``plan``'s children would cascade).

``workstream_member`` maps a PostgreSQL role to the workstreams it leads; the row-level
security policies ``tracker team-init`` creates read it. An SQLite file keeps it empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

VERSIONED = ("action", "area", "workstream")


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
    op.create_table(
        "workstream_member",
        sa.Column("workstream_id", sa.Integer(), nullable=False),
        sa.Column("db_role", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["workstream_id"], ["workstream.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workstream_id", "db_role"),
    )
    op.create_index("ix_workstream_member_db_role", "workstream_member", ["db_role"])
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION tracker_bump_version() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN IF NEW.version = OLD.version THEN NEW.version := OLD.version + 1; "
            "END IF; RETURN NEW; END $$"
        )
        for table in VERSIONED:
            op.execute(
                f"CREATE TRIGGER {table}_bump_version BEFORE UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION tracker_bump_version()"
            )
    else:
        # SQLite cannot assign NEW in a trigger: bump it after, once (recursive triggers
        # are off, and the WHEN clause skips writers that set the version themselves).
        for table in VERSIONED:
            op.execute(
                f"CREATE TRIGGER {table}_bump_version AFTER UPDATE ON {table} "
                "WHEN NEW.version = OLD.version "
                f"BEGIN UPDATE {table} SET version = OLD.version + 1 WHERE id = NEW.id; END"
            )


def downgrade() -> None:
    postgresql = op.get_context().dialect.name == "postgresql"
    for table in VERSIONED:
        op.execute(f"DROP TRIGGER {table}_bump_version" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION tracker_bump_version()")
    op.drop_index("ix_workstream_member_db_role", "workstream_member")
    op.drop_table("workstream_member")
    for table in VERSIONED:
        # In place (SQLite 3.35+), not batch mode: copying the table would cascade.
        op.drop_column(table, "version")
