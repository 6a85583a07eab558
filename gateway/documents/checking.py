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

from asn1crypto import x509

from signing.documents import UnreadableDocumentError, verify_document
from signing.report import DocumentReport

__all__ = ["MAX_DOCUMENT_BYTES", "UnreadableDocumentError", "verify_off_the_loop"]

# A document larger than this is not one of ours; the verifier's work grows with the size.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


async def verify_off_the_loop(
    data: bytes, trust: list[x509.Certificate], *, test_pki: bool = False
) -> DocumentReport:
    """:func:`signing.documents.verify_document` on a worker thread with its own event loop;
    raises :class:`UnreadableDocumentError`."""
    return await asyncio.to_thread(
        lambda: asyncio.run(verify_document(data, trust, test_pki=test_pki))
    )
