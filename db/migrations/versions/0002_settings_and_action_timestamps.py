"""Per-database settings, and when each action last changed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

``app_setting`` holds facts about the file itself (the date of the last board report, the
secret that signs status returns). ``action.updated_at`` lets a status return tell whether
an action changed after the return was sent out.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
    op.drop_table("app_setting")
