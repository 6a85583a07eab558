"""S8: the requests a re-export application sends out and the answers that come back.

One row per export-control agency (``kind = 'agency'``) and one for the importing country's
guarantee sent to the foreign ministry for confirmation (``kind = 'guarantee'``). ``agency`` is
the agency's code; the agency's partner account has that name and the ``agency`` scope. An
answer is recorded once: ``positive`` (agreed / guarantee confirmed) or ``negative``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ActorLabel, ApplicationId


class ReexportRequest(Base):
    __tablename__ = "reexport_requests"
    __table_args__ = (
        UniqueConstraint("application_id", "kind", "agency"),  # one request per agency
        CheckConstraint("kind IN ('agency', 'guarantee')", name="known_kind"),
        CheckConstraint(
            "answer IS NULL OR answer IN ('positive', 'negative')", name="known_answer"
        ),
        CheckConstraint("(answer IS NULL) = (answered_at IS NULL)", name="answered_with_time"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[ApplicationId] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(16))
    agency: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(String(16))
    answer_text: Mapped[str | None]
    document_number: Mapped[str | None] = mapped_column(String(128))
    document_date: Mapped[date | None]
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[ActorLabel | None]
