"""Workflow: step instances with stored due times, pauses, results, journals; application columns.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("applications", sa.Column("registration_number", sa.String(64), nullable=True))
    op.add_column("applications", sa.Column("registered_at", _TZ, nullable=True))
    op.add_column("applications", sa.Column("executor_id", sa.Uuid(), nullable=True))
    op.add_column("applications", sa.Column("total_due_at", _TZ, nullable=True))
    op.add_column("applications", sa.Column("paused_at", _TZ, nullable=True))
    op.create_unique_constraint(
        op.f("uq_applications_registration_number"), "applications", ["registration_number"]
    )
    op.create_foreign_key(
        op.f("fk_applications_executor_id_officers"),
        "applications",
        "officers",
        ["executor_id"],
        ["id"],
    )

    op.create_table(
        "workflow_steps",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("service", sa.String(64), nullable=False),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("started_at", _TZ, nullable=False),
        sa.Column("term", sa.String(32), nullable=True),
        sa.Column("due_at", _TZ, nullable=True),
        sa.Column("reasons", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("completed_at", _TZ, nullable=True),
        sa.Column("completed_by", sa.String(128), nullable=True),
        sa.Column("outcome", sa.String(64), nullable=True),
        sa.Column("missed_at", _TZ, nullable=True),
        sa.CheckConstraint(
            "state IN ('open', 'done', 'cancelled')", name=op.f("ck_workflow_steps_known_state")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_workflow_steps_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["officers.id"], name=op.f("fk_workflow_steps_assignee_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workflow_steps")),
    )
    op.create_index(
        "uq_workflow_steps_open",
        "workflow_steps",
        ["application_id"],
        unique=True,
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index(
        "ix_workflow_steps_open_due",
        "workflow_steps",
        ["due_at"],
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index("ix_workflow_steps_application", "workflow_steps", ["application_id", "id"])

    op.create_table(
        "workflow_pauses",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("paused_at", _TZ, nullable=False),
        sa.Column("resumed_at", _TZ, nullable=True),
        sa.CheckConstraint(
            "resumed_at IS NULL OR resumed_at >= paused_at", name=op.f("ck_workflow_pauses_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_workflow_pauses_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workflow_pauses")),
    )
    op.create_index(
        "uq_workflow_pauses_running",
        "workflow_pauses",
        ["application_id"],
        unique=True,
        postgresql_where=sa.text("resumed_at IS NULL"),
    )

    op.create_table(
        "results",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("document", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("prepared_by", sa.Uuid(), nullable=True),
        sa.Column("prepared_by_iin", sa.String(12), nullable=True),
        sa.Column("signer_id", sa.Uuid(), nullable=True),
        sa.Column("signer_iin", sa.String(12), nullable=True),
        sa.Column("approved_for_signature_at", _TZ, nullable=True),
        sa.Column("signed_at", _TZ, nullable=True),
        sa.Column("created_at", _TZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('awaiting_signature', 'signed', 'cancelled')",
            name=op.f("ck_results_known_status"),
        ),
        sa.CheckConstraint(
            "outcome IN ('approved', 'refused')", name=op.f("ck_results_known_outcome")
        ),
        sa.CheckConstraint(
            "signer_iin IS NULL OR prepared_by_iin IS NULL OR signer_iin <> prepared_by_iin",
            name=op.f("ck_results_four_eyes"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_results_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["prepared_by"], ["officers.id"], name=op.f("fk_results_prepared_by_officers")
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"], ["officers.id"], name=op.f("fk_results_signer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_results")),
        sa.UniqueConstraint("number", name=op.f("uq_results_number")),
    )
    op.create_index("ix_results_application", "results", ["application_id"])

    op.create_table(
        "journal_counters",
        sa.Column("journal", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("journal", "year", name=op.f("pk_journal_counters")),
    )
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("journal", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=True),
        sa.Column("entered_at", _TZ, nullable=False),
        sa.Column("columns", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_journal_entries_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entries")),
    )
    op.create_index(
        "uq_journal_entries_number", "journal_entries", ["journal", "year", "seq"], unique=True
    )


def downgrade() -> None:
    op.drop_table("journal_entries")
    op.drop_table("journal_counters")
    op.drop_table("results")
    op.drop_table("workflow_pauses")
    op.drop_table("workflow_steps")
    op.drop_constraint(
        op.f("fk_applications_executor_id_officers"), "applications", type_="foreignkey"
    )
    op.drop_constraint(op.f("uq_applications_registration_number"), "applications", type_="unique")
    for column in (
        "paused_at",
        "total_due_at",
        "executor_id",
        "registered_at",
        "registration_number",
    ):
        op.drop_column("applications", column)
