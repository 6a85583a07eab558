"""Idempotency records: the first answer to a (partner, key) pair, replayed for retries.

The primary key settles concurrent duplicates: the second INSERT waits for the first
transaction and then finds the row, so two applications can never come from one key.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import NowByDefault


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"

    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_sha256: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_body: Mapped[bytes]
    created_at: Mapped[NowByDefault]
