"""Revocation data for the signer's chain, gathered at signing time for B-LT.

The same stores the verifier uses (:mod:`signing.revocation`) fetch and cache it, so a
worker signing many documents with one officer key downloads the CRL once per nextUpdate and
the OCSP answer once per its validity, not once per document.  Nothing here is judged: the
data is embedded as-is and a verifier checks it against its own trust anchors.  Every
certificate of the chain that has an issuer must end up with at least one CRL or OCSP answer,
otherwise the document would claim B-LT without the data to back it, so that is an error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import x509

from signing.revocation.cache import RevocationCache
from signing.revocation.crl import CrlStore
from signing.revocation.fetch import Fetcher, FetchError
from signing.revocation.gather import distribution_point_urls, http_urls
from signing.revocation.ocsp import OcspStore


class RevocationDataError(Exception):
    """No revocation data could be obtained for a certificate of the chain."""


@dataclass(frozen=True, slots=True)
class RevocationData:
    crls: tuple[bytes, ...]
    ocsps: tuple[bytes, ...]


class RevocationCollector:
    """Fetches CRLs and OCSP answers for chains; share one per process (it caches)."""

    def __init__(self, fetcher: Fetcher, cache: RevocationCache, ocsp_ttl: float = 300.0) -> None:
        self._crls = CrlStore(cache, fetcher)
        self._ocsps = OcspStore(cache, fetcher, ocsp_ttl)

    async def _crl(self, url: str) -> bytes | None:
        try:
            return (await self._crls.get(url)).der
        except FetchError:
            return None

    async def _ocsp(self, cert: x509.Certificate, issuer: x509.Certificate) -> bytes | None:
        urls = http_urls(cert.ocsp_urls)
        if not urls:
            return None
        try:
            return (await self._ocsps.get(cert, issuer.public_key, urls)).der
        except FetchError:
            return None

    async def _one(
        self, cert: x509.Certificate, issuer: x509.Certificate | None, strict: bool
    ) -> tuple[list[bytes], list[bytes]]:
        jobs = [self._crl(url) for url in distribution_point_urls(cert.crl_distribution_points)]
        if issuer is not None:
            jobs.append(self._ocsp(cert, issuer))
        found = await asyncio.gather(*jobs)
        crls = [der for der in found[: len(found) - (issuer is not None)] if der is not None]
        ocsp = found[-1] if issuer is not None else None
        if not crls and ocsp is None and strict:
            raise RevocationDataError(f"no CRL or OCSP answer for {cert.subject.human_friendly}")
        return crls, [ocsp] if ocsp is not None else []

    async def collect(
        self, chain: Sequence[x509.Certificate], *, strict: bool = True
    ) -> RevocationData:
        """CRLs and OCSP answers for every non-self-signed certificate of ``chain``.

        ``strict``: a certificate without any answer is an error (the signer's chain); not
        strict, it is skipped (a TSA's chain, whose certificates often name no CRL or OCSP).
        """
        pending = []
        for index, cert in enumerate(chain):
            if cert.self_signed != "no":
                continue
            issuer = chain[index + 1] if index + 1 < len(chain) else None
            pending.append(self._one(cert, issuer, strict))
        crls: list[bytes] = []
        ocsps: list[bytes] = []
        for found_crls, found_ocsps in await asyncio.gather(*pending):
            crls.extend(c for c in found_crls if c not in crls)
            ocsps.extend(o for o in found_ocsps if o not in ocsps)
        return RevocationData(tuple(crls), tuple(ocsps))
