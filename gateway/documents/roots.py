"""``GET /v1/pki/roots``: the root certificates issued documents chain to (no authentication).

JSON by default (subject, validity, SHA-256 fingerprint and the PEM); with ``Accept:
application/x-pem-file`` (or ``?format=pem``) the concatenated PEM blocks, ready for
``pyhanko sign validate --trust`` or ``xmlsec1 --trusted-pem``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import msgspec
from asn1crypto import pem, x509
from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import FromQuery

from gateway.dependencies import SharedResources
from gateway.documents.trust import published_roots

PEM_MEDIA_TYPE = "application/x-pem-file"


class RootCertificate(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    sha256: str
    not_before: datetime
    not_after: datetime
    pem: str


def _root(cert: x509.Certificate) -> RootCertificate:
    validity = cert["tbs_certificate"]["validity"]
    return RootCertificate(
        subject=cert.subject.human_friendly,
        sha256=hashlib.sha256(cert.dump()).hexdigest(),
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
        pem=pem.armor("CERTIFICATE", cert.dump()).decode("ascii"),
    )


@dataclass
class JsonOrPem(Operation):
    """The 200 is JSON or, asked for, the PEM text: the document lists both (issue 17)."""

    def __post_init__(self) -> None:
        ok = (self.responses or {}).get("200")
        if isinstance(ok, OpenAPIResponse) and ok.content is not None:
            ok.content[PEM_MEDIA_TYPE] = OpenAPIMediaType(
                schema=Schema(type=OpenAPIType.STRING, description="Concatenated PEM blocks")
            )


class PkiController(Controller):
    path = "/v1/pki"
    tags = ["verification"]

    @get(
        "/roots",
        summary="Root certificates issued documents chain to",
        description=__doc__,
        operation_class=JsonOrPem,
    )
    async def roots(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        format: FromQuery[Literal["json", "pem"] | None] = None,
    ) -> Response[list[RootCertificate]]:
        settings = resources.settings
        roots = [_root(cert) for cert in published_roots(settings)]
        headers = {"Cache-Control": "public, max-age=3600"}
        if format == "pem" or (
            format is None and PEM_MEDIA_TYPE in request.headers.get("accept", "")
        ):
            body: Response[Any] = Response(
                "".join(root.pem for root in roots), media_type=PEM_MEDIA_TYPE, headers=headers
            )
            return body
        return Response(roots, headers=headers)
