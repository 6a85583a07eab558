"""The transactional outbox: jobs written in the same transaction as the change causing them.

The relay (workers/) claims unsent rows with ``FOR UPDATE SKIP LOCKED`` and enqueues arq jobs
whose job id is the row id, so a re-send never becomes a second job. The job marks its row
done when it ends (workers/jobs/wrapping.py); the reconciler re-sends rows sent and not done.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import NowByDefault


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_unsent", "created_at", postgresql_where=text("sent_at IS NULL")),
        # The reconciler's scan (workers/outbox/reconciler.py): sent, not yet done.
        Index(
            "ix_outbox_undone",
            "sent_at",
            postgresql_where=text("sent_at IS NOT NULL AND done_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    job: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[NowByDefault]
    sent_at: Mapped[datetime | None]
    # Set when the job ran to an end (success or a failure recorded as permanent); a row sent
    # long ago and not done is re-sent by the reconciler, since Redis may have lost its job.
    done_at: Mapped[datetime | None]
