"""The local state-database stand-in: persons and legal entities by IIN/BIN.

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-23 15:40:00

A branch off 0004 (migrations upgrade to all heads). No rows here: the seed of test
identities is ``qaqpa statedb seed``, run by ``make run`` and the test harness, so a
production database never holds them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "state_persons",
        sa.Column("iin", sa.String(length=12), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("registered_address", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('active', 'deceased')", name=op.f("ck_state_persons_known_status")
        ),
        sa.PrimaryKeyConstraint("iin", name=op.f("pk_state_persons")),
    )
    op.create_table(
        "state_legal_entities",
        sa.Column("bin", sa.String(length=12), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("registered_address", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('active', 'liquidated')",
            name=op.f("ck_state_legal_entities_known_status"),
        ),
        sa.PrimaryKeyConstraint("bin", name=op.f("pk_state_legal_entities")),
    )


def downgrade() -> None:
    op.drop_table("state_legal_entities")
    op.drop_table("state_persons")
