"""Intake: an accepted application is written in ONE transaction, or not at all.

The transaction holds the idempotency record, the application, its attachments, its first
event and the outbox row that hands it to the workers. The idempotency record goes first:
its primary key (partner, key) makes a concurrent duplicate wait for the first transaction
and then find the record, so one key can never yield two applications.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import GENESIS_HASH, event_row
from registry.models import Application, Attachment, Event, IdempotencyRecord, StatusToken
from registry.outbox import Job, enqueue

RECEIVED = "received"


class NewAttachment(msgspec.Struct, frozen=True):
    name: str
    media_type: str
    sha256: str
    content: bytes


class NewApplication(msgspec.Struct, frozen=True, kw_only=True):
    """Everything intake learnt about a verified application."""

    id: uuid.UUID
    partner_id: uuid.UUID
    service: str
    applicant_iin: str | None
    applicant_bin: str | None
    applicant_name: str
    signature_format: str
    signed_document: bytes
    signature: bytes | None
    document_sha256: str
    form: dict[str, Any]
    signer: dict[str, Any]
    received_at: datetime
    counts_from: datetime
    registration_due_at: datetime
    attachments: list[NewAttachment]
    # The SHA-256 of the applicant's status token handed back in the 202 (status_tokens.py).
    status_token_hash: str | None = None


class StoredAnswer(msgspec.Struct, frozen=True):
    """The answer recorded for an idempotency key."""

    request_sha256: str
    status_code: int
    body: bytes


async def stored_answer(
    session: AsyncSession, partner_id: uuid.UUID, key: str
) -> StoredAnswer | None:
    record = await session.get(IdempotencyRecord, (partner_id, key))
    if record is None:
        return None
    return StoredAnswer(record.request_sha256, record.status_code, record.response_body)


async def record_submission(
    sessions: async_sessionmaker[AsyncSession],
    new: NewApplication,
    *,
    idempotency_key: str,
    request_sha256: str,
    status_code: int,
    response_body: bytes,
) -> StoredAnswer | None:
    """Store the application; None when stored, else the answer an earlier request recorded."""
    async with sessions() as session:
        async with session.begin():
            claimed = await session.scalar(
                insert(IdempotencyRecord)
                .values(
                    partner_id=new.partner_id,
                    key=idempotency_key,
                    request_sha256=request_sha256,
                    status_code=status_code,
                    response_body=response_body,
                )
                .on_conflict_do_nothing()
                .returning(IdempotencyRecord.key)
            )
            if claimed is not None:
                await _insert(session, new)
                return None
        # Lost the race: the winner has committed (the INSERT waited for it); replay it.
        answer = await stored_answer(session, new.partner_id, idempotency_key)
    if answer is None:  # the winner rolled back after all; the client may retry
        raise RuntimeError("idempotency record vanished")
    return answer


async def _insert(session: AsyncSession, new: NewApplication) -> None:
    """Core INSERTs (no unit-of-work bookkeeping on the hot path), parents first."""
    await session.execute(
        insert(Application).values(
            id=new.id,
            partner_id=new.partner_id,
            service=new.service,
            status=RECEIVED,
            current_step="registration",
            applicant_iin=new.applicant_iin,
            applicant_bin=new.applicant_bin,
            applicant_name=new.applicant_name,
            signature_format=new.signature_format,
            signed_document=new.signed_document,
            signature=new.signature,
            document_sha256=new.document_sha256,
            form=new.form,
            signer=new.signer,
            received_at=new.received_at,
            counts_from=new.counts_from,
            registration_due_at=new.registration_due_at,
        )
    )
    if new.status_token_hash is not None:
        await session.execute(
            insert(StatusToken).values(
                application_id=new.id, partner_id=new.partner_id, token_hash=new.status_token_hash
            )
        )
    if new.attachments:
        await session.execute(
            insert(Attachment),
            [
                {
                    "application_id": new.id,
                    "name": item.name,
                    "media_type": item.media_type,
                    "sha256": item.sha256,
                    "size": len(item.content),
                    "content": item.content,
                }
                for item in new.attachments
            ],
        )
    first_event = event_row(
        new.id,
        1,
        GENESIS_HASH,
        RECEIVED,
        f"partner:{new.partner_id}",
        {
            "service": new.service,
            "document_sha256": new.document_sha256,
            "counts_from": new.counts_from.isoformat(),
            "registration_due_at": new.registration_due_at.isoformat(),
        },
        new.received_at,
    )
    await session.execute(insert(Event).values(**first_event))
    await enqueue(session, Job.REGISTER_APPLICATION, {"application_id": str(new.id)})
