"""Plans can be archived: kept in the file, hidden from the window's tabs and the reports.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Existing plans stay live (the column defaults to false). The default is the constant
``'0'`` on purpose: with it SQLite adds the column in place, whereas an expression default
makes batch mode copy the table, and dropping the old ``plan`` table would cascade (foreign
keys are on) to every workstream, area, action and update.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    # In place (SQLite 3.35+), not batch mode: copying the table would cascade, as above.
    op.drop_column("plan", "archived")
