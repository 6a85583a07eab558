"""Verifying a signed document of either kind: tell a PDF from XML, then run its verifier.

One place for the gateway (``POST /v1/verify``, the public page) and ``qaqpa document verify``,
so both read the same bytes the same way and give the same report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from asn1crypto import x509

from signing.pades import DocumentFormatError, verify_pdf
from signing.policy import VerificationPolicy
from signing.report import DocumentReport
from signing.revocation.fetch import FetchLimits, fetch_budget
from signing.xades import verify_xml

Format = Literal["pdf", "xml"]


class UnreadableDocumentError(ValueError):
    """Neither a PDF nor an XML document (or a PDF pyHanko cannot read)."""


def sniff(data: bytes) -> Format:
    """``pdf`` or ``xml`` by the content itself (media types lie: octet-stream, text/plain)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"<"):
        return "xml"
    raise UnreadableDocumentError("neither a PDF nor an XML document")


async def verify_document(
    data: bytes,
    trust: list[x509.Certificate],
    *,
    allow_fetching: bool = True,
    test_pki: bool = False,
    intermediates: Sequence[x509.Certificate] = (),
    limits: FetchLimits | None = None,
    policy: VerificationPolicy | None = None,
) -> DocumentReport:
    """The report on a signed PDF or XML; raises :class:`UnreadableDocumentError`.

    Whatever the document names, fetching follows :mod:`signing.revocation.fetch`: CRL and
    OCSP of certificates placed under ``trust``, caIssuers only from the hosts ``trust`` and
    ``intermediates`` name or ``limits`` allows, and at most ``limits``' URLs, bytes and
    seconds for the whole document.  ``policy`` (the deployment's verification policy, as
    intake uses it) adds its revocation sources -- preloaded CRL files, URL rewrites to a
    mirror, ``offline`` -- and its algorithm flags; its anchors are not used, ``trust`` is.
    """
    default = policy.fetch if policy is not None else FetchLimits()
    fetch = limits if limits is not None else default
    with fetch_budget(fetch):
        if sniff(data) == "pdf":
            try:
                return await verify_pdf(
                    data,
                    trust=trust,
                    allow_fetching=allow_fetching,
                    intermediates=intermediates,
                    limits=fetch,
                    policy=policy,
                )
            except DocumentFormatError as exc:
                raise UnreadableDocumentError(str(exc)) from exc
        return await verify_xml(
            data,
            trust=trust,
            allow_fetching=allow_fetching,
            test_pki=test_pki,
            intermediates=intermediates,
            limits=fetch,
            policy=policy,
        )
