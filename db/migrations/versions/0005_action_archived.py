"""Actions can be archived: a revised plan that drops an action keeps it, with its updates.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Existing actions stay live (the column defaults to false). The default is the constant
``'0'`` so that SQLite adds the column in place on the ``action`` table only; no other
table is copied, so no foreign-key cascade can touch the plan's rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    # In place (SQLite 3.35+), not batch mode: copying ``action`` would cascade to updates.
    op.drop_column("action", "archived")
