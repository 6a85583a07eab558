"""Events no longer index their hash.

Revision ID: 0022
Revises: 0003
Create Date: 2026-12-04 16:00:00

``uq_events_hash`` guarded nothing: an event's hash is the SHA-256 of its canonical form, which
holds its application, its sequence number and the previous event's hash, so two events share a
hash only if SHA-256 collides. The chain's own guarantees stay: ``(application_id, seq)`` is
unique and every event names the hash before it. Nothing looks an event up by its hash. The
index cost intake a random leaf page per event, 480 MB at 4 million events
(bench/results/issue18-growth.md). A branch off 0003, which created the table.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint("uq_events_hash", "events", type_="unique")


def downgrade() -> None:
    op.create_unique_constraint("uq_events_hash", "events", ["hash"])
