"""Complaints (pre-trial appeals) with their stored review and settlement due times.

Revision ID: 0010
Revises: 0005
Create Date: 2026-11-23 16:00:00

A branch off 0005 (migrations upgrade to all heads).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)
_JSON = postgresql.JSONB(astext_type=sa.Text())


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("attachments", _JSON, nullable=False),
        sa.Column("received_at", _TZ, nullable=False),
        sa.Column("counts_from", _TZ, nullable=False),
        sa.Column("term", sa.String(32), nullable=False),
        sa.Column("due_at", _TZ, nullable=False),
        sa.Column("settle_term", sa.String(32), nullable=False),
        sa.Column("settle_due_at", _TZ, nullable=False),
        sa.Column("reasons", _JSON, nullable=False),
        sa.Column("settle_reasons", _JSON, nullable=False),
        sa.Column("missed_at", _TZ, nullable=True),
        sa.Column("decided_at", _TZ, nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decision_text", sa.Text(), nullable=True),
        sa.Column("result_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", _TZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "level IN ('provider', 'authority')", name=op.f("ck_complaints_known_level")
        ),
        sa.CheckConstraint(
            "status IN ('open', 'settled', 'upheld', 'rejected')",
            name=op.f("ck_complaints_known_status"),
        ),
        sa.CheckConstraint(
            "(status = 'open') = (decided_at IS NULL)",
            name=op.f("ck_complaints_decided_when_closed"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_complaints_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["officers.id"], name=op.f("fk_complaints_decided_by_officers")
        ),
        sa.ForeignKeyConstraint(
            ["result_id"], ["results.id"], name=op.f("fk_complaints_result_id_results")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("number", name=op.f("uq_complaints_number")),
    )
    op.create_index("ix_complaints_application", "complaints", ["application_id", "received_at"])
    op.create_index(
        "ix_complaints_open_due",
        "complaints",
        ["due_at"],
        postgresql_where=sa.text("status = 'open'"),
    )


def downgrade() -> None:
    op.drop_index("ix_complaints_open_due", table_name="complaints")
    op.drop_index("ix_complaints_application", table_name="complaints")
    op.drop_table("complaints")
