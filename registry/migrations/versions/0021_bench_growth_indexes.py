"""A partner's list filtered by status or by service reads an index, at any number of rows.

Revision ID: 0021
Revises: 0003
Create Date: 2026-12-04 09:40:00

The growth check (bench/growth.py, issue 18) found ``GET /v1/applications?status=...`` and
``?service=...`` slowing down with the table: the keyset index (partner, created_at, id) gives
the partner's rows newest first, and the filter then walks them until it has a page, so a
status or service the partner seldom has meant reading its whole history (at 200 thousand rows
a parallel sequential scan of 62 ms, an index walk of 96 ms). With the filtered column between
the partner and the keyset columns the page is the index's first rows. A branch off 0003, which
created the table.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_applications_partner_status_created",
        "applications",
        ["partner_id", "status", "created_at", "id"],
    )
    op.create_index(
        "ix_applications_partner_service_created",
        "applications",
        ["partner_id", "service", "created_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_applications_partner_service_created", table_name="applications")
    op.drop_index("ix_applications_partner_status_created", table_name="applications")
