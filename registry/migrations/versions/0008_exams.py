"""S2 qualification exams: sessions (place, time, seats, answer key) and admissions (scores).

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-23 15:45:00

A branch off 0005 (migrations upgrade to all heads).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)
_JSON = postgresql.JSONB(astext_type=sa.Text())


def upgrade() -> None:
    op.create_table(
        "exam_sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revenue_body", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("starts_at", _TZ, nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("answer_key", _JSON, nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", _TZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("held_at", _TZ, nullable=True),
        sa.Column("protocol_number", sa.String(32), nullable=True),
        sa.Column("protocol_date", sa.Date(), nullable=True),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_exam_sessions_positive_capacity")),
        sa.CheckConstraint(
            "(held_at IS NULL) = (protocol_number IS NULL)",
            name=op.f("ck_exam_sessions_protocol_when_held"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["officers.id"], name=op.f("fk_exam_sessions_created_by_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_sessions")),
        sa.UniqueConstraint("protocol_number", name=op.f("uq_exam_sessions_protocol_number")),
    )
    op.create_index("ix_exam_sessions_starts_at", "exam_sessions", ["starts_at"])
    op.create_table(
        "exam_admissions",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("applicant_iin", sa.String(12), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("admitted_at", _TZ, nullable=False),
        sa.Column("admitted_by", sa.Uuid(), nullable=False),
        sa.Column("answers", _JSON, nullable=True),
        sa.Column("correct", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("score_percent", sa.Numeric(5, 2), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("scored_at", _TZ, nullable=True),
        sa.Column("scored_by", sa.Uuid(), nullable=True),
        sa.Column("certificate_number", sa.String(32), nullable=True),
        sa.Column("badge_number", sa.String(32), nullable=True),
        sa.CheckConstraint(
            "(scored_at IS NULL) = (passed IS NULL) AND (passed IS NULL) = (score_percent IS NULL)",
            name=op.f("ck_exam_admissions_scored_together"),
        ),
        sa.CheckConstraint(
            "(certificate_number IS NULL) OR passed",
            name=op.f("ck_exam_admissions_certificate_only_when_passed"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["exam_sessions.id"],
            name=op.f("fk_exam_admissions_session_id_exam_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_exam_admissions_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["admitted_by"], ["officers.id"], name=op.f("fk_exam_admissions_admitted_by_officers")
        ),
        sa.ForeignKeyConstraint(
            ["scored_by"], ["officers.id"], name=op.f("fk_exam_admissions_scored_by_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_admissions")),
        sa.UniqueConstraint("application_id", name=op.f("uq_exam_admissions_application_id")),
        sa.UniqueConstraint("badge_number", name=op.f("uq_exam_admissions_badge_number")),
        sa.UniqueConstraint(
            "certificate_number", name=op.f("uq_exam_admissions_certificate_number")
        ),
    )
    op.create_index("ix_exam_admissions_session", "exam_admissions", ["session_id"])
    op.create_index(
        "ix_exam_admissions_failed",
        "exam_admissions",
        ["applicant_iin"],
        postgresql_where=sa.text("passed = false"),
    )


def downgrade() -> None:
    op.drop_table("exam_admissions")
    op.drop_index("ix_exam_sessions_starts_at", table_name="exam_sessions")
    op.drop_table("exam_sessions")
