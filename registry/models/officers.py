"""Officers of the provider: who may act on which step of a workflow.

One account has one role (a person acting in two roles has two accounts, so every decision
names the role it was taken in). Tokens are 256-bit random and stored as SHA-256, as partner
API keys are (see :mod:`registry.partners.keys`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ARRAY, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import IinBin, NowByDefault
from registry.officers.roles import ALL, ALL_OFFICER_ROLES

OFFICER_ROLES = ALL_OFFICER_ROLES


class Officer(Base):
    __tablename__ = "officers"
    __table_args__ = (
        CheckConstraint(
            "role IN ({})".format(", ".join(f"'{role}'" for role in OFFICER_ROLES)),
            name="known_role",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    role: Mapped[str] = mapped_column(String(16))
    iin: Mapped[IinBin]
    name: Mapped[str]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # What the account works on (registry.officers.scope): service codes and, for customs,
    # office codes (prefixes). ``{*}`` is an explicit "all" -- accounts made before scoping
    # keep working as they did -- and an empty list grants nothing (fails closed).
    services: Mapped[list[str]] = mapped_column(
        ARRAY(Text), default=lambda: [ALL], server_default="{*}"
    )
    offices: Mapped[list[str]] = mapped_column(
        ARRAY(Text), default=lambda: [ALL], server_default="{*}"
    )
    created_at: Mapped[NowByDefault]
    revoked_at: Mapped[datetime | None]
