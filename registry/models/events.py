"""The append-only, hash-chained event log of each application.

Each event stores ``hash = sha256(previous hash || canonical event)``; the chain is per
application (``seq`` 1, 2, ...; the first event's previous hash is 32 zero bytes), so intake
of different applications never waits on one global chain head, while any edit, deletion or
reordering inside an application's history breaks its chain. A trigger refuses UPDATE and
DELETE, so even the application's own database role cannot rewrite history quietly.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ActorLabel, ApplicationId, SerialId


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("application_id", "seq"),)

    id: Mapped[SerialId]
    application_id: Mapped[ApplicationId]
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    actor: Mapped[ActorLabel]
    data: Mapped[dict[str, Any]]
    occurred_at: Mapped[datetime]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
