"""``/v1/officer/results/{id}/signing-sessions`` and ``/v1/officer/signing-sessions/{id}``.

An officer signs a result with their own key through NCALayer (``QAQPA_OFFICER_SIGNING=eds``):
registry/issuing/signers.py says who signs what, registry/issuing/external.py prepares and
completes the documents, registry/issuing/sessions.py keeps the session and checks the
signatures. Opening a session answers the digest NCALayer signs (CMS, detached) and the XML it
signs (XMLDSig); posting both back verifies them, adds the timestamp and validation data up to
``QAQPA_SIGNING_LEVEL`` and issues the result. When the TSA or the CRL/OCSP fetches fail the
session stays open and the same signatures can be posted again (503 ``signing_unavailable``).
Whoever may sign a result may also return it for rework (registry/issuing/returns.py).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from asn1crypto import x509
from litestar import Controller, post
from litestar.params import Body, FromPath

from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import require_officer_role
from gateway.problems import Problem
from registry.forms.common import MULTI_LINE
from registry.issuing import external, signers
from registry.issuing import sessions as signing_sessions
from registry.issuing.returns import Returned, return_result
from registry.resources import Resources
from signing import (
    DigestAlgorithm,
    PadesError,
    UnsupportedDigestKeyError,
    XadesSignError,
    digest_algorithm_for,
)

# Whoever may sign something: a flow's or a complaint decision's signer, S1's deciding officer
# (an executor, or a head who rerouted a release); registry.issuing.signers says what and when.
SIGNERS = require_officer_role("signer", "executor", "head", "unit_head")
# The largest CMS NCALayer returns for a digest: a chain of a few certificates (base64).
MAX_CMS_CHARS = 64 * 1024
MAX_XML_CHARS = 2 * 1024 * 1024
MAX_CERTIFICATE_CHARS = 16 * 1024


class SessionOptions(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Optional: which digest the officer's key signs. NCALayer signing a precomputed digest
    cannot pick the hash, so a GOST key needs its own (Streebog-512) named up front, either
    directly or by the certificate NCALayer will sign with. Without either: SHA-256 (RSA)."""

    digest_algorithm: DigestAlgorithm | None = None
    certificate: Annotated[str, msgspec.Meta(max_length=MAX_CERTIFICATE_CHARS)] | None = None


class PdfToSign(msgspec.Struct, frozen=True, kw_only=True):
    """What NCALayer signs for the PDF: a CMS, detached, over this precomputed digest -- or
    over ``content`` itself (NCALayer then hashes with whatever key the officer picks)."""

    digest_algorithm: str
    digest: str  # base64
    content: str  # base64: the bytes the /ByteRange covers (the CMS's detached content)


class XmlToSign(msgspec.Struct, frozen=True, kw_only=True):
    document: str  # the XML NCALayer's signXml signs (enveloped XMLDSig)


class SigningSessionView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    pdf: PdfToSign
    xml: XmlToSign
    expires_at: datetime


class Signatures(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """The officer's signatures from NCALayer."""

    pdf_cms: Annotated[str, msgspec.Meta(max_length=MAX_CMS_CHARS)]  # base64 DER CMS
    xml: Annotated[str, msgspec.Meta(max_length=MAX_XML_CHARS)]  # the signed XML


class ReturnRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Why the result goes back: the reworking officer reads it (partners never do)."""

    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=4000, pattern=MULTI_LINE)]


class Issued(msgspec.Struct, frozen=True, kw_only=True):
    result_id: uuid.UUID
    application_id: uuid.UUID
    status: str  # "signed"
    level: str


def _certificate_digest(certificate_b64: str) -> DigestAlgorithm:
    try:
        certificate = x509.Certificate.load(base64.b64decode(certificate_b64, validate=True))
        return digest_algorithm_for(certificate)
    except UnsupportedDigestKeyError as exc:
        raise Problem(409, "unsupported_algorithm", str(exc)) from None
    except (binascii.Error, ValueError, TypeError, KeyError) as exc:
        raise Problem(400, "bad_request", f"certificate is not a DER certificate: {exc}") from None


def _digest_algorithm(options: SessionOptions | None) -> DigestAlgorithm:
    """The digest named, or the one of the certificate's key; SHA-256 when neither is given."""
    if options is None:
        return "sha256"
    if options.certificate is None:
        return options.digest_algorithm or "sha256"
    chosen = _certificate_digest(options.certificate)
    if options.digest_algorithm not in (None, chosen):
        detail = f"the certificate's key signs {chosen}, not {options.digest_algorithm}"
        raise Problem(400, "bad_request", detail)
    return chosen


def _eds_only(resources: Resources) -> None:
    if resources.settings.officer_signing != "eds":
        raise Problem(
            409,
            "officer_signing_disabled",
            "this deployment signs results with server-held keys (QAQPA_OFFICER_SIGNING=hsm)",
        )


class OfficerSigningController(Controller):
    path = "/v1/officer"
    tags = ["officers"]
    guards = [SIGNERS]
    dependencies = OFFICER_DEPENDENCY

    @post(
        "/results/{result_id:uuid}/signing-sessions",
        status_code=201,
        summary="Prepare a result for the signer's own signature (NCALayer): digest and XML",
        description=(
            "The body is optional (none, or `null`: a SHA-256 digest, for RSA keys). NCA's GOST "
            "keys sign another digest: name it (`digest_algorithm`: `gostr34112015-512` for "
            "GOST R 34.10-2015 512-bit keys, `gost34311` for GOST 34.310-2004) or send the "
            "`certificate` (base64 DER) NCALayer will sign with, and the digest follows its key. "
            "`pdf.content` is what the digest covers (the PDF's /ByteRange): NCALayer may sign "
            "it as a detached CMS instead and hash it with the key the officer picks, which is "
            "what the console does. 400 `bad_request` for a certificate that does not read or "
            "contradicts `digest_algorithm`, 409 `unsupported_algorithm` for a key of no known "
            "digest."
        ),
    )
    async def open_session(
        self,
        resources: SharedResources,
        officer: Officer,
        result_id: FromPath[uuid.UUID],
        data: Annotated[
            SessionOptions | None,
            Body(title="The officer's key (optional)", description="Optional."),
        ] = None,
    ) -> SigningSessionView:
        _eds_only(resources)
        algorithm = _digest_algorithm(data)
        settings = resources.settings
        async with resources.sessions() as session:
            found = await signers.signable(session, result_id, officer, settings.base_url)
        record = await external.prepare(found, officer, settings.signing_session_seconds, algorithm)
        await signing_sessions.save(resources.redis, record, settings.signing_session_seconds)
        return SigningSessionView(
            id=record.id,
            pdf=PdfToSign(
                digest_algorithm=record.digest_algorithm,
                digest=base64.b64encode(record.digest).decode(),
                content=base64.b64encode(record.signed_bytes()).decode(),
            ),
            xml=XmlToSign(document=record.xml.decode("utf-8")),
            expires_at=record.expires_at,
        )

    @post(
        "/signing-sessions/{session_id:uuid}",
        status_code=202,
        summary="The signer's CMS over the PDF digest and signed XML: verify, complete, issue",
    )
    async def sign(
        self,
        resources: SharedResources,
        officer: Officer,
        session_id: FromPath[uuid.UUID],
        data: Annotated[Signatures, Body(title="Signatures from NCALayer")],
    ) -> Issued:
        _eds_only(resources)
        record = await signing_sessions.load(resources.redis, session_id, officer.id)
        try:
            pdf_cms = base64.b64decode(data.pdf_cms, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Problem(400, "bad_request", f"pdf_cms is not base64: {exc}") from None
        signed_xml = data.xml.encode("utf-8")
        await signing_sessions.check_signatures(resources.verifier, record, pdf_cms, signed_xml)
        settings = resources.settings
        try:
            files = await external.complete(settings, resources.redis, record, pdf_cms, signed_xml)
        except (PadesError, XadesSignError) as exc:
            raise Problem(
                503,
                "signing_unavailable",
                f"the timestamp or revocation services did not answer; post again ({exc})",
                headers={"Retry-After": "10"},
            ) from exc
        issued = await signers.issue_signed(
            resources.sessions, resources.redis, record, officer, files, datetime.now(UTC)
        )
        await signing_sessions.forget(resources.redis, session_id)
        if not issued:
            raise Problem(
                409, "result_not_signable", "the result was signed or cancelled meanwhile"
            )
        return Issued(
            result_id=record.result_id,
            application_id=record.application_id,
            status="signed",
            level=settings.signing_level,
        )

    @post(
        "/results/{result_id:uuid}/return",
        status_code=200,
        summary="Send a result back for rework with a reason instead of signing it",
        description=(
            "Whoever may sign the result may return it: at a flow's signer step the executor's "
            "step reopens (where the service reworks a result of that outcome), a complaint's "
            "decision goes back to the heads and the complaint opens again. 409 "
            "`result_not_returnable` when nothing would reopen, `result_not_signable` when the "
            "officer may not sign it; 422 `invalid_decision` without a reason."
        ),
    )
    async def return_for_rework(
        self,
        resources: SharedResources,
        officer: Officer,
        result_id: FromPath[uuid.UUID],
        data: Annotated[ReturnRequest, Body(title="The reason")],
    ) -> Returned:
        return await return_result(
            resources.sessions,
            resources.redis,
            result_id,
            officer,
            data.reason,
            datetime.now(UTC),
        )
