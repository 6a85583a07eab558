"""Agency codes on partners, officers' service/office scopes, four-eyes risk changes.

Revision ID: 0016
Revises: 0011
Create Date: 2026-12-03 21:45:00

* ``partners.agency_code``: the body an ``agency`` partner speaks for, unique among active
  partners (revoking an account frees its code for the successor); agencies were
  matched by display name before, so an existing agency partner gets its name as its code
  (what the matching used), unless two partners share that name -- then none does, and the
  operator sets it (``qaqpa partners create --agency``) for the right account.
* ``officers.services`` / ``officers.offices``: ``{*}`` (all) for existing accounts, which is
  what they could do before.
* ``risk_changes``: a risk-configuration change or a re-routing proposed by one officer,
  applied when another approves it.

A branch off 0011 (which created the risk tables, after officers and partners).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("partners", sa.Column("agency_code", sa.Text(), nullable=True))
    op.create_index(
        "uq_partners_agency_code",
        "partners",
        ["agency_code"],
        unique=True,
        postgresql_where=sa.text("revoked_at IS NULL"),
    )
    op.execute(
        """
        UPDATE partners p SET agency_code = p.name
        WHERE 'agency' = ANY(p.scopes) AND p.revoked_at IS NULL
          AND (SELECT count(*) FROM partners o
               WHERE o.name = p.name AND 'agency' = ANY(o.scopes) AND o.revoked_at IS NULL) = 1
        """
    )
    for column in ("services", "offices"):
        op.add_column(
            "officers",
            sa.Column(column, postgresql.ARRAY(sa.Text()), server_default="{*}", nullable=False),
        )
    op.create_table(
        "risk_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("proposed_by", sa.Uuid(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.Uuid(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('rule_add', 'rule_disable', 'lane_set', 'reroute')",
            name=op.f("ck_risk_changes_known_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('pending_approval', 'applied')", name=op.f("ck_risk_changes_known_status")
        ),
        sa.CheckConstraint(
            "(status = 'applied') = (approved_by IS NOT NULL)",
            name=op.f("ck_risk_changes_approved_when_applied"),
        ),
        sa.CheckConstraint(
            "approved_by IS NULL OR approved_by <> proposed_by",
            name=op.f("ck_risk_changes_four_eyes"),
        ),
        sa.CheckConstraint(
            "(kind = 'reroute') = (application_id IS NOT NULL)",
            name=op.f("ck_risk_changes_reroute_names_application"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_risk_changes_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"], ["officers.id"], name=op.f("fk_risk_changes_proposed_by_officers")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["officers.id"], name=op.f("fk_risk_changes_approved_by_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_changes")),
    )
    op.create_index(
        "ix_risk_changes_pending",
        "risk_changes",
        ["proposed_at"],
        postgresql_where=sa.text("status = 'pending_approval'"),
    )


def downgrade() -> None:
    op.drop_index("ix_risk_changes_pending", table_name="risk_changes")
    op.drop_table("risk_changes")
    op.drop_column("officers", "offices")
    op.drop_column("officers", "services")
    op.drop_index("uq_partners_agency_code", table_name="partners")
    op.drop_column("partners", "agency_code")
