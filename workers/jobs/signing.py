"""Issuing results: render the result as PDF and XML, sign both, store them, move the application.

``sign_result(ctx, result_id)`` is written to the outbox by the signer's approval (and by
results the system approves itself, e.g. the customs green corridor). It runs at least once:

1. under the application's row lock, read the result; a result already signed (or cancelled)
   means an earlier run finished: nothing to do;
2. outside any transaction (network and CPU: the TSA, CRL/OCSP fetches for B-LT, rendering):
   fill in the verification URL and the signer, render, sign the PDF (PAdES, default B-LT) and
   the XML (XAdES, at most B-LT) with the key of the result's signer;
3. one transaction under the lock again: if the result is still awaiting its signature, store
   both documents, mark the result signed, append ``result_signed`` with both SHA-256 (so they
   enter the hash chain), then move the application with the system action ``signed`` (only
   now that the signatures exist). Complaint decisions are not part of the status machine:
   they are marked signed and nothing moves. Then the status cache entry goes.

A crash between 2 and 3 just signs again on the next run; two concurrent runs both sign and
the second to commit finds the result signed and drops its copies (the unique index on
(result_id, kind) is the backstop).

Which key: the officer who approved the result for signature (``results.signer_iin``) signs
with the key store entry of that IIN (the entry of the officer's role when there is one, else
the IIN's only entry); a result without an officer signer is signed with the provider's
system key, the key store entry whose role is ``system`` (``{"iin": "<BIN or IIN on the
certificate>", "role": "system", "certificate": ..., "label" | "key_file": ...}`` in
``QAQPA_KEYSTORE``). Keys are opened once per worker process (:func:`open_issuer`) and each
key has one reusable :class:`~signing.pades.PadesSigner`.

Timeout (:data:`SIGN_TIMEOUT`, 30 s, and never more than ``QAQPA_JOB_TIMEOUT_SECONDS``): the
work is two timestamp requests and, for B-LT, a handful of CRL/OCSP fetches, each bounded by
``QAQPA_FETCH_TIMEOUT`` (5 s) -- normally well under a second in total. A TSA or revocation
outage raises :class:`arq.worker.Retry` with a growing delay instead of holding the job: a
long timeout would only delay recovery of every job after a worker crash (workers/settings.py).

Failures a retry will not fix (:class:`PermanentSigningError`): no key for the result's signer
(``signer_key_missing``) or no system key (``system_key_missing``) in the key store, no key
store at all (``keystore_missing``), a stored document that no longer reads as a
:class:`~registry.results.document.ResultDocument` (``document_invalid``) or cannot be
rendered (``render_failed``), and the last of :data:`SIGN_MAX_TRIES` tries failing like the
ones before it (``retries_exhausted``: after it arq would give up silently). Each is recorded
under the application's lock as a ``signing_failed`` event (reason code and a detail without
secrets; :func:`registry.results.failures.record_signing_failure` appends it once: a re-run
with the same failure adds nothing), counted in ``qaqpa_signing_failures_total{reason}`` and
logged at error level (``sign_result_failed``). Nothing is signed and the application stays in
``signing``; an operator runs ``qaqpa results retry-signing RESULT_ID`` (or ``--stuck``) once
the cause is fixed (keys are opened at worker start: restart the workers after adding one).

The job then ends normally, returning ``failed``, rather than raising: arq re-runs a job only
on :class:`~arq.worker.Retry` (or a cancellation), so raising would buy no retry -- only a
second traceback and a "failed" arq result that expires within the hour -- while the durable
record is the event, and running again cannot help until someone changes the configuration.
Any other exception (a bug, the database gone) still propagates and fails the job.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
import structlog
from arq.worker import Retry, func
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.catalogue.model import LocalizedText
from registry.complaints.document import KIND as COMPLAINT_DECISION
from registry.documents import SignedFile, store_documents
from registry.models import Application, Officer, Result
from registry.outbox import Job
from registry.results.document import DocumentSigner, ResultDocument
from registry.results.failures import Recorded, record_signing_failure
from registry.settings import Settings
from registry.workflow.actors import SYSTEM
from registry.workflow.engine import move
from registry.workflow.runner import in_transaction
from signing import (
    KeyNotFoundError,
    Keystore,
    Level,
    PadesError,
    PadesSigner,
    RevocationCache,
    SignLevel,
    XadesSigner,
    XadesSignError,
    signer_report,
)
from workers.documents import render_pdf, render_xml
from workers.metrics import SIGNING_FAILURES
from workers.resources import resources_of

logger = structlog.get_logger(__name__)

SIGN_TIMEOUT = 30
SIGN_MAX_TRIES = 5
"""arq runs ``sign_result`` at most this often; the last try records a lasting TSA failure."""
RESULT_SIGNED = "result_signed"
SYSTEM_ROLE = "system"
SIGNING_STATUS = "signing"
SYSTEM_POSITION = LocalizedText(
    kk="Көрсетілетін қызметті берушінің ақпараттық жүйесі",
    ru="Информационная система услугодателя",
    en="The provider's information system",
)


class PermanentSigningError(RuntimeError):
    """A failure running the job again will not fix; ``sign_result`` records it.

    ``reason`` is the short code of the ``signing_failed`` event; the message is its
    ``detail``, shown to the application's partner too: never a secret, a path or a PIN.
    """

    reason = "signing_failed"

    def __init__(self, detail: str, *, reason: str | None = None) -> None:
        super().__init__(detail)
        if reason is not None:
            self.reason = reason


class SigningNotConfiguredError(PermanentSigningError):
    """The worker has no key store (QAQPA_KEYSTORE) or no key for the result's signer."""

    reason = "keystore_missing"


class DocumentRenderError(PermanentSigningError):
    """The result's document could not be rendered to PDF or XML (the same data fails again)."""

    reason = "render_failed"


class Pending(msgspec.Struct, frozen=True, kw_only=True):
    """What step 2 needs, read under the lock in step 1."""

    result_id: uuid.UUID
    application_id: uuid.UUID
    number: str
    document: ResultDocument
    signer_iin: str | None
    signer_role: str | None


def verify_url(settings: Settings, result_id: uuid.UUID) -> str:
    """The public page the document's QR code opens."""
    return f"{settings.base_url}/v1/documents/{result_id}/verify"


def _xades_level(level: Level) -> SignLevel:
    return "B-LT" if level == "B-LTA" else level


class Issuer:
    """The worker's signing keys and signers, built once per process and shared by every job."""

    def __init__(self, keystore: Keystore, *, tsa_url: str | None, level: Level,
                 timeout: float, cache: RevocationCache | None = None) -> None:  # fmt: skip
        if level != "B-B" and not tsa_url:
            raise SigningNotConfiguredError(f"signing at {level} needs QAQPA_TSA_URL",
                                            reason="tsa_missing")  # fmt: skip
        self.keystore = keystore
        self.level = level
        self._tsa_url = tsa_url
        self._pades = {
            pair: PadesSigner(keystore.key(*pair), tsa_url=tsa_url, timeout=timeout)
            for pair in keystore.officers()
        }
        self._xades = XadesSigner(fetch_timeout=timeout, cache=cache)

    def key_for(self, iin: str | None, role: str | None) -> tuple[str, str]:
        """The (IIN, role) key store entry that signs for this signer (None: the system)."""
        pairs = self.keystore.officers()
        if iin is None:
            wanted = [pair for pair in pairs if pair[1] == SYSTEM_ROLE]
        else:
            mine = [pair for pair in pairs if pair[0] == iin and pair[1] != SYSTEM_ROLE]
            wanted = [pair for pair in mine if pair[1] == role] or mine
        if not wanted:
            who = "the system (role 'system')" if iin is None else f"officer {iin}"
            raise SigningNotConfiguredError(
                f"no signing key for {who} in QAQPA_KEYSTORE",
                reason="system_key_missing" if iin is None else "signer_key_missing",
            )
        return wanted[0]

    def signer_of(self, pair: tuple[str, str]) -> DocumentSigner:
        """How the system key's holder prints on a document it signs."""
        report = signer_report(self.keystore.key(*pair).certificate)
        return DocumentSigner(
            position=SYSTEM_POSITION, name=report.organisation or report.name or "", iin=pair[0]
        )

    async def sign(self, document: ResultDocument, pair: tuple[str, str]) -> list[SignedFile]:
        """The PDF and the XML of ``document``, signed with the ``pair`` key."""
        try:
            pdf, xml = await asyncio.to_thread(lambda: (render_pdf(document), render_xml(document)))
        except Exception as exc:  # deterministic: the same document fails the same way again
            raise DocumentRenderError(
                f"the {document.kind} document could not be rendered ({type(exc).__name__})"
            ) from exc
        key = self.keystore.key(*pair)
        xades_level = _xades_level(self.level)
        signed_pdf, signed_xml = await asyncio.gather(
            self._pades[pair].sign(pdf, level=self.level, reason=document.number,
                                   signer_name=document.signer.name if document.signer else None),
            self._xades.sign(
                xml, key=self.keystore.rsa_private_key(*pair), chain=[key.certificate, *key.chain],
                level=xades_level, tsa_url=self._tsa_url,
            ),
        )  # fmt: skip
        return [
            SignedFile(id=uuid.uuid4(), kind="pdf", content=signed_pdf, level=self.level),
            SignedFile(id=uuid.uuid4(), kind="xml", content=signed_xml, level=xades_level),
        ]

    async def aclose(self) -> None:
        for signer in self._pades.values():
            await signer.aclose()
        await self._xades.aclose()
        self.keystore.close()


def open_issuer(settings: Settings, cache: RevocationCache | None = None) -> Issuer | None:
    """The issuer over ``QAQPA_KEYSTORE``; None (results stay unsigned) when it is not set.

    ``cache``: the worker's Redis revocation cache, shared with its verifier, so the CRLs the
    XAdES B-LT signatures embed are those the ``refresh_crls`` cron keeps fresh.
    """
    config = settings.keystore_config()
    if config is None:
        logger.warning("signing_disabled", reason="QAQPA_KEYSTORE is not set")
        return None
    keystore = Keystore.open(config)
    try:
        return Issuer(keystore, tsa_url=settings.tsa_url or None, level=settings.signing_level,
                      timeout=settings.fetch_timeout, cache=cache)  # fmt: skip
    except BaseException:
        keystore.close()
        raise


async def _application_of(
    sessions: async_sessionmaker[AsyncSession], result_id: uuid.UUID
) -> uuid.UUID | None:
    async with sessions() as session:
        return await session.scalar(select(Result.application_id).where(Result.id == result_id))


async def _locked_result(session: AsyncSession, result_id: uuid.UUID) -> Result:
    result = await session.get(Result, result_id, populate_existing=True, with_for_update=True)
    assert result is not None  # results are never deleted
    return result


async def read_pending(
    sessions: async_sessionmaker[AsyncSession], result_id: uuid.UUID
) -> Pending | None:
    """Step 1: the result to sign, or None when there is nothing (left) to sign."""
    application_id = await _application_of(sessions, result_id)
    if application_id is None:
        logger.warning("sign_result_unknown", result_id=str(result_id))
        return None

    async def work(session: AsyncSession, application: Application) -> Pending | None:
        result = await _locked_result(session, result_id)
        if result.status != "awaiting_signature":
            return None
        officer = None if result.signer_id is None else await session.get(Officer, result.signer_id)
        try:
            document = msgspec.convert(result.document, ResultDocument)
        except msgspec.ValidationError as exc:
            raise PermanentSigningError(
                f"the stored document does not read as a result document: {exc}",
                reason="document_invalid",
            ) from exc
        return Pending(
            result_id=result.id, application_id=application.id, number=result.number,
            document=document, signer_iin=result.signer_iin,
            signer_role=None if officer is None else officer.role,
        )  # fmt: skip

    return await in_transaction(sessions, None, application_id, work)


async def store_signed(
    sessions: async_sessionmaker[AsyncSession],
    redis: Any,
    pending: Pending,
    document: ResultDocument,
    files: list[SignedFile],
    now: datetime,
) -> bool:
    """Step 3: store, mark signed, chain the hashes, move on; False when another run won."""

    async def work(session: AsyncSession, application: Application) -> bool:
        result = await _locked_result(session, pending.result_id)
        if result.status != "awaiting_signature":
            return False
        await store_documents(session, result, files, now)
        result.status = "signed"
        result.signed_at = now
        result.document = msgspec.to_builtins(document)  # as printed: verification URL, signer
        data = {
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
        await append_event(session, application.id, RESULT_SIGNED, SYSTEM.label, data, now)
        if result.kind == COMPLAINT_DECISION:
            return True
        if application.status == SIGNING_STATUS:
            await move(session, application, "signed", SYSTEM, now=now,
                       event_data={"result_id": str(result.id)})  # fmt: skip
        else:
            logger.warning("signed_outside_signing", result_id=str(result.id),
                           status=application.status)  # fmt: skip
        return True

    return await in_transaction(sessions, redis, pending.application_id, work)


async def record_failure(
    ctx: dict[str, Any], result_id: uuid.UUID, error: PermanentSigningError
) -> Recorded | None:
    """Count, log and record ``error`` as the result's ``signing_failed`` event (at most once).

    None when the result does not exist (there is no application to record it on).
    """
    SIGNING_FAILURES.labels(reason=error.reason).inc()
    cause = error.__cause__
    recorded: Recorded | None = None
    resources = resources_of(ctx)
    try:
        application_id = await _application_of(resources.sessions, result_id)
        if application_id is None:
            return None

        async def work(session: AsyncSession, application: Application) -> Recorded:
            return await record_signing_failure(
                session, application, result_id, error.reason, str(error), datetime.now(UTC)
            )

        recorded = await in_transaction(resources.sessions, resources.redis, application_id, work)
        return recorded
    finally:
        logger.error(
            "sign_result_failed", result_id=str(result_id), reason=error.reason,
            detail=str(error), cause=None if cause is None else f"{type(cause).__name__}: {cause}",
            job_try=ctx.get("job_try"), recorded=recorded,
        )  # fmt: skip


async def sign_result(ctx: dict[str, Any], result_id: str) -> str:
    """Sign the result's PDF and XML and issue them.

    Returns ``signed``, ``nothing_to_sign`` (already signed, cancelled or unknown), ``lost``
    (a concurrent run stored its documents first) or ``failed`` (a failure retrying will not
    fix, recorded as ``signing_failed``: see the module docstring).
    """
    rid = uuid.UUID(result_id)
    try:
        return await _sign(ctx, rid)
    except PermanentSigningError as exc:
        await record_failure(ctx, rid, exc)
        return "failed"


async def _sign(ctx: dict[str, Any], rid: uuid.UUID) -> str:
    result_id = str(rid)
    resources = resources_of(ctx)
    pending = await read_pending(resources.sessions, rid)
    if pending is None:
        return "nothing_to_sign"
    issuer: Issuer | None = ctx.get("issuer")
    if issuer is None:
        raise SigningNotConfiguredError("this worker has no key store (QAQPA_KEYSTORE)")
    settings = resources.settings
    try:
        pair = issuer.key_for(pending.signer_iin, pending.signer_role)
    except KeyNotFoundError as exc:
        raise SigningNotConfiguredError(str(exc), reason="signer_key_missing") from exc
    document = msgspec.structs.replace(
        pending.document,
        verify_url=verify_url(settings, rid),
        signer=pending.document.signer or issuer.signer_of(pair),
    )
    try:
        files = await issuer.sign(document, pair)
    except (PadesError, XadesSignError) as exc:
        tries = int(ctx.get("job_try", 1))
        if tries >= SIGN_MAX_TRIES:
            raise PermanentSigningError(
                f"signing failed {tries} times in a row (the last time: {type(exc).__name__}); "
                "the timestamp or revocation services may be down: see the worker log",
                reason="retries_exhausted",
            ) from exc
        logger.warning("sign_result_retry", result_id=result_id, error=str(exc), job_try=tries)
        raise Retry(defer=5 * tries) from exc
    stored = await store_signed(
        resources.sessions, resources.redis, pending, document, files, datetime.now(UTC)
    )
    outcome = "signed" if stored else "lost"  # lost: a concurrent run stored its copies first
    logger.info("result_signed", result_id=result_id, outcome=outcome,
                sha256=[f.sha256 for f in files] if stored else None)  # fmt: skip
    return outcome


sign_result_job = func(
    sign_result, name=Job.SIGN_RESULT.value, timeout=SIGN_TIMEOUT, max_tries=SIGN_MAX_TRIES
)
