"""pyHanko's fetchers (CRL, OCSP, issuer certificates) over our :class:`Fetcher`.

pyHanko's own aiohttp fetchers follow every URL a certificate in the PDF names, with no cap
on the bytes read.  These go through :class:`signing.revocation.fetch.Fetcher` instead, so a
PDF is verified under the same rules as everything else: pyhanko-certvalidator asks for a
certificate's CRL or OCSP answer only after it has checked that certificate's signature on
a path from our trust anchors (our CA wrote the URL); issuer certificates (caIssuers) are
asked for while the path is unknown, so those go only to an allowed host; and all of it
counts against the verification's budget.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable, Sequence
from typing import TypeAlias

from asn1crypto import cms, crl, ocsp, x509
from pyhanko_certvalidator import errors
from pyhanko_certvalidator.authority import Authority
from pyhanko_certvalidator.fetchers.api import (
    CertificateFetcher,
    CRLFetcher,
    FetcherBackend,
    Fetchers,
    OCSPFetcher,
)
from pyhanko_certvalidator.fetchers.common_utils import (
    format_ocsp_request,
    gather_aia_issuer_urls,
    process_ocsp_response_data,
)
from pyhanko_certvalidator.util import get_ocsp_urls, get_relevant_crl_dps, issuer_serial

from signing.encoding import DecodeError
from signing.revocation.fetch import Fetcher, FetchError
from signing.revocation.gather import distribution_point_urls
from signing.trust import parse_certificates

AnyCert: TypeAlias = x509.Certificate | cms.AttributeCertificateV2


class _Crls(CRLFetcher):
    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        self._by_cert: dict[bytes, list[crl.CertificateList]] = {}

    async def fetch(
        self, cert: AnyCert, *, use_deltas: bool | None = None
    ) -> Iterable[crl.CertificateList]:
        key = issuer_serial(cert)
        if key in self._by_cert:
            return self._by_cert[key]
        found: list[crl.CertificateList] = []
        problems: list[str] = []
        points = get_relevant_crl_dps(cert, use_deltas=use_deltas is not False)
        for url in distribution_point_urls(points):
            try:
                found.append(crl.CertificateList.load(await self._fetcher.get(url)))
            except (FetchError, ValueError) as exc:
                problems.append(str(exc))
        if not found and problems:
            raise errors.CRLFetchError("; ".join(problems))
        self._by_cert[key] = found
        return found

    def fetched_crls(self) -> Iterable[crl.CertificateList]:
        return [item for items in self._by_cert.values() for item in items]

    def fetched_crls_for_cert(self, cert: AnyCert) -> Iterable[crl.CertificateList]:
        return self._by_cert[issuer_serial(cert)]


class _Ocsp(OCSPFetcher):
    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        self._by_cert: dict[bytes, ocsp.OCSPResponse] = {}

    async def fetch(self, cert: AnyCert, authority: Authority) -> ocsp.OCSPResponse:
        key = issuer_serial(cert)
        if key in self._by_cert:
            return self._by_cert[key]
        if not isinstance(cert, x509.Certificate):
            raise errors.OCSPFetchError("OCSP for attribute certificates is not supported")
        request = format_ocsp_request(cert, authority, certid_hash_algo="sha1", request_nonces=True)
        problems: list[str] = []
        for url in get_ocsp_urls(cert):
            try:
                body = await self._fetcher.post(url, request.dump(), "application/ocsp-request")
                response: ocsp.OCSPResponse = process_ocsp_response_data(
                    body, ocsp_request=request, ocsp_url=url
                )
            except (FetchError, errors.OCSPFetchError, errors.OCSPValidationError) as exc:
                problems.append(str(exc))
                continue
            self._by_cert[key] = response
            return response
        raise errors.OCSPFetchError("; ".join(problems) or "no OCSP responder URL")

    def fetched_responses(self) -> Iterable[ocsp.OCSPResponse]:
        return list(self._by_cert.values())

    def fetched_responses_for_cert(self, cert: AnyCert) -> Iterable[ocsp.OCSPResponse]:
        found = self._by_cert.get(issuer_serial(cert))
        return [found] if found is not None else []


class _Issuers(CertificateFetcher):
    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        self._fetched: dict[str, list[x509.Certificate]] = {}

    async def _from(self, urls: Iterable[str]) -> AsyncGenerator[x509.Certificate, None]:
        for url in urls:
            if url not in self._fetched:
                try:
                    data = await self._fetcher.get(url, untrusted=True)
                    self._fetched[url] = parse_certificates(data)
                except (FetchError, DecodeError, ValueError, TypeError):
                    self._fetched[url] = []
            for cert in self._fetched[url]:
                yield cert

    def fetch_cert_issuers(self, cert: AnyCert) -> AsyncGenerator[x509.Certificate, None]:
        return self._from(gather_aia_issuer_urls(cert))

    def fetch_crl_issuers(
        self, certificate_list: crl.CertificateList
    ) -> AsyncGenerator[x509.Certificate, None]:
        urls: Sequence[str] = certificate_list.issuer_cert_urls
        return self._from(urls)

    def fetched_certs(self) -> Iterable[x509.Certificate]:
        return [cert for certs in self._fetched.values() for cert in certs]


class GatedFetcherBackend(FetcherBackend):
    """Fetchers for a pyHanko validation context; the caller owns ``fetcher``."""

    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher

    def get_fetchers(self) -> Fetchers:
        return Fetchers(
            ocsp_fetcher=_Ocsp(self._fetcher),
            crl_fetcher=_Crls(self._fetcher),
            cert_fetcher=_Issuers(self._fetcher),
        )
