"""Board cycles: closed reporting periods, exceptions with decisions, returns chased.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

``reporting_period`` and ``period_position`` hold what was reported to each board: once
written they are never changed, so triggers refuse UPDATE and DELETE (as on the audit
log). Deleting a whole plan still removes its periods: the cascade runs after the plan's
row has gone, and the triggers let a row go only when its parent no longer exists.
``period_key_messages`` is the programme office's text for a period, editable and audited.
``return_sent`` records each status return exported and when it came back. The update
table gains the four fields an exception reports to the board; all are optional, so
existing rows need nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_UPDATE_COLUMNS = ("cause", "mitigation", "recovery_date", "decision_asked")


def upgrade() -> None:
    op.create_table(
        "reporting_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=False),
        sa.Column("closed_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reporting_period_plan_id", "reporting_period", ["plan_id"])
    op.create_table(
        "period_position",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "period_id",
            sa.Integer(),
            sa.ForeignKey("reporting_period.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("workstream", sa.String(), nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("rag", sa.String(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("revised_due_date", sa.Date(), nullable=True),
        sa.Column("overdue", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_period_position_period_id", "period_position", ["period_id"])
    if op.get_context().dialect.name == "postgresql":
        _refuse_changes_on_postgresql()
    else:
        for table, parent, key in _IMMUTABLE:
            op.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'a closed reporting period cannot be changed'); END"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {parent} WHERE id = OLD.{key}) "
                "BEGIN SELECT RAISE(ABORT, 'a closed reporting period cannot be changed'); END"
            )
    op.create_table(
        "period_key_messages",
        sa.Column(
            "period_id",
            sa.Integer(),
            sa.ForeignKey("reporting_period.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("period_id"),
    )
    op.create_table(
        "return_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("return_id", sa.String(), nullable=False),
        sa.Column("scope", sa.String(), nullable=False),
        sa.Column("for_whom", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("actions", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("due_back", sa.Date(), nullable=True),
        sa.Column("contact", sa.String(), nullable=False),
        sa.Column("back_on", sa.Date(), nullable=True),
        sa.Column("sent_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_return_sent_plan_id", "return_sent", ["plan_id"])
    op.create_index("ix_return_sent_return_id", "return_sent", ["return_id"])
    with op.batch_alter_table("update", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cause", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("mitigation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("recovery_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("decision_asked", sa.Text(), nullable=True))


# (table, parent, key): a closed period's rows are never changed, and deleted only with
# their parent (a plan deleted whole takes its periods with it, by the foreign keys).
_IMMUTABLE = (
    ("reporting_period", "plan", "plan_id"),
    ("period_position", "reporting_period", "period_id"),
)


def _refuse_changes_on_postgresql() -> None:
    # The cascade from a deleted plan runs after the plan's row is gone: a row whose
    # parent no longer exists may go; any other change is refused.
    op.execute(
        "CREATE FUNCTION period_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  IF TG_OP = 'DELETE' THEN\n"
        "    IF TG_TABLE_NAME = 'reporting_period' THEN\n"
        "      IF NOT EXISTS (SELECT 1 FROM plan WHERE id = OLD.plan_id) THEN\n"
        "        RETURN OLD;\n"
        "      END IF;\n"
        "    ELSIF NOT EXISTS (SELECT 1 FROM reporting_period WHERE id = OLD.period_id) THEN\n"
        "      RETURN OLD;\n"
        "    END IF;\n"
        "  END IF;\n"
        "  RAISE EXCEPTION 'a closed reporting period cannot be changed';\n"
        "END $$"
    )
    for table, _parent, _key in _IMMUTABLE:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION period_refuse_change()"
            )


def downgrade() -> None:
    for column in reversed(_UPDATE_COLUMNS):
        op.drop_column("update", column)
    op.drop_index("ix_return_sent_return_id", "return_sent")
    op.drop_index("ix_return_sent_plan_id", "return_sent")
    op.drop_table("return_sent")
    op.drop_table("period_key_messages")
    on_postgresql = op.get_context().dialect.name == "postgresql"
    for table in ("period_position", "reporting_period"):
        for name in (f"{table}_no_delete", f"{table}_no_update"):
            op.execute(
                f"DROP TRIGGER {name} ON {table}" if on_postgresql else f"DROP TRIGGER {name}"
            )
    if on_postgresql:
        op.execute("DROP FUNCTION period_refuse_change()")
    op.drop_index("ix_period_position_period_id", "period_position")
    op.drop_table("period_position")
    op.drop_index("ix_reporting_period_plan_id", "reporting_period")
    op.drop_table("reporting_period")
