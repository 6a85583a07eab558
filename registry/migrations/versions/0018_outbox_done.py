"""Outbox rows record when their job finished (``done_at``), so a lost job is noticed.

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-03 23:10:00

``sent_at`` says a row reached Redis; ``done_at`` says its job ran to an end. A row sent but not
done long after is a job Redis may have lost (a restart without AOF): the workers' reconciler
(workers/outbox/reconciler.py) sends it again under the same job id. Rows already sent when this
migration runs are taken as done: their jobs ran long ago, and sending them all again at the
first worker start would only replay history.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE outbox SET done_at = sent_at WHERE sent_at IS NOT NULL")
    op.create_index(
        "ix_outbox_undone",
        "outbox",
        ["sent_at"],
        postgresql_where=sa.text("sent_at IS NOT NULL AND done_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_undone", table_name="outbox")
    op.drop_column("outbox", "done_at")
