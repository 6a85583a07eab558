"""Issuing a signed result: claim it for signing, then record its signed documents.

The worker's ``sign_result`` (workers/jobs/signing.py) signs outside any transaction (the TSA,
CRL/OCSP fetches and rendering take network and CPU time), so issuing takes two short ones,
each under the application's lock and committed here:

1. :func:`claim`: the result to sign, or None when it no longer awaits its signature (an
   earlier run signed it, or it was cancelled);
2. :func:`record_signed`: if the result still awaits its signature, store both documents, mark
   it signed, append ``result_signed`` with both SHA-256 (so they enter the hash chain), then
   move the application with the system action ``signed`` (only now that the signatures
   exist). Complaint decisions are not part of the status machine: they are marked signed and
   nothing moves. Then the status cache entry goes.

Two concurrent runs both sign; the second to record finds the result signed and drops its
copies (the unique index on (result_id, kind) is the backstop).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
import structlog
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.catalogue.flow import SIGNING
from registry.complaints.document import KIND as COMPLAINT_DECISION
from registry.documents import SignedFile, store_documents
from registry.issuing.failures import PermanentSigningError
from registry.issuing.lifecycle import Step, after, allows
from registry.issuing.locks import application_of, locked_result
from registry.models import Application, Officer, Result
from registry.results.document import ResultDocument
from registry.workflow.actors import SYSTEM
from registry.workflow.engine import move
from registry.workflow.runner import in_transaction

logger = structlog.get_logger(__name__)

RESULT_SIGNED = "result_signed"
SIGNED_ACTION = "signed"
"""The system action every flow takes from ``signing`` once the result is signed."""


class Pending(msgspec.Struct, frozen=True, kw_only=True):
    """A result claimed for signing: what the worker needs to sign it."""

    result_id: uuid.UUID
    application_id: uuid.UUID
    number: str
    document: ResultDocument
    signer_iin: str | None
    signer_role: str | None


async def _result(session: AsyncSession, result_id: uuid.UUID) -> Result:
    result = await locked_result(session, result_id)
    assert result is not None  # results are never deleted
    return result


async def claim(
    sessions: async_sessionmaker[AsyncSession],
    result_id: uuid.UUID,
    *,
    officers_sign: bool = False,
) -> Pending | None:
    """The result to sign, or None when there is nothing (left) to sign.

    ``officers_sign`` (``QAQPA_OFFICER_SIGNING=eds``): a result an officer signs -- one an
    officer approved, or whose document names the officer who decided it (S1 under control)
    -- is left to that officer's signing session (:mod:`.signers`); only results of the
    provider's system key (S1's automatic releases) are the worker's.

    Raises :class:`PermanentSigningError` (``document_invalid``) when the stored document no
    longer reads as a :class:`~registry.results.document.ResultDocument`.
    """
    application_id = await application_of(sessions, result_id)
    if application_id is None:
        logger.warning("sign_result_unknown", result_id=str(result_id))
        return None

    async def work(session: AsyncSession, application: Application) -> Pending | None:
        result = await _result(session, result_id)
        if not allows(result.status, Step.SIGN):
            return None
        officer = None if result.signer_id is None else await session.get(Officer, result.signer_id)
        try:
            document = msgspec.convert(result.document, ResultDocument)
        except msgspec.ValidationError as exc:
            raise PermanentSigningError(
                f"the stored document does not read as a result document: {exc}",
                reason="document_invalid",
            ) from exc
        signer_iin = result.signer_iin
        if signer_iin is None and document.signer is not None:
            # No approving signer, yet the document names one: the officer who decided it
            # (S1 under control, registry.issuing.approval.signed_by_decider) signs.
            signer_iin = document.signer.iin
        if officers_sign and signer_iin is not None:
            logger.info("sign_result_left_to_officer", result_id=str(result.id))
            return None
        return Pending(
            result_id=result.id,
            application_id=application.id,
            number=result.number,
            document=document,
            signer_iin=signer_iin,
            signer_role=None if officer is None else officer.role,
        )

    return await in_transaction(sessions, None, application_id, work)


def signed_data(
    result: Result, document: ResultDocument, files: list[SignedFile]
) -> dict[str, object]:
    """The ``result_signed`` event: the documents' hashes enter the application's chain."""
    return {
        "result_id": str(result.id),
        "number": result.number,
        "signer_iin": document.signer.iin if document.signer else None,
        "documents": [
            {
                "id": str(f.id),
                "kind": f.kind,
                "sha256": f.sha256,
                "size": len(f.content),
                "level": f.level,
            }
            for f in files
        ],
    }


async def record_signed(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    pending: Pending,
    document: ResultDocument,
    files: list[SignedFile],
    now: datetime,
) -> bool:
    """Store, mark signed, chain the hashes, move on; False when another run won.

    ``document`` is the document as printed (with its verification URL and signer).
    """

    async def work(session: AsyncSession, application: Application) -> bool:
        result = await _result(session, pending.result_id)
        return await issue(session, application, result, document, files, now)

    return await in_transaction(sessions, redis, pending.application_id, work)


async def issue(
    session: AsyncSession,
    application: Application,
    result: Result,
    document: ResultDocument,
    files: list[SignedFile],
    now: datetime,
) -> bool:
    """The step of :func:`record_signed` inside the caller's transaction, on the locked
    application and result (also an officer's own signature: :mod:`.sessions`)."""
    signed = after(result.status, Step.SIGN)
    if signed is None:
        return False
    await store_documents(session, result, files, now)
    result.status = signed
    result.signed_at = now
    result.document = msgspec.to_builtins(document)
    data = signed_data(result, document, files)
    await append_event(session, application.id, RESULT_SIGNED, SYSTEM.label, data, now)
    if result.kind == COMPLAINT_DECISION:
        return True
    if application.status == SIGNING.code:
        await move(
            session,
            application,
            SIGNED_ACTION,
            SYSTEM,
            now=now,
            event_data={"result_id": str(result.id)},
        )
    else:
        logger.warning(
            "signed_outside_signing", result_id=str(result.id), status=application.status
        )
    return True


def verify_url(base_url: str, result_id: uuid.UUID) -> str:
    """The public page the document's QR code opens."""
    return f"{base_url}/v1/documents/{result_id}/verify"
