"""Four-eyes risk changes: proposed by one officer, in effect only once another approves.

A rule added or disabled, a lane's parameters, or a declaration re-routed to a corridor that
releases it at once (green, blue) is stored here as ``pending_approval``; the approval of a
second officer (another account and another person: a different IIN) applies it. The database
refuses an approval by the proposing account, whatever the code does.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ApplicationId, OfficerId

RISK_CHANGE_KINDS = ("rule_add", "rule_disable", "lane_set", "reroute")
PENDING = "pending_approval"
APPLIED = "applied"


class RiskChange(Base):
    __tablename__ = "risk_changes"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('rule_add', 'rule_disable', 'lane_set', 'reroute')", name="known_kind"
        ),
        CheckConstraint("status IN ('pending_approval', 'applied')", name="known_status"),
        CheckConstraint(
            "(status = 'applied') = (approved_by IS NOT NULL)", name="approved_when_applied"
        ),
        CheckConstraint("approved_by IS NULL OR approved_by <> proposed_by", name="four_eyes"),
        CheckConstraint(
            "(kind = 'reroute') = (application_id IS NOT NULL)", name="reroute_names_application"
        ),
        Index(
            "ix_risk_changes_pending",
            "proposed_at",
            postgresql_where=text("status = 'pending_approval'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(16))
    # What to apply, as the admin route or re-routing received it (validated when proposed).
    payload: Mapped[dict[str, Any]]
    application_id: Mapped[ApplicationId | None]
    status: Mapped[str] = mapped_column(String(24))
    proposed_by: Mapped[OfficerId]
    proposed_at: Mapped[datetime]
    approved_by: Mapped[OfficerId | None]
    approved_at: Mapped[datetime | None]
