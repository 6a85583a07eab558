"""Revocation data for the signer's chain, gathered at signing time for B-LT.

The same stores the verifier uses (:mod:`signing.revocation`) fetch and cache it, so a
worker signing many documents with one officer key downloads the CRL once per nextUpdate and
the OCSP answer once per its validity, not once per document.  The operator's preloaded CRLs
and URL rewrites, and offline mode, apply as they do for the verifier
(:class:`~signing.revocation.sources.RevocationSources`).  Nothing here is judged: the data is
embedded as-is and a verifier checks it against its own trust anchors.  Every certificate of
the chain that has an issuer and is no trust anchor must end up with at least one CRL or OCSP
answer, otherwise the document would claim B-LT without the data to back it, so that is an
error.  The XAdES signer and the PAdES DSS (:mod:`signing.pades.dss`) both collect here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import crl, x509

from signing.revocation.cache import RevocationCache
from signing.revocation.crl import CrlStore
from signing.revocation.fetch import Fetcher, FetchError
from signing.revocation.gather import distribution_point_urls, http_urls
from signing.revocation.ocsp import OcspStore
from signing.revocation.preloaded import preloaded_crls
from signing.revocation.sources import RevocationSources
from signing.tokens import read_token, token_certificates


class RevocationDataError(Exception):
    """No revocation data could be obtained for a certificate of the chain."""


@dataclass(frozen=True, slots=True)
class RevocationData:
    crls: tuple[bytes, ...]
    ocsps: tuple[bytes, ...]


def issuer_of(cert: x509.Certificate, pool: Sequence[x509.Certificate]) -> x509.Certificate | None:
    for candidate in pool:
        if candidate.subject == cert.issuer and candidate.dump() != cert.dump():
            return candidate
    return None


def chain_from(first: x509.Certificate, pool: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    """``first`` and its issuers found in ``pool``, up to (not including) a self-signed one."""
    chain = [first]
    while len(chain) < 8:
        issuer = issuer_of(chain[-1], pool)
        if issuer is None or issuer.self_signed != "no" or issuer in chain:
            break
        chain.append(issuer)
    return chain


class RevocationCollector:
    """Fetches CRLs and OCSP answers for chains; share one per process (it caches)."""

    def __init__(
        self,
        fetcher: Fetcher,
        cache: RevocationCache,
        ocsp_ttl: float = 300.0,
        *,
        sources: RevocationSources | None = None,
    ) -> None:
        self._sources = sources or RevocationSources()
        online = None if self._sources.offline else fetcher
        self._crls = CrlStore(cache, online)
        self._ocsps = OcspStore(cache, online, ocsp_ttl)
        # One parse per process (NCA CRLs run to tens of MB), shared with the verifiers.
        self._preloaded = preloaded_crls(self._sources.crl_files)

    def _preloaded_for(self, cert: x509.Certificate) -> list[bytes]:
        """The operator's CRLs issued by ``cert``'s issuer (the verifier reads them too)."""
        found = []
        for der in self._preloaded.current():
            try:
                issuer = crl.CertificateList.load(der).issuer
            except ValueError:
                continue
            if issuer == cert.issuer:
                found.append(der)
        return found

    async def _crl(self, url: str) -> bytes | None:
        try:
            return (await self._crls.get(url)).der
        except FetchError:  # NotCachedError (offline) included
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
        crls = self._preloaded_for(cert)
        for der in found[: len(found) - (issuer is not None)]:
            if der is not None and der not in crls:
                crls.append(der)
        ocsp = found[-1] if issuer is not None else None
        if not crls and ocsp is None and strict:
            raise RevocationDataError(f"no CRL or OCSP answer for {cert.subject.human_friendly}")
        return crls, [ocsp] if ocsp is not None else []

    async def collect(
        self, chain: Sequence[x509.Certificate], *, strict: bool = True
    ) -> RevocationData:
        """CRLs and OCSP answers for every non-self-signed certificate of ``chain`` that is
        no trust anchor (its revocation is nobody's to prove).

        ``strict``: a certificate without any answer is an error (the signer's chain); not
        strict, it is skipped (a TSA's chain, whose certificates often name no CRL or OCSP).
        """
        pending = []
        for index, cert in enumerate(chain):
            if cert.self_signed != "no" or self._sources.is_anchor(cert):
                continue
            issuer = chain[index + 1] if index + 1 < len(chain) else None
            pending.append(self._one(cert, issuer, strict))
        crls: list[bytes] = []
        ocsps: list[bytes] = []
        for found_crls, found_ocsps in await asyncio.gather(*pending):
            crls.extend(c for c in found_crls if c not in crls)
            ocsps.extend(o for o in found_ocsps if o not in ocsps)
        return RevocationData(tuple(crls), tuple(ocsps))

    async def collect_tsa(
        self, token: bytes, chain: Sequence[x509.Certificate]
    ) -> tuple[list[x509.Certificate], RevocationData]:
        """The chain of a timestamp ``token``'s TSA (the token's signer, then its issuers from
        the token and ``chain``) and whatever revocation data it offers (a TSA may publish
        none)."""
        certs = tsa_certificates(token)
        if not certs:
            return [], RevocationData((), ())
        tsa_chain = chain_from(certs[0], [*certs, *chain])
        return tsa_chain, await self.collect(tsa_chain, strict=False)


def tsa_certificates(token: bytes) -> list[x509.Certificate]:
    """The certificates a timestamp token carries, its signer (the TSA's) first."""
    certs = [x509.Certificate.load(der) for der in token_certificates(token)]
    try:
        signer = read_token(token).cms.signer_cert_der
    except ValueError:  # not readable as a token: keep the order the TSA sent
        return certs
    return sorted(certs, key=lambda cert: bytes(cert.dump()) != signer)
