"""S8: requests to the export-control agencies and the foreign ministry, with their answers.

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-23 16:00:00

A branch off 0005 (migrations upgrade to all heads).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reexport_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("requested_at", _TZ, nullable=False),
        sa.Column("answer", sa.String(16), nullable=True),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("document_number", sa.String(128), nullable=True),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("answered_at", _TZ, nullable=True),
        sa.Column("answered_by", sa.String(128), nullable=True),
        sa.CheckConstraint(
            "kind IN ('agency', 'guarantee')", name=op.f("ck_reexport_requests_known_kind")
        ),
        sa.CheckConstraint(
            "answer IS NULL OR answer IN ('positive', 'negative')",
            name=op.f("ck_reexport_requests_known_answer"),
        ),
        sa.CheckConstraint(
            "(answer IS NULL) = (answered_at IS NULL)",
            name=op.f("ck_reexport_requests_answered_with_time"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_reexport_requests_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reexport_requests")),
        sa.UniqueConstraint(
            "application_id",
            "kind",
            "agency",
            name=op.f("uq_reexport_requests_application_id_kind_agency"),
        ),
    )
    op.create_index(
        op.f("ix_reexport_requests_application_id"), "reexport_requests", ["application_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_reexport_requests_application_id"), table_name="reexport_requests")
    op.drop_table("reexport_requests")
