"""Calendar: decree transfers of days off, seeded with the known ones.

The seed rows come from :data:`registry.calendar.transfers.SEEDED_TRANSFERS`, the same data the
calendar falls back to without a database (one source of truth). Transfers published later
are added by operators (``qaqpa calendar transfers add``), not by editing this revision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from registry.calendar.transfers import SEEDED_TRANSFERS

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "calendar_transfers",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("decree", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("kind IN ('off', 'working')", name=op.f("ck_calendar_transfers_kind")),
        sa.PrimaryKeyConstraint("date", name=op.f("pk_calendar_transfers")),
    )
    op.bulk_insert(
        table,
        [{"date": t.date, "kind": t.kind.value, "decree": t.decree} for t in SEEDED_TRANSFERS],
    )


def downgrade() -> None:
    op.drop_table("calendar_transfers")
