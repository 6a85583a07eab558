"""Event streams: every inserted event sends ``NOTIFY qaqpa_events, '<application id>'``.

Revision ID: 0017
Revises: 0003
Create Date: 2026-12-01 12:00:00

A branch off 0003, which created the events table (migrations upgrade to all heads). The
gateway listens on the channel once per process (gateway/applications/stream.py) and wakes only
the event streams of that application, instead of each stream polling PostgreSQL every second.
PostgreSQL delivers notifications at commit and folds repeats of one payload within a
transaction, so an application's several events of one transaction wake its streams once.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "qaqpa_events"


def upgrade() -> None:
    op.execute(
        f"""
        CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', NEW.application_id::text);
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER events_notify AFTER INSERT ON events "
        "FOR EACH ROW EXECUTE FUNCTION events_notify()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER events_notify ON events")
    op.execute("DROP FUNCTION events_notify()")
