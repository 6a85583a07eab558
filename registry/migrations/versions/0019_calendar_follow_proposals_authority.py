"""Calendar changes reach every process; heads change transfers with four eyes; the
authorised body gets its officer role (issue 21).

Revision ID: 0019
Revises: 0010
Create Date: 2026-12-04 06:00:00

* Every statement that changes ``calendar_transfers`` sends ``NOTIFY qaqpa_calendar``: each
  process listens (registry/calendar/follow.py) and reloads its working calendar at once.
* ``calendar_transfer_proposals``: a head proposes adding or removing a decree transfer, a
  second head (another person, by IIN: the check constraint says so too) confirms it.
* The officers' ``authority`` role: the authorised quality-control body, which decides the
  complaints addressed to it (regulation 004); the provider's heads decide the others.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0019"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "qaqpa_calendar"
ROLES_BEFORE = ("clerk", "head", "unit_head", "executor", "signer")
ROLES_AFTER = (*ROLES_BEFORE, "authority")


def _role_check(roles: Sequence[str]) -> None:
    op.drop_constraint(op.f("ck_officers_known_role"), "officers", type_="check")
    op.create_check_constraint(
        op.f("ck_officers_known_role"),
        "officers",
        "role IN ({})".format(", ".join(f"'{role}'" for role in roles)),
    )


def upgrade() -> None:
    op.execute(
        f"""
        CREATE FUNCTION calendar_transfers_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', '');
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER calendar_transfers_notify AFTER INSERT OR UPDATE OR DELETE "
        "ON calendar_transfers FOR EACH STATEMENT EXECUTE FUNCTION calendar_transfers_notify()"
    )
    op.create_table(
        "calendar_transfer_proposals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("decree", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_by", sa.Uuid(), nullable=False),
        sa.Column("proposed_by_iin", sa.String(length=12), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.Uuid(), nullable=True),
        sa.Column("confirmed_by_iin", sa.String(length=12), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.CheckConstraint(
            "action IN ('add', 'remove')", name=op.f("ck_calendar_transfer_proposals_action")
        ),
        sa.CheckConstraint(
            "(action = 'add') = (kind IS NOT NULL) "
            "AND (kind IS NULL OR kind IN ('off', 'working'))",
            name=op.f("ck_calendar_transfer_proposals_kind_for_add"),
        ),
        sa.CheckConstraint(
            "status IN ('proposed', 'confirmed')",
            name=op.f("ck_calendar_transfer_proposals_known_status"),
        ),
        sa.CheckConstraint(
            "(status = 'confirmed') = (confirmed_at IS NOT NULL)",
            name=op.f("ck_calendar_transfer_proposals_confirmed_when"),
        ),
        sa.CheckConstraint(
            "confirmed_by_iin IS NULL OR confirmed_by_iin <> proposed_by_iin",
            name=op.f("ck_calendar_transfer_proposals_four_eyes"),
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["officers.id"],
            name=op.f("fk_calendar_transfer_proposals_proposed_by_officers"),
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by"],
            ["officers.id"],
            name=op.f("fk_calendar_transfer_proposals_confirmed_by_officers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_transfer_proposals")),
    )
    _role_check(ROLES_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM officers WHERE role = 'authority'")
    _role_check(ROLES_BEFORE)
    op.drop_table("calendar_transfer_proposals")
    op.execute("DROP TRIGGER calendar_transfers_notify ON calendar_transfers")
    op.execute("DROP FUNCTION calendar_transfers_notify()")
