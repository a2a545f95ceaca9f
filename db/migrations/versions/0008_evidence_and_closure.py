"""Completion with evidence: an ``evidence`` table and the closure state of each action.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

Evidence files are stored as BLOBs in the database, so a backup or a copy of the file
carries them. The closure columns are nullable with no default, so SQLite adds them in
place: batch mode copying ``action`` would cascade (foreign keys are on) to its updates.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CLOSURE_COLUMNS = ("closure_state", "closure_by", "closure_at", "closure_note")


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("media_type", sa.String(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("added_by", sa.String(), nullable=False),
        sa.Column("added_at", sa.String(length=32), nullable=False),
        sa.Column("removed_by", sa.String(), nullable=True),
        sa.Column("removed_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_action_id"), ["action_id"], unique=False)
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closure_state", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("closure_by", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("closure_at", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("closure_note", sa.Text(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+), not batch mode: copying ``action`` would cascade, as above.
    for column in CLOSURE_COLUMNS:
        op.drop_column("action", column)
    op.drop_index("ix_evidence_action_id", table_name="evidence")
    op.drop_table("evidence")
