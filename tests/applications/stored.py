"""Applications written straight through registry intake (and counted), for tests that read them."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.intake import NewApplication, NewAttachment, record_submission
from registry.models import Application


def new_application(
    partner_id: uuid.UUID,
    service: str = "declarant-certificate",
    received: datetime = datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
) -> NewApplication:
    """An application of ``service`` received (and counted from) ``received``, registration
    due an hour later."""
    document = f'{{"service": "{service}", "nonce": "{uuid.uuid4()}"}}'.encode()
    return NewApplication(
        id=uuid.uuid4(),
        partner_id=partner_id,
        service=service,
        applicant_iin="871008401427",
        applicant_bin=None,
        applicant_name="Әлия Қасымова",
        signature_format="cms-detached",
        signed_document=document,
        signature=b"\x30\x00",
        document_sha256=hashlib.sha256(document).hexdigest(),
        form={"note": "test"},
        signer={"iin": "871008401427"},
        received_at=received,
        counts_from=received,
        registration_due_at=received + timedelta(hours=1),
        attachments=[
            NewAttachment(
                "scan.pdf", "application/pdf", hashlib.sha256(b"%PDF").hexdigest(), b"%PDF"
            )
        ],
    )


async def store(
    sessions: async_sessionmaker[AsyncSession], new: NewApplication, key: str | None = None
) -> None:
    answer = await record_submission(
        sessions, new, idempotency_key=key or f"test:{new.id}", request_sha256=new.document_sha256,
        status_code=202, response_body=b"{}",
    )  # fmt: skip
    assert answer is None, "a fresh key stores a new application"


async def applications_of(sessions: async_sessionmaker[AsyncSession], partner_id: uuid.UUID) -> int:
    """How many applications the partner has stored (a refused submission must leave none)."""
    async with sessions() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.partner_id == partner_id)
        )
    return int(count or 0)
