"""Customs control and risk management: reference tables, rules, lanes, selections; example seeds.

Revision ID: 0011
Revises: 0005
Create Date: 2026-11-23 16:30:00

A branch off 0005 (migrations upgrade to all heads). The seeded rows are EXAMPLES that make a
fresh installation behave sensibly (lanes whose rates add up, a few rules and permits of the
kind the real tables hold); they are not law and are managed afterwards with ``qaqpa risk``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)
_JSON = postgresql.JSONB(astext_type=sa.Text())
_NOW = sa.text("now()")
_CORRIDOR = "corridor IN ('green', 'blue', 'yellow', 'red')"

SEED_ACTOR = "migration:0011"
LANES = [
    # corridor, expected share, minimum random share, forms of control of a random selection
    ("green", "0.8000", "0", []),
    ("blue", "0.0500", "0.0100", ["post_clearance_audit"]),
    ("yellow", "0.1000", "0.0300", ["documentary_control"]),
    ("red", "0.0500", "0.0100", ["documentary_control", "inspection"]),
]
RULES = [
    # code, kind, value, corridor, forms of control, description
    (
        "R-HS-93",
        "hs_prefix",
        "93",
        "red",
        ["documentary_control", "inspection", "prohibitions_check"],
        "Example: arms and ammunition (HS chapter 93) are always inspected.",
    ),
    (
        "R-HS-2402",
        "hs_prefix",
        "2402",
        "yellow",
        ["documentary_control"],
        "Example: cigars and cigarettes: documentary check of excise stamps.",
    ),
    (
        "R-ORIGIN-KP",
        "origin_country",
        "KP",
        "red",
        ["inspection", "prohibitions_check"],
        "Example: goods originating in the DPRK (UN Security Council sanctions).",
    ),
    (
        "R-VALUE-MIN",
        "value_per_kg",
        None,
        "yellow",
        ["documentary_control", "customs_value_check"],
        "Example: customs value per kg below the value-control minimum for the HS prefix.",
    ),
]
VALUE_CONTROLS = [
    ("8471", "20000.00", "Example: automatic data-processing machines."),
    ("8517", "50000.00", "Example: telephone sets, smartphones."),
    ("9403", "1500.00", "Example: other furniture."),
    ("6403", "4000.00", "Example: footwear with leather uppers."),
]
PERMITS = [
    # HS prefix, direction (None = both), box-44 document code, name, measure
    (
        "93",
        None,
        "01011",
        {
            "kk": "Қару мен оқ-дәрілерді әкелуге/әкетуге лицензия",
            "ru": "Лицензия на ввоз/вывоз оружия и боеприпасов",
            "en": "Licence for the import/export of arms and ammunition",
        },
        "Example: licensing of arms and ammunition.",
    ),
    (
        "2844",
        None,
        "01011",
        {
            "kk": "Радиоактивті материалдарды әкелуге/әкетуге лицензия",
            "ru": "Лицензия на ввоз/вывоз радиоактивных материалов",
            "en": "Licence for the import/export of radioactive materials",
        },
        "Example: licensing of radioactive elements and isotopes.",
    ),
    (
        "0602",
        "IM",
        "01207",
        {
            "kk": "Фитосанитариялық сертификат",
            "ru": "Фитосанитарный сертификат",
            "en": "Phytosanitary certificate",
        },
        "Example: quarantine phytosanitary control of live plants.",
    ),
]


def upgrade() -> None:
    op.create_table(
        "customs_national_subheadings",
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("added_at", _TZ, server_default=_NOW, nullable=False),
        sa.CheckConstraint(
            "code ~ '^[0-9]{6,10}$'", name=op.f("ck_customs_national_subheadings_digits")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_customs_national_subheadings")),
    )
    permits = op.create_table(
        "customs_permit_requirements",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("hs_prefix", sa.String(10), nullable=False),
        sa.Column("direction", sa.String(2), nullable=True),
        sa.Column("document_code", sa.String(5), nullable=False),
        sa.Column("document_name", _JSON, nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
        sa.CheckConstraint(
            "hs_prefix ~ '^[0-9]{2,10}$'", name=op.f("ck_customs_permit_requirements_prefix_digits")
        ),
        sa.CheckConstraint(
            "document_code ~ '^[0-9]{5}$'",
            name=op.f("ck_customs_permit_requirements_document_code_digits"),
        ),
        sa.CheckConstraint(
            "direction IS NULL OR direction IN ('IM', 'EK')",
            name=op.f("ck_customs_permit_requirements_known_direction"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customs_permit_requirements")),
    )
    lanes = op.create_table(
        "risk_lanes",
        sa.Column("corridor", sa.String(8), nullable=False),
        sa.Column("expected_rate", sa.Numeric(5, 4), nullable=False),
        sa.Column("min_random_rate", sa.Numeric(5, 4), nullable=False),
        sa.Column("default_forms", _JSON, nullable=False),
        sa.Column("updated_at", _TZ, server_default=_NOW, nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
        sa.CheckConstraint(_CORRIDOR, name=op.f("ck_risk_lanes_known_corridor")),
        sa.CheckConstraint(
            "expected_rate BETWEEN 0 AND 1", name=op.f("ck_risk_lanes_expected_rate_share")
        ),
        sa.CheckConstraint(
            "min_random_rate BETWEEN 0 AND expected_rate",
            name=op.f("ck_risk_lanes_min_random_rate"),
        ),
        sa.CheckConstraint(
            "corridor <> 'green' OR min_random_rate = 0",
            name=op.f("ck_risk_lanes_green_not_random"),
        ),
        sa.PrimaryKeyConstraint("corridor", name=op.f("pk_risk_lanes")),
    )
    rules = op.create_table(
        "risk_rules",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("value", sa.String(32), nullable=True),
        sa.Column("corridor", sa.String(8), nullable=False),
        sa.Column("forms_of_control", _JSON, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("created_at", _TZ, server_default=_NOW, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("disabled_at", _TZ, nullable=True),
        sa.Column("disabled_by", sa.String(128), nullable=True),
        sa.CheckConstraint(_CORRIDOR, name=op.f("ck_risk_rules_known_corridor")),
        sa.CheckConstraint(
            "kind IN ('hs_prefix', 'origin_country', 'dispatch_country', 'declarant', "
            "'representative', 'value_per_kg')",
            name=op.f("ck_risk_rules_known_kind"),
        ),
        sa.CheckConstraint(
            "kind = 'value_per_kg' OR value IS NOT NULL", name=op.f("ck_risk_rules_value_given")
        ),
        sa.CheckConstraint(
            "active = (disabled_at IS NULL)", name=op.f("ck_risk_rules_disabled_when_inactive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_rules")),
        sa.UniqueConstraint("code", name=op.f("uq_risk_rules_code")),
    )
    op.create_index(
        "ix_risk_rules_active", "risk_rules", ["kind"], postgresql_where=sa.text("active")
    )
    values = op.create_table(
        "risk_value_controls",
        sa.Column("hs_prefix", sa.String(10), nullable=False),
        sa.Column("min_value_kzt_per_kg", sa.Numeric(18, 2), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "hs_prefix ~ '^[0-9]{2,10}$'", name=op.f("ck_risk_value_controls_prefix_digits")
        ),
        sa.CheckConstraint(
            "min_value_kzt_per_kg > 0", name=op.f("ck_risk_value_controls_positive")
        ),
        sa.PrimaryKeyConstraint("hs_prefix", name=op.f("pk_risk_value_controls")),
    )
    op.create_table(
        "risk_selections",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("corridor", sa.String(8), nullable=False),
        sa.Column("forms_of_control", _JSON, nullable=False),
        sa.Column("fired_rules", _JSON, nullable=False),
        sa.Column("random_draw", sa.Double(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("officer_id", sa.Uuid(), nullable=True),
        sa.Column("selected_at", _TZ, nullable=False),
        sa.CheckConstraint(_CORRIDOR, name=op.f("ck_risk_selections_known_corridor")),
        sa.CheckConstraint(
            "kind IN ('automatic', 'reroute')", name=op.f("ck_risk_selections_known_kind")
        ),
        sa.CheckConstraint(
            "kind = 'automatic' OR officer_id IS NOT NULL",
            name=op.f("ck_risk_selections_reroute_by_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_risk_selections_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_risk_selections_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_selections")),
    )
    op.create_index("ix_risk_selections_application", "risk_selections", ["application_id", "id"])

    op.bulk_insert(
        lanes,
        [
            {
                "corridor": corridor,
                "expected_rate": expected,
                "min_random_rate": minimum,
                "default_forms": forms,
                "updated_by": SEED_ACTOR,
            }
            for corridor, expected, minimum, forms in LANES
        ],
    )
    op.bulk_insert(
        rules,
        [
            {
                "code": code,
                "kind": kind,
                "value": value,
                "corridor": corridor,
                "forms_of_control": forms,
                "description": description,
                "created_by": SEED_ACTOR,
            }
            for code, kind, value, corridor, forms, description in RULES
        ],
    )
    op.bulk_insert(
        values,
        [
            {"hs_prefix": prefix, "min_value_kzt_per_kg": minimum, "description": description}
            for prefix, minimum, description in VALUE_CONTROLS
        ],
    )
    op.bulk_insert(
        permits,
        [
            {
                "hs_prefix": prefix,
                "direction": direction,
                "document_code": code,
                "document_name": name,
                "measure": measure,
            }
            for prefix, direction, code, name, measure in PERMITS
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_risk_selections_application", table_name="risk_selections")
    op.drop_table("risk_selections")
    op.drop_table("risk_value_controls")
    op.drop_index("ix_risk_rules_active", table_name="risk_rules")
    op.drop_table("risk_rules")
    op.drop_table("risk_lanes")
    op.drop_table("customs_permit_requirements")
    op.drop_table("customs_national_subheadings")
