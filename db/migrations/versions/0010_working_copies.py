"""Working copies: where a local file was checked out from, and what each row was then.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

``sync_origin`` (one row, only in a working copy) names the team database, plan and
workstreams it was taken from and when it was checked out and last synced. ``sync_row``
maps each copied row to its row on the team database and keeps the row's state there at
the last sync: the *base* of the three-way comparison. ``update_key`` gives an update
made offline a key that stays the same on both sides, so pushing it twice adds it once.
New tables only: nothing existing is copied or changed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_origin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("plan_name", sa.Text(), nullable=False),
        sa.Column("workstreams", sa.Text(), nullable=False),
        sa.Column("checked_out_at", sa.String(length=32), nullable=False),
        sa.Column("last_synced_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_row",
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "local_id"),
        sa.UniqueConstraint("table_name", "source_id", name="uq_sync_row_source"),
    )
    op.create_table(
        "update_key",
        sa.Column("update_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["update_id"], ["update.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("update_id"),
        sa.UniqueConstraint("key", name="uq_update_key_key"),
    )


def downgrade() -> None:
    op.drop_table("update_key")
    op.drop_table("sync_row")
    op.drop_table("sync_origin")
