"""Outbox wake-up: every statement that inserts outbox rows sends ``NOTIFY qaqpa_outbox``.

Revision ID: 0014
Revises: 0003
Create Date: 2026-11-23 17:00:00

A branch off 0003 (migrations upgrade to all heads). PostgreSQL delivers a notification only
when the inserting transaction commits, and folds repeats within one transaction into one, so
the workers' relays (workers/outbox/wakeup.py) wake exactly when there is something to send.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "qaqpa_outbox"


def upgrade() -> None:
    op.execute(
        f"""
        CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', '');
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox "
        "FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER outbox_notify ON outbox")
    op.execute("DROP FUNCTION outbox_notify()")
