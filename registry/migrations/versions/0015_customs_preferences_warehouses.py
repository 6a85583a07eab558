"""S1 box 36 and box 30: the classifier of preferences, and the warehouse a partner is.

Revision ID: 0015
Revises: 0012
Create Date: 2026-11-24 10:00:00

A branch off 0012 (migrations upgrade to all heads).

* ``customs_preferences``: the codes a declaration may claim in box 36. Intake and the
  format-and-logic control refuse any other code, so a made-up code can no longer zero a
  payment. Seeded with the codes of the classifier of preferences for the payment of customs
  payments (Decision of the Customs Union Commission No. 378 of 20.09.2010, "Классификатор
  льгот по уплате таможенных платежей") whose meaning we are sure of; the classifier has more
  (tariff preferences, reduced rates, conditional exemptions), which an operator adds with
  ``qaqpa customs preferences add`` after checking the text in force.
* ``partners.warehouse_code``: the register number of the temporary-storage warehouse a
  ``warehouse`` partner speaks for; goods leave only on declarations that name it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = postgresql.JSONB(astext_type=sa.Text())
SOURCE = "Decision of the CCU Commission No. 378 of 20.09.2010 (classifier of preferences)"
# (code, kk, ru, en, exempts): only an exemption zeroes the payment in the assessment; a
# deferral or an instalment plan leaves it owed (the officer's documentary control decides).
PREFERENCES = [
    ("ОО", "Төлеуден босату", "Освобождение от уплаты", "Exemption from payment", True),
    ("ОТ", "Төлеуді кейінге қалдыру", "Отсрочка уплаты", "Deferral of payment", False),
    ("РС", "Бөліп төлеу", "Рассрочка уплаты", "Payment by instalments", False),
]


def upgrade() -> None:
    table = op.create_table(
        "customs_preferences",
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("name", _JSON, nullable=False),
        sa.Column("exempts", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(128), nullable=False),
        sa.Column(
            "added_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.CheckConstraint(
            "length(code) BETWEEN 1 AND 8", name=op.f("ck_customs_preferences_code_length")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_customs_preferences")),
    )
    op.bulk_insert(
        table,
        [
            {
                "code": code,
                "name": {"kk": kk, "ru": ru, "en": en},
                "exempts": exempts,
                "source": SOURCE,
                "added_by": "migration 0015",
            }
            for code, kk, ru, en, exempts in PREFERENCES
        ],
    )
    op.add_column("partners", sa.Column("warehouse_code", sa.String(32), nullable=True))


def downgrade() -> None:
    op.drop_column("partners", "warehouse_code")
    op.drop_table("customs_preferences")
