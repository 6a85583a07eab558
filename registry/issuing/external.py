"""The server's half of an officer's own signature: the documents prepared, then completed.

:func:`prepare` renders the result as printed (``registry.results.render``, the one renderer,
shared with the worker's ``sign_result``) and lays out the PDF for an external signature
(pyHanko's interrupted signing: placeholder, byte ranges, digest); the answer is the
:class:`~registry.issuing.sessions.SigningSession` to keep. :func:`complete` embeds the
officer's CMS and extends both documents up to ``QAQPA_SIGNING_LEVEL`` (the TSA, CRL/OCSP
fetches: a few round trips bounded by ``QAQPA_FETCH_TIMEOUT`` each); it raises
``signing.PadesError`` / ``signing.XadesSignError`` when they fail, and the same signatures
can be completed again. :func:`signed_files` is the pair both this path and the worker store.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis

from registry.documents import SignedFile
from registry.issuing.sessions import SigningSession
from registry.issuing.signers import Signable
from registry.results.render import render_pdf, render_xml
from registry.settings import Settings, path_list
from registry.workflow.actors import OfficerIdentity
from signing import (
    DigestAlgorithm,
    Level,
    PreparedPdf,
    RedisRevocationCache,
    RevocationSources,
    SignLevel,
    XadesSigner,
    byte_range_digest,
    finish_external,
    load_certificates,
    prepare_external,
    signer_chain,
)


def xades_level(level: Level) -> SignLevel:
    """XAdES goes up to B-LT: the XML of a B-LTA deployment is B-LT."""
    return "B-LT" if level == "B-LTA" else level


def signed_files(pdf: bytes, xml: bytes, level: Level) -> list[SignedFile]:
    """The signed PDF and XML of a result, as issuing stores them."""
    return [
        SignedFile(id=uuid.uuid4(), kind="pdf", content=pdf, level=level),
        SignedFile(id=uuid.uuid4(), kind="xml", content=xml, level=xades_level(level)),
    ]


async def prepare(
    found: Signable,
    officer: OfficerIdentity,
    seconds: int,
    digest_algorithm: DigestAlgorithm = "sha256",
) -> SigningSession:
    """The session of ``officer``'s signature of ``found``, open for ``seconds``; the digest
    NCALayer signs is made with ``digest_algorithm``, the one the officer's key pairs with."""
    document = found.document
    signer_name = document.signer.name if document.signer else None

    def render_and_prepare() -> tuple[PreparedPdf, bytes]:
        # Rendering and pyHanko's placeholder layout are CPU work with no I/O: both run off the
        # event loop (pyHanko's digest step is a coroutine only by signature, hence asyncio.run).
        pdf = render_pdf(document)
        prepared = asyncio.run(
            prepare_external(pdf, reason=document.number, signer_name=signer_name)
        )
        return prepared, render_xml(document)

    prepared, xml = await asyncio.to_thread(render_and_prepare)
    digest = prepared.digest  # pyHanko's layout digest is SHA-256
    if digest_algorithm != "sha256":  # GOST: pure Python Streebog is slow, keep it off the loop
        digest = await asyncio.to_thread(
            byte_range_digest, digest_algorithm, prepared.signed_bytes()
        )
    return SigningSession(
        id=uuid.uuid4(),
        result_id=found.result_id,
        application_id=found.application_id,
        officer_id=officer.id,
        officer_iin=officer.iin,
        route=found.route,
        document=document,
        pdf=prepared.pdf,
        digest=digest,
        digest_algorithm=digest_algorithm,
        reserved_start=prepared.reserved_start,
        reserved_end=prepared.reserved_end,
        xml=xml,
        expires_at=datetime.now(UTC) + timedelta(seconds=seconds),
    )


async def complete(
    settings: Settings, redis: Redis, record: SigningSession, pdf_cms: bytes, signed_xml: bytes
) -> list[SignedFile]:
    """The PDF and the XML extended to the deployment's level (TSA, validation data)."""
    intermediates = load_certificates(path_list(settings.intermediates))
    chain = signer_chain(pdf_cms, intermediates)
    prepared = PreparedPdf(
        pdf=record.pdf,
        digest=record.digest,
        reserved_start=record.reserved_start,
        reserved_end=record.reserved_end,
    )
    level = settings.signing_level
    tsa_url = settings.tsa_url or None
    anchors = load_certificates(path_list(settings.trust_anchors))
    # The revocation data embedded is what the verifier that accepted the officer's
    # certificate reads: preloaded CRLs, URL rewrites, offline mode (one collector for both).
    sources = RevocationSources.from_policy(settings.verification_policy(), anchors)
    async with XadesSigner(
        fetch_timeout=settings.fetch_timeout, cache=RedisRevocationCache(redis), sources=sources
    ) as xades:
        pdf, xml = await asyncio.gather(
            finish_external(
                prepared,
                pdf_cms,
                level=level,
                tsa_url=tsa_url,
                trust=anchors,
                other_certs=[*chain[1:], *intermediates],
                fetch_timeout=settings.fetch_timeout,
                collector=xades.collector,
            ),
            xades.extend(signed_xml, chain=chain, level=xades_level(level), tsa_url=tsa_url),
        )
    return signed_files(pdf, xml, level)
