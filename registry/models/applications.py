"""Applications as received: the exact signed bytes, who signed them, their attachments."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ApplicationId, IinBin, NowByDefault, OfficerId, SerialId


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(
            "(applicant_iin IS NULL) <> (applicant_bin IS NULL)", name="one_applicant_number"
        ),
        # Keyset pagination of a partner's list, newest first.
        Index("ix_applications_partner_created", "partner_id", "created_at", "id"),
        # The same, filtered by status or by service: a page is the first rows of the index,
        # however seldom the partner has that status (migration 0021, the bench's growth check).
        Index("ix_applications_partner_status_created", "partner_id", "status", "created_at", "id"),
        Index(
            "ix_applications_partner_service_created", "partner_id", "service", "created_at", "id"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"))
    service: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(64))
    current_step: Mapped[str | None] = mapped_column(String(64))
    applicant_iin: Mapped[IinBin | None]
    applicant_bin: Mapped[IinBin | None]
    applicant_name: Mapped[str]
    # What the applicant signed, byte for byte, and how: detached CMS, attached CMS or XMLDSig.
    signature_format: Mapped[str] = mapped_column(String(16))
    signed_document: Mapped[bytes]
    signature: Mapped[bytes | None]
    document_sha256: Mapped[str] = mapped_column(String(64))
    form: Mapped[dict[str, Any]]
    signer: Mapped[dict[str, Any]]
    received_at: Mapped[datetime]
    counts_from: Mapped[datetime]
    registration_due_at: Mapped[datetime]
    # Set by the workflow (registry.workflow): the incoming number, the executor a head
    # assigned, the service's total due time and the moment the clock was paused (if it is).
    registration_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    registered_at: Mapped[datetime | None]
    executor_id: Mapped[OfficerId | None]
    total_due_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]
    created_at: Mapped[NowByDefault]
    updated_at: Mapped[NowByDefault]


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("application_id", "name"),)

    id: Mapped[SerialId]
    application_id: Mapped[ApplicationId]
    name: Mapped[str]
    media_type: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    content: Mapped[bytes]
