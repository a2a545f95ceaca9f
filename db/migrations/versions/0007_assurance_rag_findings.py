"""Assurance: a plan's calculated-RAG thresholds, a reason for a declared RAG greener than
the calculated one, the review's findings and the CQC quality statements actions serve.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Only new tables and one new nullable column (``update.rag_reason``, added in place): no
table is copied, so no foreign-key cascade can fire. The quality statements themselves are
reference lists shipped with the app, so the tables hold only their references.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _plan_fk() -> sa.Column:
    return sa.Column(
        "plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True
    )


def upgrade() -> None:
    op.add_column("update", sa.Column("rag_reason", sa.Text(), nullable=True))
    op.create_table(
        "plan_rag_rule",
        _plan_fk(),
        sa.Column("red_days_late", sa.Integer(), nullable=False),
        sa.Column("red_points_behind", sa.Integer(), nullable=False),
        sa.Column("amber_points_behind", sa.Integer(), nullable=False),
        sa.Column("amber_due_within_days", sa.Integer(), nullable=False),
        sa.Column("amber_percent_below", sa.Integer(), nullable=False),
        sa.Column("roll_up", sa.String(), nullable=False),
    )
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_finding_plan_ref", "finding", ["plan_id", "ref"], unique=True)
    op.create_table(
        "area_finding",
        sa.Column(
            "area_id", sa.Integer(), sa.ForeignKey("area.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "finding_id",
            sa.Integer(),
            sa.ForeignKey("finding.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_area_finding_finding_id", "area_finding", ["finding_id"])
    op.create_table(
        "action_quality_statement",
        sa.Column(
            "action_id",
            sa.Integer(),
            sa.ForeignKey("action.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("statement_ref", sa.String(), primary_key=True),
    )
    op.create_index(
        "ix_action_quality_statement_statement_ref",
        "action_quality_statement",
        ["statement_ref"],
    )
    op.create_table(
        "quality_statement_score",
        _plan_fk(),
        sa.Column("statement_ref", sa.String(), primary_key=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("quality_statement_score")
    op.drop_index("ix_action_quality_statement_statement_ref", "action_quality_statement")
    op.drop_table("action_quality_statement")
    op.drop_index("ix_area_finding_finding_id", "area_finding")
    op.drop_table("area_finding")
    op.drop_index("ix_finding_plan_ref", "finding")
    op.drop_table("finding")
    op.drop_table("plan_rag_rule")
    op.drop_column("update", "rag_reason")
