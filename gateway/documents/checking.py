"""Running the verifiers off the event loop, and telling PDFs from XML documents.

``verify_pdf`` / ``verify_xml`` are coroutines, but most of their time is CPU in pyHanko,
asn1crypto and lxml (PDF parsing, hashing, certificate path building) between short awaits.
Measured on an issued S3 certificate at B-LT (79 kB PDF, 25 kB XML; embedded revocation
data, no fetching), the longest stall of the event loop per verification was 45-58 ms (PDF)
and 32-77 ms (XML) when run inline, and 5-15 ms (the GIL's switch interval) when run on a
worker thread, for about the same wall time (50-85 ms). So each verification runs on a
thread with its own event loop (``asyncio.run``); the gateway's loop only waits. The
verifiers open their own HTTP sessions, so nothing is shared between loops.

Anyone may call these, so the threads are a pool of ``QAQPA_VERIFY_THREADS`` (further
uploads wait their turn instead of each taking a thread), and each document's fetching is
bounded by ``QAQPA_FETCH_*`` (:class:`signing.revocation.fetch.FetchLimits`): no URL that only
the document names, a few URLs, a few seconds.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from asn1crypto import x509

from signing import (
    DocumentReport,
    FetchLimits,
    UnreadableDocumentError,
    VerificationPolicy,
    verify_document,
)

__all__ = ["MAX_DOCUMENT_BYTES", "UnreadableDocumentError", "verify_off_the_loop"]

# A document larger than this is not one of ours; the verifier's work grows with the size.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@lru_cache(maxsize=4)
def _pool(threads: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="qaqpa-verify")


async def verify_off_the_loop(
    data: bytes,
    trust: list[x509.Certificate],
    *,
    test_pki: bool = False,
    intermediates: Sequence[x509.Certificate] = (),
    limits: FetchLimits | None = None,
    threads: int = 4,
    policy: VerificationPolicy | None = None,
) -> DocumentReport:
    """:func:`signing.documents.verify_document` on one of ``threads`` worker threads with its
    own event loop; raises :class:`UnreadableDocumentError`."""
    context = contextvars.copy_context()

    def run() -> DocumentReport:
        return asyncio.run(
            verify_document(
                data,
                trust,
                test_pki=test_pki,
                intermediates=intermediates,
                limits=limits,
                policy=policy,
            )
        )

    return await asyncio.get_running_loop().run_in_executor(_pool(threads), context.run, run)
