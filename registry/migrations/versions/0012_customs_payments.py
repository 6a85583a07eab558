"""S1 payments and release: personal accounts, the append-only ledger, rates, declarations.

Revision ID: 0012
Revises: 0005
Create Date: 2026-11-23 16:00:00

A branch off 0005 (migrations upgrade to all heads). The database itself guards the money:

* ``customs_ledger`` is append-only (a trigger refuses UPDATE and DELETE, as for events);
* inserting a ledger row moves the account balance (triggers lock the account row, store
  ``balance_after`` and update the balance), and ``customs_accounts`` has
  ``CHECK (balance >= 0)``: a write-off that would overdraw fails with a check violation;
* an account's balance cannot be changed except through the ledger trigger.

Seeded rates are EXAMPLES of the EAEU Common Customs Tariff's kind, not the tariff. VAT: 16 %
from 2026-01-01 (Tax Code of the Republic of Kazakhstan of 18.07.2025, in force 01.01.2026),
12 % before; the table is data, so a change of rate is a new row, not a deploy.
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)
_JSON = postgresql.JSONB(astext_type=sa.Text())
_NOW = sa.text("now()")
_MONEY = sa.Numeric(18, 2)

DUTY_RATES = [
    ("", "0.0500", "Example default ad valorem rate where no prefix below matches."),
    ("8471", "0.0000", "Example: automatic data-processing machines (ITA goods, 0 %)."),
    ("8517", "0.0000", "Example: telephone sets, smartphones (ITA goods, 0 %)."),
    ("9403", "0.1000", "Example: other furniture."),
    ("6403", "0.1000", "Example: footwear with leather uppers."),
    ("6109", "0.1000", "Example: T-shirts, knitted."),
    ("8703", "0.1500", "Example: passenger motor cars."),
    ("2402", "0.1500", "Example: cigars and cigarettes (ad valorem equivalent)."),
    ("0803", "0.0000", "Example: bananas."),
    ("93", "0.1000", "Example: arms and ammunition."),
]
VAT_RATES = [
    (date(2009, 1, 1), "0.1200", "Tax Code of 10.12.2008: 12 %."),
    (date(2026, 1, 1), "0.1600", "Tax Code of 18.07.2025, in force 01.01.2026: 16 %."),
]


def upgrade() -> None:
    op.create_table(
        "customs_accounts",
        sa.Column("number", sa.String(12), nullable=False),
        sa.Column("balance", _MONEY, server_default="0", nullable=False),
        sa.Column("created_at", _TZ, server_default=_NOW, nullable=False),
        sa.Column("updated_at", _TZ, server_default=_NOW, nullable=False),
        sa.CheckConstraint(
            "number ~ '^[0-9]{12}$'", name=op.f("ck_customs_accounts_number_digits")
        ),
        sa.CheckConstraint("balance >= 0", name=op.f("ck_customs_accounts_balance_not_negative")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_customs_accounts")),
    )
    op.create_table(
        "customs_ledger",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("account_number", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("amount", _MONEY, nullable=False),
        sa.Column("balance_after", _MONEY, nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=True),
        sa.Column("payment_reference", sa.String(64), nullable=True),
        sa.Column("lines", _JSON, server_default="[]", nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("recorded_at", _TZ, server_default=_NOW, nullable=False),
        sa.CheckConstraint(
            "kind IN ('top_up', 'write_off')", name=op.f("ck_customs_ledger_known_kind")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_customs_ledger_amount_positive")),
        sa.CheckConstraint(
            "(kind = 'top_up') = (payment_reference IS NOT NULL)",
            name=op.f("ck_customs_ledger_reference"),
        ),
        sa.CheckConstraint(
            "(kind = 'write_off') = (application_id IS NOT NULL)",
            name=op.f("ck_customs_ledger_application"),
        ),
        sa.ForeignKeyConstraint(
            ["account_number"],
            ["customs_accounts.number"],
            name=op.f("fk_customs_ledger_account_number_customs_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_customs_ledger_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customs_ledger")),
        sa.UniqueConstraint("payment_reference", name=op.f("uq_customs_ledger_payment_reference")),
    )
    op.create_index("ix_customs_ledger_account", "customs_ledger", ["account_number", "id"])
    op.create_index(
        "uq_customs_ledger_write_off",
        "customs_ledger",
        ["application_id"],
        unique=True,
        postgresql_where=sa.text("kind = 'write_off'"),
    )
    _money_triggers()

    duty = op.create_table(
        "customs_duty_rates",
        sa.Column("hs_prefix", sa.String(10), nullable=False),
        sa.Column("rate", sa.Numeric(6, 4), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "hs_prefix ~ '^[0-9]{0,10}$'", name=op.f("ck_customs_duty_rates_prefix_digits")
        ),
        sa.CheckConstraint("rate BETWEEN 0 AND 1", name=op.f("ck_customs_duty_rates_rate_share")),
        sa.PrimaryKeyConstraint("hs_prefix", name=op.f("pk_customs_duty_rates")),
    )
    vat = op.create_table(
        "customs_vat_rates",
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("rate", sa.Numeric(5, 4), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.CheckConstraint("rate BETWEEN 0 AND 1", name=op.f("ck_customs_vat_rates_rate_share")),
        sa.PrimaryKeyConstraint("valid_from", name=op.f("pk_customs_vat_rates")),
    )
    op.create_table(
        "customs_declarations",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("account_number", sa.String(12), nullable=False),
        sa.Column("corridor", sa.String(8), nullable=False),
        sa.Column("forms_of_control", _JSON, nullable=False),
        sa.Column("post_clearance_audit", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("amount_due", _MONEY, nullable=False),
        sa.Column("assessment", _JSON, nullable=False),
        sa.Column("released_at", _TZ, nullable=True),
        sa.Column("goods_collected_at", _TZ, nullable=True),
        sa.Column("warehouse", _JSON, nullable=True),
        sa.Column("created_at", _TZ, server_default=_NOW, nullable=False),
        sa.CheckConstraint(
            "corridor IN ('green', 'blue', 'yellow', 'red')",
            name=op.f("ck_customs_declarations_known_corridor"),
        ),
        sa.CheckConstraint(
            "amount_due >= 0", name=op.f("ck_customs_declarations_amount_due_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_customs_declarations_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_customs_declarations")),
    )
    op.create_table(
        "customs_inspection_acts",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("act", _JSON, nullable=False),
        sa.Column("recorded_at", _TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_customs_inspection_acts_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
            name=op.f("fk_customs_inspection_acts_officer_id_officers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customs_inspection_acts")),
    )
    op.create_index(
        "ix_customs_inspection_acts_application_id", "customs_inspection_acts", ["application_id"]
    )
    op.create_table(
        "customs_notifications",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("decision", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(12), nullable=False),
        sa.Column("recipient_name", sa.Text(), nullable=False),
        sa.Column("roles", _JSON, nullable=False),
        sa.Column("data", _JSON, nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("delivered_at", _TZ, nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_customs_notifications_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customs_notifications")),
        sa.UniqueConstraint(
            "application_id",
            "decision",
            "recipient",
            name=op.f("uq_customs_notifications_application_id_decision_recipient"),
        ),
    )
    op.bulk_insert(
        duty,
        [{"hs_prefix": p, "rate": r, "description": d} for p, r, d in DUTY_RATES],
    )
    op.bulk_insert(vat, [{"valid_from": f, "rate": r, "basis": b} for f, r, b in VAT_RATES])


def _money_triggers() -> None:
    # The ledger is history: never rewritten.
    op.execute(
        """
        CREATE FUNCTION customs_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the customs ledger is append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER customs_ledger_append_only BEFORE UPDATE OR DELETE ON customs_ledger "
        "FOR EACH ROW EXECUTE FUNCTION customs_ledger_append_only()"
    )
    # A ledger row moves the balance in the same statement; the account's CHECK refuses an
    # overdraft (SQLSTATE 23514), whatever the caller checked before. BEFORE INSERT locks the
    # account and computes ``balance_after``; the balance itself moves AFTER INSERT, because an
    # INSERT ... ON CONFLICT DO NOTHING runs BEFORE triggers even for the rows it then skips.
    op.execute(
        """
        CREATE FUNCTION customs_ledger_balance_after() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            held numeric(18, 2);
        BEGIN
            SELECT balance INTO held FROM customs_accounts
             WHERE number = NEW.account_number FOR UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'customs account % does not exist', NEW.account_number
                    USING ERRCODE = 'foreign_key_violation';
            END IF;
            NEW.balance_after := held
                + CASE NEW.kind WHEN 'top_up' THEN NEW.amount ELSE -NEW.amount END;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER customs_ledger_balance_after BEFORE INSERT ON customs_ledger "
        "FOR EACH ROW EXECUTE FUNCTION customs_ledger_balance_after()"
    )
    op.execute(
        """
        CREATE FUNCTION customs_ledger_post() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE customs_accounts
               SET balance = balance
                             + CASE NEW.kind WHEN 'top_up' THEN NEW.amount ELSE -NEW.amount END,
                   updated_at = now()
             WHERE number = NEW.account_number;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER customs_ledger_post AFTER INSERT ON customs_ledger "
        "FOR EACH ROW EXECUTE FUNCTION customs_ledger_post()"
    )
    # Only the ledger trigger (nested: depth > 1) may change a balance; accounts open at 0 and
    # are never deleted.
    op.execute(
        """
        CREATE FUNCTION customs_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'customs accounts are not deleted'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF pg_trigger_depth() < 2 AND (
                (TG_OP = 'INSERT' AND NEW.balance <> 0)
                OR (TG_OP = 'UPDATE' AND NEW.balance IS DISTINCT FROM OLD.balance)
            ) THEN
                RAISE EXCEPTION 'a customs account balance changes only through the ledger'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER customs_accounts_guard BEFORE INSERT OR UPDATE OR DELETE "
        "ON customs_accounts FOR EACH ROW EXECUTE FUNCTION customs_accounts_guard()"
    )


def downgrade() -> None:
    op.drop_table("customs_notifications")
    op.drop_index("ix_customs_inspection_acts_application_id", "customs_inspection_acts")
    op.drop_table("customs_inspection_acts")
    op.drop_table("customs_declarations")
    op.drop_table("customs_vat_rates")
    op.drop_table("customs_duty_rates")
    op.execute("DROP TRIGGER IF EXISTS customs_ledger_post ON customs_ledger")
    op.execute("DROP TRIGGER IF EXISTS customs_ledger_balance_after ON customs_ledger")
    op.execute("DROP TRIGGER IF EXISTS customs_ledger_append_only ON customs_ledger")
    op.execute("DROP TRIGGER IF EXISTS customs_accounts_guard ON customs_accounts")
    op.execute("DROP FUNCTION IF EXISTS customs_ledger_post()")
    op.execute("DROP FUNCTION IF EXISTS customs_ledger_balance_after()")
    op.execute("DROP FUNCTION IF EXISTS customs_ledger_append_only()")
    op.execute("DROP FUNCTION IF EXISTS customs_accounts_guard()")
    op.drop_index("uq_customs_ledger_write_off", "customs_ledger")
    op.drop_index("ix_customs_ledger_account", "customs_ledger")
    op.drop_table("customs_ledger")
    op.drop_table("customs_accounts")
