"""Append-only audit log with a hash chain.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Triggers refuse UPDATE and DELETE (and on PostgreSQL TRUNCATE) on ``audit_log`` so that no
code path, ours or a careless script's, can rewrite history through SQL without first
dropping them; the hash chain catches what the triggers cannot (a row edited with the
triggers removed).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        sa.Column("cause", sa.String(), nullable=False),
        sa.Column("record_type", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_record", "audit_log", ["record_type", "record_id"])
    if op.get_context().dialect.name == "postgresql":
        _refuse_changes_on_postgresql()
        return
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )


def _refuse_changes_on_postgresql() -> None:
    op.execute(
        "CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"
    )
    for name, event, level in (
        ("audit_log_no_update", "UPDATE", "ROW"),
        ("audit_log_no_delete", "DELETE", "ROW"),
        ("audit_log_no_truncate", "TRUNCATE", "STATEMENT"),
    ):
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON audit_log "
            f"FOR EACH {level} EXECUTE FUNCTION audit_log_refuse_change()"
        )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for name in ("audit_log_no_truncate", "audit_log_no_delete", "audit_log_no_update"):
            op.execute(f"DROP TRIGGER {name} ON audit_log")
        op.execute("DROP FUNCTION audit_log_refuse_change()")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute("DROP TRIGGER audit_log_no_update")
    op.drop_index("ix_audit_log_record", "audit_log")
    op.drop_table("audit_log")
