"""The ``documents`` table: store a result's signed PDF and XML, find them for whoever may see them.

Partners see the documents of their own applications only; anybody may *verify* an issued
document by the id printed on it (the result's id, or a document's own id), which is why
:func:`documents_to_verify` takes no partner.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Literal

import msgspec
from sqlalchemy import insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Application, Document, Result

DocumentKind = Literal["pdf", "xml"]
MEDIA_TYPES: dict[str, str] = {"pdf": "application/pdf", "xml": "application/xml"}


class SignedFile(msgspec.Struct, frozen=True, kw_only=True):
    """One signed file ready to store (the job builds it outside the transaction)."""

    id: uuid.UUID
    kind: DocumentKind
    content: bytes
    level: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]


class DocumentView(msgspec.Struct, frozen=True, kw_only=True):
    """A document as listed to its partner (no bytes: those come from the download route)."""

    id: uuid.UUID
    kind: str
    media_type: str
    sha256: str
    size: int
    level: str
    result_id: uuid.UUID
    result_kind: str
    result_number: str
    created_at: datetime


async def store_documents(
    session: AsyncSession, result: Result, files: list[SignedFile], now: datetime
) -> None:
    """Insert ``files`` of ``result`` (caller's transaction, application row locked)."""
    for file in files:
        await session.execute(
            insert(Document).values(
                id=file.id,
                application_id=result.application_id,
                result_id=result.id,
                kind=file.kind,
                media_type=file.media_type,
                sha256=file.sha256,
                size=len(file.content),
                content=file.content,
                level=file.level,
                created_at=now,
            )
        )


async def application_documents(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID
) -> list[DocumentView] | None:
    """The documents of the partner's application, oldest first; None: not the partner's."""
    owner = await session.scalar(
        select(Application.partner_id).where(Application.id == application_id)
    )
    if owner != partner_id:
        return None
    rows = await session.execute(
        select(
            Document.id,
            Document.kind,
            Document.media_type,
            Document.sha256,
            Document.size,
            Document.level,
            Document.created_at,
            Result.id,
            Result.kind,
            Result.number,
        )
        .join(Result, Result.id == Document.result_id)
        .where(Document.application_id == application_id)
        .order_by(Document.created_at, Document.kind)
    )
    return [
        DocumentView(
            id=row[0],
            kind=row[1],
            media_type=row[2],
            sha256=row[3],
            size=row[4],
            level=row[5],
            created_at=row[6],
            result_id=row[7],
            result_kind=row[8],
            result_number=row[9],
        )
        for row in rows
    ]


async def partner_document(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID, document_id: uuid.UUID
) -> tuple[Document, Result] | None:
    """One document of the partner's application with its result; None when not theirs."""
    row = (
        await session.execute(
            select(Document, Result)
            .join(Result, Result.id == Document.result_id)
            .join(Application, Application.id == Document.application_id)
            .where(
                Document.id == document_id,
                Document.application_id == application_id,
                Application.partner_id == partner_id,
            )
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


async def documents_to_verify(
    session: AsyncSession, some_id: uuid.UUID
) -> tuple[Result, list[Document]] | None:
    """The signed documents behind a verification URL: ``some_id`` is a result's or a document's."""
    result = await session.scalar(
        select(Result)
        .where(
            or_(
                Result.id == some_id,
                Result.id.in_(select(Document.result_id).where(Document.id == some_id)),
            )
        )
        .limit(1)
    )
    if result is None:
        return None
    documents = list(
        await session.scalars(
            select(Document).where(Document.result_id == result.id).order_by(Document.kind)
        )
    )
    return result, documents
