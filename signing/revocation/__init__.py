"""Revocation checking: CRL and OCSP, fetched once, cached everywhere, checked strictly.

Layers, from the network inwards:

* :mod:`.fetch` -- one shared aiohttp session, per-request timeouts, a size cap, and
  single-flight (concurrent requests for the same URL share one download).
* :mod:`.cache` -- a small async Protocol storing raw DER with an expiry, so several gateway
  processes and the worker's CRL cron share one Redis copy; an in-process implementation too.
* :mod:`.crl` / :mod:`.ocsp` -- stores that keep a *parsed* in-process layer over the shared
  cache (the warm path never re-parses), honour nextUpdate, check the OCSP nonce, and
  :func:`refresh_crls` for the worker.
* :mod:`.gather` -- one certificate's CRLs (base and delta) and OCSP answer: the supplied ones
  plus what its distribution points and AIA responder give, through the stores above.
* :mod:`.checker` -- per certificate of a validated path, asks pyhanko-certvalidator's CRL and
  OCSP validators (signature, issuer/responder authorisation, scope, freshness) with the data
  gathered above, consults *both* sources, and lets a revocation in either win.
"""

from signing.revocation.cache import InMemoryRevocationCache, RedisRevocationCache, RevocationCache
from signing.revocation.crl import refresh_crls
from signing.revocation.ocsp import OcspReading, read_ocsp_response

__all__ = [
    "InMemoryRevocationCache",
    "OcspReading",
    "RedisRevocationCache",
    "RevocationCache",
    "read_ocsp_response",
    "refresh_crls",
]
