"""Running the verifiers off the event loop, and telling PDFs from XML documents.

``verify_pdf`` / ``verify_xml`` are coroutines, but most of their time is CPU in pyHanko,
asn1crypto and lxml (PDF parsing, hashing, certificate path building) between short awaits.
Measured on an issued S3 certificate at B-LT (79 kB PDF, 25 kB XML; embedded revocation
data, no fetching), the longest stall of the event loop per verification was 45-58 ms (PDF)
and 32-77 ms (XML) when run inline, and 5-15 ms (the GIL's switch interval) when run on a
worker thread, for about the same wall time (50-85 ms). So each verification runs on a
thread with its own event loop (``asyncio.run``); the gateway's loop only waits. The
verifiers open their own HTTP sessions, so nothing is shared between loops.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from asn1crypto import x509

from signing.pades import DocumentFormatError, verify_pdf
from signing.report import DocumentReport
from signing.xades import verify_xml

Format = Literal["pdf", "xml"]
# A document larger than this is not one of ours; the verifier's work grows with the size.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class UnreadableDocumentError(ValueError):
    """Neither a PDF nor an XML document (or a PDF pyHanko cannot read)."""


def sniff(data: bytes) -> Format:
    """``pdf`` or ``xml`` by the content itself (media types lie: octet-stream, text/plain)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"<"):
        return "xml"
    raise UnreadableDocumentError("the body is neither a PDF nor an XML document")


def _verify_blocking(
    data: bytes, kind: Format, trust: list[x509.Certificate], test_pki: bool
) -> DocumentReport:
    if kind == "pdf":
        return asyncio.run(verify_pdf(data, trust=trust))
    return asyncio.run(verify_xml(data, trust=trust, test_pki=test_pki))


async def verify_document(
    data: bytes, trust: list[x509.Certificate], *, test_pki: bool = False
) -> DocumentReport:
    """The report on a signed PDF or XML; raises :class:`UnreadableDocumentError`."""
    kind = sniff(data)
    try:
        return await asyncio.to_thread(_verify_blocking, data, kind, trust, test_pki)
    except DocumentFormatError as exc:
        raise UnreadableDocumentError(str(exc)) from exc
