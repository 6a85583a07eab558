"""Status tokens: read-only bearer tokens an applicant's app holds for one application.

Issued with the submission's 202 (shown once), stored as the sha256 of the token like partners'
API keys (256-bit random tokens, so a slow hash would add nothing), revocable by the partner.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ApplicationId, NowByDefault


class StatusToken(Base):
    __tablename__ = "status_tokens"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[ApplicationId] = mapped_column(index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[NowByDefault]
    revoked_at: Mapped[datetime | None]
