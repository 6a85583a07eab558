"""Baseline: the empty schema every later revision builds on (a fixed root for ``down_revision``).

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to create: later revisions add the tables."""


def downgrade() -> None:
    """Nothing to remove."""
