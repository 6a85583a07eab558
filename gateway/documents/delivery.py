"""``/v1/applications/{id}/documents``: the owning partner lists and downloads issued documents.

Another partner's application answers 404, exactly as an unknown one (ids are not secrets,
but whose they are is). Downloads are the stored bytes, byte for byte: the signatures cover
them, so nothing may re-encode them on the way.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get
from litestar.params import FromPath

from gateway.auth import require_scope
from gateway.dependencies import PARTNER_DEPENDENCY, Partner, SharedResources
from gateway.http_cache import none_match
from gateway.problems import Problem
from registry.documents import DocumentView, application_documents, partner_document

EXTENSIONS = {"pdf": "pdf", "xml": "xml"}


def _filename(number: str, kind: str) -> str:
    """ASCII-safe file name from the result number (numbers may hold Cyrillic letters)."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in number)
    return f"{safe or 'document'}.{EXTENSIONS[kind]}"


class DocumentController(Controller):
    path = "/v1/applications/{application_id:uuid}/documents"
    tags = ["documents"]
    dependencies = PARTNER_DEPENDENCY

    @get("/", summary="Signed documents issued for an application", guards=[require_scope("read")])
    async def list_documents(
        self, resources: SharedResources, partner: Partner, application_id: FromPath[uuid.UUID]
    ) -> list[DocumentView]:
        sessions = resources.sessions
        async with sessions() as session:
            documents = await application_documents(session, partner.id, application_id)
        if documents is None:
            raise Problem(404, "not_found", f"no application {application_id} for this partner")
        return documents

    @get(
        "/{document_id:uuid}",
        summary="Download a signed document (PDF with PAdES, XML with XAdES)",
        guards=[require_scope("read")],
        media_type="application/octet-stream",
    )
    async def download(
        self,
        request: Request[Any, Any, Any],
        resources: SharedResources,
        partner: Partner,
        application_id: FromPath[uuid.UUID],
        document_id: FromPath[uuid.UUID],
    ) -> Response[bytes]:
        sessions = resources.sessions
        async with sessions() as session:
            found = await partner_document(session, partner.id, application_id, document_id)
        if found is None:
            raise Problem(404, "not_found", f"no document {document_id} of this application")
        document, result = found
        filename = _filename(result.number, document.kind)
        headers = {
            "Content-Disposition": f'attachment; filename="{filename}"',
            "ETag": f'"{document.sha256}"',
            "Cache-Control": "private, max-age=86400, immutable",
        }
        if none_match(request.headers.get("if-none-match"), headers["ETag"]):
            return Response(b"", status_code=304, headers=headers)
        return Response(document.content, media_type=document.media_type, headers=headers)
