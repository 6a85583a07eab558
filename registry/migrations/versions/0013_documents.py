"""Signed result documents (PDF and XML of each signed result) with their SHA-256.

Revision ID: 0013
Revises: 0005
Create Date: 2026-11-23 16:00:00

A branch off 0005 (migrations upgrade to all heads).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("result_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("kind IN ('pdf', 'xml')", name=op.f("ck_documents_known_kind")),
        sa.CheckConstraint("size = octet_length(content)", name=op.f("ck_documents_size_matches")),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_documents_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["result_id"], ["results.id"], name=op.f("fk_documents_result_id_results")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index("ix_documents_application", "documents", ["application_id"])
    op.create_index("uq_documents_result_kind", "documents", ["result_id", "kind"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_documents_result_kind", table_name="documents")
    op.drop_index("ix_documents_application", table_name="documents")
    op.drop_table("documents")
