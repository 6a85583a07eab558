"""The ``sign_result`` job: render the result as PDF and XML, sign both, hand them to issuing.

``sign_result(ctx, result_id)`` is written to the outbox by the signer's approval (and by
results the system approves itself, e.g. the customs green corridor). It runs at least once;
the result's state is :mod:`registry.issuing`'s, which this job calls:

1. :func:`registry.issuing.issue.claim`: the result to sign, or nothing to do when an earlier
   run finished (signed) or it was cancelled;
2. outside any transaction (network and CPU: the TSA, CRL/OCSP fetches for B-LT, rendering):
   fill in the verification URL and the signer, render, sign the PDF (PAdES, default B-LT) and
   the XML (XAdES, at most B-LT) with the key of the result's signer;
3. :func:`registry.issuing.issue.record_signed`: store both documents, mark the result signed,
   chain their hashes and move the application, unless another run was first.

A crash between 2 and 3 just signs again on the next run.

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

Failures a retry will not fix (:class:`~registry.issuing.failures.PermanentSigningError`): no
key for the result's signer (``signer_key_missing``) or no system key (``system_key_missing``)
in the key store, no key store at all (``keystore_missing``), a stored document that no longer
reads as a :class:`~registry.results.document.ResultDocument` (``document_invalid``) or cannot
be rendered (``render_failed``), and the last of :data:`SIGN_MAX_TRIES` tries failing like the
ones before it (``retries_exhausted``: after it arq would give up silently). Each is recorded
under the application's lock as a ``signing_failed`` event (reason code and a detail without
secrets; :func:`registry.issuing.failures.record_signing_failure` appends it once: a re-run
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

from registry.catalogue.model import LocalizedText
from registry.documents import SignedFile
from registry.issuing import failures, issue
from registry.issuing.external import signed_files, xades_level
from registry.issuing.failures import PermanentSigningError, Recorded
from registry.issuing.issue import claim, record_signed
from registry.outbox import Job
from registry.results.document import DocumentSigner, ResultDocument
from registry.results.render import render_pdf, render_xml
from registry.settings import Settings
from signing import (
    KeyNotFoundError,
    Keystore,
    Level,
    PadesError,
    PadesSigner,
    RevocationCache,
    RevocationSources,
    XadesSigner,
    XadesSignError,
    signer_report,
)
from workers.metrics import SIGNING_FAILURES
from workers.resources import issuer_of, resources_of

logger = structlog.get_logger(__name__)

SIGN_TIMEOUT = 30
SIGN_MAX_TRIES = 5
"""arq runs ``sign_result`` at most this often; the last try records a lasting TSA failure."""
SYSTEM_ROLE = "system"
SYSTEM_POSITION = LocalizedText(
    kk="Көрсетілетін қызметті берушінің ақпараттық жүйесі",
    ru="Информационная система услугодателя",
    en="The provider's information system",
)


class SigningNotConfiguredError(PermanentSigningError):
    """The worker has no key store (QAQPA_KEYSTORE) or no key for the result's signer."""

    reason = "keystore_missing"


class DocumentRenderError(PermanentSigningError):
    """The result's document could not be rendered to PDF or XML (the same data fails again)."""

    reason = "render_failed"


def verify_url(settings: Settings, result_id: uuid.UUID) -> str:
    """The public page the document's QR code opens."""
    return issue.verify_url(settings.base_url, result_id)


class Issuer:
    """The worker's signing keys and signers, built once per process and shared by every job."""

    def __init__(
        self,
        keystore: Keystore,
        *,
        tsa_url: str | None,
        level: Level,
        timeout: float,
        cache: RevocationCache | None = None,
        sources: RevocationSources | None = None,
    ) -> None:
        if level != "B-B" and not tsa_url:
            raise SigningNotConfiguredError(
                f"signing at {level} needs QAQPA_TSA_URL", reason="tsa_missing"
            )
        self.keystore = keystore
        self.level = level
        self._tsa_url = tsa_url
        self._pades = {
            pair: PadesSigner(keystore.key(*pair), tsa_url=tsa_url, timeout=timeout)
            for pair in keystore.officers()
        }
        self._xades = XadesSigner(fetch_timeout=timeout, cache=cache, sources=sources)

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
        signed_pdf, signed_xml = await asyncio.gather(
            self._pades[pair].sign(
                pdf,
                level=self.level,
                reason=document.number,
                signer_name=document.signer.name if document.signer else None,
            ),
            self._xades.sign(
                xml,
                key=self.keystore.rsa_private_key(*pair),
                chain=[key.certificate, *key.chain],
                level=xades_level(self.level),
                tsa_url=self._tsa_url,
            ),
        )
        return signed_files(signed_pdf, signed_xml, self.level)

    async def aclose(self) -> None:
        for signer in self._pades.values():
            await signer.aclose()
        await self._xades.aclose()
        self.keystore.close()


def open_issuer(settings: Settings, cache: RevocationCache | None = None) -> Issuer | None:
    """The issuer over ``QAQPA_KEYSTORE``; None (results stay unsigned) when it is not set.

    ``cache``: the worker's Redis revocation cache, shared with its verifier, so the CRLs the
    XAdES B-LT signatures embed are those the ``refresh_crls`` cron keeps fresh; the
    verifier's preloaded CRLs, URL rewrites and offline mode apply to them as well.
    """
    config = settings.keystore_config()
    if config is None:
        logger.warning("signing_disabled", reason="QAQPA_KEYSTORE is not set")
        return None
    keystore = Keystore.open(config)
    try:
        return Issuer(
            keystore,
            tsa_url=settings.tsa_url or None,
            level=settings.signing_level,
            timeout=settings.fetch_timeout,
            cache=cache,
            sources=RevocationSources.from_policy(settings.verification_policy()),
        )
    except BaseException:
        keystore.close()
        raise


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
        recorded = await failures.record_failure(
            resources.sessions, resources.redis, result_id, error, datetime.now(UTC)
        )
        return recorded
    finally:
        logger.error(
            "sign_result_failed",
            result_id=str(result_id),
            reason=error.reason,
            detail=str(error),
            cause=None if cause is None else f"{type(cause).__name__}: {cause}",
            job_try=ctx.get("job_try"),
            recorded=recorded,
        )


async def sign_result(ctx: dict[str, Any], result_id: str) -> str:
    """Sign the result's PDF and XML and issue them.

    Returns ``signed``, ``nothing_to_sign`` (already signed, cancelled, unknown, or left to an
    officer's own signature with ``QAQPA_OFFICER_SIGNING=eds``), ``lost``
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
    # With officers' own keys (eds) the worker signs only with the provider's system key.
    officers_sign = resources.settings.officer_signing == "eds"
    pending = await claim(resources.sessions, rid, officers_sign=officers_sign)
    if pending is None:
        return "nothing_to_sign"
    issuer = issuer_of(ctx)
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
    stored = await record_signed(
        resources.sessions, resources.redis, pending, document, files, datetime.now(UTC)
    )
    outcome = "signed" if stored else "lost"  # lost: a concurrent run stored its copies first
    logger.info(
        "result_signed",
        result_id=result_id,
        outcome=outcome,
        sha256=[f.sha256 for f in files] if stored else None,
    )
    return outcome


sign_result_job = func(
    sign_result, name=Job.SIGN_RESULT.value, timeout=SIGN_TIMEOUT, max_tries=SIGN_MAX_TRIES
)
