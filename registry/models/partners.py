"""Partners: the portals allowed to call the API, each with its API key stored hashed."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ARRAY, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import NowByDefault


class Partner(Base):
    __tablename__ = "partners"
    __table_args__ = (
        # One active account per body; revoking it frees the code for its successor.
        Index(
            "uq_partners_agency_code",
            "agency_code",
            unique=True,
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str]
    # sha256 of the key: keys are 256-bit random, so a slow hash would add nothing but latency.
    api_key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))
    # The body an ``agency`` partner speaks for (its code in QAQPA_EXPORT_CONTROL_AGENCIES or
    # QAQPA_FOREIGN_MINISTRY_AGENCY). Unique among active partners, so exactly one account
    # answers for a body; the display name is free text and never decides what a partner sees.
    agency_code: Mapped[str | None]
    created_at: Mapped[NowByDefault]
    revoked_at: Mapped[datetime | None]
    # A temporary-storage warehouse's register number (scope warehouse): S1 goods leave it only
    # on declarations that name it (box 30). Not unique: a rotated key is a new partner row.
    warehouse_code: Mapped[str | None] = mapped_column(String(32))
