"""Signed result documents: the PDF (PAdES) and the XML (XAdES) of each signed result.

The bytes live in the database with the result they certify, so the system of record alone
answers "what exactly did we issue" for as long as the result is kept; ``sha256`` is also
written into the application's hash-chained event log when the documents are stored, which is
what makes a later substitution of the stored bytes detectable.
"""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ApplicationId, NowByDefault


class Document(Base):
    """One signed file of one result (at most one per kind: the job stores both at once)."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("kind IN ('pdf', 'xml')", name="known_kind"),
        CheckConstraint("size = octet_length(content)", name="size_matches"),
        Index("ix_documents_application", "application_id"),
        Index("uq_documents_result_kind", "result_id", "kind", unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[ApplicationId]
    result_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("results.id"))
    kind: Mapped[str] = mapped_column(String(8))
    media_type: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    content: Mapped[bytes]
    level: Mapped[str] = mapped_column(String(8))  # PAdES / XAdES baseline level: B-LT, ...
    created_at: Mapped[NowByDefault]
