"""``/v1/officer/results/{id}/signing-sessions`` and ``/v1/officer/signing-sessions/{id}``.

A signer signs a result with their own key through NCALayer (``QAQPA_OFFICER_SIGNING=eds``;
registry/issuing/signers.py says who signs what, registry/issuing/sessions.py checks the
signatures). Opening a session renders the document as it
will be printed and prepares the PDF for an external signature (pyHanko's interrupted
signing): the answer carries the digest NCALayer signs (CMS, detached) and the XML it signs
(XMLDSig). Posting both back verifies them, adds the timestamp and validation data up to
``QAQPA_SIGNING_LEVEL`` and issues the result.

Rendering uses ``registry.results.render``, the one renderer of result documents (pure: data
in, bytes out), shared with the worker's ``sign_result``. The TSA and the CRL/OCSP fetches
run in the request: a few round trips, bounded by ``QAQPA_FETCH_TIMEOUT`` each; when they
fail the session stays open and the same signatures can be posted again (503
``signing_unavailable``).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

import msgspec
from litestar import Controller, post
from litestar.di import NamedDependency, Provide
from litestar.params import Body, FromPath

from gateway.dependencies import SharedResources
from gateway.officers.auth import AuthenticatedOfficer, current_officer, require_officer_role
from gateway.problems import Problem
from registry.documents import SignedFile
from registry.forms.common import MULTI_LINE
from registry.issuing import sessions as signing_sessions
from registry.issuing import signers
from registry.issuing.returns import Returned, return_result
from registry.issuing.sessions import SigningSession
from registry.resources import Resources
from registry.results.render import render_pdf, render_xml
from registry.settings import path_list
from signing import (
    PadesError,
    PreparedPdf,
    RedisRevocationCache,
    XadesSigner,
    XadesSignError,
    finish_external,
    load_certificates,
    prepare_external,
    signer_chain,
)

Officer = NamedDependency[AuthenticatedOfficer]
# Whoever may sign something: a flow's or a complaint decision's signer, S1's deciding officer
# (an executor, or a head who rerouted a release); registry.issuing.signers says what and when.
SIGNERS = require_officer_role("signer", "executor", "head", "unit_head")
# The largest CMS NCALayer returns for a digest: a chain of a few certificates (base64).
MAX_CMS_CHARS = 64 * 1024
MAX_XML_CHARS = 2 * 1024 * 1024
DIGEST_ALGORITHM = "sha256"


class PdfToSign(msgspec.Struct, frozen=True, kw_only=True):
    """What NCALayer signs for the PDF: a CMS, detached, over this precomputed digest."""

    digest_algorithm: str
    digest: str  # base64


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


def _eds_only(resources: Resources) -> None:
    if resources.settings.officer_signing != "eds":
        raise Problem(
            409,
            "officer_signing_disabled",
            "this deployment signs results with server-held keys (QAQPA_OFFICER_SIGNING=hsm)",
        )


async def _prepare(record_document: signers.Signable) -> tuple[PreparedPdf, bytes]:
    document = record_document.document

    signer_name = document.signer.name if document.signer else None

    def render_and_prepare() -> tuple[PreparedPdf, bytes]:
        # Rendering and pyHanko's placeholder layout are CPU work with no I/O: both run off the
        # event loop (pyHanko's digest step is a coroutine only by signature, hence asyncio.run).
        pdf = render_pdf(document)
        prepared = asyncio.run(
            prepare_external(pdf, reason=document.number, signer_name=signer_name)
        )
        return prepared, render_xml(document)

    return await asyncio.to_thread(render_and_prepare)


async def _complete(
    resources: Resources, record: SigningSession, pdf_cms: bytes, signed_xml: bytes
) -> tuple[bytes, bytes]:
    """The PDF and the XML extended to the deployment's level (TSA, validation data)."""
    settings = resources.settings
    intermediates = load_certificates(path_list(settings.intermediates))
    chain = signer_chain(pdf_cms, intermediates)
    prepared = PreparedPdf(
        pdf=record.pdf,
        digest=record.digest,
        reserved_start=record.reserved_start,
        reserved_end=record.reserved_end,
    )
    xades_level = "B-LT" if settings.signing_level == "B-LTA" else settings.signing_level
    async with XadesSigner(
        fetch_timeout=settings.fetch_timeout, cache=RedisRevocationCache(resources.redis)
    ) as xades:
        return await asyncio.gather(
            finish_external(
                prepared,
                pdf_cms,
                level=settings.signing_level,
                tsa_url=settings.tsa_url or None,
                trust=load_certificates(path_list(settings.trust_anchors)),
                other_certs=[*chain[1:], *intermediates],
                fetch_timeout=settings.fetch_timeout,
            ),
            xades.extend(
                signed_xml, chain=chain, level=xades_level, tsa_url=settings.tsa_url or None
            ),
        )


class OfficerSigningController(Controller):
    path = "/v1/officer"
    tags = ["officers"]
    guards = [SIGNERS]
    dependencies = {"officer": Provide(current_officer, sync_to_thread=False)}

    @post(
        "/results/{result_id:uuid}/signing-sessions",
        status_code=201,
        summary="Prepare a result for the signer's own signature (NCALayer): digest and XML",
    )
    async def open_session(
        self, resources: SharedResources, officer: Officer, result_id: FromPath[uuid.UUID]
    ) -> SigningSessionView:
        _eds_only(resources)
        settings = resources.settings
        async with resources.sessions() as session:
            found = await signers.signable(session, result_id, officer, settings.base_url)
        prepared, xml = await _prepare(found)
        expires_at = datetime.now(UTC) + timedelta(seconds=settings.signing_session_seconds)
        record = SigningSession(
            id=uuid.uuid4(),
            result_id=found.result_id,
            application_id=found.application_id,
            officer_id=officer.id,
            officer_iin=officer.iin,
            route=found.route,
            document=found.document,
            pdf=prepared.pdf,
            digest=prepared.digest,
            reserved_start=prepared.reserved_start,
            reserved_end=prepared.reserved_end,
            xml=xml,
            expires_at=expires_at,
        )
        await signing_sessions.save(resources.redis, record, settings.signing_session_seconds)
        return SigningSessionView(
            id=record.id,
            pdf=PdfToSign(
                digest_algorithm=DIGEST_ALGORITHM, digest=base64.b64encode(record.digest).decode()
            ),
            xml=XmlToSign(document=xml.decode("utf-8")),
            expires_at=expires_at,
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
        try:
            pdf, xml = await _complete(resources, record, pdf_cms, signed_xml)
        except (PadesError, XadesSignError) as exc:
            raise Problem(
                503,
                "signing_unavailable",
                f"the timestamp or revocation services did not answer; post again ({exc})",
                headers={"Retry-After": "10"},
            ) from exc
        level = resources.settings.signing_level
        files = [
            SignedFile(id=uuid.uuid4(), kind="pdf", content=pdf, level=level),
            SignedFile(
                id=uuid.uuid4(),
                kind="xml",
                content=xml,
                level="B-LT" if level == "B-LTA" else level,
            ),
        ]
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
            level=level,
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
