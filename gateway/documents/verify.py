"""Verification for anyone, no authentication: ``POST /v1/verify`` and the QR code's page.

``POST /v1/verify`` takes the document as the raw request body (``Content-Type:
application/pdf`` or ``application/xml``; the content decides, so ``octet-stream`` works too):
one upload format that ``curl --data-binary @file`` and every HTTP client speak, no
multipart parsing. Up to 10 MiB; an empty, oversized or unreadable body is a problem document
(``document_unreadable``, ``payload_too_large``). The answer is the
:class:`signing.report.DocumentReport` (ETSI indication, level, signer, times, revocation).

``GET /v1/documents/{id}/verify`` -- ``id`` is the result's id printed on the document (a
document's own id works too) -- re-verifies the stored PDF and XML now, against the
configured trust anchors, and answers HTML to a browser (``Accept: text/html``: the small
kk/ru page the QR code opens) and JSON otherwise. Unsigned or unknown ids are 404.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State
from litestar.openapi.spec import OpenAPIMediaType, Operation, RequestBody, Schema
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType
from litestar.params import FromPath

from gateway.dependencies import SharedResources
from gateway.documents.checking import (
    MAX_DOCUMENT_BYTES,
    UnreadableDocumentError,
    verify_off_the_loop,
)
from gateway.documents.page import render_page, render_problem_page
from gateway.documents.trust import intermediate_certificates, trust_anchors
from gateway.problem_titles import TITLES
from gateway.problems import PROBLEM_MAPPERS, BodyTooLarge, Problem, as_problem
from gateway.ratelimit import limit_by_client_address
from registry.documents import documents_to_verify
from registry.settings import Settings
from signing import DocumentReport

HTML = "text/html"


class VerifiedFile(msgspec.Struct, frozen=True, kw_only=True):
    """One stored file of the result and what verifying it now says."""

    id: uuid.UUID
    kind: str
    sha256: str
    report: DocumentReport


class IssuedDocumentReport(msgspec.Struct, frozen=True, kw_only=True):
    """The public verification answer for one issued result."""

    result_id: uuid.UUID
    number: str
    kind: str
    title: dict[str, str]
    issued_on: date | None
    signed_at: datetime | None
    valid: bool  # every stored file verifies TOTAL-PASSED
    documents: list[VerifiedFile]


_DOCUMENT_BYTES = Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)


@dataclass
class RawDocumentUpload(Operation):
    """The operation of ``POST /v1/verify``: its body is the document itself, which Litestar
    cannot infer (the handler reads ``request.body()``, there is no ``data`` parameter)."""

    def __post_init__(self) -> None:
        self.request_body = RequestBody(
            required=True,
            description=f"The signed PDF or XML file itself, at most {MAX_DOCUMENT_BYTES} bytes.",
            content={
                media_type: OpenAPIMediaType(schema=_DOCUMENT_BYTES)
                for media_type in ("application/pdf", "application/xml", "application/octet-stream")
            },
        )


async def _verify(data: bytes, settings: Settings) -> DocumentReport:
    """One document against our anchors and intermediates, fetching within the settings'
    limits (never from a host only the document names), with intake's revocation sources:
    the preloaded CRL files, the URL rewrites to a mirror, and no fetching when offline."""
    policy = settings.verification_policy()
    return await verify_off_the_loop(
        data,
        trust_anchors(settings),
        test_pki=settings.test_pki,
        intermediates=intermediate_certificates(settings),
        limits=policy.fetch,
        threads=settings.verify_threads,
        policy=policy,
    )


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _wants_html(request: Request[Any, Any, State]) -> bool:
    """A browser's Accept lists text/html; a client asking for JSON first gets JSON."""
    accept = request.headers.get("accept", "")
    html, json = accept.find(HTML), accept.find("application/json")
    return html >= 0 and (json < 0 or html < json)


def _problem_for_browsers(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A problem as JSON, or as a page for a browser: a QR code is opened in one, and a phone
    shown ``application/problem+json`` offers to download it."""
    response = as_problem(exc).to_response(request)
    if not _wants_html(request):
        return response
    problem: dict[str, Any] = response.content
    return Response(
        render_problem_page(problem, TITLES[problem["code"]]),
        status_code=response.status_code,
        media_type=HTML,
        headers={**response.headers, "Vary": "Accept"},
    )


class VerifyController(Controller):
    path = "/v1"
    tags = ["verification"]
    guards = [limit_by_client_address]  # anyone may call these, and each costs CPU
    # Problem too: the plugin handles ProblemDetailsException, which comes before
    # HTTPException in a Problem's MRO.
    exception_handlers = dict.fromkeys([Problem, *PROBLEM_MAPPERS], _problem_for_browsers)

    @post(
        "/verify",
        summary="Verify any signed PDF (PAdES) or XML (XAdES) document",
        description=__doc__,
        status_code=200,
        operation_class=RawDocumentUpload,
    )
    async def verify(
        self, request: Request[Any, Any, State], resources: SharedResources
    ) -> DocumentReport:
        # The raw body (Litestar would parse a ``bytes`` data parameter as JSON).
        data = await request.body()
        if len(data) > MAX_DOCUMENT_BYTES:
            raise BodyTooLarge(MAX_DOCUMENT_BYTES)
        if not data:
            raise Problem(422, "document_unreadable", "the request body is empty")
        settings = resources.settings
        try:
            return await _verify(data, settings)
        except UnreadableDocumentError as exc:
            raise Problem(422, "document_unreadable", str(exc)) from exc

    @get(
        "/documents/{document_id:uuid}/verify",
        summary="The public verification page of an issued document (HTML or JSON)",
        description=__doc__,
    )
    async def issued(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        document_id: FromPath[uuid.UUID],
    ) -> Response[IssuedDocumentReport]:
        sessions = resources.sessions
        async with sessions() as session:
            found = await documents_to_verify(session, document_id)
        if found is None or not found[1]:
            raise Problem(404, "not_found", f"no issued document {document_id}")
        result, files = found
        settings = resources.settings
        reports = await asyncio.gather(*(_verify(file.content, settings) for file in files))
        verified = [
            VerifiedFile(id=file.id, kind=file.kind, sha256=file.sha256, report=report)
            for file, report in zip(files, reports, strict=True)
        ]
        document: dict[str, Any] = result.document
        report = IssuedDocumentReport(
            result_id=result.id,
            number=result.number,
            kind=result.kind,
            title={str(k): str(v) for k, v in (document.get("title") or {}).items()},
            issued_on=_date(document.get("issued_on")),
            signed_at=result.signed_at,
            valid=all(file.report.valid for file in verified),
            documents=verified,
        )
        headers = {"Cache-Control": "no-store", "Vary": "Accept"}
        if _wants_html(request):
            page: Response[Any] = Response(render_page(report), media_type=HTML, headers=headers)
            return page
        return Response(report, headers=headers)
