"""Helpers of the issued-results tests: tampering, the outside tools, reading documents."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Document
from tests.workflow.helpers import fetch_all


def tamper_pdf(data: bytes) -> bytes:
    """A digit of the first /CreationDate changed: still readable, inside the signed range."""
    index = data.index(b"/CreationDate (D:") + len(b"/CreationDate (D:") + 3
    changed = bytearray(data)
    changed[index] = ord("7") if changed[index] != ord("7") else ord("8")
    return bytes(changed)


def tamper_xml(data: bytes, number: str) -> bytes:
    """The document's number changed in its first place (the signed content)."""
    encoded = number.encode()
    forged = encoded[:-1] + (b"9" if encoded[-1:] != b"9" else b"8")
    assert encoded in data
    return data.replace(encoded, forged, 1)


def write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


async def documents_of(
    sessions: async_sessionmaker[AsyncSession], result_id: uuid.UUID
) -> list[Document]:
    """The result's stored documents, by kind."""
    return await fetch_all(
        sessions, select(Document).where(Document.result_id == result_id).order_by(Document.kind)
    )
